#include "registry/registry.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "biometrics/synthetic.h"
#include "biometrics/template.h"
#include "core/crypto.h"
#include "rules/procedure.h"
#include "rules/responsibility.h"
#include "store/store.h"
#include "test_util.h"

namespace openpact::registry {
namespace {

using json = nlohmann::json;
Date D(const char* s) { return *Date::Parse(s); }

const rules::RulesData& Rules() { return testing::SharedRules(); }

// The responsibility decision of an application registered in `member_state` on Friday 3 July 2026
// (decided on the 6th), with a registry record's hits as its Eurodac facts.
Result<rules::ResponsibilityDecision> DecideWithRecordHits(const std::string& member_state,
                                                           const std::vector<rules::EurodacHitFact>& hits) {
  OP_ASSIGN_OR_RETURN(rules::ResponsibilityCase c,
                      rules::ParseResponsibilityCase(R"({"decision_date": "2026-07-06", "member_state": ")" + member_state +
                                                         R"(", "registered_on": "2026-07-03", "applicant": {"nationality": "AFG"}})",
                                                     Rules().countries));
  OP_RETURN_IF_ERROR(rules::AddRecordHits(&c, member_state, hits, "record"));
  return rules::DecideResponsibility(c, Rules());
}

SyntheticRecordSpec Spec(const char* category, const char* ms, uint64_t person, uint64_t capture) {
  SyntheticRecordSpec s;
  s.category = category;
  s.member_state = ms;
  s.person = person;
  s.capture = capture;
  return s;
}

// A synthetic record document with some fields replaced (null removes one).
std::string With(const SyntheticRecordSpec& spec, const json& patch) {
  json j = json::parse(SyntheticRecordJson(spec));
  j.merge_patch(patch);
  return j.dump();
}

// The shipped policy data copied into `tmp` with `settings_rows` (test rows, not the law) added to
// member_state_settings.csv; the copy's folder.
std::filesystem::path PolicyWithSettings(const testing::TempDir& tmp, const std::string& settings_rows) {
  const std::filesystem::path policy = tmp.path() + "/policy";
  std::filesystem::copy(testing::DataDir() + "/policy", policy);
  std::ofstream(policy / "member_state_settings.csv", std::ios::app) << settings_rows;
  return policy;
}

Record Parsed(const std::string& text) {
  auto r = ParseRecord(text, Rules());
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : Record{};
}

std::string FieldOfError(const std::string& text) {
  auto r = ParseRecord(text, Rules());
  EXPECT_FALSE(r.ok());
  return r.ok() ? "(accepted)" : r.status().field();
}

// Art. 29(1), (3)-(8): N years from the transmission of the biometric data, ending on the same
// date (Reg. 1182/71 Art. 3(2)(c): the month's last day when the date does not exist).
TEST(Retention, PeriodsOfArticle29) {
  const std::pair<const char*, const char*> expected[] = {
      {"applicant", "2036-07-02"},           {"resettlement_admitted", "2031-07-02"},
      {"resettlement_refused", "2029-07-02"}, {"national_resettlement", "2031-07-02"},
      {"irregular_crosser", "2031-07-02"},   {"illegal_stayer", "2031-07-02"},
      {"sar_disembarked", "2031-07-02"}};
  for (const auto& [category, end] : expected) {
    Record r = Parsed(SyntheticRecordJson(Spec(category, "ITA", 1, 1)));
    std::string basis;
    auto e = RetentionEnd(r, D("2026-07-02"), Rules(), &basis);
    ASSERT_TRUE(e.ok()) << category;
    EXPECT_EQ(e->ToString(), end) << category;
    EXPECT_NE(basis.find("Art. 29("), std::string::npos) << basis;
  }
  Record r = Parsed(SyntheticRecordJson(Spec("irregular_crosser", "ITA", 1, 1)));
  EXPECT_EQ(RetentionEnd(r, D("2028-02-29"), Rules())->ToString(), "2033-02-28");
  // C2a is compared, never recorded (Art. 29(2)).
  Record c2a = Parsed(SyntheticRecordJson(Spec("resettlement_registered", "ITA", 1, 1)));
  EXPECT_FALSE(RetentionEnd(c2a, D("2026-07-02"), Rules()).ok());
}

TEST(Retention, TemporaryProtectionRunsFromTheImplementingDecision) {
  // Art. 29(9): one year from the Council implementing decision's entry into force.
  SyntheticRecordSpec s = Spec("temporary_protection", "ITA", 1, 1);
  s.event_date = "2029-07-01";
  Record r = Parsed(With(s, {{"implementing_decision", {{"reference", "(EU) 2029/123"}, {"in_force_from", "2029-06-20"}}}}));
  EXPECT_EQ(RetentionEnd(r, D("2029-07-03"), Rules())->ToString(), "2030-06-20");
}

TEST(ParseRecord, RefusesBadFieldsNamingThem) {
  const SyntheticRecordSpec s = Spec("irregular_crosser", "GRC", 3, 1);
  EXPECT_EQ(FieldOfError(With(s, {{"category", "tourist"}})), "category");
  EXPECT_EQ(FieldOfError(With(s, {{"member_state", "USA"}})), "member_state");
  EXPECT_EQ(FieldOfError(With(s, {{"member_state", "XYZ"}})), "member_state");
  EXPECT_EQ(FieldOfError(With(s, {{"reference", nullptr}})), "reference");
  EXPECT_EQ(FieldOfError(With(s, {{"event_date", "2026-7-1"}})), "event_date");
  EXPECT_EQ(FieldOfError(With(s, {{"biometrics_taken_on", "2026-02-30"}})), "biometrics_taken_on");
  EXPECT_EQ(FieldOfError(With(s, {{"transmitted_on", "2026-06-30"}})), "transmitted_on");  // before the capture
  EXPECT_EQ(FieldOfError(With(s, {{"person", {{"nationalities", {"AFG", "ZZZ"}}}}})), "person.nationalities[1]");
  EXPECT_EQ(FieldOfError(With(s, {{"person", {{"date_of_birth", "2026-07-02"}}}})), "person.date_of_birth");
  EXPECT_EQ(FieldOfError(With(s, {{"person", {{"sex", "male"}}}})), "person.sex");
  EXPECT_EQ(FieldOfError(With(s, {{"person", {{"surnames", {std::string(300, 'A')}}}}})), "person.surnames[0]");
  EXPECT_EQ(FieldOfError(With(s, {{"compare_own_data", "yes"}})), "compare_own_data");
  EXPECT_EQ(FieldOfError(With(s, {{"face", {1.0, "x"}}})), "face[1]");
  EXPECT_EQ(FieldOfError(With(s, {{"fingerprints", nullptr}})), "fingerprints");  // no biometric data at all
  EXPECT_EQ(FieldOfError("[1, 2]"), "record");
  EXPECT_EQ(FieldOfError("{\"category\": "), "record");
  EXPECT_EQ(FieldOfError(std::string(200000, '[') + std::string(200000, ']')), "record");

  json j = json::parse(SyntheticRecordJson(s));
  json bad = j;
  bad["fingerprints"][3]["position"] = 11;
  EXPECT_EQ(FieldOfError(bad.dump()), "fingerprints[3].position");
  bad = j;
  bad["fingerprints"][0]["format"] = "wsq";
  EXPECT_EQ(FieldOfError(bad.dump()), "fingerprints[0].format");
  bad = j;
  bad["fingerprints"][0]["format"] = "ansi378";  // an ISO record declared as ANSI is read as ANSI: refused
  EXPECT_EQ(FieldOfError(bad.dump()), "fingerprints[0].data");
  bad = j;
  bad["fingerprints"][0]["data"] = "not base64!";
  EXPECT_EQ(FieldOfError(bad.dump()), "fingerprints[0].data");
  // A truncated template: the parser's byte offset is in the message.
  auto bytes = crypto::FromBase64(j["fingerprints"][1]["data"].get<std::string>());
  ASSERT_TRUE(bytes.ok());
  bad = j;
  bad["fingerprints"][1]["data"] = crypto::ToBase64(bytes->substr(0, 40));
  auto r = ParseRecord(bad.dump(), Rules());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "fingerprints[1].data");
  EXPECT_NE(r.status().message().find("byte"), std::string::npos) << r.status().message();
  // The template says finger 2, the record finger 5.
  bad = j;
  bad["fingerprints"][1]["position"] = 5;
  EXPECT_EQ(FieldOfError(bad.dump()), "fingerprints[1].position");
}

TEST(ParseRecord, TemporaryProtectionOnlyFromJune2029AndNeverUnderTheUkraineDecision) {
  SyntheticRecordSpec s = Spec("temporary_protection", "POL", 1, 1);
  const json decision = {{"implementing_decision", {{"reference", "(EU) 2029/123"}, {"in_force_from", "2029-06-20"}}}};
  s.event_date = "2028-03-01";  // Art. 26 applies from 12 June 2029 (Art. 63(2))
  auto r = ParseRecord(With(s, decision), Rules());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "category");
  EXPECT_NE(r.status().message().find("Art. 63(2)"), std::string::npos);
  s.event_date = "2029-07-01";
  EXPECT_TRUE(ParseRecord(With(s, decision), Rules()).ok());
  EXPECT_EQ(FieldOfError(SyntheticRecordJson(s)), "implementing_decision");
  EXPECT_EQ(FieldOfError(With(s, {{"implementing_decision", {{"reference", "(EU) 2022/382"}, {"in_force_from", "2022-03-04"}}}})),
            "implementing_decision.reference");  // Art. 63(3)
}

class RegistrySuite : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const std::string url = testing::FreshDatabaseUrl(GetParam(), dir_);
    if (url.empty()) GTEST_SKIP() << GetParam() << " not available";
    auto s = store::Store::Open(url);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    ASSERT_TRUE(store_->Migrate().ok());
    registry_ = std::make_unique<Registry>(store_.get(), &Rules());
  }
  // `answer` is what the API's document describes as components/schemas/`schema`.
  static void ExpectFollowsApiSchema(const json& answer, const char* schema) {
    const json& doc = testing::ApiDocument();
    for (const std::string& v : testing::OpenApiViolations(doc, doc["components"]["schemas"][schema], answer)) {
      ADD_FAILURE() << "the answer departs from " << schema << ": " << v;
    }
  }
  // Stores `spec` through `resident` (a registry over a resident index) and lets the index take it.
  json EnrolThrough(Registry& resident, const SyntheticRecordSpec& spec) {
    auto out = resident.Enrol(Parsed(SyntheticRecordJson(spec)), true, D("2026-07-03"), "test");
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    resident.Committed();
    return out.ok() ? json::parse(*out) : json();
  }
  json Enrol(const std::string& text, bool store_it = true, Date today = D("2026-07-03")) {
    auto r = registry_->Enrol(Parsed(text), store_it, today, "test");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return json();
    // Every answer is the one the API's document describes.
    const json answer = json::parse(*r);
    ExpectFollowsApiSchema(answer, "RegistryAnswer");
    return answer;
  }
  int64_t Count(const char* table) {
    auto r = store_->Query(std::string("SELECT COUNT(*) FROM ") + table);
    return r.ok() ? r->rows[0].Int(0) : -1;
  }
  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Registry> registry_;
};

TEST_P(RegistrySuite, AnApplicantIsFoundWhenCaughtAgainElsewhere) {
  json first = Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 7, 1)));
  EXPECT_TRUE(first["stored"].get<bool>());
  EXPECT_EQ(first["erase_on"], "2036-07-03");  // transmitted on the day of the request
  EXPECT_TRUE(first["hits"].empty());
  Enrol(SyntheticRecordJson(Spec("irregular_crosser", "ESP", 8, 1)));  // someone else

  // The same person, fingers captured again by another Member State.
  json second = Enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 7, 2)));
  ASSERT_EQ(second["hits"].size(), 1u) << second.dump(2);
  const json& hit = second["hits"][0];
  EXPECT_EQ(hit["record_id"], first["id"]);
  EXPECT_EQ(hit["category"], "applicant");
  EXPECT_EQ(hit["member_state"], "ITA");
  EXPECT_EQ(hit["marked"], false);
  EXPECT_GE(hit["fingers_matched"].size(), 5u);
  EXPECT_GE(hit["search_score"].get<double>(), 40.0);
  EXPECT_EQ(second["erase_on"], "2031-07-03");
  EXPECT_NE(std::find(second["flags"].begin(), second["flags"].end(), "HITS_TO_VERIFY"), second["flags"].end());
  EXPECT_EQ(second["comparison"]["records"], 2);  // ITA's and ESP's, not GRC's own

  // A search compares the same way and stores nothing.
  const int64_t before = Count("registry_record");
  json searched = Enrol(SyntheticRecordJson(Spec("illegal_stayer", "DEU", 7, 3)), /*store_it=*/false);
  EXPECT_FALSE(searched["stored"].get<bool>());
  EXPECT_TRUE(searched["id"].is_null());
  EXPECT_EQ(searched["hits"].size(), 2u);  // ITA's applicant and GRC's crosser
  EXPECT_EQ(Count("registry_record"), before);
}

// Regulation (EU) 2024/1358 binds neither Denmark nor Ireland (recitals 98-99); the States
// associated with Dublin and Eurodac take part by agreement. Their records are kept and flagged
// while the policy data is not sure they take part; a State it says does not is refused.
TEST_P(RegistrySuite, TheStatesOfEurodacTakePartAsThePolicyDataSays) {
  auto flagged = [](const json& answer) {
    return std::find(answer["flags"].begin(), answer["flags"].end(), "MEMBER_STATE_PARTICIPATION_UNCERTAIN") !=
           answer["flags"].end();
  };
  const json norway = Enrol(SyntheticRecordJson(Spec("irregular_crosser", "NOR", 31, 1)));
  EXPECT_TRUE(norway["stored"].get<bool>());
  EXPECT_TRUE(flagged(norway)) << norway.dump(2);
  EXPECT_NE(norway["legal_basis"].dump().find("OJ L 93, 3.4.2001"), std::string::npos) << norway["legal_basis"];
  const json denmark = Enrol(SyntheticRecordJson(Spec("applicant", "DNK", 32, 1)));
  EXPECT_TRUE(flagged(denmark));
  EXPECT_NE(denmark["legal_basis"].dump().find("recital (98)"), std::string::npos) << denmark["legal_basis"];
  // An EU Member State the Regulation binds: no flag. Its search finds Norway's record.
  const json italy = Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 31, 2)));
  EXPECT_FALSE(flagged(italy)) << italy.dump(2);
  ASSERT_EQ(italy["hits"].size(), 1u) << italy.dump(2);
  EXPECT_EQ(italy["hits"][0]["member_state"], "NOR");
  // A country outside the system is refused by the parser (ParseRecord, above); a State the
  // policy data says does not take part, by the registry, storing nothing.
  testing::TempDir tmp;
  const std::filesystem::path policy =
      PolicyWithSettings(tmp, "HUN,bound_by_eurodac,0,2026-06-12,,a test row (not the law),in_force,\n");
  auto rules = rules::RulesData::Load(testing::DataDir(), policy.string());
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  Registry outside(store_.get(), &*rules);
  const int64_t before = Count("registry_record");
  auto refused = outside.Enrol(Parsed(SyntheticRecordJson(Spec("applicant", "HUN", 33, 1))), true, D("2026-07-03"), "test");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("a test row"), std::string::npos) << refused.status().ToString();
  EXPECT_EQ(Count("registry_record"), before);
}

TEST_P(RegistrySuite, OwnDataOnlyWhenAsked) {
  Enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 11, 1)));
  json again = Enrol(SyntheticRecordJson(Spec("illegal_stayer", "GRC", 11, 2)));
  EXPECT_TRUE(again["hits"].empty());  // Art. 27(1): data of other Member States
  EXPECT_EQ(again["comparison"]["own_data"], false);
  json asked = Enrol(With(Spec("illegal_stayer", "GRC", 11, 3), {{"compare_own_data", true}}), false);
  EXPECT_EQ(asked["hits"].size(), 2u);  // Art. 27(3)
  EXPECT_NE(asked["legal_basis"].dump().find("Art. 27(3)"), std::string::npos);
}

TEST_P(RegistrySuite, ResettlementCategoriesCompareAsArticle27Says) {
  Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 21, 1)));  // not marked
  json admitted = Enrol(SyntheticRecordJson(Spec("resettlement_admitted", "FRA", 22, 1)));
  EXPECT_EQ(admitted["comparison"]["compared"], false);  // stored as a target only
  EXPECT_TRUE(admitted["stored"].get<bool>());
  EXPECT_EQ(admitted["erase_on"], "2031-07-03");

  // C2a: only marked applicants, C2b, C2c and C3 (Art. 27(2)); never recorded (Art. 29(2)).
  json registered = Enrol(SyntheticRecordJson(Spec("resettlement_registered", "DEU", 21, 2)));
  EXPECT_FALSE(registered["stored"].get<bool>());
  EXPECT_TRUE(registered["hits"].empty());  // the applicant is not marked
  EXPECT_NE(registered["flags"].dump().find("NOT_RECORDED"), std::string::npos);
  json other = Enrol(SyntheticRecordJson(Spec("resettlement_registered", "DEU", 22, 2)));
  ASSERT_EQ(other["hits"].size(), 1u);
  EXPECT_EQ(other["hits"][0]["category"], "resettlement_admitted");
  EXPECT_EQ(Count("registry_record"), 2);
}

TEST_P(RegistrySuite, NoChildUnderSixIsStoredOrCompared) {
  Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 31, 1)));
  SyntheticRecordSpec child = Spec("irregular_crosser", "GRC", 31, 2);
  child.date_of_birth = "2020-07-02";  // five on 2026-07-01
  json a = Enrol(SyntheticRecordJson(child));
  EXPECT_FALSE(a["stored"].get<bool>());
  EXPECT_TRUE(a["hits"].empty());
  EXPECT_EQ(a["flags"], json::array({"UNDER_MINIMUM_AGE"}));
  EXPECT_NE(a["legal_basis"].dump().find("Art. 14(1)"), std::string::npos);
  child.date_of_birth = "2020-07-01";  // six that day
  child.capture = 3;
  EXPECT_TRUE(Enrol(SyntheticRecordJson(child))["stored"].get<bool>());
  // In doubt and without proof: under six (Art. 14(1)).
  json doubt = Enrol(With(Spec("illegal_stayer", "DEU", 32, 1), {{"person", {{"age_in_doubt", true}}}}));
  EXPECT_FALSE(doubt["stored"].get<bool>());
  EXPECT_EQ(Count("registry_record"), 2);
}

