// Every expected value here was computed by hand (a few lines of Python over the shipped CSV
// files, shown in the comments), not by the code under test.
#include "solidarity/solidarity.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
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
  o.pledges["DEU"] = Pledge{1000, 0, 0, {}, {}};              // EUR 20 m of a fair share worth 4,590.0567 x 20,000
  o.pledges["FRA"] = Pledge{0, 10'000'000, 5'000'000, {}, {}};
  auto r = ComputeSolidarity(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(*Row(*r, "DEU").pledge_pct_of_fair_share, 100.0 * 20'000'000 / (4590.0567 * 20000), 1e-3);
  EXPECT_EQ(*r->pledged_relocations_total, 1000);
  // 1,000 relocations is below 30,000 and below 60 % of 21,000 (12,600): Art. 63(3) offsets.
  EXPECT_NE(r->offsets.find("mandatory offsets"), std::string::npos) << r->offsets;
  EXPECT_NE(r->offsets.find("12600"), std::string::npos) << r->offsets;
  // Due: the higher number (30,000) less the 1,000 pledged relocations; each contributor capped at
  // its fair share (Art. 63(7)) in the two readings: Germany pledged relocations only, so both are
  // 4,590.0567 - 1,000; France's EUR 15 m count as 750 relocations in the value reading only.
  EXPECT_EQ(*r->offsets_due, 29000);
  EXPECT_NEAR(*Row(*r, "DEU").offset_cap_relocations_only, 3590.0567, 1e-3);
  EXPECT_NEAR(*Row(*r, "DEU").offset_cap_all_pledges, 3590.0567, 1e-3);
  EXPECT_NEAR(*Row(*r, "FRA").offset_cap_relocations_only - *Row(*r, "FRA").offset_cap_all_pledges, 750, 1e-6);
  EXPECT_NEAR(*Row(*r, "FRA").offset_cap_relocations_only, Row(*r, "FRA").fair_share_relocations, 1e-9);
  EXPECT_FALSE(Row(*r, "ESP").offset_cap_relocations_only);  // no pledge given
  EXPECT_TRUE(std::any_of(r->notes.begin(), r->notes.end(), [](const std::string& n) {
    return n.find("offsets due 29000") != std::string::npos && n.find("leaves open") != std::string::npos;
  }));
  // A beneficiary's pledge gives it no cap: it does not contribute.
  o.pledges["ITA"] = Pledge{0, 0, 0, {}, {}};
  r = ComputeSolidarity(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(Row(*r, "ITA").offset_cap_relocations_only);
}

// AMMR Art. 63(1)-(2): relocation pledges reaching half the 30,000 relocations of the Commission's
// proposal (15,000) let a beneficiary ask for offsets instead of relocations and any contributor
// offer them; below it, a contributor may offer them only having pledged half its fair share as
// relocations: Germany's 4,590.0567 / 2 = 2,295.03 (after a 590 deduction under Crisis Reg. Art.
// 9(4)(a), 4,000.0567 / 2 = 2,000.03).
TEST(FairShare, OffsetsMayReplaceRelocationsAboveHalfTheProposal) {
  auto report = [](std::map<std::string, Pledge> pledges, std::map<std::string, CrisisDeduction> deductions = {}) {
    SolidarityOptions o;
    o.pledges = std::move(pledges);
    o.crisis_deductions = std::move(deductions);
    auto r = ComputeSolidarity(Shipped().ref, Shipped().rules, o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return *r;
  };
  SolidarityReport r = report({{"DEU", Pledge{2300, 0, 0, {}, {}}}, {"FRA", Pledge{100, 0, 0, {}, {}}}, {"ITA", Pledge{}}});
  EXPECT_EQ(r.voluntary_offsets_threshold_reached, false);
  EXPECT_NE(r.voluntary_offsets.find("are below 50 % of the 30000 relocations"), std::string::npos) << r.voluntary_offsets;
  EXPECT_NE(r.voluntary_offsets.find("Art. 63(2)(b)"), std::string::npos);
  EXPECT_EQ(Row(r, "DEU").may_offer_offsets, true);
  EXPECT_EQ(Row(r, "FRA").may_offer_offsets, false);
  EXPECT_FALSE(Row(r, "ITA").may_offer_offsets);  // a beneficiary does not contribute
  EXPECT_FALSE(Row(r, "ESP").may_offer_offsets);  // no pledge given
  r = report({{"DEU", Pledge{2290, 0, 0, {}, {}}}});
  EXPECT_EQ(Row(r, "DEU").may_offer_offsets, false);
  r = report({{"DEU", Pledge{2100, 0, 0, {}, {}}}}, {{"DEU", CrisisDeduction{590, "act (synthetic)"}}});
  EXPECT_EQ(Row(r, "DEU").may_offer_offsets, true);
  r = report({{"DEU", Pledge{15000, 0, 0, {}, {}}}, {"FRA", Pledge{100, 0, 0, {}, {}}}});
  EXPECT_EQ(r.voluntary_offsets_threshold_reached, true);
  EXPECT_NE(r.voluntary_offsets.find("Art. 63(1)"), std::string::npos);
  EXPECT_EQ(Row(r, "FRA").may_offer_offsets, true);
  const auto j = nlohmann::json::parse(SolidarityToJson(r));
  EXPECT_EQ(j["voluntary_offsets"], r.voluntary_offsets);
  EXPECT_EQ(report({}).voluntary_offsets, "not computable: pledges are missing");
}

// AMMR Art. 63(4): pledges of 33,000 reach both numbers of 63(3) (30,000 and 12,600), but Italy, a
// beneficiary, need not implement its 5,000: the 28,000 to implement fall below 30,000 and the
// offsets apply, 2,000 of them. Without Italy's pledge, 28,000 are pledged: 63(3) itself, 2,000 too.
TEST(FairShare, CommitmentsTheBeneficiariesNeedNotImplementTriggerOffsets) {
  SolidarityOptions o;
  o.pledges["DEU"] = Pledge{28000, 0, 0, {}, {}};
  o.pledges["ITA"] = Pledge{5000, 0, 0, {}, {}};
  auto r = ComputeSolidarity(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r->pledged_relocations_total, 33000);
  ASSERT_TRUE(r->offsets_due);
  EXPECT_EQ(*r->offsets_due, 2000);
  EXPECT_NE(r->offsets.find("triggered by Art. 63(4)"), std::string::npos) << r->offsets;
  EXPECT_TRUE(std::any_of(r->notes.begin(), r->notes.end(), [](const std::string& n) {
    return n.find("beneficiaries' pledged relocations (5000)") != std::string::npos;
  }));
  o.pledges.erase("ITA");
  r = ComputeSolidarity(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r->offsets_due, 2000);
  EXPECT_EQ(r->offsets.find("Art. 63(4)"), std::string::npos) << r->offsets;
  o.pledges["DEU"] = Pledge{30000, 0, 0, {}, {}};
  r = ComputeSolidarity(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->offsets_due);
  EXPECT_NE(r->offsets.find("not triggered"), std::string::npos);
  // A reduction of 1,000 granted to Germany under Art. 61 or 62: 29,000 to implement, 1,000 offsets.
  o.pledges["DEU"].relocations_reduced = 1000;
  r = ComputeSolidarity(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->offsets_due);
  EXPECT_EQ(*r->offsets_due, 1000);
  EXPECT_NE(r->offsets.find("triggered by Art. 63(4)"), std::string::npos) << r->offsets;
  EXPECT_TRUE(std::any_of(r->notes.begin(), r->notes.end(), [](const std::string& n) {
    return n.find("reductions granted under Arts. 61-62 (1000 pledged relocations") != std::string::npos;
  }));
  o.pledges["DEU"].relocations_reduced = 30001;  // more than pledged
  EXPECT_EQ(ComputeSolidarity(Shipped().ref, Shipped().rules, o).status().field(), "pledges.DEU.relocations_reduced");
  testing::TempDir dir;
  std::ofstream(dir.File("p.csv")) << "member_state,relocations,relocations_reduced\nDEU,300,200\nFRA,100,101\n";
  auto bad = LoadPledges(dir.File("p.csv"), Shipped().rules.countries);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().field().find(":3: column 'relocations_reduced'"), std::string::npos) << bad.status().ToString();
  std::ofstream(dir.File("q.csv")) << "member_state,relocations,relocations_reduced\nDEU,300,200\nFRA,100,\n";
  auto fine = LoadPledges(dir.File("q.csv"), Shipped().rules.countries);
  ASSERT_TRUE(fine.ok()) << fine.status().ToString();
  EXPECT_EQ(*fine->at("DEU").relocations_reduced, 200);
  EXPECT_FALSE(fine->at("FRA").relocations_reduced);
}

TEST(FairShare, PledgedRelocationsNotCarriedOutAreOffsetsOnRequest) {
  // AMMR Art. 63(5): Germany pledged 1,000 and accepted 600 -> 400 on request; France pledged 200
  // and accepted 250 -> none; Spain's acceptances are not given.
  SolidarityOptions o;
  o.pledges["DEU"] = Pledge{1000, 0, 0, 600, {}};
  o.pledges["FRA"] = Pledge{200, 0, 0, 250, {}};
  o.pledges["ESP"] = Pledge{300, 0, 0, std::nullopt, {}};
  auto r = ComputeSolidarity(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*Row(*r, "DEU").unexecuted_relocations, 400);
  EXPECT_EQ(*Row(*r, "FRA").unexecuted_relocations, 0);
  EXPECT_FALSE(Row(*r, "ESP").unexecuted_relocations);
  EXPECT_NE(r->year_end_offsets.find("Art. 63(5)): Germany 400 (pledged 1000)"), std::string::npos) << r->year_end_offsets;
  // The reading of an unclear text is said, with the literal cap beside it.
  EXPECT_TRUE(std::any_of(r->notes.begin(), r->notes.end(),
                          [](const std::string& n) { return n.find("Art. 63(5)") != std::string::npos &&
                                                            n.find("unclear") != std::string::npos; }));
  EXPECT_EQ(r->year_end_offsets.find("France"), std::string::npos) << r->year_end_offsets;
  auto j = nlohmann::json::parse(SolidarityToJson(*r));
  for (const auto& m : j["member_states"]) {
    if (m["code"] == "DEU") {
      EXPECT_EQ(m["pledge"]["unexecuted_relocations"], 400);
    }
    if (m["code"] == "ESP") {
      EXPECT_TRUE(m["pledge"]["unexecuted_relocations"].is_null());
    }
  }
  EXPECT_NE(SolidarityToCsv(*r).find(",1000,0,0,600,400,"), std::string::npos);
  // No acceptances at all: not computable, and said so.
  o.pledges["DEU"].relocations_accepted.reset();
  o.pledges["FRA"].relocations_accepted.reset();
  r = ComputeSolidarity(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->year_end_offsets.rfind("not computable", 0), 0u) << r->year_end_offsets;
  // The column is read from a pledges file, and a bad value names line and column.
  testing::TempDir dir;
  std::ofstream(dir.File("p.csv")) << "member_state,relocations,relocations_accepted\nDEU,1000,600\nFRA,200,\n";
  auto p = LoadPledges(dir.File("p.csv"), Shipped().rules.countries);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(*p->at("DEU").relocations_accepted, 600);
  EXPECT_FALSE(p->at("FRA").relocations_accepted);
  std::ofstream(dir.File("q.csv")) << "member_state,relocations,relocations_accepted\nDEU,1000,6.5\n";
  auto q = LoadPledges(dir.File("q.csv"), Shipped().rules.countries);
  ASSERT_FALSE(q.ok());
  EXPECT_NE(q.status().field().find(":2: column 'relocations_accepted'"), std::string::npos) << q.status().ToString();
}

// The shipped reference data with Germany's GDP blanked, as a source that lacks a figure.
ReferenceData WithoutGermanysGdp() {
  testing::TempDir dir;
  fs::copy(testing::DataDir(), dir.path() + "/data", fs::copy_options::recursive);
  const std::string gdp = dir.path() + "/data/reference/gdp.csv";
  std::ifstream in(gdp);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string value = "4525703903628";
  EXPECT_NE(text.find(value), std::string::npos);
  if (text.find(value) != std::string::npos) text.replace(text.find(value), value.size(), "");
  std::ofstream(gdp) << text;
  auto ref = ReferenceData::Load(dir.path() + "/data", Shipped().rules.countries);
  EXPECT_TRUE(ref.ok()) << ref.status().ToString();
  return ref.ok() ? std::move(*ref) : ReferenceData();
}

TEST(FairShare, AMissingFigureIsReportedNotFilled) {
  const ReferenceData ref = WithoutGermanysGdp();
  auto r = ComputeSolidarity(ref, Shipped().rules, {});
  ASSERT_TRUE(r.ok());
  EXPECT_NE(std::find(r->missing_inputs.begin(), r->missing_inputs.end(), "GDP of Germany"), r->missing_inputs.end());
  EXPECT_FALSE(r->key_complete());
  EXPECT_EQ(r->key_missing_inputs, std::vector<std::string>{"GDP of Germany"});
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

TEST(Pledges, AFileOfRelocationsOnlyIsACommitmentsFile) {
  testing::TempDir dir;
  std::ofstream(dir.File("c.csv")) << "member_state,relocations\nDEU,3000\nMLT,100\n";
  auto c = LoadPledges(dir.File("c.csv"), Shipped().rules.countries);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->at("DEU").relocations, 3000);
  EXPECT_EQ(c->at("DEU").financial_eur, 0);
  std::ofstream(dir.File("d.csv")) << "member_state,financial_eur\nDEU,3000\n";
  EXPECT_NE(LoadPledges(dir.File("d.csv"), Shipped().rules.countries).status().message().find("relocations"),
            std::string::npos);
}

// Crisis Reg. Art. 9(4)(a): applications a State took above its fair share in a crisis come off its
// fair share in a later annual cycle, as the Commission authorised (Art. 9(5)). Germany's fair share
// of 4,590.0567 relocations less 590 is 4,000.0567; its financial part falls in the same proportion:
// the 2026 pool's EUR 420 m over 21,000 relocations is EUR 20,000 each, so 4,000.0567 x 20,000 =
// EUR 80,001,134. Its pledge of 1,000 relocations is then 1,000 / 4,000.0567 = 24.99965 % of it,
// and its offset cap 3,000.0567. Malta's 26.2304 cannot absorb 40: 0 now, 13.7696 left.
TEST(FairShare, ACrisisDeductionReducesTheFairShareItIsMeasuredAgainst) {
  SolidarityOptions o;
  o.pledges["DEU"] = Pledge{1000, 0, 0, {}, {}};
  o.crisis_deductions["DEU"] = CrisisDeduction{590, "Commission Implementing Decision (EU) 2027/1 (synthetic)"};
  o.crisis_deductions["MLT"] = CrisisDeduction{40, "Commission Implementing Decision (EU) 2027/2 (synthetic)"};
  o.crisis_deductions["DNK"] = CrisisDeduction{10, "Commission Implementing Decision (EU) 2027/3 (synthetic)"};
  auto r = ComputeSolidarity(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const MemberStateShare& deu = Row(*r, "DEU");
  EXPECT_NEAR(deu.fair_share_relocations, 4590.0567, 1e-3);  // the key's figure is kept
  EXPECT_NEAR(*deu.fair_share_relocations_after_deduction, 4000.0567, 1e-3);
  EXPECT_NEAR(*deu.fair_share_eur_after_deduction, 80001134, 1);
  EXPECT_EQ(*deu.deduction_left_for_later_cycles, 0);
  EXPECT_NEAR(*deu.pledge_pct_of_fair_share, 24.99965, 1e-4);
  EXPECT_NEAR(*deu.offset_cap_relocations_only, 3000.0567, 1e-3);
  const MemberStateShare& mlt = Row(*r, "MLT");
  EXPECT_EQ(*mlt.fair_share_relocations_after_deduction, 0);
  EXPECT_NEAR(*mlt.deduction_left_for_later_cycles, 13.7696, 1e-3);
  EXPECT_FALSE(Row(*r, "DNK").fair_share_relocations_after_deduction);  // takes no part: nothing to reduce
  EXPECT_FALSE(Row(*r, "FRA").crisis_deduction);
  auto noted = [&](const std::string& a, const std::string& b) {
    return std::any_of(r->notes.begin(), r->notes.end(), [&](const std::string& n) {
      return n.find(a) != std::string::npos && n.find(b) != std::string::npos;
    });
  };
  EXPECT_TRUE(noted("Germany's fair share is reduced by 590", "2027/1 (synthetic)"));
  EXPECT_TRUE(noted("Malta", "left for later cycles"));
  EXPECT_TRUE(noted("Denmark takes no part", "9(4)(a)"));
  const auto j = nlohmann::json::parse(SolidarityToJson(*r));
  for (const auto& m : j["member_states"]) {
    if (m["code"] != "DEU") continue;
    EXPECT_EQ(m["crisis_deduction"]["legal_basis"], "Regulation (EU) 2024/1359, Art. 9(4)(a), 9(5)");
    EXPECT_NEAR(m["crisis_deduction"]["fair_share_relocations_after"].get<double>(), 4000.0567, 1e-3);
  }
  EXPECT_NE(SolidarityToCsv(*r).find(",590,4000.1\n"), std::string::npos);

  // Not a deduction: refused naming the member, whichever way it came.
  for (const auto& [d, field] : std::vector<std::pair<CrisisDeduction, std::string>>{
           {{0, "act"}, "crisis_deductions.DEU.applications"},
           {{2.5, "act"}, "crisis_deductions.DEU.applications"},
           {{std::nan(""), "act"}, "crisis_deductions.DEU.applications"},
           {{5, ""}, "crisis_deductions.DEU.authorised_by"},
           {{5, "line one\nline two"}, "crisis_deductions.DEU.authorised_by"}}) {
    SolidarityOptions bad;
    bad.crisis_deductions["DEU"] = d;
    EXPECT_EQ(ComputeSolidarity(Shipped().ref, Shipped().rules, bad).status().field(), field);
  }
  SolidarityOptions unknown;
  unknown.crisis_deductions["XYZ"] = CrisisDeduction{5, "act"};
  EXPECT_EQ(ComputeSolidarity(Shipped().ref, Shipped().rules, unknown).status().field(), "crisis_deductions");
}

TEST(FairShare, CrisisDeductionsComeFromAFileOrARequestBody) {
  testing::TempDir dir;
  std::ofstream(dir.File("d.csv")) << "member_state,applications,authorised_by\nDEU,590,\"Decision 2027/1, Art. 1\"\n";
  auto d = LoadCrisisDeductions(dir.File("d.csv"), Shipped().rules.countries);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->at("DEU").applications, 590);
  EXPECT_EQ(d->at("DEU").authorised_by, "Decision 2027/1, Art. 1");
  for (const auto& [row, column] : std::vector<std::pair<std::string, std::string>>{
           {"XYZ,5,act", "member_state"}, {"DEU,five,act", "applications"}, {"DEU,,act", "applications"},
           {"DEU,2.5,act", "applications"}, {"DEU,5,", "authorised_by"}}) {
    std::ofstream(dir.File("e.csv")) << "member_state,applications,authorised_by\n" << row << "\n";
    auto e = LoadCrisisDeductions(dir.File("e.csv"), Shipped().rules.countries);
    ASSERT_FALSE(e.ok()) << row;
    EXPECT_NE(e.status().field().find(":2: column '" + column + "'"), std::string::npos) << e.status().ToString();
  }
  std::ofstream(dir.File("f.csv")) << "member_state,applications,authorised_by\nDEU,5,a\nDEU,6,b\n";
  EXPECT_NE(LoadCrisisDeductions(dir.File("f.csv"), Shipped().rules.countries).status().message().find("second"),
            std::string::npos);

  auto o = SolidarityOptionsFromJson(R"({"crisis_deductions": {"DEU": {"applications": 590, "authorised_by": "act"}}})");
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->crisis_deductions.at("DEU").applications, 590);
  for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"crisis_deductions": [1]})", "crisis_deductions"},
           {R"({"crisis_deductions": {"DEU": 5}})", "crisis_deductions.DEU"},
           {R"({"crisis_deductions": {"DEU": {"applications": "5", "authorised_by": "act"}}})",
            "crisis_deductions.DEU.applications"},
           {R"({"crisis_deductions": {"DEU": {"applications": 5}}})", "crisis_deductions.DEU.authorised_by"},
           {R"({"crisis_deductions": {"DEU": {"applications": 5, "authorised_by": "act", "why": 1}}})",
            "crisis_deductions.DEU.why"}}) {
    EXPECT_EQ(SolidarityOptionsFromJson(body).status().field(), field) << body;
  }
}

