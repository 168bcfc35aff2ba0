#include "cases/responsibility_files.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "cases/monitoring_internal.h"
#include "core/crypto.h"
#include "core/time_limits.h"
#include "rules/responsibility.h"
#include "store/store.h"

namespace openpact::cases {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* kColumns =
    "id, member_state, registered_on, status, version, responsible, procedure, next_limit_on, outcome, closed_on, "
    "created_at, created_by";

struct File {
  std::string id, member_state, registered_on, status, responsible, procedure, next_limit_on, outcome, closed_on,
      created_at, created_by;
  int64_t version = 0;
};

File FromStore(const store::Row& x) {
  return File{x.Text(0), x.Text(1), x.Text(2), x.Text(3), x.Text(5), x.Text(6), x.Text(7),
              x.Text(8), x.Text(9), x.Text(10), x.Text(11), x.Int(4)};
}

json ToJson(const File& f) {
  json j = {{"id", f.id},
            {"member_state", f.member_state},
            {"registered_on", f.registered_on},
            {"status", f.status},
            {"version", f.version},
            {"responsible_member_state", f.responsible.empty() ? json() : json(f.responsible)},
            {"procedure", f.procedure},
            {"next_time_limit_on", f.next_limit_on.empty() ? json() : json(f.next_limit_on)}};
  if (!f.outcome.empty()) {
    j["outcome"] = f.outcome;
    j["closed_on"] = f.closed_on;
  }
  return j;
}

// The file `id`; not found when it is another Member State's than `acting` (when one is given).
Result<File> Load(store::Store* s, const std::string& id, const std::string& acting) {
  OP_ASSIGN_OR_RETURN(store::QueryResult r,
                      s->Query(std::string("SELECT ") + kColumns + " FROM responsibility_file WHERE id = ?", {id}));
  if (r.rows.empty() || (!acting.empty() && r.rows[0].Text(1) != acting)) {
    return Status::NotFound("no responsibility file with id '" + id + "'" + (acting.empty() ? "" : " of " + acting));
  }
  return FromStore(r.rows[0]);
}

// The case document of a version, as recorded.
Result<std::string> CaseDocument(store::Store* s, const std::string& id, int64_t version) {
  OP_ASSIGN_OR_RETURN(store::QueryResult r,
                      s->Query("SELECT case_document FROM responsibility_file_version WHERE file_id = ? AND version = ?",
                               {id, version}));
  if (r.rows.empty()) {
    return Status::InvalidArgument("responsibility file " + id + " has no version " + std::to_string(version),
                                   "version");
  }
  return r.rows[0].Text(0);
}

// A case read and decided: the stored summary's columns and the answer.
struct Decided {
  rules::ResponsibilityCase c;
  rules::ResponsibilityDecision d;
  // The nearest time limit not yet met (running or expired), "" for none, on the day decided. A later
  // day can add limits (a silence read as acceptance starts the transfer's), but they end after the
  // reply's, which stays pending, so the nearest one found on the version's own decision_date is
  // the one the work list orders by.
  std::string next_limit_on;
};

// What a file keeps of one version: a case document is a few kilobytes; a larger one is refused
// before it is stored (the CLI reads no more than this either), so no version can fill the store.
constexpr size_t kMaxCaseBytes = 1 << 20;

Result<Decided> Decide(std::string_view case_json, const rules::RulesData& rules, std::optional<Date> at) {
  if (case_json.size() > kMaxCaseBytes) {
    return Status::InvalidArgument("the case document is larger than " + std::to_string(kMaxCaseBytes >> 20) +
                                       " MiB; a responsibility case is a few kilobytes",
                                   "body");
  }
  Decided out;
  OP_ASSIGN_OR_RETURN(out.c, rules::ParseResponsibilityCase(case_json, rules.countries));
  OP_ASSIGN_OR_RETURN(out.d, rules::DecideResponsibility(out.c, rules, at));
  for (const rules::Deadline& d : out.d.deadlines) {
    if (d.state != "running" && d.state != "expired") continue;
    const std::string day = d.date.ToString();
    if (out.next_limit_on.empty() || day < out.next_limit_on) out.next_limit_on = day;
  }
  return out;
}

store::Value OrNull(const std::string& s) { return s.empty() ? store::Value{} : store::Value{s}; }

}  // namespace