TEST_P(RegistrySuite, LateTransmissionIsFlaggedAndStillStored) {
  // C4: 72 hours from apprehension (Art. 22(2)); on dates alone only day 4 on is certainly late.
  json in_time = Enrol(With(Spec("irregular_crosser", "GRC", 41, 1), {{"transmitted_on", "2026-07-04"}}), true, D("2026-07-10"));
  EXPECT_TRUE(in_time["flags"].empty()) << in_time.dump();
  json late = Enrol(With(Spec("irregular_crosser", "GRC", 42, 1), {{"transmitted_on", "2026-07-05"}}), true, D("2026-07-10"));
  EXPECT_EQ(late["flags"], json::array({"LATE_TRANSMISSION"}));
  EXPECT_TRUE(late["stored"].get<bool>());
  EXPECT_EQ(late["erase_on"], "2031-07-05");
  // Held from the apprehension for over 72 hours: due before the release (Art. 22(4)).
  json held = Enrol(With(Spec("irregular_crosser", "GRC", 43, 1), {{"held_until", "2026-07-09"}, {"transmitted_on", "2026-07-08"}}),
                    true, D("2026-07-10"));
  EXPECT_TRUE(held["flags"].empty()) << held.dump();
  json released = Enrol(With(Spec("irregular_crosser", "GRC", 44, 1), {{"held_until", "2026-07-06"}, {"transmitted_on", "2026-07-08"}}),
                        true, D("2026-07-10"));
  EXPECT_EQ(released["flags"], json::array({"LATE_TRANSMISSION"}));
  EXPECT_EQ(FieldOfError(With(Spec("illegal_stayer", "GRC", 45, 1), {{"held_until", "2026-07-09"}})), "held_until");
  EXPECT_EQ(FieldOfError(With(Spec("irregular_crosser", "GRC", 45, 1), {{"held_until", "2026-06-09"}})), "held_until");
}

// The exceptions to the transmission limits (read in the Italian text): health measures move the
// limit to 48 hours after they end (Art. 22(6) first subparagraph; Art. 18(3): as soon as
// possible, nothing to flag); serious technical problems add at most 48 hours (22(6)-23(5) second
// subparagraphs; none in Arts. 18 and 20); a notified sudden influx adds 48 hours to C6 (24(6)).
TEST_P(RegistrySuite, TransmissionLimitExceptions) {
  const auto has = [](const json& a, const char* flag) {
    return std::find(a["flags"].begin(), a["flags"].end(), flag) != a["flags"].end();
  };
  const auto health = [](const char* transmitted) {
    return json{{"health_measures_until", "2026-07-05"}, {"biometrics_taken_on", "2026-07-06"}, {"transmitted_on", transmitted}};
  };
  json in_time = Enrol(With(Spec("irregular_crosser", "GRC", 61, 1), health("2026-07-07")),
                       true, D("2026-07-10"));
  EXPECT_TRUE(has(in_time, "HEALTH_MEASURES_DELAY")) << in_time.dump();
  EXPECT_FALSE(has(in_time, "LATE_TRANSMISSION")) << in_time.dump();  // day 4 after the event, 2 after the measures
  EXPECT_NE(in_time["legal_basis"].dump().find("Art. 22(6), first subparagraph"), std::string::npos);
  json late = Enrol(With(Spec("irregular_crosser", "GRC", 62, 1), health("2026-07-08")),
                    true, D("2026-07-10"));
  EXPECT_TRUE(has(late, "LATE_TRANSMISSION")) << late.dump();
  // Art. 18(3): as soon as possible, no limit in hours.
  json resettled = Enrol(With(Spec("resettlement_admitted", "FRA", 63, 1),
                              {{"health_measures_until", "2026-07-10"}, {"biometrics_taken_on", "2026-07-20"},
                               {"transmitted_on", "2026-07-25"}}),
                         true, D("2026-07-26"));
  EXPECT_TRUE(has(resettled, "HEALTH_MEASURES_DELAY")) << resettled.dump();
  EXPECT_FALSE(has(resettled, "LATE_TRANSMISSION")) << resettled.dump();
  EXPECT_NE(resettled["legal_basis"].dump().find("Art. 18(3), second subparagraph"), std::string::npos);
  // Technical problems: 72 + 48 hours, so day 5 after the event is the last not certainly late.
  json extended = Enrol(With(Spec("illegal_stayer", "DEU", 64, 1), {{"technical_problems", true}, {"transmitted_on", "2026-07-06"}}),
                        true, D("2026-07-10"));
  EXPECT_TRUE(has(extended, "TECHNICAL_PROBLEMS_EXTENSION")) << extended.dump();
  EXPECT_FALSE(has(extended, "LATE_TRANSMISSION")) << extended.dump();
  EXPECT_NE(extended["legal_basis"].dump().find("Art. 23(5), second subparagraph"), std::string::npos);
  json past = Enrol(With(Spec("illegal_stayer", "DEU", 65, 1), {{"technical_problems", true}, {"transmitted_on", "2026-07-07"}}),
                    true, D("2026-07-10"));
  EXPECT_TRUE(has(past, "LATE_TRANSMISSION")) << past.dump();
  json plain = Enrol(With(Spec("illegal_stayer", "DEU", 66, 1), {{"transmitted_on", "2026-07-06"}}), true, D("2026-07-10"));
  EXPECT_TRUE(has(plain, "LATE_TRANSMISSION")) << plain.dump();
  // Refused, naming the field: no technical extension in Art. 20; measures ending before the event
  // or after the data were taken.
  EXPECT_EQ(FieldOfError(With(Spec("national_resettlement", "FRA", 67, 1), {{"technical_problems", true}})),
            "technical_problems");
  EXPECT_EQ(FieldOfError(With(Spec("irregular_crosser", "GRC", 67, 1), {{"technical_problems", "yes"}})),
            "technical_problems");
  EXPECT_EQ(FieldOfError(With(Spec("irregular_crosser", "GRC", 67, 1), {{"health_measures_until", "2026-06-30"}})),
            "health_measures_until");
  EXPECT_EQ(FieldOfError(With(Spec("irregular_crosser", "GRC", 67, 1), {{"health_measures_until", "2026-07-03"}})),
            "health_measures_until");

  // A sudden influx notified by Italy for 1-20 July (a test row, not the law).
  testing::TempDir tmp;
  const std::filesystem::path policy = PolicyWithSettings(
      tmp, "ITA,eurodac_sudden_influx_art_24_6,1,2026-07-01,2026-07-20,a test row (not the law),in_force,\n");
  auto rules = rules::RulesData::Load(testing::DataDir(), policy.string());
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  Registry influx(store_.get(), &*rules);
  const auto enrol = [&](const std::string& text, Date today) {
    auto r = influx.Enrol(Parsed(text), true, today, "test");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? json::parse(*r) : json();
  };
  json during = enrol(With(Spec("sar_disembarked", "ITA", 68, 1), {{"event_date", "2026-07-02"}, {"biometrics_taken_on", "2026-07-02"},
                                                                   {"transmitted_on", "2026-07-07"}}),
                      D("2026-07-10"));
  EXPECT_TRUE(has(during, "SUDDEN_INFLUX_EXTENSION")) << during.dump();
  EXPECT_FALSE(has(during, "LATE_TRANSMISSION")) << during.dump();
  json after = enrol(With(Spec("sar_disembarked", "ITA", 69, 1), {{"event_date", "2026-07-21"}, {"biometrics_taken_on", "2026-07-21"},
                                                                  {"transmitted_on", "2026-07-25"}}),
                     D("2026-07-26"));
  EXPECT_FALSE(has(after, "SUDDEN_INFLUX_EXTENSION")) << after.dump();
  EXPECT_TRUE(has(after, "LATE_TRANSMISSION")) << after.dump();
  json other_state = enrol(With(Spec("sar_disembarked", "GRC", 70, 1), {{"event_date", "2026-07-02"}, {"biometrics_taken_on", "2026-07-02"},
                                                                        {"transmitted_on", "2026-07-07"}}),
                           D("2026-07-10"));
  EXPECT_TRUE(has(other_state, "LATE_TRANSMISSION")) << other_state.dump();
  // A notification of more than a month is refused, naming the file's column.
  std::ofstream(policy / "member_state_settings.csv", std::ios::app)
      << "ESP,eurodac_sudden_influx_art_24_6,1,2026-08-01,2026-09-01,a test row (not the law),in_force,\n";
  auto too_long = rules::RulesData::Load(testing::DataDir(), policy.string());
  ASSERT_FALSE(too_long.ok());
  EXPECT_NE(too_long.status().message().find("one month"), std::string::npos) << too_long.status().ToString();
  EXPECT_NE(too_long.status().field().find("effective_to"), std::string::npos) << too_long.status().ToString();
}

// Art. 38(1): fingerprints taken again are retransmitted under the reference of the dataset they
// replace, within 48 hours of the new capture (Art. 22(5) for C4). The dataset keeps its id and its
// retention; what is compared from then on is the new fingerprints, in the resident index and in
// one loaded afresh from the store.
TEST_P(RegistrySuite, RetransmissionReplacesTheFingerprints) {
  auto loaded = RegistryIndex::Load(store_.get(), 2);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  RegistryIndex& index = **loaded;
  Registry resident(store_.get(), &Rules(), &index);
  const auto enrol = [&](const std::string& text, bool store_it, Date today) {
    auto r = resident.Enrol(Parsed(text), store_it, today, "test");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    resident.Committed();
    return r.ok() ? json::parse(*r) : json();
  };
  const auto has = [](const json& a, const char* flag) {
    return std::find(a["flags"].begin(), a["flags"].end(), flag) != a["flags"].end();
  };
  const auto hit_ids = [](const json& a) {
    std::set<std::string> ids;
    for (const json& h : a["hits"]) ids.insert(h["record_id"].get<std::string>());
    return ids;
  };
  const json first = enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 71, 1)), true, D("2026-07-03"));
  ASSERT_TRUE(first["stored"].get<bool>());
  const std::string id = first["id"];
  const std::string reference = json::parse(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 71, 1)))["reference"];
  const int64_t records = Count("registry_record");
  // Taken again (here: another synthetic finger set, so that the replacement shows) on 2 July.
  const json again = {{"reference", reference}, {"retransmission", true}, {"biometrics_taken_on", "2026-07-02"},
                      {"transmitted_on", "2026-07-04"}};
  const json re = enrol(With(Spec("irregular_crosser", "GRC", 72, 1), again), true, D("2026-07-04"));
  EXPECT_EQ(re["id"], id);
  EXPECT_TRUE(re["stored"].get<bool>());
  EXPECT_EQ(re["retransmission"], true);
  EXPECT_EQ(re["erase_on"], first["erase_on"]);  // Art. 29: from the first transmission
  EXPECT_TRUE(has(re, "RETRANSMISSION")) << re.dump();
  EXPECT_FALSE(has(re, "LATE_RETRANSMISSION")) << re.dump();
  EXPECT_NE(re["legal_basis"].dump().find("Art. 22(5)"), std::string::npos);
  EXPECT_NE(re["legal_basis"].dump().find("Art. 38(1)"), std::string::npos);
  EXPECT_EQ(Count("registry_record"), records);
  EXPECT_EQ(index.records(), 1u);
  // The new fingerprints are compared, the old ones no longer: resident index and a fresh one.
  const std::string by_new = SyntheticRecordJson(Spec("illegal_stayer", "DEU", 72, 2));
  const std::string by_old = SyntheticRecordJson(Spec("illegal_stayer", "DEU", 71, 2));
  EXPECT_EQ(hit_ids(enrol(by_new, false, D("2026-07-04"))), std::set<std::string>{id});
  EXPECT_TRUE(enrol(by_old, false, D("2026-07-04"))["hits"].empty());
  Registry fresh(store_.get(), &Rules());
  auto from_store = fresh.Enrol(Parsed(by_new), false, D("2026-07-04"), "t");
  ASSERT_TRUE(from_store.ok());
  EXPECT_EQ(hit_ids(json::parse(*from_store)), std::set<std::string>{id});
  auto old_from_store = fresh.Enrol(Parsed(by_old), false, D("2026-07-04"), "t");
  ASSERT_TRUE(old_from_store.ok());
  EXPECT_TRUE(json::parse(*old_from_store)["hits"].empty());
  // More than 48 hours after the new capture: late, still stored.
  json late_doc = again;
  late_doc["transmitted_on"] = "2026-07-05";
  const json late = enrol(With(Spec("irregular_crosser", "GRC", 72, 1), late_doc), true, D("2026-07-05"));
  EXPECT_TRUE(has(late, "LATE_RETRANSMISSION")) << late.dump();
  EXPECT_EQ(late["id"], id);
  // Counted for the month's statistics (Art. 12(1)(q)), by the Member State that sent them again.
  auto stats = resident.Stats("2026-07");
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(json::parse(*stats)["month"]["retransmissions"]["GRC"], 2);
  ExpectFollowsApiSchema(json::parse(*stats), "RegistryStats");
  // Refused, naming the field, changing nothing.
  const auto refused = [&](const json& patch, bool store_it = true) {
    json doc = again;
    doc.merge_patch(patch);
    auto r = resident.Enrol(Parsed(With(Spec("irregular_crosser", "GRC", 72, 1), doc)), store_it, D("2026-07-05"), "t");
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string("(accepted)") : r.status().field();
  };
  EXPECT_EQ(refused({{"reference", "GRC-NO-SUCH"}}), "reference");
  EXPECT_EQ(refused({{"event_date", "2026-06-30"}, {"biometrics_taken_on", "2026-07-02"}}), "event_date");
  EXPECT_EQ(refused({{"biometrics_taken_on", "2026-07-01"}}), "biometrics_taken_on");  // before the stored capture
  EXPECT_EQ(refused({{"category", "illegal_stayer"}}), "category");
  EXPECT_EQ(refused(json::object(), /*store_it=*/false), "retransmission");
  EXPECT_EQ(FieldOfError(With(Spec("resettlement_registered", "FRA", 72, 1), again)), "retransmission");
  EXPECT_EQ(Count("registry_record"), records);
  EXPECT_EQ(Count("registry_finger"), 10);
}

// Arts. 40(3), 43(4): the Member State of origin rectifies or completes the person data it
// transmitted; the dataset, its fingerprints and its links stay. A date of birth that makes the
// person a child under six when the data were taken is refused (Art. 14(1): erase instead).
TEST_P(RegistrySuite, TheMemberStateOfOriginRectifiesPersonData) {
  const json stored = Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 81, 1)));
  const std::string id = stored["id"];
  auto out = registry_->Rectify(id, R"({"surnames": ["ROSSI-SYNTHETIC"], "date_of_birth": "1991-02-03", "sex": "F"})");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const json a = json::parse(*out);
  EXPECT_EQ(a["person"]["surnames"], json::array({"ROSSI-SYNTHETIC"}));
  EXPECT_EQ(a["person"]["date_of_birth"], "1991-02-03");
  EXPECT_EQ(a["changed"], json::array({"surnames", "date_of_birth", "sex"}));
  ExpectFollowsApiSchema(a, "PersonRectified");
  EXPECT_NE(a["legal_basis"].dump().find("Art. 40(3)"), std::string::npos);
  auto shown = registry_->Show(id);
  ASSERT_TRUE(shown.ok());
  EXPECT_EQ(json::parse(*shown)["person"]["surnames"], json::array({"ROSSI-SYNTHETIC"}));
  EXPECT_EQ(Count("registry_finger"), 10);  // the fingerprints stay
  // Removing a field (null) is a change too; the unchanged fields are not listed.
  auto removed = registry_->Rectify(id, R"({"sex": null, "surnames": ["ROSSI-SYNTHETIC"]})");
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(json::parse(*removed)["changed"], json::array({"sex"}));
  EXPECT_TRUE(json::parse(*removed)["person"]["sex"].is_null());
  // Refused, naming the field, storing nothing.
  const auto field_of = [&](const char* patch) {
    auto r = registry_->Rectify(id, patch);
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string("(accepted)") : r.status().field();
  };
  EXPECT_EQ(field_of(R"({"date_of_birth": "2021-01-01"})"), "person.date_of_birth");  // five at the capture
  EXPECT_EQ(field_of(R"({"age_in_doubt": true})"), "person.age_in_doubt");
  EXPECT_EQ(field_of(R"({"nationalities": ["ZZZ"]})"), "person.nationalities[0]");
  EXPECT_EQ(field_of(R"({"date_of_birth": "03/02/1991"})"), "person.date_of_birth");
  EXPECT_EQ(field_of(R"({"fingerprints": []})"), "person.fingerprints");
  EXPECT_EQ(field_of(R"([])"), "person");
  EXPECT_EQ(json::parse(*registry_->Show(id))["person"]["date_of_birth"], "1991-02-03");
  // Only the Member State of origin (Art. 40(3)): another's token does not even see the record.
  Registry greece(store_.get(), &Rules());
  greece.set_acting_member_state("GRC");
  auto foreign = greece.Rectify(id, R"({"sex": "M"})");
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(registry_->Rectify("edc-none", R"({"sex": "M"})").status().code(), StatusCode::kNotFound);
}