// AMMR Arts. 63(1)-(2), 63(7), 69: Italy (a beneficiary) asks Germany for 500 offsets. Germany's
// fair share is 4,590.0567 relocations; a pledge of 2,300 is at least half of it (63(2)(b)): with
// its offer the request may be made, without one it is undetermined; its cap is 4,590.0567 - 2,300
// = 2,290.06 (63(7)). Received on Tuesday 1 September 2026, the answer is due 30 days on: Thursday 1
// October. Pledges of 15,000 reach half the 30,000 of the proposal (63(1)): any request may be made,
// but Germany is then held to none above its fair share.
TEST(OffsetRequest, AsksWithinArticle63AndIsAnsweredIn30Days) {
  OffsetRequestOptions o;
  o.requesting = "ITA";
  o.requested = "DEU";
  o.applications = 500;
  o.received_on = *Date::Parse("2026-09-01");
  o.pledges["DEU"] = Pledge{2300, 0, 0, {}, {}};
  o.offered = true;
  auto r = ComputeOffsetRequest(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->allowed, "yes");
  EXPECT_EQ(r->threshold_reached, false);
  EXPECT_EQ(r->requested_may_offer, true);
  EXPECT_NEAR(*r->requested_offset_cap, 2290.0567, 1e-3);
  EXPECT_EQ(r->reply_due->ToString(), "2026-10-01");
  EXPECT_EQ(r->requesting_role, "beneficiary");
  o.offered = false;
  EXPECT_EQ(ComputeOffsetRequest(Shipped().ref, Shipped().rules, o)->allowed, "undetermined");
  o.pledges["DEU"] = Pledge{1000, 0, 0, {}, {}};
  EXPECT_EQ(ComputeOffsetRequest(Shipped().ref, Shipped().rules, o)->allowed, "no");
  o.pledges["DEU"] = Pledge{15000, 0, 0, {}, {}};
  o.applications = 20000;
  r = ComputeOffsetRequest(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->allowed, "yes");
  EXPECT_EQ(r->threshold_reached, true);
  EXPECT_EQ(*r->requested_offset_cap, 0);
  EXPECT_TRUE(std::any_of(r->findings.begin(), r->findings.end(), [](const CrisisOffsetFinding& f) {
    return f.legal_basis == "Regulation (EU) 2024/1351, Art. 63(7)";
  }));
  const auto j = nlohmann::json::parse(OffsetRequestToJson(*r));
  EXPECT_EQ(j["reply_due"], "2026-10-01");
  EXPECT_EQ(j["requested"]["role"], "contributor");
  o.pledges.clear();
  EXPECT_EQ(ComputeOffsetRequest(Shipped().ref, Shipped().rules, o)->allowed, "undetermined");
  // A State not found under pressure asks only as a beneficiary it may have become (Art. 59(4));
  // a beneficiary is not asked.
  OffsetRequestOptions other = o;
  other.pledges["DEU"] = Pledge{15000, 0, 0, {}, {}};
  other.requesting = "FRA";
  EXPECT_EQ(ComputeOffsetRequest(Shipped().ref, Shipped().rules, other)->allowed, "undetermined");
  other.requesting = "DEU";
  other.requested = "GRC";
  EXPECT_EQ(ComputeOffsetRequest(Shipped().ref, Shipped().rules, other)->allowed, "no");
  // Bad input is refused naming the field.
  auto field = [&](OffsetRequestOptions bad) {
    return ComputeOffsetRequest(Shipped().ref, Shipped().rules, bad).status().field();
  };
  OffsetRequestOptions bad = o;
  bad.requesting.clear();
  EXPECT_EQ(field(bad), "requesting");
  bad = o;
  bad.requested = "ITA";
  EXPECT_EQ(field(bad), "requested");
  bad = o;
  bad.requested = "XYZ";
  EXPECT_EQ(field(bad), "requested");
  bad = o;
  bad.applications = 0;
  EXPECT_EQ(field(bad), "applications");
  bad = o;
  bad.received_on = *Date::Parse("2026-06-30");  // Art. 69 applies from 1 July 2026
  EXPECT_EQ(field(bad), "received_on");
  auto body = OffsetRequestOptionsFromJson(
      R"({"requesting": "ITA", "requested": "DEU", "applications": 5, "received_on": "2026-09-01", "offered": true,
          "pledges": {"DEU": {"relocations": 2300}}})");
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(body->pledges.at("DEU").relocations, 2300);
  EXPECT_TRUE(body->offered);
  EXPECT_EQ(OffsetRequestOptionsFromJson(R"({"offered": 1})").status().field(), "offered");
  EXPECT_EQ(OffsetRequestOptionsFromJson(R"({"applications": 2.5})").status().field(), "applications");
  EXPECT_EQ(OffsetRequestOptionsFromJson(R"({"why": 1})").status().field(), "why");
}

