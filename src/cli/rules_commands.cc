// `openpact decide ...` and `openpact policy ...`: the rules engine from the command line.
// Deciding is a pure computation on the case the caller supplies: it reads no stored data, so it
// needs no role and writes no audit entry (the API endpoint, which runs on a server holding
// tokens, does both).
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/batch.h"
#include "cli/commands.h"
#include "core/csv.h"
#include "core/data_dir.h"
#include "rules/procedure.h"
#include "rules/responsibility.h"

namespace openpact::cli {
namespace {

using json = nlohmann::json;

constexpr size_t kMaxCaseBytes = 1 << 20;  // a case document is a few KB; refuse anything absurd

Result<rules::RulesData> LoadRules(const GlobalOptions& g, const std::string& policy_dir) {
  return rules::RulesData::Load(ResolveDataDir(g.data_dir), policy_dir);
}

}  // namespace

Result<std::string> ReadCaseDocument(const std::string& path) {
  auto text = ReadFileToString(path, kMaxCaseBytes);
  if (!text.ok() && (text.status().code() == StatusCode::kNotFound || text.status().code() == StatusCode::kInvalidArgument)) {
    return Status::InvalidArgument(text.status().message(), "--case");
  }
  return text;
}

namespace {

// One kind of decision: how its case is read, decided and answered.
template <typename Case, typename Decision>
struct DecisionKind {
  Result<Case> (*parse)(std::string_view, const CountryRegistry&);
  Result<Decision> (*decide)(const Case&, const rules::RulesData&, std::optional<Date>);
  std::string (*to_json)(const Decision&, int);
};

template <typename Case, typename Decision>
int RunDecide(const DecisionKind<Case, Decision>& kind, const GlobalOptions& g, const std::string& case_file,
              const std::string& batch_file, const std::string& at_text, const std::string& policy_dir) {
  auto given = OptionalDate(at_text, "--at");
  if (!given.ok()) return Fail(given.status());
  const std::optional<Date> at = *given;
  auto data = LoadRules(g, policy_dir);
  if (!data.ok()) return Fail(data.status().WithContext("loading policy"));
  auto decide = [&](std::string_view text) -> Result<Decision> {
    auto c = kind.parse(text, data->countries);
    if (!c.ok()) return c.status();
    return kind.decide(*c, *data, at);
  };
  if (!case_file.empty()) {
    auto text = ReadCaseDocument(case_file);
    if (!text.ok()) return Fail(text.status());
    auto decision = decide(*text);
    if (!decision.ok()) return Fail(decision.status());
    std::cout << kind.to_json(*decision, 2) << "\n";
    return 0;
  }
  // Batch: one case per line in, one answer (or error) per line out, in order.
  std::ifstream in(batch_file);
  if (!in) return Fail(Status::InvalidArgument("cannot open " + batch_file, "--batch"));
  std::string line;
  long long n = 0, failed = 0;
  std::string out;
  bool line_too_long = false;
  while (ReadBoundedLine(in, kMaxCaseBytes, &line, &line_too_long)) {
    ++n;
    if (line.empty()) continue;
    auto decision = decide(line);
    if (decision.ok()) {
      out += kind.to_json(*decision, -1);
    } else {
      ++failed;
      out += ErrorLine(n, decision.status());
    }
    out += '\n';
    if (out.size() > (1 << 20)) {
      std::cout << out;
      out.clear();
    }
  }
  std::cout << out << std::flush;
  if (line_too_long) {
    std::cerr << "openpact: --batch: line " << n + 1 << " is longer than " << kMaxCaseBytes
              << " bytes (one case per line, JSON Lines): the batch stops there, " << n
              << " lines answered above\n";
    return 2;
  }
  if (failed > 0) {
    std::cerr << "openpact: " << failed << " of " << n << " cases refused (see the \"error\" lines)\n";
    return 2;
  }
  return 0;
}

}  // namespace

int RunDecideProcedure(const GlobalOptions& g, const std::string& case_file, const std::string& batch_file,
                       const std::string& at_text, const std::string& policy_dir) {
  static const DecisionKind<rules::ProcedureCase, rules::ProcedureDecision> kKind{
      rules::ParseProcedureCase, rules::DecideProcedure, rules::ProcedureDecisionToJson};
  return RunDecide(kKind, g, case_file, batch_file, at_text, policy_dir);
}

int RunDecideFamily(const GlobalOptions& g, const std::string& family_file, const std::string& at_text,
                    const std::string& policy_dir) {
  static const DecisionKind<std::vector<rules::ResponsibilityCase>, rules::FamilyDecision> kKind{
      rules::ParseFamilyProcedure, rules::DecideFamilyProcedure, rules::FamilyDecisionToJson};
  return RunDecide(kKind, g, family_file, "", at_text, policy_dir);
}

int RunDecideResponsibility(const GlobalOptions& g, const std::string& case_file, const std::string& batch_file,
                            const std::string& at_text, const std::string& policy_dir) {
  static const DecisionKind<rules::ResponsibilityCase, rules::ResponsibilityDecision> kKind{
      rules::ParseResponsibilityCase, rules::DecideResponsibility, rules::ResponsibilityDecisionToJson};
  return RunDecide(kKind, g, case_file, batch_file, at_text, policy_dir);
}

int RunPolicyShow(const GlobalOptions& g, const std::string& at_text, const std::string& policy_dir) {
  auto given = OptionalDate(at_text, "--at");
  if (!given.ok()) return Fail(given.status());
  const Date at = given->value_or(Date::Today());
  auto data = LoadRules(g, policy_dir);
  if (!data.ok()) return Fail(data.status());
  std::cout << data->policy.ToJson(at) << "\n";
  return 0;
}

int RunPolicyValidate(const GlobalOptions& g, const std::string& dir) {
  const std::string data_dir = ResolveDataDir(g.data_dir);
  auto countries = CountryRegistry::Load(data_dir + "/countries.csv");
  if (!countries.ok()) return Fail(countries.status());
  auto policy = rules::Policy::Load(dir, *countries);
  if (!policy.ok()) return Fail(policy.status());
  if (g.json) {
    json counts = policy->Counts();
    std::cout << json{{"valid", true}, {"policy_version", policy->version()}, {"entries", counts}}.dump(2) << "\n";
  } else {
    std::cout << dir << ": valid, policy version " << policy->version() << "\n";
    for (const auto& [name, n] : policy->Counts()) std::cout << "  " << name << ": " << n << "\n";
  }
  return 0;
}

}  // namespace openpact::cli