const std::vector<EventKind>& ResponsibilityFileOutcomes() {
  static const std::vector<EventKind> kOutcomes = {
      {"transferred", "Regulation (EU) 2024/1351, Art. 46(1)", "the transfer to the Member State responsible was carried out"},
      {"examined_here", "Regulation (EU) 2024/1351, Arts. 16, 35, 37(1), 39(1), 46(2)",
       "this Member State examines the application: designated by the criteria, by a discretionary clause, or "
       "responsible after a time limit passed"},
      {"withdrawn", "Regulation (EU) 2024/1348, Arts. 40-41", "the application was withdrawn, explicitly or implicitly"},
      {"ceased", "Regulation (EU) 2024/1351, Art. 37(2)-(5)",
       "the obligations ceased (a final decision in the border procedure 15 months before, nine months' absence, a "
       "departure under a return decision)"},
  };
  return kOutcomes;
}

const std::vector<EventKind>& ResponsibilityFileErasures() {
  static const std::vector<EventKind> kReasons = {
      {"no_longer_needed", "Regulation (EU) 2016/679, Arts. 5(1)(e), 17(1)(a)",
       "the data are no longer needed for the purposes they were collected for"},
      {"unlawfully_processed", "Regulation (EU) 2016/679, Art. 17(1)(d)", "the data were processed unlawfully"},
  };
  return kReasons;
}

Status ResponsibilityFileStore::CheckActing(const std::string& member_state) const {
  return internal::CheckActingFor(acting_member_state_, member_state,
                                  "opens and reads " + acting_member_state_ + "'s responsibility files");
}

Result<std::string> ResponsibilityFileStore::Open(std::string_view case_json, const std::string& created_by) {
  OP_ASSIGN_OR_RETURN(Decided x, Decide(case_json, *rules_, std::nullopt));
  OP_RETURN_IF_ERROR(CheckActing(x.c.member_state));
  File f;
  f.id = "rsp-" + crypto::ToHex(crypto::RandomBytes(8));
  f.member_state = x.c.member_state;
  f.registered_on = x.c.registered_on.ToString();
  f.status = "open";
  f.version = 1;
  f.responsible = x.d.responsible_member_state;
  f.procedure = x.d.procedure;
  f.next_limit_on = x.next_limit_on;
  f.created_at = Timestamp::Now().ToString();
  f.created_by = created_by;
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_RETURN_IF_ERROR(store_->Exec(std::string("INSERT INTO responsibility_file (") + kColumns +
                                      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                  {f.id, f.member_state, f.registered_on, f.status, f.version, f.responsible,
                                   f.procedure, OrNull(f.next_limit_on), store::Value{}, store::Value{}, f.created_at,
                                   f.created_by}));
  OP_RETURN_IF_ERROR(store_->Exec(
      "INSERT INTO responsibility_file_version (file_id, version, case_document, recorded_at, recorded_by) "
      "VALUES (?, ?, ?, ?, ?)",
      {f.id, f.version, std::string(case_json), f.created_at, created_by}));
  OP_RETURN_IF_ERROR(tx.Commit());
  json out = ToJson(f);
  out["decision"] = json::parse(rules::ResponsibilityDecisionToJson(x.d));
  return out.dump(2);
}