// ---- Crisis Regulation Art. 9 ----

const CrisisOffsetRow& Contributor(const CrisisOffsetReport& r, const std::string& code) {
  for (const auto& row : r.contributors) {
    if (row.code == code) return row;
  }
  static CrisisOffsetRow none;
  ADD_FAILURE() << "no contributor " << code;
  return none;
}

bool HasFinding(const CrisisOffsetReport& r, const std::string& basis) {
  return std::any_of(r.findings.begin(), r.findings.end(),
                     [&](const CrisisOffsetFinding& f) { return f.legal_basis == basis; });
}

CrisisOffsetOptions Italy(long long needs, long long committed) {
  CrisisOffsetOptions o;
  o.member_state = "ITA";
  o.relocation_needs = needs;
  o.relocations_committed = committed;
  return o;
}

TEST(CrisisOffsets, AnIncompleteKeyGivesNoSplitAndNamesTheMissingFigure) {
  const ReferenceData ref = WithoutGermanysGdp();
  auto r = ComputeCrisisOffsets(ref, Shipped().rules, Italy(20000, 8000));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r->offsets, 12000);  // the offsets do not need the key; their split does
  EXPECT_NE(r->allocation.find("none"), std::string::npos) << r->allocation;
  EXPECT_NE(std::find(r->missing_inputs.begin(), r->missing_inputs.end(), "GDP of Germany"), r->missing_inputs.end());
  // Only the key's gaps come over from the annual report: this year's pool is complete.
  for (const std::string& m : r->missing_inputs) EXPECT_EQ(m.find("reference number"), std::string::npos) << m;
}