// Art. 40(5): a Member State that saw another's record through a hit (Art. 40(1)), or eu-LISA,
// tells the Member State of origin that the data are inaccurate or unlawfully recorded; the
// Member State of origin finds a notification on its record, to check and rectify or erase.
TEST_P(RegistrySuite, InaccurateDataAreReportedToTheMemberStateOfOrigin) {
  const json italian = Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 83, 1)));
  const std::string id = italian["id"];
  const json greek = Enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 83, 2)));
  ASSERT_EQ(greek["hits"].size(), 1u);
  Registry greece(store_.get(), &Rules());
  greece.set_acting_member_state("GRC");
  auto reported = greece.ReportInaccuracy(id, false, "the date of birth differs from the passport seen at the border");
  ASSERT_TRUE(reported.ok()) << reported.status().ToString();
  const json r = json::parse(*reported);
  ExpectFollowsApiSchema(r, "InaccuracyReported");
  EXPECT_EQ(r["to"], "ITA");
  EXPECT_EQ(r["event"], "inaccuracy_reported");
  EXPECT_NE(r["legal_basis"].get<std::string>().find("Art. 40(5), first subparagraph"), std::string::npos);
  ASSERT_TRUE(greece.ReportInaccuracy(id, true, "").ok());
  Registry italy(store_.get(), &Rules());
  italy.set_acting_member_state("ITA");
  const json notes = json::parse(*italy.Notifications(false, "", "", 100));
  ExpectFollowsApiSchema(notes, "RegistryNotifications");
  ASSERT_EQ(notes["count"], 2);
  // Listed by time, then id: reports within the same instant come in any order.
  const auto find = [](const json& list, const char* event) {
    for (const json& n : list["notifications"]) {
      if (n["event"] == event) return n;
    }
    return json();
  };
  const json inaccurate = find(notes, "inaccuracy_reported");
  EXPECT_EQ(inaccurate["your_record"]["id"], id);
  EXPECT_EQ(inaccurate["about"]["member_state"], "GRC");
  EXPECT_EQ(inaccurate["about"]["reference"], "GRC-SYN-83-2");
  EXPECT_EQ(inaccurate["note"], "the date of birth differs from the passport seen at the border");
  EXPECT_EQ(inaccurate["follow_up"]["action"], "check");
  EXPECT_EQ(find(notes, "unlawful_recording_reported")["about"]["member_state"], "GRC");
  // Greece has none: a report goes to the Member State of origin only.
  EXPECT_EQ(json::parse(*greece.Notifications(false, "", "", 100))["count"], 0);
  // A Member State that never saw the record; the Member State of origin itself; eu-LISA on
  // unlawful recording (a Member State's report); a note too long.
  Registry spain(store_.get(), &Rules());
  spain.set_acting_member_state("ESP");
  EXPECT_EQ(spain.ReportInaccuracy(id, false, "").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(italy.ReportInaccuracy(id, false, "").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(registry_->ReportInaccuracy(id, true, "").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(greece.ReportInaccuracy(id, false, std::string(1001, 'x')).status().field(), "note");
  // eu-LISA (the central operator) reports an inaccuracy it found.
  auto central = registry_->ReportInaccuracy(id, false, "");
  ASSERT_TRUE(central.ok()) << central.status().ToString();
  const json all = json::parse(*italy.Notifications(false, "", "", 100));
  ExpectFollowsApiSchema(all, "RegistryNotifications");
  ASSERT_EQ(all["count"], 3);
  int by_eu_lisa = 0;
  for (const json& n : all["notifications"]) {
    if (n["about"]["member_state"] != "eu-LISA") continue;
    ++by_eu_lisa;
    EXPECT_TRUE(n["about"]["reference"].is_null());
    EXPECT_EQ(n["event"], "inaccuracy_reported");
  }
  EXPECT_EQ(by_eu_lisa, 1);
}

// Art. 50: data obtained by a hit go to a third country for return only with the agreement of the
// Member State of origin, only to identify an illegally staying person and issue a document for
// return, once the person was informed; the registry records the request and the answer and tells
// each side.
TEST_P(RegistrySuite, TransfersForReturnNeedTheMemberStateOfOriginsAgreement) {
  const json italian = Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 85, 1)));
  const std::string id = italian["id"];
  ASSERT_EQ(Enrol(SyntheticRecordJson(Spec("illegal_stayer", "GRC", 85, 2)))["hits"].size(), 1u);
  Registry greece(store_.get(), &Rules()), italy(store_.get(), &Rules()), spain(store_.get(), &Rules());
  greece.set_acting_member_state("GRC");
  italy.set_acting_member_state("ITA");
  spain.set_acting_member_state("ESP");
  const std::string request = R"({"third_country": "TUN", "purpose_confirmed": true, "person_informed": true})";
  auto asked = greece.RequestReturnTransfer(id, request, "gr-officer");
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  const json a = json::parse(*asked);
  ExpectFollowsApiSchema(a, "ReturnTransferRequested");
  EXPECT_EQ(a["status"], "requested");
  EXPECT_EQ(a["origin_member_state"], "ITA");
  EXPECT_TRUE(a["flags"].empty());
  const std::string transfer = a["transfer"];
  const json to_italy = json::parse(*italy.Notifications(false, "", "", 100));
  ExpectFollowsApiSchema(to_italy, "RegistryNotifications");
  ASSERT_EQ(to_italy["count"], 1);
  EXPECT_EQ(to_italy["notifications"][0]["event"], "return_transfer_requested");
  EXPECT_EQ(to_italy["notifications"][0]["follow_up"]["transfer"], transfer);
  // Only the Member State of origin answers, once; the requesting State is told.
  EXPECT_EQ(greece.DecideReturnTransfer(transfer, true, "", "gr").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(registry_->DecideReturnTransfer(transfer, true, "", "central").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(italy.DecideReturnTransfer(transfer, false, "", "it").status().field(), "reason");
  auto agreed = italy.DecideReturnTransfer(transfer, true, "", "it-officer");
  ASSERT_TRUE(agreed.ok()) << agreed.status().ToString();
  ExpectFollowsApiSchema(json::parse(*agreed), "ReturnTransferDecided");
  EXPECT_EQ(json::parse(*agreed)["status"], "agreed");
  EXPECT_EQ(italy.DecideReturnTransfer(transfer, false, "changed our mind", "it").status().code(),
            StatusCode::kFailedPrecondition);
  const json to_greece = json::parse(*greece.Notifications(false, "", "", 100));
  ASSERT_EQ(to_greece["count"], 1);
  EXPECT_EQ(to_greece["notifications"][0]["event"], "return_transfer_agreed");
  // Refused, naming the field: a condition of 50(3) not met, a Member State of the system, an
  // unknown code or field.
  const auto field_of = [&](const char* body) {
    auto r = greece.RequestReturnTransfer(id, body, "gr");
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string("(accepted)") : r.status().field();
  };
  EXPECT_EQ(field_of(R"({"third_country": "TUN", "purpose_confirmed": false, "person_informed": true})"),
            "purpose_confirmed");
  EXPECT_EQ(field_of(R"({"third_country": "TUN", "purpose_confirmed": true})"), "person_informed");
  EXPECT_EQ(field_of(R"({"third_country": "FRA", "purpose_confirmed": true, "person_informed": true})"), "third_country");
  EXPECT_EQ(field_of(R"({"third_country": "ZZZ", "purpose_confirmed": true, "person_informed": true})"), "third_country");
  EXPECT_EQ(field_of(R"({"third_country": "TUN", "purpose_confirmed": true, "person_informed": true, "x": 1})"), "x");
  // Who may ask: a Member State that saw the data through a hit, not its own, not eu-LISA.
  EXPECT_EQ(spain.RequestReturnTransfer(id, request, "es").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(italy.RequestReturnTransfer(id, request, "it").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(registry_->RequestReturnTransfer(id, request, "c").status().code(), StatusCode::kFailedPrecondition);
  // Not the data of a person refused resettlement (Art. 18(2)(b)-(c) is not in 50(1)).
  const json refused = Enrol(SyntheticRecordJson(Spec("resettlement_refused", "FRA", 86, 1)));
  ASSERT_EQ(Enrol(SyntheticRecordJson(Spec("illegal_stayer", "GRC", 86, 2)))["hits"].size(), 1u);
  auto c2c = greece.RequestReturnTransfer(refused["id"], request, "gr");
  EXPECT_EQ(c2c.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(c2c.status().message().find("50(1)"), std::string::npos);
  // A beneficiary of international protection: flagged (non-refoulement, 50(5)).
  ASSERT_TRUE(registry_->MarkRecord(id, Mark::kInternationalProtection).ok());
  auto protected_person = greece.RequestReturnTransfer(id, request, "gr");
  ASSERT_TRUE(protected_person.ok()) << protected_person.status().ToString();
  EXPECT_EQ(json::parse(*protected_person)["flags"], json::array({"PROTECTION_MARK_NON_REFOULEMENT"}));
}

TEST_P(RegistrySuite, RefusalsStoreNothing) {
  Enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 51, 1)));
  // The same reference twice.
  auto dup = registry_->Enrol(Parsed(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 51, 1))), true, D("2026-07-03"), "t");
  EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
  // Transmitted in the future; retention already over.
  auto future = registry_->Enrol(Parsed(With(Spec("illegal_stayer", "GRC", 52, 1), {{"transmitted_on", "2026-08-01"}})),
                                 true, D("2026-07-03"), "t");
  EXPECT_EQ(future.status().field(), "transmitted_on");
  auto expired = registry_->Enrol(Parsed(With(Spec("illegal_stayer", "GRC", 53, 1), {{"transmitted_on", "2026-07-01"}})),
                                  true, D("2031-07-03"), "t");
  EXPECT_EQ(expired.status().field(), "transmitted_on");
  // Transmitted before the recast applied (12 June 2026): Regulation 603/2013's rules, not here.
  auto old = registry_->Enrol(Parsed(With(Spec("illegal_stayer", "GRC", 55, 1),
                                          {{"event_date", "2026-06-01"}, {"biometrics_taken_on", "2026-06-01"},
                                           {"transmitted_on", "2026-06-02"}})),
                              false, D("2026-07-03"), "t");
  EXPECT_EQ(old.status().field(), "transmitted_on");
  EXPECT_NE(old.status().message().find("603/2013"), std::string::npos);
  // An apprehension before it, transmitted after: the recast's rules (72 hours: late).
  json straddling = Enrol(With(Spec("illegal_stayer", "GRC", 56, 1), {{"event_date", "2026-06-10"},
                                                                       {"biometrics_taken_on", "2026-06-10"},
                                                                       {"transmitted_on", "2026-06-15"}}));
  EXPECT_EQ(straddling["flags"], json::array({"LATE_TRANSMISSION"}));
  EXPECT_EQ(straddling["erase_on"], "2031-06-15");
  // A face of another dimension than the registry's.
  auto face = registry_->Enrol(Parsed(With(Spec("illegal_stayer", "GRC", 54, 1), {{"face", {0.1, 0.2, 0.3}}})), true,
                               D("2026-07-03"), "t");
  EXPECT_EQ(face.status().field(), "face");
  EXPECT_EQ(Count("registry_record"), 2);
  EXPECT_EQ(Count("registry_finger"), 20);
}

TEST_P(RegistrySuite, FacesAreStoredNotCompared) {
  json j = Enrol(With(Spec("sar_disembarked", "ITA", 61, 1), {{"face", std::vector<double>(512, 0.25)}}));
  EXPECT_TRUE(j["stored"].get<bool>());
  EXPECT_NE(j["flags"].dump().find("FACE_NOT_COMPARED"), std::string::npos);
  json shown = json::parse(*registry_->Show(j["id"].get<std::string>()));
  EXPECT_EQ(shown["face"]["dimension"], 512);
  ExpectFollowsApiSchema(shown, "RegistryRecordView");
}

TEST_P(RegistrySuite, ShowEraseAndExpire) {
  json a = Enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 71, 1)));                // to 2031-07-03
  json b = Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 72, 1)));                        // to 2036-07-03
  json c = Enrol(SyntheticRecordJson(Spec("resettlement_refused", "FRA", 73, 1)));             // to 2029-07-03
  json d = Enrol(SyntheticRecordJson(Spec("illegal_stayer", "ESP", 74, 1)));                   // to 2031-07-03
  const std::string id = a["id"];
  json shown = json::parse(*registry_->Show(id));
  EXPECT_EQ(shown["reference"], "GRC-SYN-71-1");
  EXPECT_EQ(shown["person"]["surnames"], json::array({"SYNTHETIC"}));
  EXPECT_EQ(shown["fingerprints"].size(), 10u);
  EXPECT_EQ(shown["fingerprints"][0]["position"], 1);
  EXPECT_GT(shown["fingerprints"][0]["minutiae"].get<int>(), 10);
  EXPECT_EQ(shown["synthetic"], true);
  EXPECT_EQ(shown.dump().find("\"data\""), std::string::npos);  // no template bytes
  // By the Member State's reference number (Art. 37(4)).
  EXPECT_EQ(json::parse(*registry_->ShowByReference("GRC", "GRC-SYN-71-1"))["id"], id);
  EXPECT_EQ(registry_->ShowByReference("ITA", "GRC-SYN-71-1").status().code(), StatusCode::kNotFound);
  Registry italy(store_.get(), &Rules());
  italy.set_acting_member_state("ITA");
  EXPECT_EQ(italy.ShowByReference("GRC", "GRC-SYN-71-1").status().code(), StatusCode::kNotFound);

  // Art. 30(1) does not list Art. 29(4): no early erasure of C2c for citizenship.
  auto refused = registry_->Erase(c["id"], ErasureReason::kCitizenshipAcquired);
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("29(4)"), std::string::npos);
  auto erased = registry_->Erase(id, ErasureReason::kCitizenshipAcquired);
  ASSERT_TRUE(erased.ok());
  ExpectFollowsApiSchema(json::parse(*erased), "RecordErased");  // with the Member States notified
  EXPECT_NE(erased->find("Art. 30(1)"), std::string::npos);
  EXPECT_EQ(registry_->Show(id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(registry_->Erase(id, ErasureReason::kInaccurate).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Count("registry_finger"), 30);  // its fingerprints went with it

  // An expiry in advance would erase data whose period has not ended.
  EXPECT_EQ(registry_->Expire(D("2031-07-04"), D("2031-07-03")).status().field(), "--at");
  EXPECT_EQ(Count("registry_record"), 3);
  // On the last day of the period the record is kept; the day after it is erased.
  json none = json::parse(*registry_->Expire(D("2031-07-03"), D("2031-07-03")));
  EXPECT_EQ(none["erased"], 1);  // C2c, ended 2029-07-03
  json one = json::parse(*registry_->Expire(D("2031-07-04"), D("2031-07-04")));
  EXPECT_EQ(one["erased"], 1);
  EXPECT_EQ(one["by_category"]["illegal_stayer"], 1);
  json left = json::parse(*registry_->Stats());
  EXPECT_EQ(left["records"], 1);
  EXPECT_EQ(left["by_category"]["applicant"], 1);
  EXPECT_EQ(left["by_category"]["irregular_crosser"], 0);
  EXPECT_EQ(left["by_member_state"]["ITA"], 1);
  EXPECT_EQ(left["fingerprints"], 10);
  EXPECT_TRUE(registry_->Show(b["id"]).ok());
  (void)d;
}

TEST_P(RegistrySuite, MarksAsArticle31Says) {
  json applicant = Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 81, 1)));
  json crosser = Enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 82, 1)));
  const std::string a = applicant["id"], c = crosser["id"];
  // Each mark on the categories its paragraph names.
  EXPECT_EQ(registry_->MarkRecord(c, Mark::kInternationalProtection).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(registry_->MarkRecord(a, Mark::kResidenceDocument).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(registry_->Unmark(a).status().code(), StatusCode::kFailedPrecondition);  // not marked
  ASSERT_TRUE(registry_->MarkRecord(c, Mark::kResidenceDocument).ok());
  EXPECT_EQ(registry_->Unmark(c).status().code(), StatusCode::kFailedPrecondition);  // 31(3) is for protection only
  EXPECT_EQ(registry_->MarkRecord("edc-nope", Mark::kResidenceDocument).status().code(), StatusCode::kNotFound);

  // Unmarked, the applicant is no target of a C2a comparison (Art. 27(2)); marked, it is, and
  // every hit on it says so (Art. 27(4)).
  EXPECT_TRUE(Enrol(SyntheticRecordJson(Spec("resettlement_registered", "DEU", 81, 2)))["hits"].empty());
  ASSERT_TRUE(registry_->MarkRecord(a, Mark::kInternationalProtection).ok());
  EXPECT_EQ(registry_->MarkRecord(a, Mark::kInternationalProtection).status().code(), StatusCode::kFailedPrecondition);
  json found = Enrol(SyntheticRecordJson(Spec("resettlement_registered", "DEU", 81, 3)));
  ASSERT_EQ(found["hits"].size(), 1u);
  EXPECT_EQ(found["hits"][0]["marked"], true);
  EXPECT_EQ(json::parse(*registry_->Show(a))["mark"], "international_protection");
  ExpectFollowsApiSchema(json::parse(*registry_->Show(a)), "RegistryRecordView");
  ASSERT_TRUE(registry_->Unmark(a).ok());  // status withdrawn (Art. 31(3))
  EXPECT_TRUE(json::parse(*registry_->Show(a))["mark"].is_null());
  EXPECT_TRUE(Enrol(SyntheticRecordJson(Spec("resettlement_registered", "DEU", 81, 4)))["hits"].empty());
}

// Art. 31(6): the Member State of relocation of a beneficiary (Regulation (EU) 2024/1351, Art.
// 68(4)), once it records the arrival (25(2)) and its hit on the marked data is verified,
// registers itself as responsible and marks its data with the mark of the State that granted
// protection.
TEST_P(RegistrySuite, ARelocatedBeneficiaryIsMarkedAndRegisteredAsArticle31_6Says) {
  const std::string arrival = R"({"arrived_after_relocation_on": "2026-07-03"})";
  json granted = Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 131, 1)));
  const std::string ita = granted["id"];
  ASSERT_TRUE(registry_->MarkRecord(ita, Mark::kInternationalProtection).ok());
  json relocated = Enrol(SyntheticRecordJson(Spec("applicant", "DEU", 131, 2)));
  const std::string deu = relocated["id"];
  ASSERT_EQ(relocated["hits"].size(), 1u);
  // The hit is not verified yet: nothing is marked or registered, and the answer says why.
  auto waiting = registry_->UpdateStatus(deu, arrival, D("2026-07-03"));
  ASSERT_TRUE(waiting.ok()) << waiting.status().ToString();
  json w = json::parse(*waiting);
  EXPECT_EQ(w["relocation"]["flags"], json::array({"RELOCATION_HIT_NOT_VERIFIED"}));
  EXPECT_FALSE(w["status"].contains("ms_responsible"));
  EXPECT_TRUE(json::parse(*registry_->Show(deu))["mark"].is_null());
  ASSERT_TRUE(registry_->VerifyHit(deu, ita, true).ok());
  auto done = registry_->UpdateStatus(deu, arrival, D("2026-07-03"));
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  json d = json::parse(*done);
  ExpectFollowsApiSchema(d, "StatusRecorded");  // with the relocation and the notification
  EXPECT_EQ(d["relocation"]["legal_basis"], "Regulation (EU) 2024/1358, Art. 31(6)");
  EXPECT_EQ(d["relocation"]["mark_of"]["record_id"], ita);
  EXPECT_EQ(d["relocation"]["mark_of"]["member_state"], "ITA");
  EXPECT_EQ(d["status"]["ms_responsible"], "DEU");
  EXPECT_EQ(d["notified"], json::array({"ITA"}));  // the Member State responsible recorded (Art. 16(4))
  EXPECT_EQ(json::parse(*registry_->Show(deu))["mark"], "international_protection");
  // Recorded again: marked already, responsible already; no second notification.
  json again = json::parse(*registry_->UpdateStatus(deu, arrival, D("2026-07-03")));
  EXPECT_EQ(again["relocation"]["mark_of"]["record_id"], ita);
  EXPECT_FALSE(again.contains("notified"));

  // An applicant relocated under Art. 67 (no mark on the data it hit): nothing is marked.
  json first = Enrol(SyntheticRecordJson(Spec("applicant", "FRA", 132, 1)));
  json second = Enrol(SyntheticRecordJson(Spec("applicant", "DEU", 132, 2)));
  const std::string second_id = second["id"];
  ASSERT_TRUE(registry_->VerifyHit(second_id, first["id"], true).ok());
  json plain = json::parse(*registry_->UpdateStatus(second_id, arrival, D("2026-07-03")));
  EXPECT_NE(plain["relocation"]["note"].get<std::string>().find("not a beneficiary"), std::string::npos);
  EXPECT_FALSE(plain["status"].contains("ms_responsible"));
  EXPECT_TRUE(json::parse(*registry_->Show(second_id))["mark"].is_null());
  // Another status field leaves Art. 31(6) alone.
  EXPECT_FALSE(json::parse(*registry_->UpdateStatus(second_id, R"({"avrr_granted": true})", D("2026-07-03")))
                   .contains("relocation"));
}

