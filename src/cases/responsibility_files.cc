#include "cases/responsibility_files.h"

#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <span>

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
    "created_at, created_by, family_id, received_by";
// kColumns and, as one more column, the file's newest case document: a list of files is one query,
// not one a file (a work list of a thousand files is one round trip to PostgreSQL).
constexpr const char* kNewestCase =
    ", (SELECT v.case_document FROM responsibility_file_version v"
    " WHERE v.file_id = responsibility_file.id AND v.version = responsibility_file.version)";
constexpr size_t kNewestCaseColumn = 14;

struct File {
  std::string id, member_state, registered_on, status, responsible, procedure, next_limit_on, outcome, closed_on,
      created_at, created_by, family_id, received_by;
  int64_t version = 0;
  // Whose file it is: the deciding State's, or for a request received the receiving State's.
  const std::string& owner() const { return received_by.empty() ? member_state : received_by; }
};

File FromStore(const store::Row& x) {
  return File{x.Text(0), x.Text(1), x.Text(2), x.Text(3), x.Text(5), x.Text(6), x.Text(7),
              x.Text(8), x.Text(9), x.Text(10), x.Text(11), x.Text(12), x.Text(13), x.Int(4)};
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
  if (!f.family_id.empty()) j["family_id"] = f.family_id;
  if (!f.received_by.empty()) j["received_by"] = f.received_by;
  return j;
}