TEST(CrisisOffsets, CommitmentsThatMeetTheNeedsTriggerNothing) {
  auto r = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, Italy(5000, 5000));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, "not_triggered");
  EXPECT_EQ(*r->shortfall, 0);
  EXPECT_FALSE(r->offsets);
  EXPECT_EQ(r->forum, "not_required");
  // One relocation short is a shortfall (Art. 9(1): "inferiori alle esigenze").
  auto short_one = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, Italy(5000, 4999));
  ASSERT_TRUE(short_one.ok());
  EXPECT_EQ(short_one->status, "triggered");
  EXPECT_EQ(*short_one->offsets, 1);
}

TEST(CrisisOffsets, OffsetsFillTheShortfallUpToTheEligibleApplications) {
  CrisisOffsetOptions o = Italy(20000, 8000);
  o.eligible_applications = 9000;
  auto r = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, "triggered");
  EXPECT_EQ(*r->shortfall, 12000);
  EXPECT_EQ(*r->offsets, 9000);   // only 9,000 applications can move (AMMR Art. 63(8))
  EXPECT_EQ(*r->uncovered, 3000);
  EXPECT_EQ(r->forum, "required");  // Art. 9(2)
  EXPECT_TRUE(HasFinding(*r, "Regulation (EU) 2024/1359, Art. 9(2)"));
  EXPECT_TRUE(HasFinding(*r, "Regulation (EU) 2024/1359, Art. 9(1)(b)"));
  // Italy is not its own contributor; its fair shares are the key times the needs:
  // Germany 21.857413 % x 20,000 = 4,371.4826.
  EXPECT_EQ(r->contributors.size(), 25u);  // 26 participants less Italy
  for (const auto& row : r->contributors) EXPECT_NE(row.code, "ITA");
  EXPECT_NEAR(Contributor(*r, "DEU").fair_share, 4371.4826, 1e-3);
  EXPECT_FALSE(Contributor(*r, "DEU").fair_share_eur);  // no financial needs given
  // Financial needs (Art. 4(5)(b)(ii)) shared by the same key: Germany 21.857413 % of EUR 420 m.
  CrisisOffsetOptions with_money = o;
  with_money.financial_needs_eur = 420'000'000;
  auto money = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, with_money);
  ASSERT_TRUE(money.ok());
  EXPECT_NEAR(*Contributor(*money, "DEU").fair_share_eur, 91801133.18, 2);
  EXPECT_EQ(nlohmann::json::parse(CrisisOffsetsToJson(*money))["financial_needs_eur"], 420'000'000.0);
  // Without commitments per State there is no split, and the report says what it lacks.
  EXPECT_FALSE(Contributor(*r, "DEU").offsets);
  EXPECT_NE(r->allocation.find("--commitments"), std::string::npos);
  // Enough eligible applications: nothing is left uncovered.
  o.eligible_applications = 12000;
  r = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r->offsets, 12000);
  EXPECT_EQ(*r->uncovered, 0);
  EXPECT_EQ(r->forum, "not_required");
  // Not given: the offsets are an upper figure, the forum undetermined, the input listed.
  o.eligible_applications.reset();
  r = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r->offsets, 12000);
  EXPECT_FALSE(r->uncovered);
  EXPECT_EQ(r->forum, "undetermined");
  EXPECT_TRUE(std::any_of(r->missing_inputs.begin(), r->missing_inputs.end(),
                          [](const std::string& m) { return m.find("Art. 63(8)") != std::string::npos; }));
}