// A server's resident index: kept in step with its own committed changes, blind to a change
// rolled back, and reloaded when another writer changed the store.
TEST_P(RegistrySuite, AResidentIndexStaysCurrent) {
  auto loaded = RegistryIndex::Load(store_.get(), 2);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  RegistryIndex& index = **loaded;
  Registry resident(store_.get(), &Rules(), &index);
  auto enrol = [&](const std::string& text, bool store_it = true) {
    auto r = resident.Enrol(Parsed(text), store_it, D("2026-07-03"), "test");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    resident.Committed();
    return r.ok() ? json::parse(*r) : json();
  };
  json a = enrol(SyntheticRecordJson(Spec("applicant", "ITA", 91, 1)));
  EXPECT_EQ(index.records(), 1u);
  const int64_t generation = index.generation();
  EXPECT_GT(generation, 0);
  EXPECT_EQ(enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 91, 2)), false)["hits"].size(), 1u);
  EXPECT_EQ(index.generation(), generation);  // a search changes nothing

  // Rolled back: the index never sees it.
  {
    auto tx = store::Transaction::Begin(store_.get());
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(resident.Enrol(Parsed(SyntheticRecordJson(Spec("applicant", "ESP", 92, 1))), true, D("2026-07-03"), "t").ok());
  }
  EXPECT_EQ(index.records(), 1u);
  EXPECT_TRUE(enrol(SyntheticRecordJson(Spec("illegal_stayer", "DEU", 92, 2)), false)["hits"].empty());

  // Another writer (the CLI, another server) enrols: the next comparison reloads.
  Registry other(store_.get(), &Rules());
  ASSERT_TRUE(other.Enrol(Parsed(SyntheticRecordJson(Spec("applicant", "FRA", 93, 1))), true, D("2026-07-03"), "t").ok());
  EXPECT_EQ(index.records(), 1u);
  json found = enrol(SyntheticRecordJson(Spec("illegal_stayer", "DEU", 93, 2)), false);
  ASSERT_EQ(found["hits"].size(), 1u);
  // Loaded a record per page, the index answers alike.
  auto paged = RegistryIndex::Load(store_.get(), 1, /*page_records=*/1);
  ASSERT_TRUE(paged.ok());
  EXPECT_EQ((*paged)->records(), 2u);
  Registry by_page(store_.get(), &Rules(), paged->get());
  auto again = by_page.Enrol(Parsed(SyntheticRecordJson(Spec("illegal_stayer", "DEU", 93, 2))), false, D("2026-07-03"), "t");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(json::parse(*again)["hits"], found["hits"]);
  EXPECT_EQ(found["hits"][0]["member_state"], "FRA");
  EXPECT_EQ(index.records(), 2u);

  // Erased: gone from the index at once; marked: eligible for C2a at once.
  ASSERT_TRUE(resident.Erase(a["id"], ErasureReason::kInaccurate).ok());
  resident.Committed();
  EXPECT_EQ(index.records(), 1u);
  EXPECT_TRUE(enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 91, 3)), false)["hits"].empty());
  const std::string fra = found["hits"][0]["record_id"];
  ASSERT_TRUE(resident.MarkRecord(fra, Mark::kInternationalProtection).ok());
  resident.Committed();
  const int64_t before = index.generation();
  EXPECT_EQ(enrol(SyntheticRecordJson(Spec("resettlement_registered", "DEU", 93, 3)))["hits"].size(), 1u);
  EXPECT_EQ(index.generation(), before);  // applied in place, no reload
}

// Art. 40(1), (3): bound to a Member State, the registry transmits, shows, marks, erases and
// expires only that State's records; comparisons still reach every State's data (Art. 27).
TEST_P(RegistrySuite, AMemberStateSeesAndChangesOnlyItsOwnRecords) {
  json ita = Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 101, 1)));
  json grc = Enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 102, 1)));
  Registry greece(store_.get(), &Rules());
  greece.set_acting_member_state("GRC");
  auto foreign = greece.Enrol(Parsed(SyntheticRecordJson(Spec("applicant", "ITA", 103, 1))), true, D("2026-07-03"), "t");
  EXPECT_EQ(foreign.status().code(), StatusCode::kPermissionDenied);
  auto found = greece.Enrol(Parsed(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 101, 2))), false, D("2026-07-03"), "t");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(json::parse(*found)["hits"][0]["record_id"], ita["id"]);  // the comparison result it may see
  EXPECT_EQ(greece.Show(ita["id"]).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(greece.Show(grc["id"]).ok());
  EXPECT_EQ(greece.Erase(ita["id"], ErasureReason::kInaccurate).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(greece.MarkRecord(ita["id"], Mark::kInternationalProtection).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(greece.Unmark(ita["id"]).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(registry_->Show(ita["id"]).ok());  // untouched
  ASSERT_TRUE(store_->Exec("UPDATE registry_record SET erase_on = '2026-07-01'").ok());  // both periods over
  json expired = json::parse(*greece.Expire(D("2026-07-03"), D("2026-07-03")));
  EXPECT_EQ(expired["erased"], 1);
  EXPECT_EQ(Count("registry_record"), 1);
  EXPECT_TRUE(registry_->Show(ita["id"]).ok());
}

// Status data after the transmission (Arts. 16, 17(2), 22(3), 23(3), 24(3)): each field only
// for the categories its point names, values checked, null removes; hits carry them (27(4)).
TEST_P(RegistrySuite, StatusDataFollowTheirArticles) {
  json applicant = Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 111, 1)));
  json crosser = Enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 112, 1)));
  const std::string a = applicant["id"], c = crosser["id"];
  const Date today = D("2026-08-01");
  auto field = [&](const std::string& id, const char* patch) {
    auto r = registry_->UpdateStatus(id, patch, today);
    return r.ok() ? std::string("(accepted)") : r.status().field();
  };
  EXPECT_EQ(field(c, R"({"ms_responsible": "ITA"})"), "status.ms_responsible");  // applicants only (17(2)(a))
  EXPECT_EQ(field(c, R"({"visa": {"member_state": "ITA", "application_number": "V1"}})"), "status.visa");
  EXPECT_EQ(field(a, R"({"ms_responsible": "USA"})"), "status.ms_responsible");
  EXPECT_EQ(field(a, R"({"left_territory_on": "2026-06-30"})"), "status.left_territory_on");  // before the event
  EXPECT_EQ(field(a, R"({"left_territory_on": "2026-08-02"})"), "status.left_territory_on");  // after today
  EXPECT_EQ(field(a, R"({"security_threat": {"grounds": ["suspicious"]}})"), "status.security_threat.grounds[0]");
  EXPECT_EQ(field(a, R"({"security_threat": {"grounds": []}})"), "status.security_threat");
  EXPECT_EQ(field(a, R"({"visa": {"member_state": "FRA"}})"), "status.visa.application_number");
  EXPECT_EQ(field(a, R"({"favourite_colour": "blue"})"), "status.favourite_colour");
  EXPECT_EQ(field(a, R"([1])"), "status");
  // An atomic update: the valid field beside a bad one is not kept.
  EXPECT_EQ(field(a, R"({"ms_responsible": "ITA", "avrr_granted": "yes"})"), "status.avrr_granted");
  EXPECT_TRUE(json::parse(*registry_->Show(a))["status"].empty());

  auto set = registry_->UpdateStatus(a, R"({"ms_responsible": "ITA", "security_threat": {"grounds": ["violent"]},
                                           "arrived_after_take_back_on": "2026-07-20"})", today);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  json answer = json::parse(*set);
  ExpectFollowsApiSchema(answer, "StatusRecorded");  // with the security flag's note
  EXPECT_EQ(answer["legal_basis"]["ms_responsible"], "Regulation (EU) 2024/1358, Art. 16(1)-(3), 17(2)(a)");
  EXPECT_EQ(answer["legal_basis"]["security_threat"], "Regulation (EU) 2024/1358, Art. 17(2)(i)");
  EXPECT_NE(answer["note"].get<std::string>().find("recital 8"), std::string::npos);
  ASSERT_TRUE(registry_->UpdateStatus(c, R"({"security_threat": {"grounds": ["armed"]}, "avrr_granted": true})", today).ok());
  EXPECT_EQ(json::parse(*registry_->Show(c))["status"]["avrr_granted"], true);

  // A hit carries the stored record's status data.
  json hit = Enrol(SyntheticRecordJson(Spec("illegal_stayer", "DEU", 111, 2)), false);
  ASSERT_EQ(hit["hits"].size(), 1u);
  EXPECT_EQ(hit["hits"][0]["status"]["ms_responsible"], "ITA");
  // The flag removed once the threat has ceased (Art. 17(4)).
  ASSERT_TRUE(registry_->UpdateStatus(a, R"({"security_threat": null})", today).ok());
  json shown = json::parse(*registry_->Show(a));
  EXPECT_FALSE(shown["status"].contains("security_threat"));
  EXPECT_EQ(shown["status"]["ms_responsible"], "ITA");
  // Only the Member State of origin (Art. 40(3)).
  Registry greece(store_.get(), &Rules());
  greece.set_acting_member_state("GRC");
  EXPECT_EQ(greece.UpdateStatus(a, R"({"avrr_granted": true})", today).status().code(), StatusCode::kNotFound);
}

// A stored record is linked to the records it hit (Art. 3(6)) until the final identification
// confirms or rejects each hit (Art. 38(4)-(6)); a rejected hit is erased and eu-LISA told within
// three working days of it.
TEST_P(RegistrySuite, HitsAreLinkedThenConfirmedOrRejected) {
  json first = Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 121, 1)));
  json second = Enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 121, 2)));  // 2026-07-03, a Friday
  json third = Enrol(SyntheticRecordJson(Spec("illegal_stayer", "DEU", 121, 3)));
  const std::string a = first["id"], b = second["id"], c = third["id"];
  ASSERT_EQ(second["hits"].size(), 1u);
  ASSERT_EQ(third["hits"].size(), 2u);
  json shown = json::parse(*registry_->Show(b));
  ASSERT_EQ(shown["links"].size(), 2u);  // its hit on a, and c's hit on it
  EXPECT_EQ(shown["links"][0]["verification"], "pending");
  EXPECT_EQ(registry_->VerifyHit(b, c, true).status().code(), StatusCode::kNotFound);  // c hit b, not b c
  auto confirmed = registry_->VerifyHit(b, a, true);
  ASSERT_TRUE(confirmed.ok()) << confirmed.status().ToString();
  EXPECT_EQ(registry_->VerifyHit(b, a, false).status().code(), StatusCode::kFailedPrecondition);
  // Rejected: erased at once; eu-LISA told within 3 working days of the hit (Friday 3 July:
  // Monday 6, Tuesday 7, Wednesday 8 July in Germany).
  auto rejected = registry_->VerifyHit(c, a, false, D("2026-07-03"));
  ASSERT_TRUE(rejected.ok()) << rejected.status().ToString();
  json r = json::parse(*rejected);
  ExpectFollowsApiSchema(r, "HitVerified");
  EXPECT_EQ(r["inform_eu_lisa_by"], "2026-07-08");
  EXPECT_EQ(r["references"]["member_state_of_origin"]["reference"], "ITA-SYN-121-1");
  EXPECT_EQ(r["references"]["receiving_member_state"]["reference"], "DEU-SYN-121-3");
  EXPECT_FALSE(r.contains("flags"));
  const json late = json::parse(*registry_->VerifyHit(c, b, false, D("2026-07-10")));
  ExpectFollowsApiSchema(late, "HitVerified");
  EXPECT_EQ(late["flags"], json::array({"EU_LISA_NOTICE_LATE"}));
  json links = json::parse(*registry_->Show(c))["links"];
  EXPECT_TRUE(links.empty()) << links.dump();
  links = json::parse(*registry_->Show(b))["links"];
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0]["record_id"], a);
  EXPECT_EQ(links[0]["verification"], "confirmed");
  // Only the receiving Member State records the result; an erased record takes its links along.
  Registry italy(store_.get(), &Rules());
  italy.set_acting_member_state("ITA");
  EXPECT_EQ(italy.VerifyHit(b, a, true).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(registry_->Erase(a, ErasureReason::kInaccurate).ok());
  EXPECT_TRUE(json::parse(*registry_->Show(b))["links"].empty());
}

// Art. 12: a month's figures from what is stored, and the counts of what leaves no record.
TEST_P(RegistrySuite, MonthlyStatistics) {
  Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 131, 1)));                     // July, first time
  SyntheticRecordSpec child = Spec("applicant", "GRC", 132, 1);
  child.date_of_birth = "2012-01-01";                                              // 14: a minor
  Enrol(SyntheticRecordJson(child));
  json again = Enrol(SyntheticRecordJson(Spec("applicant", "ESP", 131, 2)));        // hits ITA's
  json crosser = Enrol(SyntheticRecordJson(Spec("irregular_crosser", "FRA", 131, 3)));  // hits both
  Enrol(SyntheticRecordJson(Spec("resettlement_registered", "DEU", 133, 1)));      // counted, not stored
  ASSERT_TRUE(registry_->MarkRecord(again["id"], Mark::kInternationalProtection).ok());
  ASSERT_TRUE(registry_->VerifyHit(crosser["id"], again["id"], false, D("2026-07-03")).ok());  // a wrong hit
  auto stats = registry_->Stats("2026-07");
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  json s = json::parse(*stats);
  ExpectFollowsApiSchema(s, "RegistryStats");
  const json& m = s["month"];
  EXPECT_EQ(m["datasets_transmitted"]["applicant"]["ITA"], 1);
  EXPECT_EQ(m["datasets_transmitted"]["applicant"]["ESP"], 1);
  EXPECT_EQ(m["datasets_transmitted"]["irregular_crosser"]["FRA"], 1);
  EXPECT_EQ(m["applicants"], 3);
  EXPECT_EQ(m["first_time_applicants"], 2);  // ESP's hit ITA's
  EXPECT_EQ(m["minors"]["applicant"]["GRC"], 1);
  EXPECT_EQ(m["resettlement_registered_transmissions"]["DEU"], 1);
  EXPECT_EQ(m["wrong_hits"]["FRA"], 1);
  EXPECT_EQ(m["hits_by_source_and_target_category"]["applicant"]["applicant"], 1);
  EXPECT_EQ(m["hits_by_source_and_target_category"]["irregular_crosser"]["applicant"], 1);  // the wrong one erased
  EXPECT_EQ(m["hits_on_marked_records"], 0);
  EXPECT_EQ(s["marks_now"]["international_protection"], 1);
  EXPECT_EQ(s["marks_now"]["unmarked"], 3);
  EXPECT_TRUE(json::parse(*registry_->Stats("2026-08"))["month"]["datasets_transmitted"].empty());
  EXPECT_EQ(registry_->Stats("2026-13").status().field(), "--month");
  EXPECT_EQ(registry_->Stats("July").status().field(), "--month");
  // Art. 12(2): the datasets of 12(1)(i) by year of birth and sex; C2a data are not among them.
  const json& rows = m["datasets_by_year_of_birth_and_sex"];
  ASSERT_EQ(rows.size(), 4u) << rows.dump();
  auto datasets = [&](const char* category, const char* ms, const char* born, const char* sex) -> int64_t {
    for (const json& r : rows) {
      if (r["category"] == category && r["member_state"] == ms && r["year_of_birth"] == born && r["sex"] == sex) {
        return r["datasets"];
      }
    }
    return 0;
  };
  EXPECT_EQ(datasets("applicant", "ITA", "1990", "X"), 1);
  EXPECT_EQ(datasets("applicant", "GRC", "2012", "X"), 1);
  EXPECT_EQ(datasets("applicant", "ESP", "1990", "X"), 1);
  EXPECT_EQ(datasets("irregular_crosser", "FRA", "1990", "X"), 1);
}