Result<std::string> ResponsibilityFileStore::Update(const std::string& id, std::string_view case_json,
                                                    const std::string& recorded_by) {
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(File f, Load(store_, id, acting_member_state_));
  if (f.status != "open") {
    return Status::FailedPrecondition("responsibility file " + id + " was closed on " + f.closed_on + " (" +
                                      f.outcome + "); its versions stay as they were");
  }
  OP_ASSIGN_OR_RETURN(Decided x, Decide(case_json, *rules_, std::nullopt));
  if (x.c.member_state != f.member_state) {
    return Status::InvalidArgument("the file is " + f.member_state + "'s: a case of another deciding Member State ("
                                       + x.c.member_state + ") opens its own file",
                                   "member_state");
  }
  f.version += 1;
  f.registered_on = x.c.registered_on.ToString();
  f.responsible = x.d.responsible_member_state;
  f.procedure = x.d.procedure;
  f.next_limit_on = x.next_limit_on;
  const std::string now = Timestamp::Now().ToString();
  OP_RETURN_IF_ERROR(store_->Exec(
      "INSERT INTO responsibility_file_version (file_id, version, case_document, recorded_at, recorded_by) "
      "VALUES (?, ?, ?, ?, ?)",
      {f.id, f.version, std::string(case_json), now, recorded_by}));
  OP_RETURN_IF_ERROR(store_->Exec("UPDATE responsibility_file SET version = ?, registered_on = ?, responsible = ?, "
                                  "procedure = ?, next_limit_on = ? WHERE id = ?",
                                  {f.version, f.registered_on, f.responsible, f.procedure, OrNull(f.next_limit_on),
                                   f.id}));
  OP_RETURN_IF_ERROR(tx.Commit());
  json out = ToJson(f);
  out["decision"] = json::parse(rules::ResponsibilityDecisionToJson(x.d));
  return out.dump(2);
}

Result<std::string> ResponsibilityFileStore::Show(const std::string& id, std::optional<Date> at, int version) {
  OP_ASSIGN_OR_RETURN(File f, Load(store_, id, acting_member_state_));
  if (version < 0 || version > f.version) {
    return Status::InvalidArgument("must be 1 to " + std::to_string(f.version) + " (0: the newest)", "version");
  }
  const int64_t shown = version == 0 ? f.version : version;
  OP_ASSIGN_OR_RETURN(std::string document, CaseDocument(store_, id, shown));
  OP_ASSIGN_OR_RETURN(Decided x, Decide(document, *rules_, at));
  OP_ASSIGN_OR_RETURN(store::QueryResult versions,
                      store_->Query("SELECT version, recorded_at, recorded_by FROM responsibility_file_version WHERE "
                                    "file_id = ? ORDER BY version",
                                    {id}));
  json list = json::array();
  for (const store::Row& v : versions.rows) {
    list.push_back({{"version", v.Int(0)}, {"recorded_at", v.Text(1)}, {"recorded_by", v.Text(2)}});
  }
  json out = ToJson(f);
  out["versions"] = list;
  out["shown_version"] = shown;
  out["case"] = json::parse(document, nullptr, false);
  out["decision"] = json::parse(rules::ResponsibilityDecisionToJson(x.d));
  return out.dump(2);
}

Result<std::string> ResponsibilityFileStore::ListOpen(const std::string& member_state, Date at,
                                                      std::optional<Date> due_by, size_t limit) {
  OP_RETURN_IF_ERROR(rules_->countries.ValidateStateOfTheSystem(member_state, "member_state"));
  OP_RETURN_IF_ERROR(CheckActing(member_state));
  // Files without a pending time limit sort last (their column is null).
  internal::Running running{"status = 'open'" + std::string(due_by ? " AND next_limit_on IS NOT NULL" : ""),
                            "COALESCE(next_limit_on, '9999-12-31')"};
  // Each file's newest case document in the same query (a column after kColumns), not one query a
  // file: a work list of a thousand files is one round trip to PostgreSQL, not a thousand.
  const std::string columns = std::string(kColumns) +
                              ", (SELECT v.case_document FROM responsibility_file_version v"
                              " WHERE v.file_id = responsibility_file.id AND v.version = responsibility_file.version)";
  OP_ASSIGN_OR_RETURN(store::QueryResult rows, internal::OpenFiles(store_, "responsibility_file", columns,
                                                                   member_state, due_by, limit, running));
  const bool more = rows.rows.size() > limit;
  json files = json::array();
  for (size_t i = 0; i < rows.rows.size() && i < limit; ++i) {
    const File f = FromStore(rows.rows[i]);
    auto x = Decide(rows.rows[i].Text(12), *rules_, at);
    json j = ToJson(f);
    if (!x.ok()) {
      // A version that decided when recorded and no longer does (a day outside the holiday data, a
      // policy change): listed with the reason, so that the work list hides no file.
      j["error"] = {{"code", StatusCodeName(x.status().code())}, {"message", x.status().message()},
                    {"field", x.status().field()}};
      files.push_back(j);
      continue;
    }
    json limits = json::array();
    for (const rules::Deadline& d : x->d.deadlines) {
      if (d.state != "running" && d.state != "expired") continue;
      if (due_by && *due_by < d.date) continue;
      limits.push_back({{"name", d.name},
                        {"date", d.date.ToString()},
                        {"days_left", d.date.days() - at.days()},
                        {"state", d.state},
                        {"legal_basis", d.legal_basis}});
    }
    std::stable_sort(limits.begin(), limits.end(),
                     [](const json& a, const json& b) { return a["date"].get<std::string>() < b["date"].get<std::string>(); });
    j["requested_member_state"] = x->d.requested_member_state;
    j["time_limits"] = limits;
    json flags = json::array();
    for (const rules::Flag& fl : x->d.flags) flags.push_back(fl.code);
    j["flags"] = flags;
    files.push_back(j);
  }
  json out = {{"member_state", member_state}, {"at", at.ToString()}, {"due_by", due_by ? json(due_by->ToString()) : json()},
              {"files", files}, {"more", more}};
  return out.dump(2);
}

