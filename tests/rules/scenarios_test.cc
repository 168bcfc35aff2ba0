// Data-driven tests of the procedure and responsibility decisions, in the style of DuckDB's
// sqllogictests: each file in tests/scenarios/procedure/ or tests/scenarios/responsibility/ holds a case, optionally extra policy rows and a decision date, and the
// answer expected (written by hand from the law, not produced by the engine). The expected answer
// is matched as a subset: every field given must be there with that value; every array element
// given must match some element of the actual array. `not_grounds` lists grounds that must be
// absent; `error` expects the case to be refused with that field.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "rules/decisions.h"
#include "rules/citations.h"
#include "rules/procedure.h"
#include "test_util.h"

namespace openpact::rules {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

bool Matches(const json& expected, const json& actual, std::string* why, const std::string& path) {
  if (expected.is_object()) {
    if (!actual.is_object()) {
      *why = path + ": expected an object";
      return false;
    }
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      if (!actual.contains(it.key())) {
        *why = path + "." + it.key() + ": missing";
        return false;
      }
      if (!Matches(it.value(), actual[it.key()], why, path + "." + it.key())) return false;
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array()) {
      *why = path + ": expected an array";
      return false;
    }
    // [] expects none; otherwise each expected element must match one of the actual ones.
    if (expected.empty() && !actual.empty()) {
      *why = path + ": expected none, got " + actual.dump();
      return false;
    }
    for (size_t i = 0; i < expected.size(); ++i) {
      bool found = false;
      std::string ignored;
      for (const json& a : actual) found |= Matches(expected[i], a, &ignored, path);
      if (!found) {
        *why = path + ": no element matches " + expected[i].dump();
        return false;
      }
    }
    return true;
  }
  if (expected != actual) {
    *why = path + ": expected " + expected.dump() + ", got " + actual.dump();
    return false;
  }
  return true;
}

std::string ScenarioDir(const std::string& kind = "procedure") {
  return std::string(OPENPACT_SOURCE_DIR) + "/tests/scenarios/" + kind;
}

std::vector<std::string> ScenarioFiles(const std::string& kind = "procedure") {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(ScenarioDir(kind))) {
    if (e.path().extension() == ".json") out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The answer to a scenario's case as JSON, or the refusal.
Result<json> Answer(const std::string& kind, const json& scenario, const RulesData& data) {
  std::optional<Date> at;
  if (scenario.contains("at")) at = *Date::Parse(scenario["at"].get<std::string>());
  if (scenario.contains("family")) {  // the family procedure (Art. 28): {"members": [case, ...]}
    OP_ASSIGN_OR_RETURN(auto answer, DecideDocument(DecisionKind::kFamilyProcedure, scenario["family"].dump(), data, at));
    return json::parse(answer);
  }
  const std::string text = scenario["case"].is_string() ? scenario["case"].get<std::string>() : scenario["case"].dump();
  const DecisionKind k = kind == "responsibility"   ? DecisionKind::kResponsibility
                         : kind == "return_border" ? DecisionKind::kReturnBorder
                         : kind == "reception"     ? DecisionKind::kReception
                         : kind == "protection_documents" ? DecisionKind::kProtectionDocuments
                         : kind == "admission"     ? DecisionKind::kAdmission
                         : kind == "relocation"    ? DecisionKind::kRelocation
                         : kind == "temporary_protection" ? DecisionKind::kTemporaryProtection
                         : kind == "return"        ? DecisionKind::kReturn
                                                   : DecisionKind::kProcedure;
  OP_ASSIGN_OR_RETURN(auto answer, DecideDocument(k, text, data, at));
  return json::parse(answer);
}

// The API route that answers a scenario's case: its answer schema in the OpenAPI document is the
// contract every answer keeps.
std::string Route(const std::string& kind, const json& scenario) {
  if (scenario.contains("family")) return "/v1/decisions/responsibility/family";
  std::string path = kind;
  for (char& ch : path) ch = ch == '_' ? '-' : ch;
  return "/v1/decisions/" + path;
}


// Every time limit of a responsibility answer names the Member State on whom it runs and who acts
// there (two States share the procedure, and each one's work list holds its own limits): a reply
// or a confirmation of receipt is the other State's (the requested one, or the one asked for
// information), every other limit the deciding State's; the appeal's period runs on the applicant,
// the court's limits on the court (AMMR Art. 43(2)-(3)).
void ExpectEachLimitSaysWhoActs(const json& c, const json& answer) {
  if (!c.is_object() || !answer.contains("deadlines")) return;
  const std::string deciding = c.value("member_state", "");
  for (const json& d : answer["deadlines"]) {
    const std::string name = d["name"];
    ASSERT_TRUE(d.contains("by") && d.contains("actor")) << "who acts is missing: " << d.dump();
    const bool other_state = name.find("reply") != std::string::npos || name.find("confirmation") != std::string::npos;
    if (other_state) {
      EXPECT_NE(d["by"], deciding) << d.dump();
    } else {
      EXPECT_EQ(d["by"], deciding) << d.dump();
    }
    const std::string actor = name == "transfer_appeal_longest"                             ? "applicant"
                              : name == "suspension_decision" || name == "appeal_decision" ? "court"
                                                                                             : "authority";
    EXPECT_EQ(d["actor"], actor) << d.dump();
  }
}

// A scenario: "kind/file.json".
class Scenario : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    auto d = RulesData::Load(testing::DataDir());
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    data_ = new RulesData(std::move(*d));
  }
  static void TearDownTestSuite() { delete data_; }
  static RulesData* data_;
};
RulesData* Scenario::data_ = nullptr;