// Art. 12(2): the year's statistics, each dataset in the year its transmission falls in, and the
// disaggregation by year of birth and sex "where possible" (a person without them: unknown).
TEST_P(RegistrySuite, AnnualStatistics) {
  SyntheticRecordSpec july = Spec("sar_disembarked", "ITA", 141, 1);
  july.sex = "F";
  july.date_of_birth = "1998-05-02";
  Enrol(SyntheticRecordJson(july));
  SyntheticRecordSpec august = Spec("sar_disembarked", "ITA", 142, 1);
  august.sex = "";
  august.event_date = "2026-08-10";
  august.transmitted_on = "2026-08-11";
  Enrol(SyntheticRecordJson(august), true, D("2026-08-11"));
  SyntheticRecordSpec applicant = Spec("applicant", "ITA", 143, 1);
  applicant.sex = "M";
  applicant.event_date = "2026-09-01";
  applicant.transmitted_on = "2026-09-01";
  Enrol(With(applicant, {{"person", {{"date_of_birth", nullptr}, {"nationalities", {"SYR", "TUR"}}}}}), true,
        D("2026-09-02"));
  Enrol(SyntheticRecordJson(Spec("resettlement_registered", "DEU", 144, 1)));  // counted, not stored
  auto stats = registry_->Stats("", "2026");
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  const json s = json::parse(*stats);
  ExpectFollowsApiSchema(s, "RegistryStats");
  EXPECT_FALSE(s.contains("month"));
  const json& y = s["year"];
  EXPECT_EQ(y["year"], "2026");
  EXPECT_EQ(y["datasets_transmitted"]["sar_disembarked"]["ITA"], 2);  // July and August
  EXPECT_EQ(y["datasets_transmitted"]["applicant"]["ITA"], 1);
  EXPECT_EQ(y["applicants"], 1);
  EXPECT_EQ(y["resettlement_registered_transmissions"]["DEU"], 1);  // the month's counter, summed
  const json expected = json::array(
      {{{"category", "applicant"}, {"member_state", "ITA"}, {"year_of_birth", "unknown"}, {"sex", "M"}, {"datasets", 1}},
       {{"category", "sar_disembarked"}, {"member_state", "ITA"}, {"year_of_birth", "1990"}, {"sex", "unknown"}, {"datasets", 1}},
       {{"category", "sar_disembarked"}, {"member_state", "ITA"}, {"year_of_birth", "1998"}, {"sex", "F"}, {"datasets", 1}}});
  EXPECT_EQ(y["datasets_by_year_of_birth_and_sex"], expected);
  // By nationality (AMMR Art. 9(3)(a)(i), (xii)): the first recorded, each dataset once.
  const json by_nationality = json::array(
      {{{"category", "applicant"}, {"member_state", "ITA"}, {"nationality", "SYR"}, {"datasets", 1}},
       {{"category", "sar_disembarked"}, {"member_state", "ITA"}, {"nationality", "XXA"}, {"datasets", 2}}});
  EXPECT_EQ(y["datasets_by_nationality"], by_nationality);
  // A month keeps only its own: August's one disembarkation.
  const json august_only = json::parse(*registry_->Stats("2026-08"))["month"];
  EXPECT_EQ(august_only["datasets_transmitted"]["sar_disembarked"]["ITA"], 1);
  EXPECT_EQ(august_only["datasets_by_year_of_birth_and_sex"].size(), 1u);
  EXPECT_TRUE(json::parse(*registry_->Stats("", "2025"))["year"]["datasets_transmitted"].empty());
  EXPECT_EQ(registry_->Stats("2026-07", "2026").status().field(), "--year");  // one period at a time
  EXPECT_EQ(registry_->Stats("", "26").status().field(), "--year");
  EXPECT_EQ(registry_->Stats("", "2026-07").status().field(), "--year");
}

// Hits that serve the AMMR determination come first (Eurodac Art. 27(5)) with the limits they
// start: a take charge request within a month of a hit on crossing or disembarkation data (AMMR
// Art. 39(1)), a take back notification within two weeks of a hit on a dataset whose Member State
// responsible is recorded (Art. 36(1)(b), 41(1)).
TEST_P(RegistrySuite, ResponsibilityHitsComeFirstWithTheirAmmrLimits) {
  json stayer = Enrol(SyntheticRecordJson(Spec("illegal_stayer", "AUT", 141, 1)));
  json crosser = Enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 141, 2)));
  json applied = Enrol(SyntheticRecordJson(Spec("applicant", "ESP", 141, 3)));
  ASSERT_TRUE(registry_->UpdateStatus(applied["id"], R"({"ms_responsible": "ESP"})", D("2026-07-03")).ok());
  // Applying in Italy on Friday 3 July 2026.
  json a = Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 141, 4)));
  ASSERT_EQ(a["hits"].size(), 3u) << a.dump(2);
  // The two that serve responsibility first (in score order between them), the other last.
  auto at = [&](const json& id) {
    for (size_t i = 0; i < a["hits"].size(); ++i) {
      if (a["hits"][i]["record_id"] == id) return i;
    }
    return size_t{99};
  };
  ASSERT_EQ(at(stayer["id"]), 2u) << a.dump(2);
  EXPECT_FALSE(a["hits"][2].contains("responsibility"));
  const json& charge = a["hits"][at(crosser["id"])]["responsibility"]["take_charge_request"];
  EXPECT_EQ(charge["by"], "2026-08-03");
  EXPECT_EQ(charge["to"], "GRC");
  const json& back = a["hits"][at(applied["id"])]["responsibility"]["take_back_notification"];
  EXPECT_EQ(back["by"], "2026-07-17");
  EXPECT_EQ(back["to"], "ESP");
  // An irregular stayer has no take charge, but may be taken back (Art. 36(1)(b)).
  json s = Enrol(SyntheticRecordJson(Spec("illegal_stayer", "DEU", 141, 5)), false);
  ASSERT_EQ(s["hits"].size(), 4u);
  EXPECT_EQ(s["hits"][0]["record_id"], applied["id"]);
  EXPECT_TRUE(s["hits"][0]["responsibility"].contains("take_back_notification"));
  EXPECT_FALSE(s["hits"][0]["responsibility"].contains("take_charge_request"));
}

// The AMMR applies from 1 July 2026 (Art. 85) and to applications registered from then (Art.
// 84(2)): before, the hits that serve responsibility still come first, with the reason in place of
// the limits.
TEST_P(RegistrySuite, NoAmmrLimitsBeforeTheAmmrApplies) {
  json crosser = Enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 143, 1)), true, D("2026-06-15"));
  SyntheticRecordSpec june = Spec("applicant", "ITA", 143, 2);
  june.event_date = "2026-06-20";
  json a = Enrol(SyntheticRecordJson(june), false, D("2026-06-22"));
  ASSERT_EQ(a["hits"].size(), 1u) << a.dump(2);
  const json& charge = a["hits"][0]["responsibility"]["take_charge_request"];
  EXPECT_FALSE(charge.contains("by")) << charge.dump();
  EXPECT_EQ(charge["to"], "GRC");
  EXPECT_NE(charge["not_computed"].get<std::string>().find("Art. 85"), std::string::npos) << charge.dump();
  // Registered in June, the hit received in July: the criteria of Regulation (EU) No 604/2013.
  a = Enrol(SyntheticRecordJson(june), false, D("2026-07-02"));
  EXPECT_NE(a["hits"][0]["responsibility"]["take_charge_request"]["not_computed"].get<std::string>().find("Art. 84(2)"),
            std::string::npos)
      << a.dump(2);
  // Registered on 1 July: the AMMR's month (Art. 39(1), second subparagraph).
  june.event_date = "2026-07-01";
  a = Enrol(SyntheticRecordJson(june), false, D("2026-07-02"));
  EXPECT_EQ(a["hits"][0]["responsibility"]["take_charge_request"]["by"], "2026-08-03") << a.dump(2);
}

// An applicant's stored record gives the Eurodac facts of a responsibility case: each hit not
// rejected, with the category, Member State and event date of the data hit, the day it was
// received and the Member State responsible recorded; the decision then takes the applicant back
// to that Member State (AMMR Art. 36(1)(b)).
TEST_P(RegistrySuite, AnApplicantsHitsFeedTheResponsibilityDecision) {
  json stayer = Enrol(SyntheticRecordJson(Spec("illegal_stayer", "AUT", 151, 1)));
  json crosser = Enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 151, 2)));
  json applied = Enrol(SyntheticRecordJson(Spec("applicant", "ESP", 151, 3)));
  ASSERT_TRUE(registry_->UpdateStatus(applied["id"], R"({"ms_responsible": "ESP"})", D("2026-07-03")).ok());
  json a = Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 151, 4)));
  ASSERT_EQ(a["hits"].size(), 3u) << a.dump(2);
  // The stayer's hit is rejected in the final identification: it is erased, and no fact.
  ASSERT_TRUE(registry_->VerifyHit(a["id"], stayer["id"], false).ok());
  std::string member_state;
  auto hits = registry_->ResponsibilityHits(a["id"], &member_state);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  EXPECT_EQ(member_state, "ITA");
  ASSERT_EQ(hits->size(), 2u);
  for (const json& h : a["hits"]) {
    if (h["record_id"] == stayer["id"]) continue;
    const auto found = std::find_if(hits->begin(), hits->end(), [&](const rules::EurodacHitFact& f) {
      return f.category == h["category"] && f.member_state == h["member_state"] &&
             f.date.ToString() == h["event_date"] && f.hit_received_on == D("2026-07-03");
    });
    ASSERT_NE(found, hits->end()) << h.dump();
    EXPECT_EQ(found->responsible_member_state, h["member_state"] == "ESP" ? "ESP" : "");
  }
  // The case of that application, decided with them: Spain, recorded as responsible, takes back.
  auto c = rules::ParseResponsibilityCase(R"({"decision_date": "2026-07-06", "member_state": "ITA",
      "registered_on": "2026-07-03", "applicant": {"nationality": "AFG"}})", Rules().countries);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_TRUE(rules::AddRecordHits(&*c, member_state, *hits, "record").ok());
  EXPECT_EQ(rules::AddRecordHits(&*c, "FRA", *hits, "record").field(), "record");  // another State's record
  auto d = rules::DecideResponsibility(*c, Rules());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->responsible_member_state, "ESP");
  EXPECT_EQ(d->criterion, "member_state_responsible_recorded");
  // The Spanish applicant later left under a return decision (Art. 16(2)(d)): the take back duty
  // ceased (AMMR Art. 37(5)), and the new application is decided on the criteria.
  ASSERT_TRUE(registry_->UpdateStatus(applied["id"], R"({"removed_or_left_on": "2026-07-03", "left_territory_on": "2026-07-03"})",
                                      D("2026-07-03"))
                  .ok());
  auto again = registry_->ResponsibilityHits(a["id"], &member_state);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  auto d2 = DecideWithRecordHits(member_state, *again);
  ASSERT_TRUE(d2.ok()) << d2.status().ToString();
  EXPECT_NE(d2->criterion, "member_state_responsible_recorded");
  EXPECT_EQ(d2->responsible_member_state, "GRC");  // the irregular crossing's hit (Art. 33(1))
  const auto spanish = std::find_if(again->begin(), again->end(), [](const auto& f) { return f.member_state == "ESP"; });
  ASSERT_NE(spanish, again->end());
  ASSERT_TRUE(spanish->left_territory_on.has_value());  // Eurodac Art. 16(2)(c), for AMMR Art. 37(4)
  EXPECT_EQ(*spanish->left_territory_on, D("2026-07-03"));
  // Only an applicant's record makes a responsibility case.
  auto not_applicant = registry_->ResponsibilityHits(crosser["id"], &member_state);
  ASSERT_FALSE(not_applicant.ok());
  EXPECT_EQ(not_applicant.status().field(), "record");
}

// A relocation recorded in Eurodac feeds AMMR Art. 38(5): the benefitting Member State's data
// name the Member State of relocation (Art. 25(1)); until that State's own data record the
// arrival (Art. 25(2)), it takes the applicant back.
TEST_P(RegistrySuite, ARelocationRecordedFeedsTheTakeBack) {
  json spain = Enrol(SyntheticRecordJson(Spec("applicant", "ESP", 152, 1)));
  ASSERT_TRUE(registry_->UpdateStatus(spain["id"], R"({"ms_of_relocation": "FRA"})", D("2026-07-03")).ok());
  json italy = Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 152, 2)));
  std::string member_state;
  auto hits = registry_->ResponsibilityHits(italy["id"], &member_state);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].relocation_member_state, "FRA");
  EXPECT_FALSE((*hits)[0].arrived_after_relocation_on.has_value());
  auto d = DecideWithRecordHits(member_state, *hits);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->criterion, "relocation_confirmed");
  EXPECT_EQ(d->requested_member_state, "FRA");
  // France records the arrival in data of its own (and itself as responsible): a later application
  // in Germany finds the relocation done, and France takes back as the Member State responsible.
  json france = Enrol(SyntheticRecordJson(Spec("applicant", "FRA", 152, 3)));
  ASSERT_TRUE(registry_->UpdateStatus(france["id"], R"({"arrived_after_relocation_on": "2026-07-03", "ms_responsible": "FRA"})",
                                      D("2026-07-03"))
                  .ok());
  json germany = Enrol(SyntheticRecordJson(Spec("applicant", "DEU", 152, 4)));
  auto later = registry_->ResponsibilityHits(germany["id"], &member_state);
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  const auto arrival = std::find_if(later->begin(), later->end(), [](const auto& f) { return f.member_state == "FRA"; });
  ASSERT_NE(arrival, later->end());
  ASSERT_TRUE(arrival->arrived_after_relocation_on.has_value());
  auto d2 = DecideWithRecordHits(member_state, *later);
  ASSERT_TRUE(d2.ok()) << d2.status().ToString();
  EXPECT_EQ(member_state, "DEU");
  EXPECT_EQ(d2->criterion, "member_state_responsible_recorded");
  EXPECT_EQ(d2->responsible_member_state, "FRA");
}

// A server searches ahead of Enrol, beside other requests (PrecomputeComparison): Enrol gives
// the same answer with it, never uses it for another record, catches it up once the index has
// changed, and nothing is searched that Enrol would not compare.
TEST_P(RegistrySuite, ASearchRunAheadGivesTheSameAnswerOrIsDoneAgain) {
  auto loaded = RegistryIndex::Load(store_.get(), 2);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  Registry resident(store_.get(), &Rules(), loaded->get());
  const Date today = D("2026-07-03");
  auto enrol = [&](const Record& r, const PrecomputedComparison* pre, bool store_it = true) {
    auto out = resident.Enrol(r, store_it, today, "test", 1, pre);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    resident.Committed();
    return out.ok() ? json::parse(*out) : json();
  };
  json a = enrol(Parsed(SyntheticRecordJson(Spec("applicant", "ITA", 191, 1))), nullptr);
  const Record x = Parsed(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 191, 2)));
  const json plain = enrol(x, nullptr, false);
  ASSERT_EQ(plain["hits"].size(), 1u);
  auto pre = resident.PrecomputeComparison(x, today);
  ASSERT_TRUE(pre.ok() && *pre != nullptr);
  json with = enrol(x, pre->get(), false);
  EXPECT_EQ(with["hits"], plain["hits"]);
  EXPECT_EQ(with["comparison"], plain["comparison"]);

  // Searched before another record was stored: caught up (ASearchRunAheadIsCaughtUpWithTheChangesSince),
  // and that record is found.
  const Record y = Parsed(SyntheticRecordJson(Spec("illegal_stayer", "DEU", 192, 2)));
  auto stale = resident.PrecomputeComparison(y, today);
  ASSERT_TRUE(stale.ok() && *stale != nullptr);
  json b = enrol(Parsed(SyntheticRecordJson(Spec("applicant", "ESP", 192, 1))), nullptr);
  json found = enrol(y, stale->get(), false);
  ASSERT_EQ(found["hits"].size(), 1u);
  EXPECT_EQ(found["hits"][0]["record_id"], b["id"]);
  EXPECT_EQ(loaded->get()->caught_up(), 1u);
  // Another record's search is not taken for this one.
  auto for_x = resident.PrecomputeComparison(x, today);
  ASSERT_TRUE(for_x.ok() && *for_x != nullptr);
  found = enrol(y, for_x->get(), false);
  ASSERT_EQ(found["hits"].size(), 1u);
  EXPECT_EQ(found["hits"][0]["record_id"], b["id"]);

  // Nothing searched for a child under six (Art. 14(1)) or a category stored as a target only.
  SyntheticRecordSpec child = Spec("irregular_crosser", "GRC", 191, 3);
  child.date_of_birth = "2021-01-01";
  auto none = resident.PrecomputeComparison(Parsed(SyntheticRecordJson(child)), today);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, nullptr);
  none = resident.PrecomputeComparison(Parsed(SyntheticRecordJson(Spec("resettlement_admitted", "GRC", 191, 4))), today);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, nullptr);
  // Nor for another Member State than the token's.
  Registry greece(store_.get(), &Rules(), loaded->get());
  greece.set_acting_member_state("GRC");
  EXPECT_EQ(greece.PrecomputeComparison(Parsed(SyntheticRecordJson(Spec("irregular_crosser", "ITA", 191, 5))), today)
                .status()
                .code(),
            StatusCode::kPermissionDenied);
}

