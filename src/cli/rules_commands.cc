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

namespace openpact::cli {
namespace {

using json = nlohmann::json;

constexpr size_t kMaxCaseBytes = 1 << 20;  // a case document is a few KB; refuse anything absurd

Result<rules::RulesData> LoadRules(const GlobalOptions& g, const std::string& policy_dir) {
  return rules::RulesData::Load(ResolveDataDir(g.data_dir), policy_dir);
}

}  // namespace

int RunDecideProcedure(const GlobalOptions& g, const std::string& case_file, const std::string& batch_file,
                       const std::string& at_text, const std::string& policy_dir) {
  std::optional<Date> at;
  if (!at_text.empty()) {
    auto d = Date::Parse(at_text, "--at");
    if (!d.ok()) return Fail(d.status());
    at = *d;
  }
  auto data = LoadRules(g, policy_dir);
  if (!data.ok()) return Fail(data.status().WithContext("loading policy"));
  if (!case_file.empty()) {
    auto text = ReadFileToString(case_file, kMaxCaseBytes);
    if (!text.ok()) return Fail(text.status().code() == StatusCode::kNotFound
                                    ? Status::InvalidArgument(text.status().message(), "--case")
                                    : text.status());
    auto c = rules::ParseProcedureCase(*text, data->countries);
    if (!c.ok()) return Fail(c.status());
    auto decision = rules::DecideProcedure(*c, *data, at);
    if (!decision.ok()) return Fail(decision.status());
    std::cout << rules::ProcedureDecisionToJson(*decision) << "\n";
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
    auto c = rules::ParseProcedureCase(line, data->countries);
    Result<rules::ProcedureDecision> decision =
        c.ok() ? rules::DecideProcedure(*c, *data, at) : Result<rules::ProcedureDecision>(c.status());
    if (decision.ok()) {
      out += rules::ProcedureDecisionToJson(*decision, -1);
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

int RunPolicyShow(const GlobalOptions& g, const std::string& at_text, const std::string& policy_dir) {
  Date at = Date::Today();
  if (!at_text.empty()) {
    auto d = Date::Parse(at_text, "--at");
    if (!d.ok()) return Fail(d.status());
    at = *d;
  }
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