TEST_P(Scenario, MatchesTheExpectedAnswer) {
  const std::string kind = GetParam().substr(0, GetParam().find('/'));
  std::ifstream in(ScenarioDir(kind) + "/" + GetParam().substr(kind.size() + 1));
  const json scenario = json::parse(in);
  ASSERT_TRUE(scenario.contains("description")) << "every scenario says what it tests";
  ASSERT_TRUE(scenario.contains("expect"));

  // A scenario may add rows to the shipped policy (national designations, settings, ...).
  const RulesData* data = data_;
  std::unique_ptr<RulesData> own;
  testing::TempDir tmp;
  if (scenario.contains("policy_rows")) {
    const fs::path policy = tmp.path() + "/policy";
    fs::copy(testing::DataDir() + "/policy", policy);
    for (auto it = scenario["policy_rows"].begin(); it != scenario["policy_rows"].end(); ++it) {
      std::ofstream out(policy / it.key(), std::ios::app);
      for (const json& row : it.value()) out << row.get<std::string>() << "\n";
    }
    auto d = RulesData::Load(testing::DataDir(), policy.string());
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    own = std::make_unique<RulesData>(std::move(*d));
    data = own.get();
  }

  auto answer = Answer(kind, scenario, *data);
  const json& expect = scenario["expect"];
  if (expect.contains("error")) {
    ASSERT_FALSE(answer.ok()) << "expected a refusal, got " << answer->dump(2);
    EXPECT_EQ(answer.status().field(), expect["error"]["field"].get<std::string>()) << answer.status().ToString();
    if (expect["error"].contains("code")) {
      EXPECT_EQ(StatusCodeName(answer.status().code()), expect["error"]["code"].get<std::string>());
    }
    return;
  }
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  const json& actual = *answer;
  std::string why;
  EXPECT_TRUE(Matches(expect, actual, &why, "")) << why << "\nactual: " << actual.dump(2);
  // Every member of the answer is the one the API's document describes, of the type and values it
  // declares (a member added to an answer must be described there too).
  const std::string route = Route(kind, scenario);
  const json& api = testing::ApiDocument();
  for (const std::string& v : testing::OpenApiViolations(api, testing::OpenApiResponseSchema(api, "post", route), actual)) {
    ADD_FAILURE() << route << " answer departs from its OpenAPI schema: " << v;
  }
  // Every article the answer cites exists in the official text, with its paragraph and point.
  for (const std::string& p : testing::LawTexts::Shared().Problems(actual.dump())) {
    ADD_FAILURE() << "a citation the official text does not have: " << p;
  }
  if (kind == "relocation" && scenario["case"].is_object()) {
    // Relocation (AMMR Art. 67(9)-(11)): the Member State of relocation answers; the benefitting one
    // decides the transfer and carries it out.
    for (const json& d : actual["deadlines"]) {
      EXPECT_EQ(d["by"], d["name"] == "relocation_reply" ? scenario["case"]["relocation_member_state"]
                                                         : scenario["case"]["member_state"])
          << d.dump();
      EXPECT_EQ(d["actor"], "authority") << d.dump();
    }
  }
  if (kind == "responsibility") {
    if (scenario.contains("family")) {
      for (size_t i = 0; i < actual["members"].size(); ++i) {
        ExpectEachLimitSaysWhoActs(scenario["family"]["members"][i], actual["members"][i]);
      }
    } else {
      ExpectEachLimitSaysWhoActs(scenario["case"], actual);
    }
  }
  if (scenario.contains("not_grounds")) {
    for (const json& g : scenario["not_grounds"]) {
      std::string ignored;
      for (const json& a : actual["grounds"]) {
        EXPECT_FALSE(Matches(g, a, &ignored, "")) << "unexpected ground " << a.dump();
      }
    }
  }
  if (scenario.contains("not_considered")) {
    for (const json& g : scenario["not_considered"]) {
      std::string ignored;
      for (const json& a : actual["considered"]) {
        EXPECT_FALSE(Matches(g, a, &ignored, "")) << "unexpected consideration " << a.dump();
      }
    }
  }
  if (scenario.contains("not_flags")) {
    for (const json& code : scenario["not_flags"]) {
      for (const json& a : actual["flags"]) EXPECT_NE(a["code"], code) << "unexpected flag";
    }
  }
  if (scenario.contains("not_deadlines")) {
    for (const json& name : scenario["not_deadlines"]) {
      for (const json& a : actual["deadlines"]) EXPECT_NE(a["name"], name) << "unexpected deadline";
    }
  }
}