// The file `id`; not found when it is another Member State's than `acting` (when one is given).
Result<File> Load(store::Store* s, const std::string& id, const std::string& acting) {
  OP_ASSIGN_OR_RETURN(store::QueryResult r,
                      s->Query(std::string("SELECT ") + kColumns + " FROM responsibility_file WHERE id = ?", {id}));
  if (r.rows.empty() || (!acting.empty() && FromStore(r.rows[0]).owner() != acting)) {
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

store::Value OrNull(const std::string& s) { return s.empty() ? store::Value{} : store::Value{s}; }

// Whether the work list of a file received by `received_by` ("" for the deciding State's own file)
// shows limit `x`: the requested State's work list holds what it must do (reply, confirm receipt),
// not the requesting State's requests and transfer; the deciding State watches them all, the
// other State's replies included, since a silence moves its own procedure on.
bool OnWorkList(const rules::Deadline& x, const std::string& received_by) {
  return received_by.empty() || x.by == received_by;
}

// The nearest time limit of `d` not yet met (running or expired) on the work list of a file received
// by `received_by` (OnWorkList), "" for none.
std::string NearestPendingLimit(const rules::ResponsibilityDecision& d, const std::string& received_by) {
  std::string nearest;
  for (const rules::Deadline& x : d.deadlines) {
    if (x.state != "running" && x.state != "expired") continue;
    if (!OnWorkList(x, received_by)) continue;
    const std::string day = x.date.ToString();
    if (nearest.empty() || day < nearest) nearest = day;
  }
  return nearest;
}

Result<rules::ResponsibilityCase> ParseCase(std::string_view case_json, const rules::RulesData& rules) {
  if (case_json.size() > kMaxCaseBytes) {
    return Status::InvalidArgument("the case document is larger than " + std::to_string(kMaxCaseBytes >> 20) +
                                       " MiB; a responsibility case is a few kilobytes",
                                   "body");
  }
  return rules::ParseResponsibilityCase(case_json, rules.countries);
}

// `received_by`: the State that received the request, for a request received (its work list's
// nearest limit is its own).
Result<Decided> Decide(std::string_view case_json, const rules::RulesData& rules, std::optional<Date> at,
                       const std::string& received_by = {}) {
  Decided out;
  OP_ASSIGN_OR_RETURN(out.c, ParseCase(case_json, rules));
  OP_ASSIGN_OR_RETURN(out.d, rules::DecideResponsibility(out.c, rules, at));
  out.next_limit_on = NearestPendingLimit(out.d, received_by);
  return out;
}

// ---- Families (AMMR Art. 28; Dublin III Art. 11 for applications registered before 1 July 2026) ----
// The files of family members whose applications are determined together share a family_id (the
// id of the file the others joined). Every file of the family counts, open or closed: the criteria,
// Art. 28 among them, are applied on the situation when the application was first registered
// (AMMR Art. 24(2), read in the Italian text; Dublin III Art. 7(2)), so a member transferred or
// closed does not change what the others are owed. Only the newest case of each file is decided
// with the family; an older version is shown alone.

struct Member {
  File f;
  std::string document;  // the newest case document
};

// The files of `family_id`, in the order they were opened.
Result<std::vector<Member>> LoadFamily(store::Store* s, const std::string& family_id) {
  OP_ASSIGN_OR_RETURN(store::QueryResult r,
                      s->Query(std::string("SELECT ") + kColumns + kNewestCase +
                                   " FROM responsibility_file WHERE family_id = ? ORDER BY created_at, id",
                               {family_id}));
  std::vector<Member> members;
  for (const store::Row& row : r.rows) members.push_back(Member{FromStore(row), row.Text(kNewestCaseColumn)});
  return members;
}

// A family's files decided together: each member's case and decision as Decided (the family's
// Member State applied), and the family procedure's own answer.
struct FamilyDecided {
  std::vector<Member> members;
  std::vector<Decided> decided;
  rules::FamilyDecision family;
};

Result<FamilyDecided> DecideFamily(std::vector<Member> members, const rules::RulesData& rules, std::optional<Date> at) {
  FamilyDecided out;
  std::vector<rules::ResponsibilityCase> cases;
  for (const Member& m : members) {
    auto c = ParseCase(m.document, rules);
    if (!c.ok()) return c.status().WithContext("family member " + m.f.id);
    cases.push_back(std::move(*c));
  }
  auto family = rules::DecideFamilyProcedure(cases, rules, at);
  if (!family.ok()) {
    // The engine names "members[i]...": say which file that is.
    const std::string& field = family.status().field();
    for (size_t i = 0; i < members.size(); ++i) {
      if (field.rfind("members[" + std::to_string(i) + "]", 0) == 0) {
        return family.status().WithContext("family member " + members[i].f.id);
      }
    }
    return family.status();
  }
  out.family = std::move(*family);
  for (size_t i = 0; i < members.size(); ++i) {
    Decided x;
    x.c = std::move(cases[i]);
    x.d = out.family.members[i];
    x.next_limit_on = NearestPendingLimit(x.d, {});  // a family holds no request received
    out.decided.push_back(std::move(x));
  }
  out.members = std::move(members);
  return out;
}

size_t MemberIndex(const FamilyDecided& x, const std::string& id) {
  for (size_t i = 0; i < x.members.size(); ++i) {
    if (x.members[i].f.id == id) return i;
  }
  return x.members.size();
}

// What a file's answer says of its family: its files, what the criteria designate for each alone,
// and the Member State the family procedure chose.
json FamilyJson(const FamilyDecided& x) {
  json files = json::array();
  for (size_t i = 0; i < x.members.size(); ++i) {
    const File& f = x.members[i].f;
    std::string alone, criterion;
    for (const auto& d : x.family.designations) {
      if (d.member == i) alone = d.member_state, criterion = d.criterion;
    }
    files.push_back({{"id", f.id},
                     {"status", f.status},
                     {"registered_on", x.decided[i].c.registered_on.ToString()},
                     {"designated_alone", alone.empty() ? json() : json(alone)},
                     {"criterion", criterion.empty() ? json() : json(criterion)},
                     {"responsible_member_state", x.decided[i].d.responsible_member_state.empty()
                                                      ? json()
                                                      : json(x.decided[i].d.responsible_member_state)}});
  }
  json flags = json::array();
  for (const rules::Flag& f : x.family.flags) flags.push_back({{"code", f.code}, {"message", f.message}});
  return {{"id", x.members.empty() ? "" : x.members[0].f.family_id},
          {"files", files},
          {"applies", x.family.applies},
          {"responsible_member_state",
           x.family.responsible_member_state.empty() ? json() : json(x.family.responsible_member_state)},
          {"legal_basis", x.family.legal_basis.empty() ? json() : json(x.family.legal_basis)},
          {"reason", x.family.reason},
          {"flags", flags}};
}

// Writes what file `id`'s decision gives to the columns the work list and the report read.
Status StoreDecision(store::Store* s, const std::string& id, const Decided& d) {
  return s->Exec("UPDATE responsibility_file SET responsible = ?, procedure = ?, next_limit_on = ? WHERE id = ?",
                 {d.d.responsible_member_state, d.d.procedure, OrNull(d.next_limit_on), id});
}

// The same for each member of a family decided together.
// `written`: a member whose row the caller writes itself (an update's new version), "" for none.
Status StoreDecisions(store::Store* s, const FamilyDecided& x, const std::string& written = {}) {
  for (size_t i = 0; i < x.members.size(); ++i) {
    if (x.members[i].f.id != written) OP_RETURN_IF_ERROR(StoreDecision(s, x.members[i].f.id, x.decided[i]));
  }
  return Status::OK();
}

// File `f`'s newest case `document` decided: alone, or with its family (`family` then holds the
// family's answer; `family_json` what the file's answer says of it).
Result<Decided> DecideNewest(store::Store* s, const File& f, std::string_view document, const rules::RulesData& rules,
                             std::optional<Date> at, json* family_json, FamilyDecided* family = nullptr) {
  if (f.family_id.empty()) return Decide(document, rules, at, f.received_by);
  OP_ASSIGN_OR_RETURN(std::vector<Member> members, LoadFamily(s, f.family_id));
  for (Member& m : members) {
    if (m.f.id == f.id) m.document = std::string(document);  // an update not yet stored
  }
  OP_ASSIGN_OR_RETURN(FamilyDecided x, DecideFamily(std::move(members), rules, at));
  const size_t i = MemberIndex(x, f.id);
  if (i == x.members.size()) return Status::Internal("responsibility file " + f.id + " is not in its family");
  *family_json = FamilyJson(x);
  Decided mine = x.decided[i];
  if (family) *family = std::move(x);
  return mine;
}

// What the receiving State's reply owes on the request or notification the case records (AMMR Arts.
// 40-41, read in the Italian text; for an application registered before 1 July 2026 the AMMR's
// procedure is the answer's reading R1, which the note says). Each duty names the time limit of the
// answer it runs under.
json ReplyDuties(const Decided& x) {
  json duties = json::array();
  const std::string reading =
      x.d.regime == "Regulation (EU) 2024/1351" ? "" : " (the AMMR's procedure, reading R1 of the answer)";
  auto add = [&](const char* basis, const std::string& duty) {
    duties.push_back({{"legal_basis", basis}, {"duty", duty + reading}});
  };
  if (x.c.take_charge_request_sent_on) {
    add("Regulation (EU) 2024/1351, Art. 40(1), (6), (8)",
        "make the necessary checks and reply by take_charge_reply; responsibility is acknowledged where the "
        "circumstantial evidence is coherent, verifiable and sufficiently detailed to establish it; an objection "
        "gives substantiated reasons on the criteria of Chapter II, backed by proof and circumstantial evidence where "
        "available; no objection in time is acceptance, with the duty to take charge of the person and to arrange "
        "the arrival");
    // Art. 40(1), second sentence, and 40(6), second subparagraph: requests on the family and
    // dependency criteria.
    static const std::regex kFamilyCriteria(R"(^Regulation \(EU\) 2024/1351, Arts?\. (25|26|27|28|34)\b)");
    if (std::regex_search(x.d.legal_basis, kFamilyCriteria)) {
      add("Regulation (EU) 2024/1351, Art. 40(1), (6)",
          "the request rests on " + x.d.legal_basis + " (" + x.d.criterion +
              "): give it priority; national, international or other organisations may be asked to help verify the "
              "evidence, in particular to identify and trace family members; a reply that does not find the "
              "circumstantial evidence coherent, verifiable and sufficiently detailed to establish responsibility "
              "states why");
    }
  }
  if (x.c.take_back_sent_on) {
    add("Regulation (EU) 2024/1351, Art. 41(3)-(4)",
        "confirm receipt by take_back_confirmation, unless it shows within that time that it is not responsible "
        "(Art. 37) or that the notification rests on a wrong indication of the Member State responsible under "
        "Regulation (EU) 2024/1358; no reaction in time is confirmation");
  }
  return duties;
}

// For a request received (AMMR Arts. 40-41): whether the case, as the requesting State stated it,
// designates the receiving State and records the request sent, from which the reply's time limit
// runs. What does not hold is said, not refused: the request's merit is the receiving caseworker's
// to weigh (a reasoned objection in time, Art. 40(8); a notification shown wrong, Art. 41(3)).
// With it, what the reply owes.
json ReceivedCheck(const File& f, const Decided& x) {
  json notes = json::array();
  const std::string& designates = x.d.requested_member_state;
  if (designates != f.received_by) {
    notes.push_back("on these facts the decision (" + x.d.criterion + ", " + x.d.legal_basis + ") requests " +
                    (designates.empty() ? std::string("no Member State") : designates) + ", not " + f.received_by +
                    ": the grounds of the request are for the caseworker to weigh (a reasoned objection within the "
                    "reply's time limit, Art. 40(8); a notification shown wrong, Art. 41(3))");
  }
  if (!x.c.take_charge_request_sent_on && !x.c.take_back_sent_on) {
    notes.push_back("the case records no take charge request or take back notification sent: record the day it was "
                    "received as take_charge_request_sent_on or take_back_sent_on (requests are received the day they "
                    "are sent), from which the reply's time limit runs");
  }
  // Art. 40(1)'s priority (and 40(6)'s reasons) name the AMMR's Arts. 25-28 and 34; for an
  // application under Dublin III's criteria (Art. 84(2)) the text does not say whether they reach its
  // family and dependency criteria, so the answer says so rather than choose.
  static const std::regex kDublin3FamilyCriteria(R"(^Regulation \(EU\) No 604/2013, Arts?\. (8|9|10|11|16)\b)");
  if (x.c.take_charge_request_sent_on && std::regex_search(x.d.legal_basis, kDublin3FamilyCriteria)) {
    notes.push_back("the request rests on " + x.d.legal_basis + " (" + x.d.criterion +
                    "): Regulation (EU) 2024/1351, Art. 40(1), gives priority to requests on its Arts. 25-28 and 34, "
                    "and Art. 40(6) asks for reasons where their circumstantial evidence is found wanting; whether "
                    "that reaches Dublin III's family and dependency criteria the text does not say (not listed "
                    "among reply_duties; unclear in law)");
  }
  return {{"by", f.received_by},
          {"requesting_member_state", f.member_state},
          {"request_designates", designates.empty() ? json() : json(designates)},
          {"reply_duties", ReplyDuties(x)},
          {"notes", notes}};
}

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

Result<std::string> ResponsibilityFileStore::Open(std::string_view case_json, const std::string& created_by,
                                                  const std::string& received_by) {
  if (!received_by.empty()) {
    OP_RETURN_IF_ERROR(rules_->countries.ValidateStateOfTheSystem(received_by, "received_by"));
  }
  OP_ASSIGN_OR_RETURN(Decided x, Decide(case_json, *rules_, std::nullopt, received_by));
  if (!received_by.empty() && received_by == x.c.member_state) {
    return Status::InvalidArgument("a request received is the requesting State's case: its member_state (" +
                                       x.c.member_state + ") is the State that sent it, not " + received_by,
                                   "received_by");
  }
  OP_RETURN_IF_ERROR(CheckActing(received_by.empty() ? x.c.member_state : received_by));
  File f;
  f.received_by = received_by;
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
                                      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                  {f.id, f.member_state, f.registered_on, f.status, f.version, f.responsible,
                                   f.procedure, OrNull(f.next_limit_on), store::Value{}, store::Value{}, f.created_at,
                                   f.created_by, store::Value{}, OrNull(f.received_by)}));
  OP_RETURN_IF_ERROR(store_->Exec(
      "INSERT INTO responsibility_file_version (file_id, version, case_document, recorded_at, recorded_by) "
      "VALUES (?, ?, ?, ?, ?)",
      {f.id, f.version, std::string(case_json), f.created_at, created_by}));
  OP_RETURN_IF_ERROR(tx.Commit());
  json out = ToJson(f);
  out["decision"] = json::parse(rules::ResponsibilityDecisionToJson(x.d));
  if (!f.received_by.empty()) out["received"] = ReceivedCheck(f, x);
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
  OP_ASSIGN_OR_RETURN(Decided x, Decide(case_json, *rules_, std::nullopt, f.received_by));
  if (x.c.member_state != f.member_state) {
    return Status::InvalidArgument("the file is " + f.member_state + "'s: a case of another deciding Member State ("
                                       + x.c.member_state + ") opens its own file",
                                   "member_state");
  }
  // A family member's case is decided with the family's (Art. 28): refused, changing nothing, where
  // the family can no longer be decided together (a member moved to the other side of 1 July 2026).
  json family_json;
  FamilyDecided family;
  if (!f.family_id.empty()) {
    OP_ASSIGN_OR_RETURN(x, DecideNewest(store_, f, case_json, *rules_, std::nullopt, &family_json, &family));
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
  // The other members' decisions may follow this one's (the family's Member State).
  if (!f.family_id.empty()) OP_RETURN_IF_ERROR(StoreDecisions(store_, family, f.id));
  OP_RETURN_IF_ERROR(tx.Commit());
  json out = ToJson(f);
  out["decision"] = json::parse(rules::ResponsibilityDecisionToJson(x.d));
  if (!family_json.is_null()) out["family"] = family_json;
  if (!f.received_by.empty()) out["received"] = ReceivedCheck(f, x);
  return out.dump(2);
}

Result<std::string> ResponsibilityFileStore::Show(const std::string& id, std::optional<Date> at, int version) {
  OP_ASSIGN_OR_RETURN(File f, Load(store_, id, acting_member_state_));
  if (version < 0 || version > f.version) {
    return Status::InvalidArgument("must be 1 to " + std::to_string(f.version) + " (0: the newest)", "version");
  }
  const int64_t shown = version == 0 ? f.version : version;
  OP_ASSIGN_OR_RETURN(std::string document, CaseDocument(store_, id, shown));
  json family_json;
  Decided x;
  if (shown == f.version) {
    OP_ASSIGN_OR_RETURN(x, DecideNewest(store_, f, document, *rules_, at, &family_json));
  } else {
    OP_ASSIGN_OR_RETURN(x, Decide(document, *rules_, at, f.received_by));
    if (!f.family_id.empty()) {
      family_json = {{"id", f.family_id},
                     {"note", "version " + std::to_string(shown) +
                                  " is not the newest: it is decided alone; the family procedure (Art. 28) decides "
                                  "the members' newest cases together"}};
    }
  }
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
  if (!family_json.is_null()) out["family"] = family_json;
  if (!f.received_by.empty()) out["received"] = ReceivedCheck(f, x);
  return out.dump(2);
}

Status ResponsibilityFileStore::RefreshReceivedOrder() {
  OP_ASSIGN_OR_RETURN(store::QueryResult rows,
                      store_->Query(std::string("SELECT ") + kColumns + kNewestCase +
                                    " FROM responsibility_file WHERE order_stale = 1"));
  if (rows.rows.empty()) return Status::OK();
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  for (const store::Row& row : rows.rows) {
    const File f = FromStore(row);
    // A case the engine no longer decides (its rules' data changed since) keeps the column it had:
    // the list shows it with the reason, as for any other file.
    const Result<Decided> x = Decide(row.Text(kNewestCaseColumn), *rules_, std::nullopt, f.received_by);
    const std::string next = x.ok() ? x->next_limit_on : f.next_limit_on;
    OP_RETURN_IF_ERROR(store_->Exec("UPDATE responsibility_file SET next_limit_on = ?, order_stale = 0 WHERE id = ?",
                                    {OrNull(next), f.id}));
  }
  return tx.Commit();
}

Result<std::string> ResponsibilityFileStore::ListOpen(const std::string& member_state, Date at,
                                                      std::optional<Date> due_by, size_t limit, bool received) {
  OP_RETURN_IF_ERROR(rules_->countries.ValidateStateOfTheSystem(member_state, "member_state"));
  OP_RETURN_IF_ERROR(CheckActing(member_state));
  if (received) OP_RETURN_IF_ERROR(RefreshReceivedOrder());
  // Files without a pending time limit sort last (their column is null). The State's own files, or
  // the requests it received.
  internal::Running running{std::string(received ? "" : "received_by IS NULL AND ") + "status = 'open'" +
                                (due_by ? " AND next_limit_on IS NOT NULL" : ""),
                            "COALESCE(next_limit_on, '9999-12-31')", received ? "received_by" : "member_state"};
  OP_ASSIGN_OR_RETURN(store::QueryResult rows,
                      internal::OpenFiles(store_, "responsibility_file", std::string(kColumns) + kNewestCase,
                                          member_state, due_by, limit, running));
  const bool more = rows.rows.size() > limit;
  json files = json::array();
  // A family is decided once for all its files on the list.
  std::map<std::string, Result<FamilyDecided>> families;
  for (size_t i = 0; i < rows.rows.size() && i < limit; ++i) {
    const File f = FromStore(rows.rows[i]);
    Result<Decided> x = Status::Internal("not decided");
    if (f.family_id.empty()) {
      x = Decide(rows.rows[i].Text(kNewestCaseColumn), *rules_, at, f.received_by);
    } else {
      auto it = families.find(f.family_id);
      if (it == families.end()) {
        auto members = LoadFamily(store_, f.family_id);
        Result<FamilyDecided> decided =
            members.ok() ? DecideFamily(std::move(*members), *rules_, at) : Result<FamilyDecided>(members.status());
        it = families.emplace(f.family_id, std::move(decided)).first;
      }
      if (!it->second.ok()) {
        x = it->second.status();
      } else if (const size_t k = MemberIndex(*it->second, f.id); k < it->second->members.size()) {
        x = it->second->decided[k];
      }
    }
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
      if (!OnWorkList(d, f.received_by)) continue;
      limits.push_back({{"name", d.name},
                        {"date", d.date.ToString()},
                        {"days_left", d.date.days() - at.days()},
                        {"state", d.state},
                        {"legal_basis", d.legal_basis},
                        {"by", d.by},
                        {"actor", d.actor}});
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
              {"received", received}, {"files", files}, {"more", more}};
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
  json family_json;
  auto x = DecideNewest(store_, f, document, *rules_, on, &family_json);
  if (!x.ok()) {
    // The outcome is the caseworker's to record; a case that no longer decides (a day outside the
    // holiday data) leaves it unchecked, not refused.
    flags.push_back({{"code", "outcome_not_checked"}, {"message", x.status().ToString()}});
  } else if (outcome == "transferred" && !x->c.transferred_on) {
    flags.push_back({{"code", "transfer_not_recorded_in_case"},
                     {"message", "the newest case (version " + std::to_string(f.version) +
                                     ") records no transferred_on: record the transfer's day in the case (Art. 46)"}});
  } else if (outcome == "examined_here" && x->d.responsible_member_state != f.owner()) {
    flags.push_back({{"code", "decision_designates_another_state"},
                     {"message", "on " + on.ToString() + " the newest case's decision designates " +
                                     (x->d.responsible_member_state.empty() ? std::string("no Member State")
                                                                            : x->d.responsible_member_state) +
                                     ", not " + f.owner()}});
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

namespace {

// The time limits of `files` (rows of kColumns + kNewestCase) that passed between `from` and `at`
// without being met in time: each file's newest case decided on `at` (with its family), every limit
// ending in the period that was met late (`missed`) or not at all (`expired`), counted by limit and
// by the Member State on whom it ran; for requests received (`received_by`) only the receiving
// State's own. A file whose case no longer decides is named, not skipped in silence.
Result<json> PassedLimits(store::Store* s, const store::QueryResult& files, const rules::RulesData& rules,
                          std::optional<Date> from, Date at, const std::string& received_by) {
  json by_limit = json::object();
  json not_decided = json::array();
  int64_t total = 0;
  for (const store::Row& row : files.rows) {
    const File f = FromStore(row);
    json family_json;
    auto x = DecideNewest(s, f, row.Text(kNewestCaseColumn), rules, at, &family_json);
    if (!x.ok()) {
      not_decided.push_back({{"id", f.id}, {"message", x.status().message()}});
      continue;
    }
    for (const rules::Deadline& d : x->d.deadlines) {
      if (d.state != "missed" && d.state != "expired") continue;
      if ((from && d.date < *from) || at < d.date || !OnWorkList(d, received_by)) continue;
      json& n = by_limit[d.name];
      if (n.is_null()) n = {{"actor", d.actor}, {"late", 0}, {"not_done", 0}, {"by_member_state", json::object()}};
      const char* kind = d.state == "missed" ? "late" : "not_done";
      n[kind] = n[kind].get<int64_t>() + 1;
      n["by_member_state"][d.by] = n["by_member_state"].value(d.by, int64_t{0}) + 1;
      ++total;
    }
  }
  return json{{"decided_on", at.ToString()},
              {"total", total},
              {"by_limit", by_limit},
              {"files_not_decided", not_decided}};
}

}  // namespace

Result<std::string> ResponsibilityFileStore::Report(const std::string& member_state, std::optional<Date> from,
                                                    std::optional<Date> to) {
  OP_RETURN_IF_ERROR(rules_->countries.ValidateStateOfTheSystem(member_state, "member_state"));
  OP_RETURN_IF_ERROR(CheckActing(member_state));
  if (from && to && *to < *from) return Status::InvalidArgument("after 'to' (" + to->ToString() + ")", "from");
  OP_ASSIGN_OR_RETURN(store::QueryResult rows,
                      store_->Query(std::string("SELECT ") + kColumns + kNewestCase +
                                        " FROM responsibility_file WHERE member_state = ? AND received_by IS NULL "
                                        "ORDER BY id",
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
  // Counts the days `rows` record in the period (in the newest case document), each under the
  // Member State `key_of` names for its file.
  auto tally = [&](const store::QueryResult& files, std::span<const Count> kinds,
                   const std::function<std::string(const File&)>& key_of) -> Result<json> {
    json counts = json::object();
    for (const Count& c : kinds) {
      counts[c.name] = {{"legal_basis", c.legal_basis}, {"total", 0}, {"by_member_state", json::object()}};
    }
    for (const store::Row& row : files.rows) {
      const json doc = json::parse(row.Text(kNewestCaseColumn), nullptr, false);
      if (!doc.is_object()) return Status::Corruption("responsibility file " + row.Text(0) + ": its case is not JSON");
      const std::string key = key_of(FromStore(row));
      for (const Count& c : kinds) {
        const json day = doc.value(c.field, json());
        if (!day.is_string() || !in_period(day.get<std::string>())) continue;
        json& n = counts[c.name];
        n["total"] = n["total"].get<int64_t>() + 1;
        n["by_member_state"][key] = n["by_member_state"].value(key, int64_t{0}) + 1;
      }
    }
    return counts;
  };
  int64_t registered = 0;
  for (const store::Row& row : rows.rows) {
    if (in_period(FromStore(row).registered_on)) ++registered;
  }
  // The State the newest decision designates, when another one.
  OP_ASSIGN_OR_RETURN(json counts, tally(rows, kCounts, [&](const File& f) {
                        return f.responsible.empty() || f.responsible == member_state
                                   ? std::string("not_another_state")
                                   : f.responsible;
                      }));
  // The requests this State received (Open's received_by), by the State that sent them: the incoming
  // side of the Dublin statistics (Eurostat publishes both directions, migr_dubri and migr_dubro).
  static const Count kReceivedCounts[] = {
      {"take_charge_requests", "take_charge_request_sent_on", "Regulation (EU) 2024/1351, Arts. 39-40"},
      {"take_back_notifications", "take_back_sent_on", "Regulation (EU) 2024/1351, Art. 41"},
      {"accepted_or_confirmed", "accepted_on", "Regulation (EU) 2024/1351, Arts. 40, 41(3)-(4)"},
      {"transfers", "transferred_on", "Regulation (EU) 2024/1351, Art. 46"},
  };
  OP_ASSIGN_OR_RETURN(store::QueryResult received_rows,
                      store_->Query(std::string("SELECT ") + kColumns + kNewestCase +
                                        " FROM responsibility_file WHERE received_by = ? ORDER BY id",
                                    {member_state}));
  OP_ASSIGN_OR_RETURN(json received,
                      tally(received_rows, kReceivedCounts, [](const File& f) { return f.member_state; }));
  received["files"] = received_rows.rows.size();
  // The limits that passed in the period without being met in time, decided on its last day (today
  // where it has none): what a monitor checks first (replies left to silence, Art. 40(8); transfers
  // not carried out, Art. 46(2); detentions past their limits, Art. 45(4)).
  const Date at = to.value_or(Date::Today());
  OP_ASSIGN_OR_RETURN(json passed, PassedLimits(store_, rows, *rules_, from, at, ""));
  OP_ASSIGN_OR_RETURN(received["time_limits_passed"], PassedLimits(store_, received_rows, *rules_, from, at, member_state));
  json out = {{"member_state", member_state},
              {"from", from ? json(from->ToString()) : json()},
              {"to", to ? json(to->ToString()) : json()},
              {"legal_basis", "Regulation (EU) 2024/1351, Art. 9(3)(a)(x)-(xi), Art. 80"},
              {"files", rows.rows.size()},
              {"registered_in_period", registered}};
  for (auto it = counts.begin(); it != counts.end(); ++it) out[it.key()] = it.value();
  out["time_limits_passed"] = passed;
  out["received"] = received;
  out["notes"] = json::array(
      {"the counts above are the outgoing procedures of this State's own files; received counts the requests and "
       "notifications it keeps as requests received, by the State that sent them (each on the day the case records)",
       "read from the newest version of each file kept, open or closed; erased files no longer count",
       "by_member_state: the Member State the newest decision designates; not_another_state where it designates "
       "none or this one (a limit missed, a discretionary clause)",
       "time_limits_passed: the limits ending in the period that were met late (late) or not met (not_done), each "
       "file's newest case decided on decided_on, by the Member State on whom the limit ran (this State's own "
       "files: its limits and the other States' replies; requests received: this State's own)"});
  return out.dump(2);
}

Result<std::string> ResponsibilityFileStore::Erase(const std::string& id, const std::string& reason) {
  OP_ASSIGN_OR_RETURN(const EventKind* why,
                      internal::KindNamed(ResponsibilityFileErasures(), reason, "a reason to erase", "reason"));
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(File f, Load(store_, id, acting_member_state_));
  OP_RETURN_IF_ERROR(store_->Exec("DELETE FROM responsibility_file_version WHERE file_id = ?", {id}));
  OP_RETURN_IF_ERROR(store_->Exec("DELETE FROM responsibility_file WHERE id = ?", {id}));
  json out = {{"erased", id},
              {"member_state", f.member_state},
              {"versions", f.version},
              {"reason", reason},
              {"legal_basis", why->legal_basis}};
  // The family's other files are decided again without it. An erasure is never refused for that:
  // where they can no longer be decided, their stored decisions stay and the answer says so.
  if (!f.family_id.empty()) {
    Status redecided = Refamily(f.family_id);
    if (!redecided.ok()) {
      out["warnings"] = json::array({"the other files of family " + f.family_id +
                                     " could not be decided again without this one: " + redecided.ToString()});
    }
  }
  OP_RETURN_IF_ERROR(tx.Commit());
  return out.dump(2);
}

Status ResponsibilityFileStore::Refamily(const std::string& family_id) {
  OP_ASSIGN_OR_RETURN(std::vector<Member> members, LoadFamily(store_, family_id));
  if (members.empty()) return Status::OK();
  if (members.size() == 1) {
    // A family of one is no family: its file is decided alone again (decided first, so that a
    // failure changes nothing).
    const Member& m = members[0];
    OP_ASSIGN_OR_RETURN(Decided x, Decide(m.document, *rules_, std::nullopt));
    OP_RETURN_IF_ERROR(store_->Exec("UPDATE responsibility_file SET family_id = NULL WHERE id = ?", {m.f.id}));
    return StoreDecision(store_, m.f.id, x);
  }
  OP_ASSIGN_OR_RETURN(FamilyDecided x, DecideFamily(std::move(members), *rules_, std::nullopt));
  return StoreDecisions(store_, x);
}

Result<std::string> ResponsibilityFileStore::JoinFamily(const std::string& id, const std::string& with) {
  if (id == with) return Status::InvalidArgument("a file cannot join its own family: name another file", "with");
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(File f, Load(store_, id, acting_member_state_));
  auto loaded = Load(store_, with, acting_member_state_);
  if (!loaded.ok()) return loaded.status().WithFieldPrefix("with");
  const File w = std::move(*loaded);
  if (w.member_state != f.member_state) {
    return Status::InvalidArgument("file " + with + " is " + w.member_state + "'s and " + id + " is " + f.member_state +
                                       "'s: the family procedure concerns applications registered in the same Member "
                                       "State (Art. 28)",
                                   "with");
  }
  for (const File* x : {static_cast<const File*>(&f), &w}) {
    if (x->status != "open") {
      return Status::FailedPrecondition("responsibility file " + x->id + " was closed on " + x->closed_on +
                                        ": a family is formed while its files are open");
    }
    if (!x->received_by.empty()) {
      return Status::FailedPrecondition("responsibility file " + x->id + " is a request received from " +
                                        x->member_state + ": the family procedure is the determining State's");
    }
  }
  const std::string family_id = w.family_id.empty() ? w.id : w.family_id;
  if (!f.family_id.empty() && f.family_id != family_id) {
    return Status::FailedPrecondition("responsibility file " + id + " is in family " + f.family_id +
                                      ": it leaves that family first");
  }
  OP_ASSIGN_OR_RETURN(store::QueryResult count,
                      store_->Query("SELECT COUNT(*) FROM responsibility_file WHERE family_id = ? AND id <> ?",
                                    {family_id, id}));
  if (count.rows[0].Int(0) + 1 + (w.family_id.empty() ? 1 : 0) > kMaxFamilyFiles) {
    return Status::InvalidArgument("family " + family_id + " has " + std::to_string(kMaxFamilyFiles) +
                                       " files already, as many as a family procedure decides together",
                                   "with");
  }
  OP_RETURN_IF_ERROR(store_->Exec("UPDATE responsibility_file SET family_id = ? WHERE id IN (?, ?)",
                                  {family_id, id, with}));
  // Refused, changing nothing, where the members cannot be decided together.
  OP_ASSIGN_OR_RETURN(std::vector<Member> members, LoadFamily(store_, family_id));
  auto decided = DecideFamily(std::move(members), *rules_, std::nullopt);
  if (!decided.ok()) return decided.status().WithContext("the family cannot be decided together");
  OP_RETURN_IF_ERROR(StoreDecisions(store_, *decided));
  OP_RETURN_IF_ERROR(tx.Commit());
  return json{{"id", id}, {"family", FamilyJson(*decided)}}.dump(2);
}

Result<std::string> ResponsibilityFileStore::LeaveFamily(const std::string& id) {
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(File f, Load(store_, id, acting_member_state_));
  if (f.family_id.empty()) {
    return Status::FailedPrecondition("responsibility file " + id + " is in no family: it is decided alone");
  }
  const std::string family_id = f.family_id;
  OP_RETURN_IF_ERROR(store_->Exec("UPDATE responsibility_file SET family_id = NULL WHERE id = ?", {id}));
  OP_ASSIGN_OR_RETURN(std::string document, CaseDocument(store_, id, f.version));
  OP_ASSIGN_OR_RETURN(Decided x, Decide(document, *rules_, std::nullopt));
  f.family_id.clear();
  OP_RETURN_IF_ERROR(StoreDecision(store_, id, x));
  // The others are decided again without it (refused, changing nothing, where they cannot be).
  Status rest = Refamily(family_id);
  if (!rest.ok()) return rest.WithContext("the rest of family " + family_id + " cannot be decided together");
  OP_RETURN_IF_ERROR(tx.Commit());
  f.responsible = x.d.responsible_member_state;
  f.procedure = x.d.procedure;
  f.next_limit_on = x.next_limit_on;
  json out = ToJson(f);
  out["left_family"] = family_id;
  out["decision"] = json::parse(rules::ResponsibilityDecisionToJson(x.d));
  return out.dump(2);
}

}  // namespace openpact::cases
