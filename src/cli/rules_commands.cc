// `openpact decide ...` and `openpact policy ...`: the rules engine from the command line.
// Deciding is a pure computation on the case the caller supplies: it reads no stored data, so it
// needs no role and writes no audit entry (the API endpoint, which runs on a server holding
// tokens, does both).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <vector>
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

// The work list of a batch (`decide KIND --batch FILE --due-by DATE`): every time limit of its
// answers that is not met yet, running or expired, ending by `due_by`, nearest first. A caseworker's
// open cases, exported one per line from the case management system, then say what is due this
// week; the days left count from each answer's decision date (--at, or the case's own). The state
// is the engine's: what an expired limit means (a tacit acceptance, a shift of responsibility) is
// in the case's own answer, which `decide --case` gives.
class WorkList {
 public:
  explicit WorkList(Date due_by) : due_by_(due_by) {}

  void Add(long long line, const std::string& answer_text) {
    ++cases_;
    const json answer = json::parse(answer_text);
    const auto decided = Date::Parse(answer.value("decision_date", ""));
    for (const json& d : answer.value("deadlines", json::array())) {
      const std::string state = d.value("state", "");
      if (state != "running" && state != "expired") continue;  // met or missed: done
      const auto date = Date::Parse(d.value("date", ""));
      if (!date.ok() || *date > due_by_) continue;
      const int days_left = decided.ok() ? date->days() - decided->days() : 0;
      items_.push_back(json{{"line", line},
                            {"member_state", answer.value("member_state", "")},
                            {"name", d.value("name", "")},
                            {"date", d.value("date", "")},
                            {"days_left", days_left},
                            {"state", state},  // the engine's: what an expiry means is in the answer
                            {"legal_basis", d.value("legal_basis", "")},
                            {"note", d.value("note", "")}});
    }
  }
  void Refuse(long long line, const Status& s) { refused_.push_back(json::parse(ErrorLine(line, s))); }

  std::string ToJson() {
    Sort();
    // cases: those decided; the refused apart.
    return json{{"due_by", due_by_.ToString()}, {"cases", cases_}, {"time_limits", items_}, {"refused", refused_}}
        .dump();
  }
  std::string ToText() {
    Sort();
    std::string out = "time limits not yet met, ending by " + due_by_.ToString() + ": " +
                      std::to_string(items_.size()) + " in " + std::to_string(cases_) + " cases" +
                      (refused_.empty() ? "" : "; " + std::to_string(refused_.size()) + " refused (below)") + "\n";
    if (!items_.empty()) out += Row("line", "MS", "date", "days", "state", "time limit", "legal basis");
    for (const json& i : items_) {
      out += Row(std::to_string(i["line"].get<long long>()), i["member_state"], i["date"],
                 std::to_string(i["days_left"].get<int>()), i["state"], i["name"], i["legal_basis"]);
    }
    for (const json& r : refused_) {
      const json& e = r["error"];
      out += "line " + std::to_string(r["line"].get<long long>()) + " refused: " +
             (e.contains("field") ? e["field"].get<std::string>() + ": " : "") + e.value("message", "") + "\n";
    }
    return out;
  }

 private:
  static std::string Row(const std::string& line, const std::string& ms, const std::string& date,
                         const std::string& days, const std::string& state, const std::string& name,
                         const std::string& basis) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%6s  %-3s  %-10s  %5s  %-9s  %-34s  ", line.c_str(), ms.c_str(), date.c_str(),
                  days.c_str(), state.c_str(), name.c_str());
    return buf + basis + "\n";
  }
  void Sort() {
    std::stable_sort(items_.begin(), items_.end(), [](const json& a, const json& b) {
      if (a["date"] != b["date"]) return a["date"].get<std::string>() < b["date"].get<std::string>();
      return a["line"].get<long long>() < b["line"].get<long long>();
    });
  }
  Date due_by_;
  long long cases_ = 0;
  std::vector<json> items_, refused_;
};