// A search run ahead on an older state of the index is caught up with the records changed since
// (stored, erased, marked, unmarked) instead of searched again: the answer is the one a search
// now gives, over random changes (a differential test), and a full candidate list that lost one
// is searched again.
TEST_P(RegistrySuite, ASearchRunAheadIsCaughtUpWithTheChangesSince) {
  auto loaded = RegistryIndex::Load(store_.get(), 2, RegistryIndex::kDefaultPageRecords, /*preselection=*/false);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  RegistryIndex& index = **loaded;
  Registry resident(store_.get(), &Rules(), &index);
  const Date today = D("2026-07-03");
  auto spec = [](const char* category, const char* ms, uint64_t person, uint64_t capture) {
    SyntheticRecordSpec s = Spec(category, ms, person, capture);
    s.fingers = 2;
    return s;
  };
  auto enrol = [&](const Record& r, const PrecomputedComparison* pre, bool store_it) {
    auto out = resident.Enrol(r, store_it, today, "test", 1, pre);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    resident.Committed();
    return out.ok() ? json::parse(*out) : json();
  };
  const char* categories[] = {"applicant", "irregular_crosser", "illegal_stayer"};
  const char* states[] = {"ITA", "GRC", "ESP", "DEU"};
  std::vector<std::string> live, marked;
  uint64_t capture = 100;
  std::mt19937_64 random(20261129);
  auto pick = [&](size_t n) { return static_cast<size_t>(random() % n); };
  for (uint64_t person = 1; person <= 6; ++person) {
    for (const char* category : {"applicant", "irregular_crosser"}) {
      live.push_back(enrol(Parsed(SyntheticRecordJson(spec(category, states[pick(4)], person, ++capture))), nullptr,
                           true)["id"]);
    }
  }
  uint64_t changed_rounds = 0;
  for (int round = 0; round < 16; ++round) {
    // A C2a transmission is compared with marked applicants only (Art. 27(2)): marks matter to it.
    const char* probe_category = round % 2 == 0 ? "irregular_crosser" : "resettlement_registered";
    const Record x = Parsed(SyntheticRecordJson(spec(probe_category, "FRA", 1 + pick(6), ++capture)));
    auto pre = resident.PrecomputeComparison(x, today);
    ASSERT_TRUE(pre.ok() && *pre != nullptr);
    const int64_t searched_at = index.generation();
    for (size_t change = 0, changes = 1 + pick(3); change < changes; ++change) {
      const size_t what = pick(4);
      if (what == 0 || live.size() < 4) {
        live.push_back(enrol(Parsed(SyntheticRecordJson(spec(categories[pick(3)], states[pick(4)], 1 + pick(8), ++capture))),
                             nullptr, true)["id"]);
      } else if (what == 1) {
        const size_t k = pick(live.size());
        ASSERT_TRUE(resident.Erase(live[k], ErasureReason::kInaccurate).ok());
        resident.Committed();
        marked.erase(std::remove(marked.begin(), marked.end(), live[k]), marked.end());
        live.erase(live.begin() + static_cast<std::ptrdiff_t>(k));
      } else if (what == 2) {
        const std::string& id = live[pick(live.size())];
        if (resident.MarkRecord(id, Mark::kInternationalProtection).ok()) marked.push_back(id);  // applicants only
        resident.Committed();
      } else if (!marked.empty()) {
        const size_t k = pick(marked.size());
        ASSERT_TRUE(resident.Unmark(marked[k]).ok());
        resident.Committed();
        marked.erase(marked.begin() + static_cast<std::ptrdiff_t>(k));
      }
    }
    changed_rounds += index.generation() > searched_at;  // a refused mark changes nothing
    const json with = enrol(x, pre->get(), false);
    const json fresh = enrol(x, nullptr, false);
    EXPECT_EQ(with, fresh) << "round " << round;
  }
  EXPECT_GE(changed_rounds, 12u);
  EXPECT_EQ(index.caught_up(), changed_rounds);  // never a full list here (fewer records than kMaxHits + 1)
  EXPECT_EQ(index.searched_again(), 0u);

  // A full candidate list (more eligible records than it holds): a record outside it erased is
  // caught up; one of its candidates erased, the record after the list is unknown: searched again.
  while (live.size() < 110) {
    live.push_back(enrol(Parsed(SyntheticRecordJson(spec("irregular_crosser", "ITA", 1 + pick(40), ++capture))),
                         nullptr, true)["id"]);
  }
  const Record y = Parsed(SyntheticRecordJson(spec("irregular_crosser", "FRA", 3, ++capture)));
  auto pre = resident.PrecomputeComparison(y, today);
  ASSERT_TRUE(pre.ok() && *pre != nullptr);
  const json before = enrol(y, nullptr, false);
  ASSERT_GE(before["hits"].size(), 1u);  // person 3's records
  const std::string candidate = before["hits"][0]["record_id"];
  ASSERT_TRUE(resident.Erase(candidate, ErasureReason::kInaccurate).ok());
  resident.Committed();
  EXPECT_EQ(enrol(y, pre->get(), false), enrol(y, nullptr, false));
  EXPECT_EQ(index.searched_again(), 1u);
  pre = resident.PrecomputeComparison(y, today);
  ASSERT_TRUE(pre.ok() && *pre != nullptr);
  live.push_back(enrol(Parsed(SyntheticRecordJson(spec("applicant", "GRC", 3, ++capture))), nullptr, true)["id"]);
  const json caught = enrol(y, pre->get(), false);
  EXPECT_EQ(caught, enrol(y, nullptr, false));
  EXPECT_EQ(caught["hits"][0]["record_id"], live.back());  // the new mate
  EXPECT_EQ(index.caught_up(), changed_rounds + 1);
}

// A server comparing exhaustively loads its index without pre-selection keys: the same hits, less
// memory; reloaded after another writer's change, it stays without them.
TEST_P(RegistrySuite, AnExhaustiveIndexHoldsNoPreselectionKeys) {
  json a = Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 201, 1)));
  Enrol(SyntheticRecordJson(Spec("applicant", "ESP", 202, 1)));
  auto lean = RegistryIndex::Load(store_.get(), 1, RegistryIndex::kDefaultPageRecords, /*preselection=*/false);
  auto full = RegistryIndex::Load(store_.get(), 1);
  ASSERT_TRUE(lean.ok() && full.ok());
  EXPECT_LT((*lean)->MemoryBytes(), (*full)->MemoryBytes());
  Registry resident(store_.get(), &Rules(), lean->get());
  const Record probe = Parsed(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 201, 2)));
  auto found = resident.Enrol(probe, false, D("2026-07-03"), "t");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(json::parse(*found)["hits"].size(), 1u);
  EXPECT_EQ(json::parse(*found)["hits"][0]["record_id"], a["id"]);
  json c = Enrol(SyntheticRecordJson(Spec("applicant", "FRA", 203, 1)));  // another writer: the next comparison reloads
  const size_t before = (*lean)->MemoryBytes();
  found = resident.Enrol(Parsed(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 203, 2))), false, D("2026-07-03"), "t");
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(json::parse(*found)["hits"].size(), 1u);
  EXPECT_EQ(json::parse(*found)["hits"][0]["record_id"], c["id"]);
  EXPECT_EQ((*lean)->records(), 3u);
  EXPECT_LT((*lean)->MemoryBytes(), before * 2);  // still without keys (with them it is many times larger)
  auto full3 = RegistryIndex::Load(store_.get(), 1);
  ASSERT_TRUE(full3.ok());
  EXPECT_LT((*lean)->MemoryBytes(), (*full3)->MemoryBytes());
}

// Art. 43: a data subject's datasets of every Member State, to be verified before disclosure, the
// security flag said; the request recorded without the fingerprints; refusals name the field.
TEST_P(RegistrySuite, ADataSubjectSeesTheDataHeldOnThem) {
  json mine = Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 211, 1)));
  json again = Enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 211, 2)));
  Enrol(SyntheticRecordJson(Spec("applicant", "ESP", 212, 1)));  // someone else
  ASSERT_TRUE(registry_->UpdateStatus(again["id"], R"({"security_threat": {"grounds": ["violent"]}})", D("2026-08-01")).ok());
  auto request = [](const json& patch) {
    json r = {{"member_state", "DEU"},
              {"received_on", "2026-08-03"},
              {"channel", "written"},
              {"fingerprints", json::parse(SyntheticRecordJson(Spec("illegal_stayer", "DEU", 211, 3)))["fingerprints"]}};
    r.merge_patch(patch);
    return r.dump();
  };
  auto field = [&](const json& patch) {
    auto r = registry_->SubjectAccess(request(patch), "de-officer", D("2026-08-03"));
    return r.ok() ? std::string("(accepted)") : r.status().field();
  };
  EXPECT_EQ(field({{"channel", "pigeon"}}), "channel");
  EXPECT_EQ(field({{"received_on", "2026-08-04"}}), "received_on");  // after today
  EXPECT_EQ(field({{"member_state", "USA"}}), "member_state");
  EXPECT_EQ(field({{"fingerprints", nullptr}}), "fingerprints");
  EXPECT_EQ(Count("subject_access_request"), 0);

  // Germany, where the person asked, sees the datasets Italy and Greece transmitted (43(2)).
  Registry germany(store_.get(), &Rules());
  germany.set_acting_member_state("DEU");
  auto answer = germany.SubjectAccess(request(json::object()), "de-officer", D("2026-08-03"));
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  const json a = json::parse(*answer);
  ASSERT_EQ(a["datasets"].size(), 2u) << a.dump(2);
  ExpectFollowsApiSchema(a, "SubjectAccessAnswer");
  std::set<std::string> by;
  for (const json& d : a["datasets"]) by.insert(d["transmitted_by"].get<std::string>());
  EXPECT_EQ(by, (std::set<std::string>{"GRC", "ITA"}));
  EXPECT_NE(a["flags"].dump().find("VERIFY_BEFORE_DISCLOSURE"), std::string::npos);
  EXPECT_NE(a["flags"].dump().find("SECURITY_FLAG_RESTRICTION_POSSIBLE"), std::string::npos);  // 43(3)
  EXPECT_EQ(germany.SubjectAccess(request({{"member_state", "ITA"}}), "x", D("2026-08-03")).status().code(),
            StatusCode::kPermissionDenied);
  // Recorded (43(8)), without the fingerprints (43(6)); counted for Art. 12(1)(v).
  auto kept = store_->Query("SELECT member_state, channel, records_found FROM subject_access_request");
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->rows.size(), 1u);
  EXPECT_EQ(kept->rows[0].Text(1), "written");
  EXPECT_EQ(kept->rows[0].Int(2), 2);
  EXPECT_EQ(json::parse(*registry_->Stats("2026-08"))["month"]["subject_access_requests"]["DEU"], 1);
  // Nobody's data: an answer with no dataset, recorded all the same.
  SyntheticRecordSpec stranger = Spec("illegal_stayer", "DEU", 299, 1);
  json nobody = json::parse(*germany.SubjectAccess(
      request({{"fingerprints", json::parse(SyntheticRecordJson(stranger))["fingerprints"]}}), "de-officer", D("2026-08-03")));
  EXPECT_TRUE(nobody["datasets"].empty());
  EXPECT_TRUE(nobody["flags"].empty());
  EXPECT_EQ(Count("subject_access_request"), 2);
}

// A server compares a subject access request ahead, beside other requests (PrecomputeSubjectAccess):
// SubjectAccess answers the same with it, searches again once the index has changed or for other
// fingerprints, and a request whose fingerprints cannot be read is not compared ahead.
TEST_P(RegistrySuite, ASubjectAccessSearchRunAheadGivesTheSameAnswerOrIsDoneAgain) {
  auto loaded = RegistryIndex::Load(store_.get(), 2);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  Registry resident(store_.get(), &Rules(), loaded->get());
  auto enrol = [&](const SyntheticRecordSpec& spec) { return EnrolThrough(resident, spec); };
  const json first = enrol(Spec("applicant", "ITA", 231, 1));
  auto request = [](uint64_t person) {
    return json({{"member_state", "DEU"},
                 {"received_on", "2026-08-03"},
                 {"channel", "in_person"},
                 {"fingerprints", json::parse(SyntheticRecordJson(Spec("illegal_stayer", "DEU", person, 3)))["fingerprints"]}})
        .dump();
  };
  auto datasets = [&](const std::string& text, const PrecomputedComparison* ahead) {
    auto out = resident.SubjectAccess(text, "de-officer", D("2026-08-03"), 1, ahead);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    resident.Committed();
    std::set<std::string> ids;
    if (!out.ok()) return ids;
    const json answer = json::parse(*out);
    for (const json& d : answer["datasets"]) ids.insert(d["record_id"].get<std::string>());
    EXPECT_EQ(answer["records_compared"].get<size_t>(), loaded->get()->records());
    return ids;
  };
  const std::set<std::string> plain = datasets(request(231), nullptr);
  EXPECT_EQ(plain, (std::set<std::string>{first["id"].get<std::string>()}));
  auto ahead = resident.PrecomputeSubjectAccess(request(231));
  ASSERT_TRUE(ahead.ok() && *ahead != nullptr);
  EXPECT_EQ(datasets(request(231), ahead->get()), plain);

  // Searched before the person's second dataset was stored: caught up, and that dataset found.
  auto stale = resident.PrecomputeSubjectAccess(request(231));
  ASSERT_TRUE(stale.ok() && *stale != nullptr);
  const json second = enrol(Spec("irregular_crosser", "GRC", 231, 2));
  EXPECT_EQ(datasets(request(231), stale->get()),
            (std::set<std::string>{first["id"].get<std::string>(), second["id"].get<std::string>()}));
  EXPECT_EQ(loaded->get()->caught_up(), 1u);
  // Another person's search is not taken for this one.
  auto other = resident.PrecomputeSubjectAccess(request(232));
  ASSERT_TRUE(other.ok() && *other != nullptr);
  EXPECT_EQ(datasets(request(231), other->get()).size(), 2u);
  // Unreadable fingerprints: nothing compared ahead; SubjectAccess names the field.
  auto none = resident.PrecomputeSubjectAccess(R"({"member_state": "DEU", "fingerprints": [{"position": 1}]})");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, nullptr);
  // Without a resident index (the CLI) there is nothing to search ahead.
  Registry plain_registry(store_.get(), &Rules());
  auto no_index = plain_registry.PrecomputeSubjectAccess(request(231));
  ASSERT_TRUE(no_index.ok());
  EXPECT_EQ(*no_index, nullptr);
  // Searched before a dataset was erased: caught up, and the erased one no longer found.
  auto before_erasure = resident.PrecomputeSubjectAccess(request(231));
  ASSERT_TRUE(before_erasure.ok() && *before_erasure != nullptr);
  ASSERT_TRUE(resident.Erase(first["id"], ErasureReason::kInaccurate).ok());
  resident.Committed();
  EXPECT_EQ(datasets(request(231), before_erasure->get()), (std::set<std::string>{second["id"].get<std::string>()}));
  EXPECT_EQ(loaded->get()->caught_up(), 2u);
  EXPECT_EQ(loaded->get()->searched_again(), 0u);
}

// Art. 29(9): temporary-protection records are kept a year from their decision's entry into force,
// then a year at a time while the protection lasts; an extension never shortens and touches only
// that decision's records.
TEST_P(RegistrySuite, TemporaryProtectionRetentionIsExtendedYearByYear) {
  const Date today = D("2029-07-03");
  auto c7 = [&](const char* ms, uint64_t person, const char* decision) {
    SyntheticRecordSpec s = Spec("temporary_protection", ms, person, 1);
    s.event_date = "2029-07-01";
    return Enrol(With(s, {{"implementing_decision", {{"reference", decision}, {"in_force_from", "2029-06-20"}}}}), true, today);
  };
  json a = c7("ITA", 221, "(EU) 2029/123"), b = c7("DEU", 222, "(EU) 2029/123"), other = c7("ITA", 223, "(EU) 2029/456");
  ASSERT_EQ(a["erase_on"], "2030-06-20");
  EXPECT_EQ(registry_->ExtendTemporaryProtection("", D("2031-03-01"), "x").status().field(), "decision");
  EXPECT_EQ(registry_->ExtendTemporaryProtection("(EU) 2029/123", D("2031-03-01"), "").status().field(), "basis");
  auto extended = registry_->ExtendTemporaryProtection("(EU) 2029/123", D("2031-03-01"), "SYNTHETIC Council decision");
  ASSERT_TRUE(extended.ok()) << extended.status().ToString();
  json e = json::parse(*extended);
  ExpectFollowsApiSchema(e, "RetentionExtended");
  EXPECT_EQ(e["records_extended"], 2);
  EXPECT_EQ(e["erase_on"]["2031-06-20"], 2);  // the anniversary after the protection ends
  EXPECT_EQ(json::parse(*registry_->Show(a["id"]))["erase_on"], "2031-06-20");
  EXPECT_EQ(json::parse(*registry_->Show(other["id"]))["erase_on"], "2030-06-20");  // another decision
  // An earlier end shortens nothing; a bound token extends only its own.
  EXPECT_EQ(json::parse(*registry_->ExtendTemporaryProtection("(EU) 2029/123", D("2030-01-01"), "x"))["records_extended"], 0);
  Registry italy(store_.get(), &Rules());
  italy.set_acting_member_state("ITA");
  EXPECT_EQ(json::parse(*italy.ExtendTemporaryProtection("(EU) 2029/123", D("2032-06-20"), "x"))["records_extended"], 1);
  EXPECT_EQ(json::parse(*registry_->Show(a["id"]))["erase_on"], "2032-06-20");
  EXPECT_EQ(json::parse(*registry_->Show(b["id"]))["erase_on"], "2031-06-20");
  // Expiry follows the extended periods.
  json expired = json::parse(*registry_->Expire(D("2030-07-01"), D("2030-07-01")));
  EXPECT_EQ(expired["erased"], 1);  // only the other decision's record
  EXPECT_TRUE(registry_->Show(a["id"]).ok());
}

// The minimum age is policy data: without a row in force the registry refuses rather than assume
// an age, and stores nothing.
TEST_P(RegistrySuite, NoMinimumAgeInThePolicyDataIsARefusal) {
  namespace fs = std::filesystem;
  testing::TempDir tmp;
  const fs::path policy = tmp.path() + "/policy";
  fs::copy(testing::DataDir() + "/policy", policy);
  std::string kept;
  {
    std::ifstream in(policy / "parameters.csv");
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("eurodac.minimum_age,", 0) != 0) kept += line + "\n";
    }
  }
  ASSERT_LT(kept.size(), fs::file_size(policy / "parameters.csv"));  // the row was there
  std::ofstream(policy / "parameters.csv", std::ios::trunc) << kept;
  auto data = rules::RulesData::Load(testing::DataDir(), policy.string());
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  Registry reg(store_.get(), &*data);
  auto r = reg.Enrol(Parsed(SyntheticRecordJson(Spec("applicant", "ITA", 151, 1))), true, D("2026-07-03"), "t");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("eurodac.minimum_age"), std::string::npos) << r.status().ToString();
  EXPECT_EQ(Count("registry_record"), 0);
}