TEST(CrisisOffsets, TheTwoExclusionsOfTheSecondSubparagraph) {
  CrisisOffsetOptions o = Italy(20000, 8000);
  o.temporary_protection_article_11_disapplied = true;
  auto r = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, "not_applicable_temporary_protection");
  EXPECT_EQ(*r->shortfall, 12000);  // still shown
  EXPECT_FALSE(r->offsets);
  EXPECT_TRUE(HasFinding(*r, "Regulation (EU) 2024/1359, Art. 9(1), second subparagraph"));
  o.temporary_protection_article_11_disapplied = false;
  o.article_13_authorised = true;
  r = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, "not_applicable_article_13");
  EXPECT_FALSE(r->offsets);
  // Art. 9(4) names Art. 13: responsibility it moves counts toward the deductions.
  EXPECT_TRUE(HasFinding(*r, "Regulation (EU) 2024/1359, Art. 9(4)-(5)"));
}

TEST(CrisisOffsets, WithoutNeedsOrCommitmentsNothingIsComputed) {
  CrisisOffsetOptions o;
  o.member_state = "GRC";
  auto r = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, "not_computable");
  EXPECT_FALSE(r->shortfall);
  EXPECT_TRUE(std::any_of(r->notes.begin(), r->notes.end(),
                          [](const std::string& n) { return n.find("Art. 9(3)") != std::string::npos; }));
  EXPECT_EQ(r->missing_inputs.size(), 3u);  // needs, commitments, eligible applications
}

