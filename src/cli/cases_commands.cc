// `openpact screening ...`: screening files (Regulation (EU) 2024/1356); `openpact border-procedure
// ...`: border procedure files (Regulation (EU) 2024/1348, Arts. 43-54); `openpact
// responsibility-file ...`: responsibility files (Regulation (EU) 2024/1351, Part III).
#include <iostream>

#include "cases/border_places.h"
#include "cases/border_procedure_store.h"
#include "cases/responsibility_files.h"
#include "cases/screening_store.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "core/csv.h"
#include "core/data_dir.h"
#include "solidarity/solidarity.h"

namespace openpact::cli {
namespace {

// Runs `fn` on an open session with a case store (ScreeningStore, BorderProcedureStore) over
// `rules`, authorised for `action` and audited as "<noun> <what>". A refusal names the option that
// gave the field, unless `document` says the fields are a document's (a case file's decision_date; the
// document as a whole is --case).
template <typename CaseStore, typename Fn>
int WithCasesUsing(const GlobalOptions& g, const rules::RulesData& rules, auth::Action action,
                   const std::string& object, const std::string& noun, const char* what, Fn fn,
                   bool document = false) {
  auto session = Session::Open(g);
  if (!session.ok()) return Fail(session.status());
  Session& s = **session;
  if (Status st = s.Authorize(action, object); !st.ok()) return Fail(st);
  CaseStore cases(s.store(), &rules);
  Result<std::string> out = std::string();
  const Status done = s.RunAudited(action, object, what, noun + " " + what, [&] {
    out = fn(cases);
    return out.status();
  });
  if (!done.ok()) return Fail(document ? AsCaseFile(done) : AsOption(done));
  std::cout << *out << "\n";
  return 0;
}

// WithCasesUsing over the rules of the data directory.
template <typename CaseStore, typename Fn>
int WithCases(const GlobalOptions& g, auth::Action action, const std::string& object, const std::string& noun,
              const char* what, Fn fn, bool document = false) {
  auto rules = rules::RulesData::Load(ResolveDataDir(g.data_dir));
  if (!rules.ok()) return Fail(rules.status());
  return WithCasesUsing<CaseStore>(g, *rules, action, object, noun, what, fn, document);
}

template <typename Fn>
int WithScreenings(const GlobalOptions& g, auth::Action action, const std::string& object, const char* what, Fn fn) {
  return WithCases<cases::ScreeningStore>(g, action, object, "screening", what, fn);
}
template <typename Fn>
int WithBorderProcedures(const GlobalOptions& g, auth::Action action, const std::string& object, const char* what,
                         Fn fn) {
  return WithCases<cases::BorderProcedureStore>(g, action, object, "border procedure", what, fn);
}

}  // namespace

int RunScreeningStart(const GlobalOptions& g, const ScreeningStartOptions& o) {
  rules::ScreeningStart start;
  start.member_state = o.member_state;
  start.location = o.location;
  auto event = Date::Parse(o.event_date, "--event-date");
  if (!event.ok()) return Fail(event.status());
  start.event_date = *event;
  start.held_over_72h = o.held_over_72h;
  if (!o.held_until.empty()) {
    auto d = Date::Parse(o.held_until, "--held-until");
    if (!d.ok()) return Fail(d.status());
    start.held_until = *d;
  }
  return WithScreenings(g, auth::Action::kScreening, "screening:new", "start",
                        [&](cases::ScreeningStore& s) { return s.Start(start, g.actor); });
}

int RunScreeningRecord(const GlobalOptions& g, const std::string& id, const std::string& check,
                       const std::string& outcome, const std::string& form_file, const std::string& on) {
  auto date = OptionalDate(on, "--on");
  if (!date.ok()) return Fail(date.status());
  std::string form;
  if (!form_file.empty()) {
    auto text = ReadFileToString(form_file, 1 << 20);
    if (!text.ok()) return Fail(Status::InvalidArgument(text.status().message(), "--form"));
    form = *text;
  }
  return WithScreenings(g, auth::Action::kScreening, "screening:" + id, "record",
                        [&](cases::ScreeningStore& s) { return s.Record(id, check, outcome, form, *date); });
}

int RunScreeningClose(const GlobalOptions& g, const std::string& id, const std::string& referral,
                      const std::string& on) {
  auto date = OptionalDate(on, "--on");
  if (!date.ok()) return Fail(date.status());
  return WithScreenings(g, auth::Action::kScreening, "screening:" + id, "close",
                        [&](cases::ScreeningStore& s) { return s.Close(id, referral, *date); });
}

int RunScreeningShow(const GlobalOptions& g, const std::string& id) {
  // The border guard's file, or the monitoring mechanism reading it (Art. 10(2)): each under its
  // own right, so that the audit log says which.
  const auth::Action action =
      auth::Allowed(g.role, auth::Action::kScreening) ? auth::Action::kScreening : auth::Action::kScreeningMonitor;
  return WithScreenings(g, action, "screening:" + id, "show", [&](cases::ScreeningStore& s) { return s.Show(id); });
}

namespace {
// A work list's options: the day to count from (without --at, today in the Member State's legal
// time, the day its time limits are counted in) and --due-by; refused naming the option.
struct ListQuery {
  Date today;
  std::optional<Date> due_by;
};
Result<ListQuery> ToListQuery(const std::string& member_state, const std::string& due_by_text,
                              const std::string& at_text, int limit) {
  ListQuery q;
  OP_ASSIGN_OR_RETURN(q.due_by, OptionalDate(due_by_text, "--due-by"));
  OP_ASSIGN_OR_RETURN(std::optional<Date> at, OptionalDate(at_text, "--at"));
  if (limit < 1 || static_cast<size_t>(limit) > cases::kMaxScreeningList) {
    return Status::InvalidArgument("must be 1 to " + std::to_string(cases::kMaxScreeningList), "--limit");
  }
  q.today = at.value_or(LocalDate(Timestamp::Now(), member_state));
  return q;
}
}  // namespace

int RunScreeningList(const GlobalOptions& g, const std::string& member_state, const std::string& due_by_text,
                     const std::string& at_text, int limit) {
  auto q = ToListQuery(member_state, due_by_text, at_text, limit);
  if (!q.ok()) return Fail(q.status());
  return WithScreenings(g, auth::Action::kScreening, "screening:list:" + member_state, "list",
                        [&](cases::ScreeningStore& s) {
                          return s.ListOpen(member_state, q->today, q->due_by, static_cast<size_t>(limit));
                        });
}

int RunBorderProcedureList(const GlobalOptions& g, const std::string& member_state, const std::string& due_by_text,
                           const std::string& at_text, int limit) {
  auto q = ToListQuery(member_state, due_by_text, at_text, limit);
  if (!q.ok()) return Fail(q.status());
  return WithBorderProcedures(g, auth::Action::kBorderProcedure, "border_procedure:list:" + member_state, "list",
                              [&](cases::BorderProcedureStore& s) {
                                return s.ListOpen(member_state, q->today, q->due_by, static_cast<size_t>(limit));
                              });
}

namespace {
// The options of a monitoring report as the store's query; refused naming the option.
Result<cases::MonitoringQuery> ToQuery(const MonitorOptions& o) {
  cases::MonitoringQuery q;
  q.member_state = o.member_state;
  q.sample = o.sample;
  OP_ASSIGN_OR_RETURN(q.from, OptionalDate(o.from, "--from"));
  OP_ASSIGN_OR_RETURN(q.to, OptionalDate(o.to, "--to"));
  OP_ASSIGN_OR_RETURN(std::optional<Date> at, OptionalDate(o.at, "--at"));
  q.at = at.value_or(Date::Today());
  if (!o.seed.empty()) {
    OP_ASSIGN_OR_RETURN(q.seed, cases::ParseSeed(o.seed, "--seed"));
  }
  return q;
}
}  // namespace

int RunScreeningMonitor(const GlobalOptions& g, const MonitorOptions& o) {
  auto q = ToQuery(o);
  if (!q.ok()) return Fail(q.status());
  return WithScreenings(g, auth::Action::kScreeningMonitor, "screening:monitor:" + q->member_state, "report",
                        [&](cases::ScreeningStore& s) { return s.Monitor(*q); });
}

int RunScreeningExpire(const GlobalOptions& g, const std::string& at_text) {
  const Date today = Date::Today();
  auto at = ExpiryDay(at_text, today);
  if (!at.ok()) return Fail(at.status());
  return WithScreenings(g, auth::Action::kScreening, "screening:expired-before-" + at->ToString(), "expire",
                        [&](cases::ScreeningStore& s) { return s.Expire(*at, today); });
}

int RunBorderProcedureOpen(const GlobalOptions& g, const std::string& case_file) {
  auto text = ReadCaseDocument(case_file);
  if (!text.ok()) return Fail(text.status());
  // The published adequate capacities (reference data), for the check of APR Art. 48 at opening.
  auto data = LoadPlanningData(g);
  if (!data.ok()) return Fail(data.status());
  const rules::RulesData& rules = *data->rules;
  const solidarity::ReferenceData& ref = *data->ref;
  return WithCasesUsing<cases::BorderProcedureStore>(
      g, rules, auth::Action::kBorderProcedure, "border_procedure:new", "border procedure", "open",
      [&](cases::BorderProcedureStore& s) {
        s.set_capacity_lookup([&](const std::string& ms, Date on) {
          return solidarity::PublishedCapacity(ref, rules, ms, on);
        });
        return s.Open(*text, g.actor);
      },
      /*document=*/true);
}

int RunBorderProcedureRecord(const GlobalOptions& g, const std::string& id, const std::string& event,
                             const std::string& point, const std::string& place, const std::string& on) {
  cases::BorderProcedureEvent e{event, point, place, std::nullopt};
  auto date = OptionalDate(on, "--on");
  if (!date.ok()) return Fail(date.status());
  e.on = *date;
  return WithBorderProcedures(g, auth::Action::kBorderProcedure, "border_procedure:" + id, "record",
                              [&](cases::BorderProcedureStore& s) { return s.Record(id, e); });
}

int RunBorderProcedureClose(const GlobalOptions& g, const std::string& id, const std::string& outcome,
                            const std::string& on) {
  auto date = OptionalDate(on, "--on");
  if (!date.ok()) return Fail(date.status());
  return WithBorderProcedures(g, auth::Action::kBorderProcedure, "border_procedure:" + id, "close",
                              [&](cases::BorderProcedureStore& s) { return s.Close(id, outcome, *date); });
}

int RunBorderProcedureExpire(const GlobalOptions& g, const std::string& at_text) {
  const Date today = Date::Today();
  auto at = ExpiryDay(at_text, today);
  if (!at.ok()) return Fail(at.status());
  return WithBorderProcedures(g, auth::Action::kBorderProcedure, "border_procedure:expired-before-" + at->ToString(),
                              "expire", [&](cases::BorderProcedureStore& s) { return s.Expire(*at, today); });
}

int RunBorderProcedureErase(const GlobalOptions& g, const std::string& id, const std::string& reason) {
  return WithBorderProcedures(g, auth::Action::kBorderProcedure, "border_procedure:" + id, "erase",
                              [&](cases::BorderProcedureStore& s) { return s.Erase(id, reason); });
}

int RunBorderProcedureReturn(const GlobalOptions& g, const std::string& id, const std::string& case_file) {
  auto text = ReadCaseDocument(case_file);
  if (!text.ok()) return Fail(text.status());
  return WithCases<cases::BorderProcedureStore>(
      g, auth::Action::kBorderProcedure, "border_procedure:" + id, "border procedure", "return",
      [&](cases::BorderProcedureStore& s) { return s.StartReturn(id, *text); }, /*document=*/true);
}

int RunBorderProcedureReturnClose(const GlobalOptions& g, const std::string& id, const std::string& outcome,
                                  const std::string& on) {
  auto date = OptionalDate(on, "--on");
  if (!date.ok()) return Fail(date.status());
  return WithBorderProcedures(g, auth::Action::kBorderProcedure, "border_procedure:" + id, "return_close",
                              [&](cases::BorderProcedureStore& s) { return s.CloseReturn(id, outcome, *date); });
}

int RunBorderProcedureShow(const GlobalOptions& g, const std::string& id) {
  // The caseworker's file, or the monitoring mechanism reading it (APR Art. 43(4)): each under its
  // own right, so that the audit log says which.
  const auth::Action action = auth::Allowed(g.role, auth::Action::kBorderProcedure)
                                  ? auth::Action::kBorderProcedure
                                  : auth::Action::kBorderProcedureMonitor;
  return WithBorderProcedures(g, action, "border_procedure:" + id, "show",
                              [&](cases::BorderProcedureStore& s) { return s.Show(id); });
}

int RunBorderProcedureOccupancy(const GlobalOptions& g, const std::string& member_state, const std::string& at_text,
                                long long others_in_return_border_procedure) {
  cases::OccupancyQuery q;
  q.member_state = member_state;
  auto at = OptionalDate(at_text, "--at");
  if (!at.ok()) return Fail(at.status());
  q.at = at->value_or(LocalDate(Timestamp::Now(), member_state));
  if (others_in_return_border_procedure >= 0) q.others_in_return_border_procedure = others_in_return_border_procedure;
  // The Commission's adequate capacity for the State (Art. 47(1)), from the shipped reference data.
  auto data = LoadPlanningData(g);
  if (!data.ok()) return Fail(data.status());
  const rules::RulesData& rules = *data->rules;
  auto capacity = solidarity::ComputeCapacity(*data->ref, rules, q.at);
  if (!capacity.ok()) return Fail(capacity.status());
  const solidarity::CapacityInForce counted = solidarity::CapacityCountedOn(*capacity, member_state);
  q.adequate_capacity = counted.capacity;
  q.capacity_source = counted.source;
  // Counts only: planning data, which caseworkers read too (a case's capacity facts come from it).
  return WithCasesUsing<cases::BorderProcedureStore>(
      g, rules, auth::Action::kPlanningRead, "border_procedure:occupancy:" + member_state, "border procedure",
      "occupancy", [&](cases::BorderProcedureStore& s) { return s.Occupancy(q); });
}

int RunBorderProcedureMonitor(const GlobalOptions& g, const MonitorOptions& o) {
  auto q = ToQuery(o);
  if (!q.ok()) return Fail(q.status());
  return WithBorderProcedures(g, auth::Action::kBorderProcedureMonitor, "border_procedure:monitor:" + q->member_state,
                              "report", [&](cases::BorderProcedureStore& s) { return s.Monitor(*q); });
}

int RunBorderPlaceRecord(const GlobalOptions& g, const BorderPlaceOptions& o) {
  cases::BorderPlaceChange c{o.member_state, o.place, o.change, Date(), std::nullopt, std::nullopt};
  auto effective = Date::Parse(o.effective_on, "--effective-on");
  if (!effective.ok()) return Fail(effective.status());
  c.effective_on = *effective;
  auto notified = OptionalDate(o.notified_on, "--notified-on");
  if (!notified.ok()) return Fail(notified.status());
  c.notified_on = *notified;
  if (o.capacity >= 0) c.capacity = o.capacity;
  return WithCases<cases::BorderPlaces>(g, auth::Action::kBorderProcedure, "border_place:" + o.member_state,
                                        "border procedure place", "record",
                                        [&](cases::BorderPlaces& s) { return s.Record(c, g.actor); });
}

int RunBorderPlaceNotified(const GlobalOptions& g, const BorderPlaceOptions& o) {
  auto effective = Date::Parse(o.effective_on, "--effective-on");
  if (!effective.ok()) return Fail(effective.status());
  auto notified = Date::Parse(o.notified_on, "--notified-on");
  if (!notified.ok()) return Fail(notified.status());
  return WithCases<cases::BorderPlaces>(
      g, auth::Action::kBorderProcedure, "border_place:" + o.member_state, "border procedure place", "notified",
      [&](cases::BorderPlaces& s) { return s.RecordNotified(o.member_state, o.place, *effective, *notified); });
}

int RunBorderPlaceList(const GlobalOptions& g, const std::string& member_state, const std::string& at_text) {
  auto at = OptionalDate(at_text, "--at");
  if (!at.ok()) return Fail(at.status());
  const Date day = at->value_or(LocalDate(Timestamp::Now(), member_state));
  // No personal data: planning data, as the occupancy report that reads it.
  return WithCases<cases::BorderPlaces>(g, auth::Action::kPlanningRead, "border_place:" + member_state,
                                        "border procedure place", "list",
                                        [&](cases::BorderPlaces& s) { return s.List(member_state, day); });
}

namespace {
template <typename Fn>
int WithResponsibilityFiles(const GlobalOptions& g, const std::string& object, const char* what, Fn fn,
                            bool document = false) {
  return WithCases<cases::ResponsibilityFileStore>(g, auth::Action::kResponsibilityFile, object,
                                                   "responsibility file", what, fn, document);
}
}  // namespace

int RunResponsibilityFileOpen(const GlobalOptions& g, const std::string& case_file, const std::string& received_by) {
  auto text = ReadCaseDocument(case_file);
  if (!text.ok()) return Fail(text.status());
  return WithResponsibilityFiles(
      g, "responsibility_file:new", "open",
      [&](cases::ResponsibilityFileStore& s) -> Result<std::string> {
        auto opened = s.Open(*text, g.actor, received_by);
        // The case's fields are named as they are in the document; this one is an option.
        if (!opened.ok() && opened.status().field() == "received_by") return AsOption(opened.status());
        return opened;
      },
      /*document=*/true);
}

int RunResponsibilityFileUpdate(const GlobalOptions& g, const std::string& id, const std::string& case_file) {
  auto text = ReadCaseDocument(case_file);
  if (!text.ok()) return Fail(text.status());
  return WithResponsibilityFiles(
      g, "responsibility_file:" + id, "update",
      [&](cases::ResponsibilityFileStore& s) { return s.Update(id, *text, g.actor); }, /*document=*/true);
}

int RunResponsibilityFileShow(const GlobalOptions& g, const std::string& id, int version, const std::string& at_text) {
  auto at = OptionalDate(at_text, "--at");
  if (!at.ok()) return Fail(at.status());
  return WithResponsibilityFiles(g, "responsibility_file:" + id, "show",
                                 [&](cases::ResponsibilityFileStore& s) { return s.Show(id, *at, version); });
}

int RunResponsibilityFileList(const GlobalOptions& g, const std::string& member_state, const std::string& due_by_text,
                              const std::string& at_text, int limit, bool received) {
  auto q = ToListQuery(member_state, due_by_text, at_text, limit);
  if (!q.ok()) return Fail(q.status());
  return WithResponsibilityFiles(g, "responsibility_file:list:" + member_state, "list",
                                 [&](cases::ResponsibilityFileStore& s) {
                                   return s.ListOpen(member_state, q->today, q->due_by, static_cast<size_t>(limit),
                                                     received);
                                 });
}

int RunResponsibilityFileClose(const GlobalOptions& g, const std::string& id, const std::string& outcome,
                               const std::string& on) {
  auto date = OptionalDate(on, "--on");
  if (!date.ok()) return Fail(date.status());
  return WithResponsibilityFiles(g, "responsibility_file:" + id, "close",
                                 [&](cases::ResponsibilityFileStore& s) { return s.Close(id, outcome, *date); });
}

int RunResponsibilityFileReport(const GlobalOptions& g, const std::string& member_state, const std::string& from_text,
                                const std::string& to_text) {
  auto from = OptionalDate(from_text, "--from");
  if (!from.ok()) return Fail(from.status());
  auto to = OptionalDate(to_text, "--to");
  if (!to.ok()) return Fail(to.status());
  // Counts only: planning data, read from the store (audited).
  return WithCases<cases::ResponsibilityFileStore>(
      g, auth::Action::kPlanningRead, "responsibility_file:report:" + member_state, "responsibility file", "report",
      [&](cases::ResponsibilityFileStore& s) { return s.Report(member_state, *from, *to); });
}

int RunResponsibilityFileErase(const GlobalOptions& g, const std::string& id, const std::string& reason) {
  return WithResponsibilityFiles(g, "responsibility_file:" + id, "erase",
                                 [&](cases::ResponsibilityFileStore& s) { return s.Erase(id, reason); });
}

// AMMR Art. 28: `--with OTHER` joins the family of file OTHER; `--leave` leaves the file's family.
int RunResponsibilityFileFamily(const GlobalOptions& g, const std::string& id, const std::string& with, bool leave) {
  if (leave == !with.empty()) {
    return Fail(Status::InvalidArgument("give either --with FILE (join that file's family) or --leave", "--with"));
  }
  return WithResponsibilityFiles(g, "responsibility_file:" + id, leave ? "leave family" : "join family",
                                 [&](cases::ResponsibilityFileStore& s) {
                                   return leave ? s.LeaveFamily(id) : s.JoinFamily(id, with);
                                 });
}

}  // namespace openpact::cli
