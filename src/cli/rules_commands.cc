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
#include "rules/decisions.h"
#include "rules/procedure.h"

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

// `decide KIND`: one case from a file, or a batch of them (JSON Lines).
int RunDecide(rules::DecisionKind kind, const GlobalOptions& g, const std::string& case_file,
              const std::string& batch_file, const std::string& at_text, const std::string& policy_dir) {
  auto given = OptionalDate(at_text, "--at");
  if (!given.ok()) return Fail(given.status());
  const std::optional<Date> at = *given;
  auto data = LoadRules(g, policy_dir);
  if (!data.ok()) return Fail(data.status().WithContext("loading policy"));
  if (!case_file.empty()) {
    auto text = ReadCaseDocument(case_file);
    if (!text.ok()) return Fail(text.status());
    auto answer = rules::DecideDocument(kind, *text, *data, at);
    if (!answer.ok()) return Fail(answer.status());
    std::cout << *answer << "\n";
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
    auto answer = rules::DecideDocument(kind, line, *data, at, -1);
    if (answer.ok()) {
      out += *answer;
    } else {
      ++failed;
      out += ErrorLine(n, answer.status());
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
  return RunDecide(rules::DecisionKind::kProcedure, g, case_file, batch_file, at_text, policy_dir);
}

int RunDecideFamily(const GlobalOptions& g, const std::string& family_file, const std::string& at_text,
                    const std::string& policy_dir) {
  return RunDecide(rules::DecisionKind::kFamilyProcedure, g, family_file, "", at_text, policy_dir);
}

int RunDecideResponsibility(const GlobalOptions& g, const std::string& case_file, const std::string& batch_file,
                            const std::string& at_text, const std::string& policy_dir) {
  return RunDecide(rules::DecisionKind::kResponsibility, g, case_file, batch_file, at_text, policy_dir);
}

int RunDecideReturnBorder(const GlobalOptions& g, const std::string& case_file, const std::string& batch_file,
                          const std::string& at_text, const std::string& policy_dir) {
  return RunDecide(rules::DecisionKind::kReturnBorder, g, case_file, batch_file, at_text, policy_dir);
}

int RunDecideReception(const GlobalOptions& g, const std::string& case_file, const std::string& batch_file,
                       const std::string& at_text, const std::string& policy_dir) {
  return RunDecide(rules::DecisionKind::kReception, g, case_file, batch_file, at_text, policy_dir);
}

int RunDecideProtectionDocuments(const GlobalOptions& g, const std::string& case_file, const std::string& batch_file,
                                 const std::string& at_text, const std::string& policy_dir) {
  return RunDecide(rules::DecisionKind::kProtectionDocuments, g, case_file, batch_file, at_text, policy_dir);
}

int RunDecideAdmission(const GlobalOptions& g, const std::string& case_file, const std::string& batch_file,
                       const std::string& at_text, const std::string& policy_dir) {
  return RunDecide(rules::DecisionKind::kAdmission, g, case_file, batch_file, at_text, policy_dir);
}

int RunDecideRelocation(const GlobalOptions& g, const std::string& case_file, const std::string& batch_file,
                        const std::string& at_text, const std::string& policy_dir) {
  return RunDecide(rules::DecisionKind::kRelocation, g, case_file, batch_file, at_text, policy_dir);
}

int RunDecideTemporaryProtection(const GlobalOptions& g, const std::string& case_file, const std::string& batch_file,
                                 const std::string& at_text, const std::string& policy_dir) {
  return RunDecide(rules::DecisionKind::kTemporaryProtection, g, case_file, batch_file, at_text, policy_dir);
}

int RunDecideReturn(const GlobalOptions& g, const std::string& case_file, const std::string& batch_file,
                    const std::string& at_text, const std::string& policy_dir) {
  return RunDecide(rules::DecisionKind::kReturn, g, case_file, batch_file, at_text, policy_dir);
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