TEST(CrisisOffsets, TheSplitFillsRemainingFairSharesFirst) {
  // 1,000 offsets (eligible applications) against room of 14,403.7484: the contributors' fair
  // shares, 20,000 x (1 - 12.981258 %) = 17,403.7484, less Germany's 3,000 relocations.
  // Germany's part: 1,000 x (4,371.4826 - 3,000) / 14,403.7484 = 95.217.
  CrisisOffsetOptions o;
  o.member_state = "ITA";
  o.relocation_needs = 20000;
  o.commitments["DEU"] = 3000;
  o.eligible_applications = 1000;
  auto r = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r->relocations_committed, 3000);
  EXPECT_EQ(*r->offsets, 1000);
  long long sum = 0;
  for (const auto& row : r->contributors) {
    ASSERT_TRUE(row.offsets) << row.code;
    sum += *row.offsets;
    EXPECT_FALSE(row.above_fair_share) << row.code;  // all within the fair shares
  }
  EXPECT_EQ(sum, 1000);
  EXPECT_NEAR(static_cast<double>(*Contributor(*r, "DEU").offsets), 95.217, 1.0);
  EXPECT_EQ(*Contributor(*r, "FRA").committed, 0);
  EXPECT_NE(r->allocation.find("indicative"), std::string::npos);
  EXPECT_FALSE(HasFinding(*r, "Regulation (EU) 2024/1359, Art. 9(4)-(5)"));
}