// Eurodac tells the other Member States whose data a record hit, or were hit by it, when the
// Member State responsible is recorded (Art. 16(4)), when it is marked (31(1), (4)) and when it
// is erased for citizenship (30(2)); each notification says what its recipient does next.
TEST_P(RegistrySuite, OtherMemberStatesAreNotifiedAsArticles16And30And31Say) {
  json a = Enrol(SyntheticRecordJson(Spec("applicant", "ITA", 161, 1)));
  json b = Enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 161, 2)));
  json c = Enrol(SyntheticRecordJson(Spec("applicant", "DEU", 161, 3)));
  json e = Enrol(With(Spec("illegal_stayer", "ITA", 161, 4), {{"compare_own_data", true}}));
  Enrol(SyntheticRecordJson(Spec("applicant", "ESP", 162, 1)));  // someone else
  const std::string A = a["id"], B = b["id"], C = c["id"], E = e["id"];
  ASSERT_EQ(c["hits"].size(), 2u);
  ASSERT_EQ(e["hits"].size(), 3u);  // A (own data, on request), B and C
  Registry greece(store_.get(), &Rules()), germany(store_.get(), &Rules());
  greece.set_acting_member_state("GRC");
  germany.set_acting_member_state("DEU");
  auto notes = [](Registry& r, bool all = false) {
    auto n = r.Notifications(all);
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    if (n.ok()) ExpectFollowsApiSchema(json::parse(*n), "RegistryNotifications");  // every event and follow-up
    return n.ok() ? json::parse(*n)["notifications"] : json::array();
  };
  const Date today = D("2026-08-03");

  // 16(4): the Member State responsible recorded on A; Italy's own record E is not notified.
  json set = json::parse(*registry_->UpdateStatus(A, R"({"ms_responsible": "ITA"})", today));
  EXPECT_EQ(set["notified"], json::array({"DEU", "GRC"}));
  json de = notes(germany);
  ASSERT_EQ(de.size(), 1u) << de.dump(2);
  EXPECT_EQ(de[0]["event"], "ms_responsible_recorded");
  EXPECT_EQ(de[0]["legal_basis"], "Regulation (EU) 2024/1358, Art. 16(4)");
  EXPECT_EQ(de[0]["about"]["reference"], "ITA-SYN-161-1");
  EXPECT_EQ(de[0]["your_record"]["id"], C);
  EXPECT_EQ(de[0]["follow_up"]["action"], "update");  // an applicant's dataset: update it
  EXPECT_EQ(de[0]["follow_up"]["status"]["ms_responsible"], "ITA");
  json gr = notes(greece);
  ASSERT_EQ(gr.size(), 1u);
  EXPECT_EQ(gr[0]["your_record"]["id"], B);
  EXPECT_TRUE(gr[0]["follow_up"].is_null());  // an irregular crosser's: nothing to update
  // The same value again tells nobody; a change of responsibility (16(3)) does.
  EXPECT_FALSE(json::parse(*registry_->UpdateStatus(A, R"({"ms_responsible": "ITA"})", today)).contains("notified"));
  EXPECT_FALSE(json::parse(*registry_->UpdateStatus(A, R"({"avrr_granted": false})", today)).contains("notified"));
  ASSERT_TRUE(registry_->UpdateStatus(A, R"({"ms_responsible": "DEU"})", today).ok());
  EXPECT_EQ(notes(germany).size(), 2u);
  EXPECT_EQ(notes(*registry_).size(), 4u);  // a central operator sees every one
  EXPECT_EQ(json::parse(*registry_->Notifications(false, "GRC"))["count"], 2);
  // In pages: one, then the next from where the first ended; nothing lost or repeated.
  const json page1 = json::parse(*registry_->Notifications(false, "GRC", "", 1));
  ASSERT_EQ(page1["count"], 1);
  EXPECT_EQ(page1["more"], true);
  ASSERT_EQ(page1["next"], page1["notifications"][0]["id"]);
  const json page2 = json::parse(*registry_->Notifications(false, "GRC", page1["next"], 1));
  ASSERT_EQ(page2["count"], 1);
  EXPECT_EQ(page2["more"], false);
  EXPECT_NE(page2["notifications"][0]["id"], page1["notifications"][0]["id"]);
  EXPECT_EQ(registry_->Notifications(false, "GRC", "", 0).status().field(), "limit");
  EXPECT_EQ(registry_->Notifications(false, "GRC", "ntf-none", 1).status().field(), "after");
  EXPECT_EQ(greece.Notifications(false, "", page1["next"], 1).ok(), page1["notifications"][0]["recipient_member_state"] == "GRC");
  EXPECT_EQ(registry_->Notifications(false, "XYZ").status().field(), "member_state");
  EXPECT_EQ(greece.Notifications(false, "DEU").status().code(), StatusCode::kPermissionDenied);

  // 31(1): protection granted; Germany's applicant dataset is to be marked in turn.
  json marked = json::parse(*registry_->MarkRecord(A, Mark::kInternationalProtection));
  EXPECT_EQ(marked["notified"], json::array({"DEU", "GRC"}));
  for (const json& n : notes(germany)) {
    if (n["event"] != "marked_international_protection") continue;
    EXPECT_EQ(n["follow_up"]["mark"], "international_protection");
    EXPECT_EQ(n["legal_basis"], "Regulation (EU) 2024/1358, Art. 31(1)");
  }
  ASSERT_EQ(notes(germany).size(), 3u);

  // Acknowledged by the recipient only, once.
  const std::string first = notes(germany)[0]["id"];
  EXPECT_EQ(greece.AcknowledgeNotification(first, "gr").status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(germany.AcknowledgeNotification(first, "de-operator").ok());
  EXPECT_EQ(germany.AcknowledgeNotification(first, "de-operator").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(notes(germany).size(), 2u);
  json all = notes(germany, true);
  ASSERT_EQ(all.size(), 3u);
  int acknowledged = 0;
  for (const json& n : all) acknowledged += n["acknowledged_by"] == "de-operator" ? 1 : 0;
  EXPECT_EQ(acknowledged, 1);

  // A rejected hit takes what was told on its strength along (Art. 38(5)).
  ASSERT_TRUE(germany.VerifyHit(C, A, false, today).ok());
  EXPECT_TRUE(notes(germany, true).empty());
  EXPECT_EQ(notes(greece).size(), 3u);

  // 30(2): erased for citizenship, told first: Greece erases too (30(1), second subparagraph).
  json erased = json::parse(*registry_->Erase(A, ErasureReason::kCitizenshipAcquired));
  EXPECT_EQ(erased["notified"], json::array({"GRC"}));  // C's link went with the rejected hit
  json told;
  for (const json& n : notes(greece)) {
    if (n["event"] == "erased_citizenship_acquired") told = n;
  }
  ASSERT_FALSE(told.is_null());
  EXPECT_EQ(told["about"]["reference"], "ITA-SYN-161-1");  // named though the record is gone
  EXPECT_EQ(told["follow_up"]["action"], "erase");
  EXPECT_EQ(told["follow_up"]["reason"], "citizenship_acquired");
  // Other erasures tell nobody; a recipient's record takes its notifications along.
  EXPECT_FALSE(json::parse(*registry_->Erase(E, ErasureReason::kInaccurate)).contains("notified"));
  ASSERT_TRUE(registry_->Erase(B, ErasureReason::kInaccurate).ok());
  EXPECT_TRUE(notes(greece, true).empty());
  EXPECT_EQ(Count("registry_notification"), 0);
}

// A designated authority's reasoned request (Chapter XI), every condition stated, with another
// capture of `person`'s fingers (SYNTHETIC).
json LawEnforcementRequest(const char* ms, uint64_t person, uint64_t capture, const json& patch = json::object()) {
  json r = {{"member_state", ms},
            {"reference", std::string(ms) + "4-SYN-" + std::to_string(person) + "-" + std::to_string(capture)},
            {"authority", "SYNTHETIC designated authority"},
            {"officer", "SYNTHETIC officer"},
            {"national_file_number", "SYN/" + std::to_string(person)},
            {"purpose", "identify the suspect of a SYNTHETIC offence"},
            {"offence", {{"type", "serious_criminal_offence"}, {"description", "SYNTHETIC armed robbery"}}},
            {"conditions",
             {{"prior_checks", {{"national_databases", true}, {"prum", "done"}}},
              {"necessity", "SYNTHETIC: no other lead"},
              {"specific_case", "SYNTHETIC case 1, one suspect"},
              {"substantial_contribution", "SYNTHETIC: the suspect is believed to have applied for protection"}}},
            {"fingerprints", json::parse(SyntheticRecordJson(Spec("illegal_stayer", ms, person, capture)))["fingerprints"]}};
  r.merge_patch(patch);
  return r;
}

// Art. 33(1): a request is taken only with every condition stated; a refusal names the field and
// stores nothing.
TEST_P(RegistrySuite, LawEnforcementRequestsStateEveryConditionOfArticle33) {
  auto field = [&](const json& request) {
    auto r = registry_->SubmitLawEnforcementRequest(request.dump(), "de-police");
    return r.ok() ? std::string("(accepted)") : r.status().field();
  };
  EXPECT_EQ(field(LawEnforcementRequest("DEU", 1, 1, {{"conditions", nullptr}})), "conditions");
  EXPECT_EQ(field(LawEnforcementRequest("DEU", 1, 1, {{"conditions", {{"prior_checks", {{"national_databases", false}}}}}})),
            "conditions.prior_checks.national_databases");
  EXPECT_EQ(field(LawEnforcementRequest("DEU", 1, 1, {{"conditions", {{"prior_checks", {{"prum", "maybe"}}}}}})),
            "conditions.prior_checks.prum");
  auto grounds = registry_->SubmitLawEnforcementRequest(
      LawEnforcementRequest("DEU", 1, 1, {{"conditions", {{"prior_checks", {{"prum", "not_useful"}}}}}}).dump(), "de-police");
  EXPECT_EQ(grounds.status().field(), "conditions.prior_checks.prum_grounds");
  EXPECT_NE(grounds.status().message().find("Art. 33(1)(a)(ii)"), std::string::npos) << grounds.status().ToString();
  EXPECT_EQ(field(LawEnforcementRequest("DEU", 1, 1, {{"conditions", {{"prior_checks", nullptr}}}})),
            "conditions.prior_checks");
  EXPECT_EQ(field(LawEnforcementRequest("DEU", 1, 1, {{"conditions", {{"specific_case", nullptr}}}})),
            "conditions.specific_case");
  EXPECT_EQ(field(LawEnforcementRequest("DEU", 1, 1, {{"conditions", {{"substantial_contribution", ""}}}})),
            "conditions.substantial_contribution");
  auto missing = registry_->SubmitLawEnforcementRequest(
      LawEnforcementRequest("DEU", 1, 1, {{"conditions", {{"necessity", nullptr}}}}).dump(), "de-police");
  EXPECT_EQ(missing.status().field(), "conditions.necessity");
  EXPECT_NE(missing.status().message().find("Art. 33(1)(b)"), std::string::npos) << missing.status().ToString();
  EXPECT_EQ(field(LawEnforcementRequest("DEU", 1, 1, {{"offence", {{"type", "tax_evasion"}}}})), "offence.type");
  EXPECT_EQ(field(LawEnforcementRequest("DEU", 1, 1, {{"national_file_number", nullptr}})), "national_file_number");
  EXPECT_EQ(field(LawEnforcementRequest("DEU", 1, 1, {{"member_state", "USA"}})), "member_state");
  EXPECT_EQ(field(LawEnforcementRequest("DEU", 1, 1, {{"fingerprints", nullptr}})), "fingerprints");
  EXPECT_EQ(field(LawEnforcementRequest("DEU", 1, 1, {{"urgent", {{"reasons", ""}}}})), "urgent.reasons");
  EXPECT_EQ(Count("law_enforcement_request"), 0);
  // The CIR's indication that Eurodac holds the person's data stands for the prior checks (33(2)).
  EXPECT_EQ(field(LawEnforcementRequest("DEU", 1, 1, {{"conditions", {{"prior_checks", nullptr}, {"cir_indicated_eurodac", true}}}})),
            "(accepted)");
  // Grounds to skip the other Member States' AFIS are taken when stated (33(1)(a)(ii)).
  EXPECT_EQ(field(LawEnforcementRequest("DEU", 1, 2, {{"conditions", {{"prior_checks", {{"prum", "not_useful"},
                                                                                        {"prum_grounds", "SYNTHETIC"}}}}}})),
            "(accepted)");
  EXPECT_EQ(registry_->SubmitLawEnforcementRequest(LawEnforcementRequest("DEU", 1, 1).dump(), "x").status().code(),
            StatusCode::kAlreadyExists);  // the same reference again
  Registry greece(store_.get(), &Rules());
  greece.set_acting_member_state("GRC");
  EXPECT_EQ(greece.SubmitLawEnforcementRequest(LawEnforcementRequest("DEU", 1, 3).dump(), "gr").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(Count("law_enforcement_request"), 2);
}

// The verifying authority checks before the comparison (Art. 32(1)-(2)); the designated authority
// gets the result; the fingerprints are kept only until then; what Art. 51(2) documents stays.
// The verifying authority's queue comes in pages, oldest first: `next` names where the following
// page starts, so that no request is out of reach however long the queue grows.
TEST_P(RegistrySuite, TheLawEnforcementQueueComesInPages) {
  Registry police(store_.get(), &Rules()), verifier(store_.get(), &Rules()), greek_verifier(store_.get(), &Rules());
  police.set_acting_member_state("DEU");
  verifier.set_acting_member_state("DEU");
  greek_verifier.set_acting_member_state("GRC");
  std::vector<std::string> ids;
  for (uint64_t person : {181, 182, 183}) {
    auto submitted = police.SubmitLawEnforcementRequest(LawEnforcementRequest("DEU", person, 2).dump(), "de-police");
    ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
    ids.push_back(json::parse(*submitted)["id"]);
  }
  const json first = json::parse(*verifier.LawEnforcementQueue(false, "", 2));
  ASSERT_EQ(first["count"], 2);
  EXPECT_EQ(first["more"], true);
  ASSERT_EQ(first["next"], first["requests"][1]["id"]);
  const json second = json::parse(*verifier.LawEnforcementQueue(false, first["next"], 2));
  ASSERT_EQ(second["count"], 1);
  EXPECT_EQ(second["more"], false);
  EXPECT_TRUE(second["next"].is_null());
  std::set<std::string> seen = {first["requests"][0]["id"], first["requests"][1]["id"], second["requests"][0]["id"]};
  EXPECT_EQ(seen, std::set<std::string>(ids.begin(), ids.end()));
  // A request of another State's queue, or none, is no place to start; nor is a page of 0 or 501.
  EXPECT_EQ(greek_verifier.LawEnforcementQueue(false, ids[0], 2).status().field(), "after");
  EXPECT_EQ(verifier.LawEnforcementQueue(false, "ler-none", 2).status().field(), "after");
  EXPECT_EQ(verifier.LawEnforcementQueue(false, "", 0).status().field(), "limit");
  EXPECT_EQ(verifier.LawEnforcementQueue(false, "", 501).status().field(), "limit");
}

// Art. 33(3): a request may compare alphanumeric data instead of fingerprints: the surname and
// the date of birth, narrowed by a forename, nationality or sex; every Member State's datasets;
// the data kept only until the comparison, documented by their fields and digest.
TEST_P(RegistrySuite, LawEnforcementComparesAlphanumericDataAsArticle33_3Allows) {
  SyntheticRecordSpec one = Spec("applicant", "ITA", 191, 1), two = Spec("illegal_stayer", "ESP", 192, 1),
                      other_day = Spec("applicant", "FRA", 193, 1), child = Spec("applicant", "GRC", 194, 1);
  one.date_of_birth = two.date_of_birth = "1988-04-12";
  other_day.date_of_birth = "1988-04-13";
  child.date_of_birth = "2015-01-01";  // 11 when the fingerprints were taken
  const std::string id_one = Enrol(SyntheticRecordJson(one))["id"], id_two = Enrol(SyntheticRecordJson(two))["id"];
  Enrol(SyntheticRecordJson(other_day));
  const std::string id_child = Enrol(SyntheticRecordJson(child))["id"];
  Registry police(store_.get(), &Rules()), verifier(store_.get(), &Rules());
  police.set_acting_member_state("DEU");
  verifier.set_acting_member_state("DEU");
  auto request = [&](const std::string& ref, const json& alphanumeric) {
    return LawEnforcementRequest("DEU", 190, 1, {{"reference", ref}, {"fingerprints", nullptr}, {"alphanumeric", alphanumeric}});
  };
  auto compare = [&](const std::string& ref, const json& alphanumeric) {
    auto submitted = police.SubmitLawEnforcementRequest(request(ref, alphanumeric).dump(), "de-police");
    EXPECT_TRUE(submitted.ok()) << submitted.status().ToString();
    if (!submitted.ok()) return json();
    const std::string id = json::parse(*submitted)["id"];
    auto verified = verifier.VerifyLawEnforcementRequest(id, true, "every condition of Art. 33(1) met", "de-v");
    EXPECT_TRUE(verified.ok()) << verified.status().ToString();
    const json shown = json::parse(*police.ShowLawEnforcementRequest(id));
    ExpectFollowsApiSchema(shown, "LawEnforcementView");  // alphanumeric hits, with their matched_on
    return shown;
  };
  // The name as Eurodac holds it, case and spaces aside; the same date of birth; any Member State.
  json shown = compare("ALNUM-1", {{"surname", " synthetic "}, {"date_of_birth", "1988-04-12"}});
  const json& result = shown["result"];
  EXPECT_EQ(result["compared_with"], "alphanumeric data");
  ASSERT_EQ(result["hits"].size(), 2u) << result.dump();
  std::set<std::string> found = {result["hits"][0]["record_id"], result["hits"][1]["record_id"]};
  EXPECT_EQ(found, (std::set<std::string>{id_one, id_two}));
  EXPECT_EQ(result["hits"][0]["matched_on"], json::array({"surname", "date_of_birth"}));
  EXPECT_FALSE(result["hits"][0].contains("score"));
  EXPECT_EQ(result["records_compared"], 4);
  EXPECT_NE(result["identification"].get<std::string>().find("not an identification"), std::string::npos);
  EXPECT_NE(std::find(result["flags"].begin(), result["flags"].end(), "HITS_TO_VERIFY"), result["flags"].end());
  EXPECT_EQ(result["legal_basis"][1], "Regulation (EU) 2024/1358, Art. 33(3)");
  // Documented by the fields compared and a digest, not the data (as fingerprints are, Art. 51(2)).
  EXPECT_EQ(shown["request"]["data_used"]["alphanumeric"]["fields"], json::array({"date_of_birth", "surname"}));
  EXPECT_EQ(shown["request"]["data_used"]["alphanumeric"]["blake2b_256"].get<std::string>().size(), 64u);
  EXPECT_EQ(shown["request"].dump().find(" synthetic "), std::string::npos);  // the surname asked for
  auto kept = store_->Query("SELECT COUNT(*) FROM law_enforcement_request WHERE alphanumeric IS NOT NULL");
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->rows[0].Int(0), 0);  // dropped with the comparison
  // A forename narrows; a different spelling does not match.
  json narrowed = compare("ALNUM-2", {{"surname", "SYNTHETIC"}, {"date_of_birth", "1988-04-12"}, {"forename", "person 192"}});
  ASSERT_EQ(narrowed["result"]["hits"].size(), 1u);
  EXPECT_EQ(narrowed["result"]["hits"][0]["record_id"], id_two);
  EXPECT_EQ(narrowed["result"]["hits"][0]["matched_on"], json::array({"surname", "date_of_birth", "forename"}));
  EXPECT_TRUE(compare("ALNUM-3", {{"surname", "SYNTHETIK"}, {"date_of_birth", "1988-04-12"}})["result"]["hits"].empty());
  EXPECT_TRUE(compare("ALNUM-4", {{"surname", "SYNTHETIC"}, {"date_of_birth", "1988-04-12"}, {"nationality", "SYR"}})
                  ["result"]["hits"].empty());
  // A child under 14 when the fingerprints were taken is flagged as for a fingerprint hit (Art. 14(3)).
  json young = compare("ALNUM-5", {{"surname", "SYNTHETIC"}, {"date_of_birth", "2015-01-01"}});
  ASSERT_EQ(young["result"]["hits"].size(), 1u);
  EXPECT_EQ(young["result"]["hits"][0]["record_id"], id_child);
  EXPECT_EQ(young["result"]["hits"][0]["minor_under_14"], true);
  // What a request must give: one kind of data, the surname with the date of birth, known fields.
  auto field = [&](const json& r) {
    auto s = police.SubmitLawEnforcementRequest(r.dump(), "de-police");
    return s.ok() ? std::string("(accepted)") : s.status().field();
  };
  EXPECT_EQ(field(request("BAD-1", {{"surname", "SYNTHETIC"}})), "alphanumeric.date_of_birth");
  EXPECT_EQ(field(request("BAD-2", {{"date_of_birth", "1988-04-12"}})), "alphanumeric.surname");
  EXPECT_EQ(field(request("BAD-3", {{"surname", "X"}, {"date_of_birth", "1988-13-12"}})), "alphanumeric.date_of_birth");
  EXPECT_EQ(field(request("BAD-4", {{"surname", "X"}, {"date_of_birth", "1988-04-12"}, {"nationality", "ZZZ"}})),
            "alphanumeric.nationality");
  EXPECT_EQ(field(request("BAD-5", {{"surname", "X"}, {"date_of_birth", "1988-04-12"}, {"passport", "1"}})),
            "alphanumeric.passport");
  EXPECT_EQ(field(request("BAD-6", "SYNTHETIC")), "alphanumeric");
  EXPECT_EQ(field(LawEnforcementRequest("DEU", 190, 1, {{"reference", "BAD-7"},
                                                        {"alphanumeric", {{"surname", "X"}, {"date_of_birth", "1988-04-12"}}}})),
            "alphanumeric");  // with fingerprints too
  EXPECT_EQ(field(LawEnforcementRequest("DEU", 190, 1, {{"reference", "BAD-8"}, {"fingerprints", nullptr}})), "fingerprints");
}

// A server searches a law-enforcement request's fingerprints ahead of the verification
// (PendingLawEnforcementFingerprints, PrecomputeEveryRecord): Verify finds the same with it and
// searches again once the index has changed or for other fingerprints; nothing is read for a
// request no longer pending, nor for another Member State's.
TEST_P(RegistrySuite, ALawEnforcementSearchRunAheadGivesTheSameResultOrIsDoneAgain) {
  auto loaded = RegistryIndex::Load(store_.get(), 2);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  Registry resident(store_.get(), &Rules(), loaded->get());
  auto enrol = [&](const SyntheticRecordSpec& spec) { return EnrolThrough(resident, spec).value("id", std::string()); };
  const std::string first = enrol(Spec("applicant", "ITA", 241, 1));
  auto submit = [&](uint64_t capture) {
    auto out = resident.SubmitLawEnforcementRequest(LawEnforcementRequest("DEU", 241, capture).dump(), "de-police");
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? json::parse(*out)["id"].get<std::string>() : std::string();
  };
  auto verify_and_read = [&](const std::string& id, const PrecomputedComparison* ahead) {
    auto v = resident.VerifyLawEnforcementRequest(id, true, "every condition met", "de-v", 1, ahead);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    resident.Committed();
    std::set<std::string> ids;
    const json shown = json::parse(*resident.ShowLawEnforcementRequest(id));
    for (const json& h : shown["result"]["hits"]) ids.insert(h["record_id"].get<std::string>());
    return ids;
  };
  // With the search made ahead: the same hit as without.
  const std::string a = submit(5);
  auto fingerprints = resident.PendingLawEnforcementFingerprints(a);
  ASSERT_TRUE(fingerprints.ok()) << fingerprints.status().ToString();
  EXPECT_EQ(fingerprints->size(), 10u);
  auto ahead = resident.PrecomputeEveryRecord(*fingerprints);
  ASSERT_TRUE(ahead.ok() && *ahead != nullptr);
  EXPECT_EQ(verify_and_read(a, ahead->get()), (std::set<std::string>{first}));
  // Compared and verified: nothing left to read (the fingerprints were dropped).
  auto after = resident.PendingLawEnforcementFingerprints(a);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->empty());
  // Searched before the person's second dataset was stored: searched again, and that one found.
  const std::string b = submit(6);
  auto stale = resident.PrecomputeEveryRecord(*resident.PendingLawEnforcementFingerprints(b));
  ASSERT_TRUE(stale.ok() && *stale != nullptr);
  const std::string second = enrol(Spec("irregular_crosser", "GRC", 241, 2));
  EXPECT_EQ(verify_and_read(b, stale->get()), (std::set<std::string>{first, second}));
  // Another request's search is not taken for this one.
  const std::string c = submit(7);
  auto stranger = resident.SubmitLawEnforcementRequest(LawEnforcementRequest("DEU", 249, 1).dump(), "de-police");
  ASSERT_TRUE(stranger.ok()) << stranger.status().ToString();
  auto other = resident.PrecomputeEveryRecord(
      *resident.PendingLawEnforcementFingerprints(json::parse(*stranger)["id"].get<std::string>()));
  ASSERT_TRUE(other.ok() && *other != nullptr);
  EXPECT_EQ(verify_and_read(c, other->get()), (std::set<std::string>{first, second}));
  // Another Member State's request is not read.
  Registry greece(store_.get(), &Rules(), loaded->get());
  greece.set_acting_member_state("GRC");
  EXPECT_EQ(greece.PendingLawEnforcementFingerprints(submit(8)).status().code(), StatusCode::kNotFound);
}

