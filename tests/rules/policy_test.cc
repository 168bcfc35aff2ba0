#include "rules/policy.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_util.h"

namespace openpact::rules {
namespace {

namespace fs = std::filesystem;

class PolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = CountryRegistry::Load(testing::DataDir() + "/countries.csv");
    ASSERT_TRUE(c.ok());
    countries_ = std::move(*c);
    Reset();
  }
  // A fresh copy of the shipped policy.
  void Reset() {
    fs::remove_all(dir_.path() + "/policy");
    fs::copy(testing::DataDir() + "/policy", dir_.path() + "/policy");
  }
  std::string Policy(const char* file) const { return dir_.path() + "/policy/" + file; }
  void Append(const char* file, const std::string& row) { std::ofstream(Policy(file), std::ios::app) << row << "\n"; }
  Result<rules::Policy> Load() { return rules::Policy::Load(dir_.path() + "/policy", countries_); }

  testing::TempDir dir_;
  CountryRegistry countries_;
};

Date D(const char* s) { return *Date::Parse(s); }

TEST_F(PolicyTest, ShippedPolicyLoadsAndAnswersByDate) {
  auto p = Load();
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_NE(p->version().find("(b2:"), std::string::npos);
  EXPECT_EQ(p->PeriodAt("apr.registration", D("2026-07-01"))->ToString(), "5 days");
  // Nothing of the APR is in force before it applies: a gap, never a guess.
  EXPECT_EQ(p->PeriodAt("apr.registration", D("2026-06-01")).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(p->SafeCountryOfOriginDesignations("MAR", "ITA", D("2026-07-01")).size(), 1u);
  EXPECT_TRUE(p->SafeCountryOfOriginDesignations("MAR", "ITA", D("2026-06-11")).empty());
  EXPECT_TRUE(p->SafeCountryOfOriginDesignations("AFG", "ITA", D("2026-07-01")).empty());
  EXPECT_NE(p->CandidateAt("GEO", D("2026-07-01")), nullptr);
  EXPECT_EQ(p->CandidateExceptionsAt("UKR", D("2026-07-01")).size(), 1u);
  EXPECT_FALSE(p->SettingAt("DNK", "bound_by_apr", D("2026-07-01"), true));
  EXPECT_TRUE(p->SettingAt("ITA", "bound_by_apr", D("2026-07-01"), true));
}

TEST_F(PolicyTest, LatestRateIsTheHighestYearPreferringEurostat) {
  auto p = Load();
  ASSERT_TRUE(p.ok());
  const RecognitionRate* bgd = p->LatestRecognitionRate("BGD", D("2026-07-01"));
  ASSERT_NE(bgd, nullptr);
  EXPECT_EQ(bgd->year, 2025);
  EXPECT_DOUBLE_EQ(*bgd->rate_pct, 3);
  const RecognitionRate* mar = p->LatestRecognitionRate("MAR", D("2026-07-01"));
  ASSERT_NE(mar, nullptr);
  EXPECT_EQ(mar->year, 2024);
  EXPECT_EQ(mar->scope, "EU27");
  EXPECT_FALSE(mar->rate_pct.has_value());
  EXPECT_DOUBLE_EQ(*mar->upper_bound_pct, 7.4);
  EXPECT_EQ(p->LatestRecognitionRate("TUN", D("2026-07-01")), nullptr);
}

TEST_F(PolicyTest, OverlappingPeriodsAreRefusedNamingFileLineAndColumn) {
  Append("parameters.csv", "apr.registration,6 days,2027-01-01,,\"Regulation (EU) 2024/1348, Art. 27(1)\",in_force,");
  auto p = Load();
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(p.status().field().find("policy/parameters.csv:"), std::string::npos) << p.status().ToString();
  EXPECT_NE(p.status().field().find("effective_from"), std::string::npos);
  EXPECT_NE(p.status().message().find("overlaps"), std::string::npos);
}

TEST_F(PolicyTest, ANewValueAfterTheOldOneEndsIsAccepted) {
  // Close the shipped row by rewriting it, then add the new value: the OpenFisca way.
  std::ifstream in(Policy("parameters.csv"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string old_row = "apr.registration,5 days,2026-06-12,,";
  ASSERT_NE(text.find(old_row), std::string::npos);
  text.replace(text.find(old_row), old_row.size(), "apr.registration,5 days,2026-06-12,2027-06-30,");
  std::ofstream(Policy("parameters.csv")) << text;
  Append("parameters.csv", "apr.registration,7 days,2027-07-01,,\"Hypothetical amendment (test)\",proposal,");
  auto p = Load();
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->PeriodAt("apr.registration", D("2027-06-30"))->ToString(), "5 days");
  const Parameter* which = nullptr;
  EXPECT_EQ(p->PeriodAt("apr.registration", D("2027-07-01"), &which)->ToString(), "7 days");
  EXPECT_EQ(which->status, PolicyStatus::kProposal);
}

TEST_F(PolicyTest, MalformedRowsAreRefusedWithTheirField) {
  struct Case {
    const char* file;
    std::string row;
    const char* column;
  } cases[] = {
      {"parameters.csv", "x.period,seven days,2026-06-12,,basis,in_force,", "value"},
      {"parameters.csv", "x.other,5 days,2026-13-01,,basis,in_force,", "effective_from"},
      {"parameters.csv", "x.other2,5 days,2026-06-12,2026-01-01,basis,in_force,", "effective_to"},
      {"parameters.csv", "x.other3,5 days,2026-06-12,,basis,maybe,", "status"},
      {"safe_countries_of_origin.csv", "ZZZ,EU,,2026-06-12,,,,basis,in_force,", "country"},
      {"safe_countries_of_origin.csv", "FRA,EU,,2026-06-12,,,,basis,in_force,", "country"},
      {"safe_countries_of_origin.csv", "SEN,national,NOR,2026-06-12,,,,basis,in_force,", "member_state"},
      {"recognition_rates.csv",
       "SEN,2024,EU27,35,,refugee+subsidiary+humanitarian / all first-instance decisions,2026-06-12,,SRC,reported,",
       "definition"},
      {"recognition_rates.csv", "SEN,2024,EU27,135,,refugee+subsidiary / all first-instance decisions,2026-06-12,,SRC,reported,",
       "rate_pct"},
      {"member_state_settings.csv", "ITA,apply_optional_border_procedure,yes,2026-06-12,,basis,in_force,", "value"},
      {"crisis_recommendations.csv", ",nationals of X,2026-07-01,,basis,in_force,", "reference"},
      {"crisis_recommendations.csv", "REC-1,,2026-07-01,,basis,in_force,", "scope"},
  };
  for (const Case& c : cases) {
    Reset();  // a fresh copy for each row
    Append(c.file, c.row);
    auto p = Load();
    ASSERT_FALSE(p.ok()) << c.row;
    EXPECT_NE(p.status().field().find(std::string(c.file) + ":"), std::string::npos) << p.status().ToString();
    EXPECT_NE(p.status().field().find(std::string("column '") + c.column + "'"), std::string::npos)
        << p.status().ToString();
  }
}

TEST_F(PolicyTest, CrisisRecommendationsAreFoundByReferenceOnTheirDates) {
  Append("crisis_recommendations.csv", "REC-1,\"nationals of X (test)\",2026-08-01,2026-12-31,basis,in_force,");
  Append("crisis_recommendations.csv", "REC-1,\"nationals of X (test)\",2026-12-01,,basis,in_force,");
  EXPECT_FALSE(Load().ok()) << "two rows of one reference overlap";
  Reset();
  Append("crisis_recommendations.csv", "REC-1,\"nationals of X (test)\",2026-08-01,2026-12-31,basis,in_force,");
  auto p = Load();
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->CrisisRecommendationAt("REC-1", D("2026-07-31")), nullptr);
  ASSERT_NE(p->CrisisRecommendationAt("REC-1", D("2026-08-01")), nullptr);
  EXPECT_EQ(p->CrisisRecommendationAt("REC-1", D("2026-08-01"))->scope, "nationals of X (test)");
  EXPECT_EQ(p->CrisisRecommendationAt("REC-1", D("2027-01-01")), nullptr);
  EXPECT_EQ(p->CrisisRecommendationAt("REC-2", D("2026-09-01")), nullptr);
  EXPECT_NE(p->ToJson(D("2026-09-01")).find("\"REC-1\""), std::string::npos);
  EXPECT_EQ(p->Counts().at("crisis_recommendations"), 1u);
}

// Regulation (EU) 2024/1359, Art. 5: a decision's period is three months, extended once by three;
// the measures last twelve months at most in all.
TEST_F(PolicyTest, CrisisDerogationsLastAsLongAsArticle5Allows) {
  const std::string basis = ",\"Council implementing decision (test)\",in_force,";
  struct Case {
    std::vector<std::string> rows;
    bool ok;
    const char* why;
  } cases[] = {
      {{"ITA,crisis_derogation_art_10,1,2026-07-01,2026-12-31" + basis}, true, "six months exactly"},
      {{"ITA,crisis_derogation_art_10,1,2026-07-01,2027-01-01" + basis}, false, "a day over six months"},
      {{"ITA,crisis_derogation_art_11_1,1,2026-07-01," + basis}, false, "no end"},
      {{"ITA,crisis_derogation_art_11_1,0,2026-07-01," + basis}, true, "a row saying no derogation needs no end"},
      {{"ITA,crisis_derogation_art_12,1,2026-07-01,2026-12-31" + basis,
        "ITA,crisis_derogation_art_12,1,2027-01-01,2027-06-30" + basis},
       true, "two decisions back to back, twelve months in all"},
      {{"ITA,crisis_derogation_art_12,1,2026-07-01,2026-12-31" + basis,
        "ITA,crisis_derogation_art_12,1,2027-01-01,2027-06-30" + basis,
        "ITA,crisis_derogation_art_12,1,2027-07-01,2027-07-31" + basis},
       false, "a third month-long decision makes thirteen"},
      {{"ITA,crisis_derogation_art_12,1,2026-07-01,2026-12-31" + basis,
        "ITA,crisis_derogation_art_12,1,2027-01-02,2027-06-30" + basis,
        "ITA,crisis_derogation_art_12,1,2027-07-01,2027-07-31" + basis},
       true, "a day's gap starts a new crisis"},
      {{"ITA,crisis_derogation_art_12,1,2026-07-01,2026-12-31" + basis,
        "FRA,crisis_derogation_art_12,1,2027-01-01,2027-06-30" + basis,
        "ITA,crisis_derogation_art_11_1,1,2027-01-01,2027-06-30" + basis},
       true, "other Member States and derogations do not add up"},
      {{"ITA,crisis_derogation_art_13,1,2026-03-01,2027-06-30" + basis}, true,
       "Art. 13's row is a registration window, not a decision's period"},
  };
  for (const Case& c : cases) {
    Reset();
    for (const std::string& row : c.rows) Append("member_state_settings.csv", row);
    auto p = Load();
    EXPECT_EQ(p.ok(), c.ok) << c.why << ": " << p.status().ToString();
    if (!p.ok()) {
      EXPECT_NE(p.status().field().find("member_state_settings.csv:"), std::string::npos) << c.why;
      EXPECT_NE(p.status().field().find("column 'effective_to'"), std::string::npos) << c.why;
      EXPECT_NE(p.status().message().find("2024/1359, Art. 5"), std::string::npos) << c.why;
    }
  }
}

TEST_F(PolicyTest, ShowListsWhatIsInForceOnTheDate) {
  auto p = Load();
  ASSERT_TRUE(p.ok());
  const std::string now = p->ToJson(D("2026-07-01"));
  EXPECT_NE(now.find("\"MAR\""), std::string::npos);
  EXPECT_NE(now.find("apr.border_procedure"), std::string::npos);
  const std::string before = p->ToJson(D("2026-01-01"));
  EXPECT_EQ(before.find("\"MAR\""), std::string::npos);
  EXPECT_EQ(before.find("apr.border_procedure"), std::string::npos);
}

}  // namespace
}  // namespace openpact::rules
