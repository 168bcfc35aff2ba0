// Every expected value here was computed by hand (a few lines of Python over the shipped CSV
// files, shown in the comments), not by the code under test.
#include "solidarity/solidarity.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace openpact::solidarity {
namespace {

namespace fs = std::filesystem;

struct Fixture {
  rules::RulesData rules;
  ReferenceData ref;
};

const Fixture& Shipped() {
  static const Fixture* f = [] {
    auto r = rules::RulesData::Load(testing::DataDir());
    EXPECT_TRUE(r.ok());
    auto ref = ReferenceData::Load(testing::DataDir(), r->countries);
    EXPECT_TRUE(ref.ok()) << ref.status().ToString();
    return new Fixture{std::move(*r), std::move(*ref)};
  }();
  return *f;
}

const MemberStateShare& Row(const SolidarityReport& r, const std::string& code) {
  for (const auto& m : r.member_states) {
    if (m.code == code) return m;
  }
  static MemberStateShare none;
  ADD_FAILURE() << "no row for " << code;
  return none;
}

TEST(FairShare, MatchesTheHandComputedReferenceKey) {
  // 26 participants (27 minus Denmark). Population 1 Jan 2024: sum 443,245,000; World Bank GDP
  // 2023: sum 18,183,628,136,332 US$.
  // DEU: 0.5 * 83,445,000 / 443,245,000 + 0.5 * 4,525,703,903,628 / 18,183,628,136,332 = 21.857413 %
  //      -> 21,000 x share = 4,590.0567 relocations; EUR 420 m x share = EUR 91,801,133.18
  // MLT: 0.124907 % -> 26.2304 relocations
  auto r = ComputeSolidarity(Shipped().ref, Shipped().rules, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const MemberStateShare& deu = Row(*r, "DEU");
  EXPECT_NEAR(100 * deu.share, 21.857413, 1e-6);
  EXPECT_NEAR(deu.fair_share_relocations, 4590.0567, 1e-3);
  EXPECT_NEAR(deu.fair_share_eur, 91801133.18, 0.01);
  EXPECT_NEAR(Row(*r, "MLT").fair_share_relocations, 26.2304, 1e-3);
  EXPECT_NEAR(100 * Row(*r, "ITA").share, 12.981258, 1e-6);
  // Denmark takes no part (AMMR recital 90); Ireland's part is uncertain and shown as such.
  EXPECT_FALSE(Row(*r, "DNK").takes_part);
  EXPECT_EQ(Row(*r, "DNK").fair_share_relocations, 0);
  EXPECT_EQ(Row(*r, "IRL").participation_status, "uncertain");
  EXPECT_NEAR(100 * Row(*r, "IRL").share, 2.118989, 1e-6);
  double total = 0;
  for (const auto& m : r->member_states) total += m.share;
  EXPECT_NEAR(total, 1.0, 1e-12);
  // Roles from the 2025 pressure decision.
  EXPECT_EQ(Row(*r, "ITA").role, "beneficiary");
  EXPECT_EQ(Row(*r, "POL").role, "may_request_deduction");
  EXPECT_EQ(Row(*r, "DEU").role, "contributor");
  EXPECT_EQ(Row(*r, "GRC").pressure, "under_migratory_pressure");
  // The report names its GDP series and what it lacked.
  EXPECT_NE(r->gdp_series.find("World Bank"), std::string::npos);
  EXPECT_NE(r->gdp_series.find("proxy"), std::string::npos);
  bool pledges_missing = false;
  for (const auto& m : r->missing_inputs) pledges_missing |= m.find("pledges") != std::string::npos;
  EXPECT_TRUE(pledges_missing);
  EXPECT_EQ(r->offsets, "not computable: pledges are missing");
}

TEST(FairShare, JsonCarriesTheContractFields) {
  auto r = ComputeSolidarity(Shipped().ref, Shipped().rules, {});
  ASSERT_TRUE(r.ok());
  auto j = nlohmann::json::parse(SolidarityToJson(*r));
  ASSERT_TRUE(j["member_states"].is_array());
  bool found = false;
  for (const auto& m : j["member_states"]) {
    if (m["code"] == "DEU") {
      found = true;
      EXPECT_NEAR(m["fair_share_pct"].get<double>(), 21.857413, 1e-6);
    }
  }
  EXPECT_TRUE(found);
  const std::string csv = SolidarityToCsv(*r);
  EXPECT_EQ(csv.rfind("code,name,", 0), 0u);
  EXPECT_NE(csv.find("DEU,\"Germany\",1,in_force,83445000,"), std::string::npos);
}

TEST(FairShare, PledgesGiveTheirShareAndTheOffsetTest) {
  SolidarityOptions o;
  o.pledges["DEU"] = Pledge{1000, 0, 0};                // EUR 20 m of a fair share worth 4,590.0567 x 20,000
  o.pledges["FRA"] = Pledge{0, 10'000'000, 5'000'000};
  auto r = ComputeSolidarity(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(*Row(*r, "DEU").pledge_pct_of_fair_share, 100.0 * 20'000'000 / (4590.0567 * 20000), 1e-3);
  EXPECT_EQ(*r->pledged_relocations_total, 1000);
  // 1,000 relocations is below 30,000 and below 60 % of 21,000 (12,600): Art. 63(3) offsets.
  EXPECT_NE(r->offsets.find("mandatory offsets"), std::string::npos) << r->offsets;
  EXPECT_NE(r->offsets.find("12600"), std::string::npos) << r->offsets;
}

TEST(FairShare, AMissingFigureIsReportedNotFilled) {
  testing::TempDir dir;
  fs::copy(testing::DataDir(), dir.path() + "/data", fs::copy_options::recursive);
  // Blank Germany's GDP.
  const std::string gdp = dir.path() + "/data/reference/gdp.csv";
  std::ifstream in(gdp);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string value = "4525703903628";
  ASSERT_NE(text.find(value), std::string::npos);
  text.replace(text.find(value), value.size(), "");
  std::ofstream(gdp) << text;
  auto ref = ReferenceData::Load(dir.path() + "/data", Shipped().rules.countries);
  ASSERT_TRUE(ref.ok());
  auto r = ComputeSolidarity(*ref, Shipped().rules, {});
  ASSERT_TRUE(r.ok());
  EXPECT_NE(std::find(r->missing_inputs.begin(), r->missing_inputs.end(), "GDP of Germany"), r->missing_inputs.end());
  EXPECT_EQ(Row(*r, "DEU").share, 0);
  EXPECT_EQ(Row(*r, "FRA").share, 0);  // no partial key: every share would be wrong
}

TEST(FairShare, AYearWithoutAPoolIsRefused) {
  SolidarityOptions o;
  o.year = 2031;
  auto r = ComputeSolidarity(Shipped().ref, Shipped().rules, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "--year");
}

TEST(Pledges, BadRowsNameLineAndColumn) {
  testing::TempDir dir;
  std::ofstream(dir.File("p.csv")) << "member_state,relocations,financial_eur,alternative_eur\nDEU,10,,\nXYZ,1,0,0\n";
  auto p = LoadPledges(dir.File("p.csv"), Shipped().rules.countries);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().field().find(":3: column 'member_state'"), std::string::npos) << p.status().ToString();
  std::ofstream(dir.File("q.csv")) << "member_state,relocations,financial_eur,alternative_eur\nDEU,-5,0,0\n";
  EXPECT_NE(LoadPledges(dir.File("q.csv"), Shipped().rules.countries).status().field().find("relocations"),
            std::string::npos);
  // What strtod takes but no amount is (NaN compared false with "< 0" and passed), and half people.
  for (const char* row : {"DEU,nan,0,0", "DEU,0,inf,0", "DEU,0,0,1e400", "DEU,2.5,0,0"}) {
    std::ofstream(dir.File("r.csv")) << "member_state,relocations,financial_eur,alternative_eur\n" << row << "\n";
    auto r = LoadPledges(dir.File("r.csv"), Shipped().rules.countries);
    ASSERT_FALSE(r.ok()) << row;
    EXPECT_NE(r.status().field().find(":2: column"), std::string::npos) << row << ": " << r.status().ToString();
  }
  std::ofstream(dir.File("s.csv")) << "member_state,relocations,financial_eur,alternative_eur\nDEU,25,1.5e6,0\n";
  auto fine = LoadPledges(dir.File("s.csv"), Shipped().rules.countries);
  ASSERT_TRUE(fine.ok()) << fine.status().ToString();
  EXPECT_EQ(fine->at("DEU").financial_eur, 1.5e6);
}

TEST(Capacity, PublishedFiguresAndTheAnnualMaximumByDate) {
  auto at = [](const char* d) {
    auto r = ComputeCapacity(Shipped().ref, Shipped().rules, *Date::Parse(d));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return *r;
  };
  // Italy 8,016 places: the annual maximum is 2x, 3x, 4x capacity (APR Art. 47(1)).
  for (auto [date, expected] : {std::pair{"2026-07-01", 16032.0}, std::pair{"2027-06-12", 16032.0},
                                std::pair{"2027-06-13", 24048.0}, std::pair{"2028-07-01", 32064.0}}) {
    CapacityReport r = at(date);
    for (const auto& row : r.member_states) {
      if (row.code == "ITA") {
        EXPECT_EQ(*row.published_capacity, 8016);
        EXPECT_EQ(*row.annual_maximum_at_date, expected) << date;
        EXPECT_FALSE(row.computed_capacity.has_value());  // crossings and SAR arrivals are missing
        EXPECT_NE(row.check.find("2 x capacity"), std::string::npos);
      }
      if (row.code == "DEU") {
        EXPECT_FALSE(row.published_capacity.has_value());
        EXPECT_EQ(*row.refusals_2021_2023, 16425);
      }
    }
  }
  CapacityReport r = at("2026-07-01");
  EXPECT_EQ(r.union_capacity, 30000);
  EXPECT_EQ(r.missing_inputs.size(), 2u);
  EXPECT_FALSE(ComputeCapacity(Shipped().ref, Shipped().rules, *Date::Parse("2025-01-01")).ok());
}

}  // namespace
}  // namespace openpact::solidarity