// Art. 9(4)(b): a contributor's applications taken above its fair share under an earlier decision
// come off its fair share of this one. Germany's 4,371.4826 less 1,000 is 3,371.4826, its room after
// its 3,000 relocations 371.4826 of a total 13,403.7484: 1,000 x 371.4826 / 13,403.7484 = 27.715
// offsets. Its share of EUR 1,000,000 financial needs, 218,574.13, falls to 168,574.13 (EUR 50 per
// application of fair share here). The State in crisis's own deduction is not applied.
TEST(CrisisOffsets, ADeductionOfAnEarlierDecisionReducesTheFairShareSplitAgainst) {
  CrisisOffsetOptions o;
  o.member_state = "ITA";
  o.relocation_needs = 20000;
  o.financial_needs_eur = 1'000'000;
  o.commitments["DEU"] = 3000;
  o.eligible_applications = 1000;
  o.crisis_deductions["DEU"] = CrisisDeduction{1000, "Commission Implementing Decision (EU) 2028/1 (synthetic)"};
  o.crisis_deductions["ITA"] = CrisisDeduction{5, "Commission Implementing Decision (EU) 2028/2 (synthetic)"};
  auto r = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const CrisisOffsetRow& deu = Contributor(*r, "DEU");
  EXPECT_NEAR(*deu.fair_share_before_deduction, 4371.4826, 1e-3);
  EXPECT_NEAR(deu.fair_share, 3371.4826, 1e-3);
  EXPECT_NEAR(*deu.fair_share_eur, 168574.13, 0.01);
  EXPECT_EQ(*deu.deduction_left, 0);
  EXPECT_NEAR(static_cast<double>(*deu.offsets), 27.715, 1.0);
  EXPECT_FALSE(Contributor(*r, "FRA").crisis_deduction);
  auto noted = [&](const std::string& a, const std::string& b) {
    return std::any_of(r->notes.begin(), r->notes.end(), [&](const std::string& n) {
      return n.find(a) != std::string::npos && n.find(b) != std::string::npos;
    });
  };
  EXPECT_TRUE(noted("Germany's fair share of this decision is reduced by 1000", "Art. 9(4)(b)"));
  EXPECT_TRUE(noted("the deduction given for Italy", "not a contributor"));
  const auto j = nlohmann::json::parse(CrisisOffsetsToJson(*r));
  for (const auto& row : j["contributors"]) {
    if (row["code"] == "DEU") {
      EXPECT_EQ(row["crisis_deduction"]["applications"], 1000);
    }
  }
  EXPECT_NE(CrisisOffsetsToCsv(*r).find(",1000\n"), std::string::npos);

  // Through a request body, and refused naming the member.
  auto body = CrisisOffsetOptionsFromJson(
      R"({"member_state": "ITA", "relocation_needs": 20000, "crisis_deductions": {"DEU": {"applications": 1000, "authorised_by": "act"}}})");
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(body->crisis_deductions.at("DEU").applications, 1000);
  o.crisis_deductions["DEU"].applications = 0.5;
  EXPECT_EQ(ComputeCrisisOffsets(Shipped().ref, Shipped().rules, o).status().field(),
            "crisis_deductions.DEU.applications");
}

TEST(CrisisOffsets, BeyondTheFairSharesTheRestGoesByTheKeyAndMayBeDeducted) {
  // Needs 20,000; committed 6,600 (DEU 3,000, FRA 2,000, NLD 1,500, MLT 100); 13,400 offsets.
  // Room left in the fair shares: 17,403.7484 - 3,000 - 2,000 - 1,039.58 - 24.98 (NLD and MLT
  // are already past theirs) = 11,339.19 < 13,400, so every contributor is filled and the rest
  // goes above the fair shares.
  CrisisOffsetOptions o;
  o.member_state = "ITA";
  o.relocation_needs = 20000;
  o.commitments = {{"DEU", 3000}, {"FRA", 2000}, {"NLD", 1500}, {"MLT", 100}};
  o.eligible_applications = 20000;
  o.decision_ends = *Date::Parse("2027-06-30");
  auto r = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r->offsets, 13400);
  long long sum = 0;
  for (const auto& row : r->contributors) {
    sum += *row.offsets;
    // Each gets at least the whole applications its fair share had room for.
    EXPECT_GE(static_cast<double>(*row.committed + *row.offsets), std::floor(row.fair_share) - 1e-9) << row.code;
    ASSERT_TRUE(row.above_fair_share) << row.code;  // every contributor ends above its fair share
    EXPECT_LE(*row.above_fair_share, *row.offsets) << row.code;
  }
  EXPECT_EQ(sum, 13400);
  // The Netherlands had no room: all its offsets are above its fair share.
  EXPECT_EQ(*Contributor(*r, "NLD").above_fair_share, *Contributor(*r, "NLD").offsets);
  EXPECT_TRUE(HasFinding(*r, "Regulation (EU) 2024/1359, Art. 9(4)-(5)"));
  EXPECT_EQ(r->reduction_request_until->ToString(), "2032-06-30");  // 5 years (Art. 9(4)(b))
  // JSON carries the contract fields.
  auto j = nlohmann::json::parse(CrisisOffsetsToJson(*r));
  EXPECT_EQ(j["status"], "triggered");
  EXPECT_EQ(j["offsets"], 13400);
  EXPECT_EQ(j["reduction_request_until"], "2032-06-30");
  EXPECT_EQ(j["contributors"].size(), 25u);
  EXPECT_EQ(CrisisOffsetsToCsv(*r).rfind("code,name,fair_share_pct,fair_share,fair_share_eur,committed,offsets,above_fair_share,crisis_deduction\n", 0), 0u);
}

// Art. 9(6): the other benefitting Member States' needs the annual pool can no longer meet, once
// the State in crisis draws on it, reconvene the forum, whether or not offsets are triggered.
TEST(CrisisOffsets, OtherBeneficiariesLeftShortReconveneTheForum) {
  auto r = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, Italy(5000, 5000));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->forum_reconvened, "undetermined");  // not given: said in a note
  EXPECT_TRUE(std::any_of(r->notes.begin(), r->notes.end(), [](const std::string& n) {
    return n.find("--other-beneficiaries-uncovered") != std::string::npos;
  }));
  EXPECT_TRUE(std::any_of(r->notes.begin(), r->notes.end(),
                          [](const std::string& n) { return n.find("Art. 9(7)") != std::string::npos; }));
  CrisisOffsetOptions o = Italy(5000, 5000);  // no offsets triggered
  o.other_beneficiaries_uncovered = 1200;
  r = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, "not_triggered");
  EXPECT_EQ(r->forum, "not_required");
  EXPECT_EQ(r->forum_reconvened, "required");
  EXPECT_TRUE(HasFinding(*r, "Regulation (EU) 2024/1359, Art. 9(6)"));
  const auto j = nlohmann::json::parse(CrisisOffsetsToJson(*r));
  EXPECT_EQ(j["other_beneficiaries_uncovered"], 1200);
  EXPECT_EQ(j["forum_reconvened"], "required");
  o.other_beneficiaries_uncovered = 0;
  r = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->forum_reconvened, "not_required");
  EXPECT_FALSE(HasFinding(*r, "Regulation (EU) 2024/1359, Art. 9(6)"));
  o.other_beneficiaries_uncovered = -3;
  auto bad = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, o);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "--other-beneficiaries-uncovered");
}