TEST_P(RegistrySuite, LawEnforcementComparisonsFollowTheVerification) {
  SyntheticRecordSpec child = Spec("applicant", "ITA", 171, 1);
  child.date_of_birth = "2015-01-01";  // 11 when the fingerprints were taken
  json applicant = Enrol(SyntheticRecordJson(child));
  Enrol(SyntheticRecordJson(Spec("applicant", "ESP", 172, 1)));
  Registry police(store_.get(), &Rules()), verifier(store_.get(), &Rules()), greek_verifier(store_.get(), &Rules());
  police.set_acting_member_state("DEU");
  verifier.set_acting_member_state("DEU");
  greek_verifier.set_acting_member_state("GRC");

  auto submitted = police.SubmitLawEnforcementRequest(LawEnforcementRequest("DEU", 171, 2).dump(), "de-police");
  ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
  const json s = json::parse(*submitted);
  const std::string id = s["id"];
  EXPECT_EQ(s["status"], "pending");
  EXPECT_FALSE(s.contains("result"));  // nothing compared before the verification
  json shown = json::parse(*police.ShowLawEnforcementRequest(id));
  EXPECT_TRUE(shown["result"].is_null());
  EXPECT_EQ(shown["request"]["data_used"].size(), 10u);  // Art. 51(2)(g): positions, formats, digests
  EXPECT_EQ(shown["request"]["data_used"][0]["blake2b_256"].get<std::string>().size(), 64u);
  EXPECT_FALSE(shown["request"].contains("fingerprints"));
  EXPECT_EQ(shown["request"]["national_file_number"], "SYN/171");

  json queue = json::parse(*verifier.LawEnforcementQueue(false));
  ASSERT_EQ(queue["count"], 1);
  EXPECT_EQ(queue["more"], false);
  EXPECT_TRUE(queue["next"].is_null());
  EXPECT_EQ(queue["requests"][0]["request"]["conditions"]["prior_checks"]["prum"], "done");
  EXPECT_EQ(json::parse(*greek_verifier.LawEnforcementQueue(true))["count"], 0);
  EXPECT_EQ(greek_verifier.VerifyLawEnforcementRequest(id, true, "ok", "gr-v").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(greek_verifier.ShowLawEnforcementRequest(id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(verifier.VerifyLawEnforcementRequest(id, true, "", "de-v").status().field(), "reasons");

  auto verified = verifier.VerifyLawEnforcementRequest(id, true, "every condition of Art. 33(1) met", "de-v");
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  const json v = json::parse(*verified);
  EXPECT_EQ(v["status"], "compared");
  EXPECT_EQ(v["hits"], 1);
  EXPECT_FALSE(v.contains("result"));  // the result goes to the designated authority
  shown = json::parse(*police.ShowLawEnforcementRequest(id));
  ASSERT_EQ(shown["result"]["hits"].size(), 1u) << shown.dump(2);
  const json& hit = shown["result"]["hits"][0];
  EXPECT_EQ(hit["record_id"], applicant["id"]);
  EXPECT_EQ(hit["reference"], "ITA-SYN-171-1");
  EXPECT_EQ(hit["minor_under_14"], true);  // Art. 14(3)
  EXPECT_NE(shown["result"]["flags"].dump().find("MINOR_UNDER_14"), std::string::npos);
  EXPECT_EQ(shown["verification"]["conditions_met"], true);
  EXPECT_EQ(shown["verified_by"], "de-v");
  EXPECT_EQ(verifier.VerifyLawEnforcementRequest(id, false, "again", "de-v").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(json::parse(*verifier.LawEnforcementQueue(false))["count"], 0);

  // Refused: never compared; the fingerprints are erased, the documentation stays.
  const std::string refused = json::parse(*police.SubmitLawEnforcementRequest(
      LawEnforcementRequest("DEU", 172, 2).dump(), "de-police"))["id"];
  ASSERT_TRUE(verifier.VerifyLawEnforcementRequest(refused, false, "no overriding public security concern", "de-v").ok());
  shown = json::parse(*police.ShowLawEnforcementRequest(refused));
  EXPECT_EQ(shown["status"], "refused");
  EXPECT_TRUE(shown["result"].is_null());
  auto kept = store_->Query("SELECT COUNT(*) FROM law_enforcement_request WHERE fingerprints IS NOT NULL");
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->rows[0].Int(0), 0);

  // Art. 12(1)(t): the month's requests and hits.
  json stats = json::parse(*registry_->Stats(Timestamp::Now().ToString().substr(0, 7)));
  EXPECT_EQ(stats["month"]["law_enforcement_requests"]["DEU"], 2);
  EXPECT_EQ(stats["month"]["law_enforcement_hits"]["DEU"], 1);
}

// Europol's requests (Art. 34): its own systems checked first (34(1)(a), which the CIR indication
// does not replace), verified by Europol's verifying authority (Art. 7(2)), never a Member
// State's; each hit used only with its Member State's authorisation (34(4)).
TEST_P(RegistrySuite, EuropolRequestsFollowArticle34) {
  json stored = Enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 231, 1)));
  const json europol = {{"member_state", "EUROPOL"},
                        {"reference", "EUROPOL5-SYN-231"},
                        {"conditions",
                         {{"prior_checks", nullptr}, {"europol_systems_checked", true}}}};
  auto field = [&](const json& patch) {
    json r = LawEnforcementRequest("DEU", 231, 2, europol);
    r.merge_patch(patch);
    auto out = registry_->SubmitLawEnforcementRequest(r.dump(), "europol-da");
    return out.ok() ? std::string("(accepted)") : out.status().field();
  };
  EXPECT_EQ(field({{"conditions", {{"europol_systems_checked", false}, {"cir_indicated_eurodac", true}}}}),
            "conditions.europol_systems_checked");
  EXPECT_EQ(field({{"member_state", "EUROPA"}}), "member_state");
  EXPECT_EQ(field({{"conditions", {{"specific_case", nullptr}}}}), "conditions.specific_case");
  json r = LawEnforcementRequest("DEU", 231, 2, europol);
  auto submitted = registry_->SubmitLawEnforcementRequest(r.dump(), "europol-da");
  ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
  const std::string id = json::parse(*submitted)["id"];
  Registry german_verifier(store_.get(), &Rules());
  german_verifier.set_acting_member_state("DEU");
  EXPECT_EQ(german_verifier.VerifyLawEnforcementRequest(id, true, "x", "de-v").status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(registry_->VerifyLawEnforcementRequest(id, true, "SYNTHETIC: Art. 34(1) met", "europol-v").ok());
  const json shown = json::parse(*registry_->ShowLawEnforcementRequest(id));
  ASSERT_EQ(shown["result"]["hits"].size(), 1u);
  EXPECT_EQ(shown["result"]["hits"][0]["record_id"], stored["id"]);
  EXPECT_EQ(shown["result"]["hits"][0]["authorisation_required_from"], "GRC");
  EXPECT_NE(shown["result"]["flags"].dump().find("MEMBER_STATE_AUTHORISATION_REQUIRED"), std::string::npos);
  EXPECT_EQ(json::parse(*registry_->Stats(Timestamp::Now().ToString().substr(0, 7)))["month"]["law_enforcement_requests"]["EUROPOL"],
            1);  // Art. 12(1)(u)
}

// Exceptional urgency (Art. 32(4)): the verifying authority, not the designated authority,
// forwards the request at once and checks afterwards; found unjustified, the result is erased
// (32(5)).
TEST_P(RegistrySuite, UrgentLawEnforcementRequestsAreForwardedThenVerified) {
  Enrol(SyntheticRecordJson(Spec("irregular_crosser", "GRC", 181, 1)));
  const json urgent = {{"urgent", {{"reasons", "SYNTHETIC imminent danger"}}}};
  json a = json::parse(*registry_->SubmitLawEnforcementRequest(LawEnforcementRequest("FRA", 181, 2, urgent).dump(), "fr-police"));
  EXPECT_EQ(a["status"], "pending");  // urgent or not, nothing is compared on submission
  EXPECT_FALSE(a.contains("result"));
  json b = json::parse(*registry_->SubmitLawEnforcementRequest(LawEnforcementRequest("FRA", 181, 4).dump(), "fr-police"));
  EXPECT_EQ(registry_->ForwardUrgentLawEnforcementRequest(b["id"], "fr-v").status().code(),
            StatusCode::kFailedPrecondition);  // no urgency stated: checked first

  auto forwarded = registry_->ForwardUrgentLawEnforcementRequest(a["id"], "fr-v");
  ASSERT_TRUE(forwarded.ok()) << forwarded.status().ToString();
  const json f = json::parse(*forwarded);
  EXPECT_EQ(f["status"], "compared_pending_verification");
  EXPECT_EQ(f["hits"], 1);
  EXPECT_FALSE(f.contains("result"));  // for the designated authority
  EXPECT_EQ(registry_->ForwardUrgentLawEnforcementRequest(a["id"], "fr-v").status().code(), StatusCode::kFailedPrecondition);
  json shown = json::parse(*registry_->ShowLawEnforcementRequest(a["id"]));
  ASSERT_EQ(shown["result"]["hits"].size(), 1u);
  EXPECT_EQ(shown["result"]["hits"][0]["member_state"], "GRC");
  EXPECT_EQ(shown["verification"]["forwarded_urgently"]["by"], "fr-v");
  EXPECT_EQ(json::parse(*registry_->LawEnforcementQueue(false))["count"], 2);  // a to check afterwards, b pending

  auto unjustified = registry_->VerifyLawEnforcementRequest(a["id"], false, "no imminent danger", "fr-v");
  ASSERT_TRUE(unjustified.ok()) << unjustified.status().ToString();
  EXPECT_EQ(json::parse(*unjustified)["status"], "unjustified_result_erased");
  EXPECT_NE(json::parse(*unjustified)["erase"].get<std::string>().find("Art. 32(5)"), std::string::npos);
  ExpectFollowsApiSchema(json::parse(*unjustified), "LawEnforcementVerified");
  shown = json::parse(*registry_->ShowLawEnforcementRequest(a["id"]));
  ExpectFollowsApiSchema(shown, "LawEnforcementView");  // the result erased: null
  EXPECT_TRUE(shown["result"].is_null());
  // Art. 51(2)(f): the urgent procedure and the decision on the ex-post verification.
  EXPECT_EQ(shown["request"]["urgent"]["reasons"], "SYNTHETIC imminent danger");
  EXPECT_EQ(shown["verification"]["ex_post"], true);
  EXPECT_EQ(shown["verification"]["conditions_met"], false);
  EXPECT_EQ(shown["verification"]["forwarded_urgently"]["by"], "fr-v");

  json c = json::parse(*registry_->SubmitLawEnforcementRequest(LawEnforcementRequest("FRA", 181, 3, urgent).dump(), "fr-police"));
  ASSERT_TRUE(registry_->ForwardUrgentLawEnforcementRequest(c["id"], "fr-v").ok());
  ASSERT_TRUE(registry_->VerifyLawEnforcementRequest(c["id"], true, "urgency and conditions confirmed", "fr-v").ok());
  shown = json::parse(*registry_->ShowLawEnforcementRequest(c["id"]));
  EXPECT_EQ(shown["status"], "compared");
  EXPECT_EQ(shown["result"]["hits"].size(), 1u);
  EXPECT_EQ(json::parse(*registry_->LawEnforcementQueue(false))["count"], 1);  // b
  EXPECT_EQ(json::parse(*registry_->LawEnforcementQueue(true))["count"], 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistrySuite, ::testing::ValuesIn(testing::StoreBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace openpact::registry