// `decide KIND`: one case from a file, or a batch of them (JSON Lines): one answer per line, or
// with a due date the batch's work list.
int RunDecide(rules::DecisionKind kind, const GlobalOptions& g, const DecideArgs& args) {
  auto given = OptionalDate(args.at, "--at");
  if (!given.ok()) return Fail(given.status());
  const std::optional<Date> at = *given;
  auto due = OptionalDate(args.due_by, "--due-by");
  if (!due.ok()) return Fail(due.status());
  std::optional<WorkList> work_list;
  if (*due) work_list.emplace(**due);
  auto data = LoadRules(g, args.policy_dir);
  if (!data.ok()) return Fail(data.status().WithContext("loading policy"));
  if (!args.case_file.empty()) {
    auto text = ReadCaseDocument(args.case_file);
    if (!text.ok()) return Fail(text.status());
    auto answer = rules::DecideDocument(kind, *text, *data, at);
    if (!answer.ok()) return Fail(AsCaseFile(answer.status()));
    std::cout << *answer << "\n";
    return 0;
  }
  // Batch: one case per line in, one answer (or error) per line out, in order.
  std::ifstream in(args.batch_file);
  if (!in) return Fail(Status::InvalidArgument("cannot open " + args.batch_file, "--batch"));
  std::string line;
  long long n = 0, documents = 0, failed = 0;
  std::string out;
  bool line_too_long = false;
  while (ReadBoundedLine(in, kMaxCaseBytes, &line, &line_too_long)) {
    ++n;
    if (line.empty()) continue;
    ++documents;
    auto answer = rules::DecideDocument(kind, line, *data, at, -1);
    if (!answer.ok()) ++failed;
    if (work_list) {
      answer.ok() ? work_list->Add(n, *answer) : work_list->Refuse(n, answer.status());
      continue;
    }
    out += answer.ok() ? *answer : ErrorLine(n, answer.status());
    out += '\n';
    if (out.size() > (1 << 20)) {
      std::cout << out;
      out.clear();
    }
  }
  if (work_list) out = (g.json ? work_list->ToJson() + "\n" : work_list->ToText());
  std::cout << out << std::flush;
  if (line_too_long) {
    std::cerr << "openpact: --batch: line " << n + 1 << " is longer than " << kMaxCaseBytes
              << " bytes (one case per line, JSON Lines): the batch stops there, " << n
              << (work_list ? " lines read above\n" : " lines answered above\n");
    return 2;
  }
  if (failed > 0) {
    std::cerr << "openpact: " << failed << " of " << documents << " cases refused (see the "
              << (work_list ? "refused lines" : "\"error\" lines") << ")\n";
    return 2;
  }
  return 0;
}

}  // namespace

int RunDecideCase(const GlobalOptions& g, std::string_view kind, const DecideArgs& args) {
  static const std::pair<std::string_view, rules::DecisionKind> kKinds[] = {
      {"procedure", rules::DecisionKind::kProcedure},
      {"responsibility", rules::DecisionKind::kResponsibility},
      {"return-border", rules::DecisionKind::kReturnBorder},
      {"reception", rules::DecisionKind::kReception},
      {"protection-documents", rules::DecisionKind::kProtectionDocuments},
      {"admission", rules::DecisionKind::kAdmission},
      {"relocation", rules::DecisionKind::kRelocation},
      {"temporary-protection", rules::DecisionKind::kTemporaryProtection},
      {"return", rules::DecisionKind::kReturn}};
  for (const auto& [name, decision_kind] : kKinds) {
    if (name == kind) return RunDecide(decision_kind, g, args);
  }
  return Fail(Status::Internal("no decision kind '" + std::string(kind) + "'"));
}

int RunDecideFamily(const GlobalOptions& g, const std::string& family_file, const std::string& at_text,
                    const std::string& policy_dir) {
  DecideArgs args;
  args.case_file = family_file;
  args.at = at_text;
  args.policy_dir = policy_dir;
  return RunDecide(rules::DecisionKind::kFamilyProcedure, g, args);
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