TEST(CrisisOffsets, BadInputNamesTheOption) {
  auto field_of = [](CrisisOffsetOptions o) {
    auto r = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, o);
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.status().field();
  };
  CrisisOffsetOptions o = Italy(100, 10);
  o.member_state = "XYZ";
  EXPECT_EQ(field_of(o), "--member-state");
  o.member_state = "DNK";  // takes no part in the solidarity mechanism
  EXPECT_EQ(field_of(o), "--member-state");
  o = Italy(-1, 10);
  EXPECT_EQ(field_of(o), "--relocation-needs");
  o = Italy(100, 10);
  o.commitments["DEU"] = 5;  // and a total
  EXPECT_EQ(field_of(o), "--relocations-committed");
  o = Italy(100, 10);
  o.relocations_committed.reset();
  o.commitments["ITA"] = 5;
  EXPECT_EQ(field_of(o), "--commitments");
  o = Italy(100, 10);
  o.relocations_committed.reset();
  o.commitments["DNK"] = 5;  // takes no part in the solidarity mechanism
  EXPECT_EQ(field_of(o), "--commitments");
  o = Italy(100, 10);
  o.decision_ends = *Date::Parse("2026-06-30");  // before the Regulation applies
  EXPECT_EQ(field_of(o), "--decision-ends");
  o = Italy(100, 10);
  o.not_contributing = {"ITA"};
  EXPECT_EQ(field_of(o), "--not-contributing");
  o = Italy(100, 10);
  o.financial_needs_eur = -1;
  EXPECT_EQ(field_of(o), "--financial-needs-eur");
  o.financial_needs_eur = std::nan("");
  EXPECT_EQ(field_of(o), "--financial-needs-eur");
  o = Italy(100, 10);
  o.eligible_applications = -3;
  EXPECT_EQ(field_of(o), "--eligible-applications");
  o = Italy(100'000'001, 10);  // more than any crisis decision could concern
  EXPECT_EQ(field_of(o), "--relocation-needs");
  o = Italy(100, 10);
  o.relocations_committed.reset();
  o.commitments["DEU"] = 1'000'000'000;
  EXPECT_EQ(field_of(o), "--commitments");
  // An exempted State is left out and named.
  o = Italy(100, 10);
  o.not_contributing = {"HUN"};
  auto r = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->contributors.size(), 24u);
  for (const auto& row : r->contributors) EXPECT_NE(row.code, "HUN");
  // Every other participant exempted: nothing to split, and said so (not offsets lost in a split).
  o = Italy(100, 10);
  const auto key = ComputeSolidarity(Shipped().ref, Shipped().rules, {});
  ASSERT_TRUE(key.ok());
  for (const auto& m : key->member_states) {
    if (m.takes_part && m.code != "ITA") o.not_contributing.push_back(m.code);
  }
  r = ComputeCrisisOffsets(Shipped().ref, Shipped().rules, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->contributors.empty());
  EXPECT_EQ(*r->offsets, 90);
  EXPECT_EQ(r->allocation, "none: no Member State is left to contribute");
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

// APR Art. 47(5) (Italian text): the first act on 12 August 2024, its capacity in place before 12
// June 2026; then an act on 15 October every three years (2027, 2030, ...), its capacity in place
// within six months (15 April of the next year). Past 15 October 2027 the reference data hold no
// newer act than Implementing Decision (EU) 2024/2150: said as a missing input.
TEST(Capacity, TheImplementingActsOfArticle47_5) {
  auto at = [](const char* d) { return *ComputeCapacity(Shipped().ref, Shipped().rules, *Date::Parse(d)); };
  const CapacityReport now = at("2026-12-01");
  EXPECT_TRUE(now.act_due_is_first);
  EXPECT_EQ(now.act_due.adopted_on.ToString(), "2024-08-12");
  EXPECT_EQ(now.act_due.capacity_in_place_by.ToString(), "2026-06-11");
  EXPECT_EQ(now.next_act_due.adopted_on.ToString(), "2027-10-15");
  EXPECT_EQ(now.next_act_due.capacity_in_place_by.ToString(), "2028-04-15");
  EXPECT_EQ(now.missing_inputs.size(), 2u);
  EXPECT_TRUE(at("2027-10-14").act_due_is_first);
  const CapacityReport second = at("2027-10-15");
  EXPECT_FALSE(second.act_due_is_first);
  EXPECT_EQ(second.act_due.adopted_on.ToString(), "2027-10-15");
  EXPECT_EQ(second.next_act_due.adopted_on.ToString(), "2030-10-15");
  ASSERT_EQ(second.missing_inputs.size(), 3u);
  EXPECT_NE(second.missing_inputs[2].find("due on 2027-10-15"), std::string::npos) << second.missing_inputs[2];
  EXPECT_EQ(at("2031-01-01").act_due.capacity_in_place_by.ToString(), "2031-04-15");
  const auto j = nlohmann::json::parse(CapacityToJson(now));
  EXPECT_EQ(j["implementing_acts"]["next_act_due"]["capacity_in_place_by"], "2028-04-15");
  EXPECT_EQ(j["implementing_acts"]["act_due"]["first"], true);
  // What Art. 48 counts against: Italy's published 8,016 while the first act is the latest due; not
  // known once the second is due (not taken from the first).
  EXPECT_EQ(*CapacityCountedOn(now, "ITA").capacity, 8016);
  EXPECT_FALSE(CapacityCountedOn(second, "ITA").capacity.has_value());
  EXPECT_NE(CapacityCountedOn(second, "ITA").source.find("2027-10-15"), std::string::npos);
  EXPECT_FALSE(PublishedCapacity(Shipped().ref, Shipped().rules, "ITA", *Date::Parse("2027-10-15")).has_value());
  EXPECT_EQ(*PublishedCapacity(Shipped().ref, Shipped().rules, "ITA", *Date::Parse("2027-10-14")), 8016);
}

}  // namespace
}  // namespace openpact::solidarity