std::vector<std::string> AllScenarios() {
  std::vector<std::string> out;
  for (const std::string kind : {"procedure", "responsibility", "return_border", "reception",
                                 "protection_documents", "admission", "relocation", "temporary_protection",
                                 "return"}) {
    for (const std::string& f : ScenarioFiles(kind)) out.push_back(kind + "/" + f);
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Rules, Scenario, ::testing::ValuesIn(AllScenarios()), [](const auto& info) {
  std::string name = info.param.substr(0, info.param.size() - 5);
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
});

TEST(ProcedureScenarios, AtLeastEightyScenariosExist) { EXPECT_GE(ScenarioFiles().size(), 80u); }
TEST(ResponsibilityScenarios, EveryCriterionHasScenarios) { EXPECT_GE(ScenarioFiles("responsibility").size(), 30u); }
TEST(ReturnBorderScenarios, EveryPathHasScenarios) { EXPECT_GE(ScenarioFiles("return_border").size(), 30u); }
TEST(ReceptionScenarios, EveryTimeLimitHasScenarios) { EXPECT_GE(ScenarioFiles("reception").size(), 20u); }
TEST(AdmissionScenarios, EveryRuleHasScenarios) { EXPECT_GE(ScenarioFiles("admission").size(), 20u); }
TEST(RelocationScenarios, EveryRuleHasScenarios) { EXPECT_GE(ScenarioFiles("relocation").size(), 15u); }
TEST(ReturnScenarios, EveryRuleHasScenarios) { EXPECT_GE(ScenarioFiles("return").size(), 20u); }
TEST(TemporaryProtectionScenarios, EveryRuleHasScenarios) {
  EXPECT_GE(ScenarioFiles("temporary_protection").size(), 15u);
}
TEST(ProtectionDocumentsScenarios, EveryRuleHasScenarios) {
  EXPECT_GE(ScenarioFiles("protection_documents").size(), 20u);
}

}  // namespace
}  // namespace openpact::rules