Result<std::string> ResponsibilityFileStore::Close(const std::string& id, const std::string& outcome,
                                                   std::optional<Date> on_date) {
  OP_ASSIGN_OR_RETURN(const EventKind* kind,
                      internal::KindNamed(ResponsibilityFileOutcomes(), outcome, "an outcome", "--outcome"));
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(File f, Load(store_, id, acting_member_state_));
  if (f.status != "open") {
    return Status::FailedPrecondition("responsibility file " + id + " was closed on " + f.closed_on + " (" +
                                      f.outcome + ")");
  }
  const Date on = on_date ? *on_date : LocalDate(Timestamp::Now(), f.member_state);
  if (on < *Date::Parse(f.registered_on)) {
    return Status::InvalidArgument("a file cannot close before the application was registered (" + f.registered_on + ")",
                                   "--on");
  }
  OP_ASSIGN_OR_RETURN(std::string document, CaseDocument(store_, id, f.version));
  json flags = json::array();
  auto x = Decide(document, *rules_, on);
  if (!x.ok()) {
    // The outcome is the caseworker's to record; a case that no longer decides (a day outside the
    // holiday data) leaves it unchecked, not refused.
    flags.push_back({{"code", "outcome_not_checked"}, {"message", x.status().ToString()}});
  } else if (outcome == "transferred" && !x->c.transferred_on) {
    flags.push_back({{"code", "transfer_not_recorded_in_case"},
                     {"message", "the newest case (version " + std::to_string(f.version) +
                                     ") records no transferred_on: record the transfer's day in the case (Art. 46)"}});
  } else if (outcome == "examined_here" && x->d.responsible_member_state != f.member_state) {
    flags.push_back({{"code", "decision_designates_another_state"},
                     {"message", "on " + on.ToString() + " the newest case's decision designates " +
                                     (x->d.responsible_member_state.empty() ? std::string("no Member State")
                                                                            : x->d.responsible_member_state) +
                                     ", not " + f.member_state}});
  }
  f.status = "closed";
  f.outcome = outcome;
  f.closed_on = on.ToString();
  OP_RETURN_IF_ERROR(store_->Exec("UPDATE responsibility_file SET status = ?, outcome = ?, closed_on = ? WHERE id = ?",
                                  {f.status, f.outcome, f.closed_on, id}));
  OP_RETURN_IF_ERROR(tx.Commit());
  json out = ToJson(f);
  out["outcome_legal_basis"] = kind->legal_basis;
  out["flags"] = flags;
  return out.dump(2);
}

Result<std::string> ResponsibilityFileStore::Report(const std::string& member_state, std::optional<Date> from,
                                                    std::optional<Date> to) {
  OP_RETURN_IF_ERROR(rules_->countries.ValidateStateOfTheSystem(member_state, "member_state"));
  OP_RETURN_IF_ERROR(CheckActing(member_state));
  if (from && to && *to < *from) return Status::InvalidArgument("after 'to' (" + to->ToString() + ")", "from");
  OP_ASSIGN_OR_RETURN(store::QueryResult rows,
                      store_->Query("SELECT f.id, f.registered_on, f.responsible, v.case_document FROM "
                                    "responsibility_file f JOIN responsibility_file_version v ON v.file_id = f.id AND "
                                    "v.version = f.version WHERE f.member_state = ? ORDER BY f.id",
                                    {member_state}));
  auto in_period = [&](const std::string& day) {
    auto d = Date::Parse(day);
    return d.ok() && (!from || !(*d < *from)) && (!to || !(*to < *d));
  };
  // What each count reads: the day the case records for it.
  struct Count {
    const char* name;
    const char* field;
    const char* legal_basis;
  };
  static const Count kCounts[] = {
      {"take_charge_requests", "take_charge_request_sent_on", "Regulation (EU) 2024/1351, Art. 39"},
      {"take_back_notifications", "take_back_sent_on", "Regulation (EU) 2024/1351, Art. 41"},
      {"accepted_or_confirmed", "accepted_on", "Regulation (EU) 2024/1351, Arts. 40, 41(3)-(4)"},
      {"transfer_decisions", "transfer_decision_on", "Regulation (EU) 2024/1351, Art. 42"},
      {"transfers", "transferred_on", "Regulation (EU) 2024/1351, Art. 46"},
  };
  json counts = json::object();
  for (const Count& c : kCounts) {
    counts[c.name] = {{"legal_basis", c.legal_basis}, {"total", 0}, {"by_member_state", json::object()}};
  }
  int64_t registered = 0;
  for (const store::Row& row : rows.rows) {
    if (in_period(row.Text(1))) ++registered;
    const json doc = json::parse(row.Text(3), nullptr, false);
    if (!doc.is_object()) return Status::Corruption("responsibility file " + row.Text(0) + ": its case is not JSON");
    // The State the newest decision designates, when another one.
    const std::string key = row.Text(2).empty() || row.Text(2) == member_state ? "not_another_state" : row.Text(2);
    for (const Count& c : kCounts) {
      const json day = doc.value(c.field, json());
      if (!day.is_string() || !in_period(day.get<std::string>())) continue;
      json& n = counts[c.name];
      n["total"] = n["total"].get<int64_t>() + 1;
      n["by_member_state"][key] = n["by_member_state"].value(key, int64_t{0}) + 1;
    }
  }
  json out = {{"member_state", member_state},
              {"from", from ? json(from->ToString()) : json()},
              {"to", to ? json(to->ToString()) : json()},
              {"legal_basis", "Regulation (EU) 2024/1351, Art. 9(3)(a)(x)-(xi), Art. 80"},
              {"files", rows.rows.size()},
              {"registered_in_period", registered}};
  for (auto it = counts.begin(); it != counts.end(); ++it) out[it.key()] = it.value();
  out["notes"] = json::array(
      {"outgoing procedures only: requests and notifications received from other Member States are in their files",
       "read from the newest version of each file kept, open or closed; erased files no longer count",
       "by_member_state: the Member State the newest decision designates; not_another_state where it designates "
       "none or this one (a limit missed, a discretionary clause)"});
  return out.dump(2);
}

Result<std::string> ResponsibilityFileStore::Erase(const std::string& id, const std::string& reason) {
  OP_ASSIGN_OR_RETURN(const EventKind* why,
                      internal::KindNamed(ResponsibilityFileErasures(), reason, "a reason to erase", "reason"));
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(File f, Load(store_, id, acting_member_state_));
  OP_RETURN_IF_ERROR(store_->Exec("DELETE FROM responsibility_file_version WHERE file_id = ?", {id}));
  OP_RETURN_IF_ERROR(store_->Exec("DELETE FROM responsibility_file WHERE id = ?", {id}));
  OP_RETURN_IF_ERROR(tx.Commit());
  return json{{"erased", id},
              {"member_state", f.member_state},
              {"versions", f.version},
              {"reason", reason},
              {"legal_basis", why->legal_basis}}
      .dump(2);
}

}  // namespace openpact::cases
