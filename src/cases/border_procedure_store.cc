#include "cases/border_procedure_store.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "cases/border_places.h"
#include "cases/monitoring_internal.h"
#include "core/crypto.h"
#include "core/time_limits.h"
#include "rules/return_border.h"
#include "store/store.h"

namespace openpact::cases {
namespace {

using json = nlohmann::ordered_json;

const std::string kApr = "Regulation (EU) 2024/1348, Art. ";
const std::string kAprArts = "Regulation (EU) 2024/1348, Arts. ";

const std::string kRbpr = "Regulation (EU) 2024/1349, Art. ";

// The columns a file is opened with; the return border procedure's are filled in later.
constexpr const char* kOpenColumns =
    "id, member_state, registered_on, must_end_on, limit_basis, period, status, minor, unaccompanied_minor, "
    "decision, events, outcome, closed_on, created_at, created_by";
const std::string kColumns = std::string(kOpenColumns) +
                             ", return_from, return_must_end_on, return_basis, return_decision, return_outcome, "
                             "return_closed_on";
// The files in the border procedure on a day (its two placeholders): registered by then and not
// closed by then (a file closed that day left it). InBorderProcedureOn makes the same test on one file.
constexpr const char* kInBorderProcedureOn = "registered_on <= ? AND (status = 'open' OR closed_on > ?)";

struct Row {
  std::string id, member_state, registered_on, must_end_on, limit_basis, period, status, outcome, closed_on,
      created_at, created_by;
  bool minor = false, unaccompanied_minor = false;
  json decision, events;
  // The return border procedure (Regulation (EU) 2024/1349, Art. 4), once it has begun.
  std::string return_from, return_must_end_on, return_basis, return_outcome, return_closed_on;
  json return_decision;
};

// A row of SELECT kColumns FROM border_procedure.
Result<Row> FromStore(const store::Row& x) {
  Row row;
  row.id = x.Text(0);
  row.member_state = x.Text(1);
  row.registered_on = x.Text(2);
  row.must_end_on = x.Text(3);
  row.limit_basis = x.Text(4);
  row.period = x.Text(5);
  row.status = x.Text(6);
  row.minor = x.Int(7) != 0;
  row.unaccompanied_minor = x.Int(8) != 0;
  row.decision = json::parse(x.Text(9), nullptr, false);
  row.events = json::parse(x.Text(10), nullptr, false);
  row.outcome = x.Text(11);
  row.closed_on = x.Text(12);
  row.created_at = x.Text(13);
  row.created_by = x.Text(14);
  row.return_from = x.Text(15);
  row.return_must_end_on = x.Text(16);
  row.return_basis = x.Text(17);
  row.return_decision = x.IsNull(18) ? json() : json::parse(x.Text(18), nullptr, false);
  row.return_outcome = x.Text(19);
  row.return_closed_on = x.Text(20);
  if (row.decision.is_discarded() || row.events.is_discarded() || !row.events.is_array()) {
    return Status::Corruption("border procedure " + row.id + ": stored decision or events are not valid JSON");
  }
  // What the reports compute with must read back: a damaged row is named, never guessed at.
  auto bad_date = [](const std::string& text) { return !Date::Parse(text).ok(); };
  auto bad_optional = [&](const std::string& text) { return !text.empty() && bad_date(text); };
  if (bad_date(row.registered_on) || bad_date(row.must_end_on) || bad_optional(row.closed_on) ||
      bad_optional(row.return_from) || bad_optional(row.return_must_end_on) || bad_optional(row.return_closed_on) ||
      (!row.return_from.empty() && row.return_must_end_on.empty()) || row.return_decision.is_discarded()) {
    return Status::Corruption("border procedure " + row.id + ": a stored date is not YYYY-MM-DD");
  }
  for (const json& e : row.events) {
    if (!e.is_object() || !e.contains("event") || !e["event"].is_string() || !e.contains("on") || !e["on"].is_string() ||
        bad_date(e["on"].get<std::string>())) {
      return Status::Corruption("border procedure " + row.id + ": a stored event lacks its name or date");
    }
  }
  return row;
}

// The file `id`; not found when it is another Member State's than `acting` (when one is given).
Result<Row> Load(store::Store* s, const std::string& id, const std::string& acting) {
  OP_ASSIGN_OR_RETURN(store::QueryResult r,
                      s->Query("SELECT " + kColumns + " FROM border_procedure WHERE id = ?", {id}));
  if (r.rows.empty() || (!acting.empty() && r.rows[0].Text(1) != acting)) {
    return Status::NotFound("no border procedure with id '" + id + "'" + (acting.empty() ? "" : " of " + acting));
  }
  return FromStore(r.rows[0]);
}

json ToJson(const Row& r) {
  json j = {{"id", r.id},
            {"member_state", r.member_state},
            {"registered_on", r.registered_on},
            {"must_end_on", r.must_end_on},
            {"period", r.period},
            {"legal_basis", r.limit_basis},
            {"status", r.status},
            {"minor", r.minor},
            {"unaccompanied_minor", r.unaccompanied_minor},
            {"events", r.events},
            {"decision", r.decision}};
  if (!r.outcome.empty()) {
    j["outcome"] = r.outcome;
    const EventKind* kind = internal::FindKind(BorderProcedureOutcomes(), r.outcome);
    j["outcome_legal_basis"] = kind != nullptr ? kind->legal_basis : "";
  }
  if (!r.closed_on.empty()) j["closed_on"] = r.closed_on;
  if (!r.return_from.empty()) {
    json rb = {{"from", r.return_from},
               {"must_end_on", r.return_must_end_on},
               {"legal_basis", r.return_basis},
               {"status", r.return_closed_on.empty() ? "running" : "closed"}};
    if (!r.return_outcome.empty()) rb["outcome"] = r.return_outcome;
    if (!r.return_closed_on.empty()) rb["closed_on"] = r.return_closed_on;
    rb["decision"] = r.return_decision;
    j["return_border"] = std::move(rb);
  }
  return j;
}

// In the return border procedure on `at` (or now): begun by then and not ended by then.
bool InReturn(const Row& r, std::optional<Date> at = std::nullopt) {
  if (r.return_from.empty()) return false;
  if (!at) return r.return_closed_on.empty();
  return *Date::Parse(r.return_from) <= *at && (r.return_closed_on.empty() || *Date::Parse(r.return_closed_on) > *at);
}

// In the border procedure on `at`: kInBorderProcedureOn's test on one file.
bool InBorderProcedureOn(const Row& r, Date at) {
  return *Date::Parse(r.registered_on) <= at &&
         (r.status == "open" || (!r.closed_on.empty() && *Date::Parse(r.closed_on) > at));
}

Status CheckOpen(const Row& r) {
  if (r.status != "open") {
    return Status::FailedPrecondition("border procedure " + r.id + " was closed on " + r.closed_on + " (" + r.outcome +
                                      ")");
  }
  return Status::OK();
}

// Art. 53(1): the border procedure applies to an unaccompanied minor only in the circumstances of
// Art. 42(3)(b) (a danger to national security or public order); the decision's grounds say
// whether the file's application is one: a ground of that point that sends it to the border
// procedure.
bool SecurityGround(const Row& r) {
  if (!r.decision.contains("grounds") || !r.decision["grounds"].is_array()) return false;
  for (const json& g : r.decision["grounds"]) {
    if (!g.is_object() || g.value("legal_basis", "").find("Art. 42(3)(b)") == std::string::npos) continue;
    const std::string effect = g.value("effect", "");
    if (effect.find("border_mandatory") != std::string::npos || effect.find("border_optional") != std::string::npos) {
      return true;
    }
  }
  return false;
}

// The events of `r` up to `at` named `event`.
std::vector<const json*> EventsNamed(const Row& r, const std::string& event, std::optional<Date> at = std::nullopt) {
  std::vector<const json*> found;
  for (const json& e : r.events) {
    if (!e.is_object() || e.value("event", "") != event) continue;
    if (at && *Date::Parse(e.value("on", "")) > *at) continue;
    found.push_back(&e);
  }
  return found;
}

// One detention of a file: when it began, when the first review of it concluded and when it ended
// (each "" when not recorded).
struct Detention {
  std::string since, reviewed_on, released_on;
};
std::vector<Detention> Detentions(const Row& r) {
  std::vector<Detention> out;
  for (const json& e : r.events) {
    if (!e.is_object()) continue;
    const std::string event = e.value("event", ""), on = e.value("on", "");
    if (event == "detained") out.push_back({on, "", ""});
    if (out.empty() || !out.back().released_on.empty()) continue;
    if (event == "detention_reviewed" && out.back().reviewed_on.empty()) out.back().reviewed_on = on;
    if (event == "released") out.back().released_on = on;
  }
  return out;
}

// The day detention began, when the applicant is detained as of `at` (the last detention begun by
// then was not released by then); "" otherwise.
std::string DetainedSince(const Row& r, std::optional<Date> at = std::nullopt) {
  std::string since;
  for (const Detention& d : Detentions(r)) {
    if (at && *Date::Parse(d.since) > *at) break;
    const bool released = !d.released_on.empty() && (!at || *Date::Parse(d.released_on) <= *at);
    since = released ? "" : d.since;
  }
  return since;
}

// Whatever ends the border procedure by law was recorded: an exception of Art. 53(2), or an
// unaccompanied minor outside Art. 42(3)(b) (Art. 53(1)).
bool MustLeave(const Row& r) {
  return !EventsNamed(r, "exception").empty() || (r.unaccompanied_minor && !SecurityGround(r));
}

// Where the file records the applicant staying on `day` (the last placed event by then), or "".
std::string PlaceOn(const Row& r, Date day) {
  const std::vector<const json*> placed = EventsNamed(r, "placed", day);
  return placed.empty() ? std::string() : placed.back()->value("place", "");
}

// The files of `member_state` meeting `condition` (its placeholders bound to `params`), counted by
// the place each records on `at` (PlaceOn), with those recording none.
struct PlaceCounts {
  long long files = 0, not_recorded = 0;
  std::map<std::string, long long> by_place;
};
Result<PlaceCounts> CountByPlace(store::Store* s, const std::string& member_state, const std::string& condition,
                                 std::vector<store::Value> params, Date at) {
  params.insert(params.begin(), member_state);
  OP_ASSIGN_OR_RETURN(store::QueryResult rows,
                      s->Query("SELECT " + kColumns + " FROM border_procedure WHERE member_state = ? AND " + condition,
                               params));
  PlaceCounts counts;
  counts.files = static_cast<long long>(rows.rows.size());
  for (const store::Row& x : rows.rows) {
    OP_ASSIGN_OR_RETURN(const Row r, FromStore(x));
    const std::string place = PlaceOn(r, at);
    if (place.empty()) {
      ++counts.not_recorded;
    } else {
      ++counts.by_place[place];
    }
  }
  return counts;
}

// ---- The appeal stages (APR Arts. 67-68) ----

bool IsAppealEvent(const std::string& event) {
  return event == "decision_notified" || event.rfind("appeal_", 0) == 0 || event.rfind("leave_to_remain_", 0) == 0 ||
         event.rfind("further_appeal_", 0) == 0;
}

// The day `event` was first recorded in `r`, when that was by `by` (or at all, without it).
std::optional<Date> FirstOn(const Row& r, const std::string& event, std::optional<Date> by = std::nullopt) {
  const std::vector<const json*> found = EventsNamed(r, event, by);
  if (found.empty()) return std::nullopt;
  return *Date::Parse(found.front()->value("on", ""));
}

// The court's decision on the appeal recorded by `by`: its event and day (one at most:
// CheckAppealSequence).
std::optional<std::pair<std::string, Date>> AppealDecided(const Row& r, std::optional<Date> by = std::nullopt) {
  for (const char* outcome : {"appeal_dismissed", "appeal_allowed"}) {
    if (const auto on = FirstOn(r, outcome, by)) return std::make_pair(std::string(outcome), *on);
  }
  return std::nullopt;
}

// The further appeals recorded by `by` (APR Art. 68(7)), read in the order they happened: each
// follows the dismissal of the appeal or of the further appeal before it, until one is allowed.
struct FurtherAppeals {
  std::optional<Date> lodged;          // the latest one, while undecided (open)
  std::optional<Date> remain_allowed;  // the court let the person remain pending that one
  std::optional<Date> allowed;         // one was allowed: the rejection no longer stands
  bool open = false;
};
FurtherAppeals FurtherAppealsOf(const Row& r, std::optional<Date> by = std::nullopt) {
  FurtherAppeals f;
  for (const json& e : r.events) {
    const std::string on = e.value("on", "");
    if (by && *Date::Parse(on) > *by) break;
    const std::string name = e.value("event", "");
    if (name == "further_appeal_lodged") {
      f.lodged = *Date::Parse(on);
      f.remain_allowed.reset();
      f.open = true;
    } else if (name == "further_appeal_remain_allowed") {
      f.remain_allowed = *Date::Parse(on);
    } else if (name == "further_appeal_dismissed") {
      f.open = false;
    } else if (name == "further_appeal_allowed") {
      f.open = false;
      if (!f.allowed) f.allowed = *Date::Parse(on);
    }
  }
  return f;
}

// The day a court set the rejection aside by `by`: the appeal allowed, or a further appeal.
std::optional<Date> RejectionSetAside(const Row& r, std::optional<Date> by = std::nullopt) {
  if (const auto allowed = FirstOn(r, "appeal_allowed", by)) return allowed;
  return FurtherAppealsOf(r, by).allowed;
}

// The further appeal stages (Art. 68(7)) the recorded ones allow next.
Status CheckFurtherAppealSequence(const Row& r, const std::string& event) {
  const FurtherAppeals f = FurtherAppealsOf(r);
  if (f.allowed) {
    return Status::FailedPrecondition("a further appeal was allowed on " + f.allowed->ToString() +
                                      ": the rejection no longer stands");
  }
  if (event == "further_appeal_lodged") {
    if (!FirstOn(r, "appeal_dismissed")) {
      return Status::FailedPrecondition("no dismissed appeal is recorded: a further appeal challenges the court's "
                                        "decision dismissing it (" + kApr + "68(7)); record appeal_dismissed first");
    }
    if (f.open) {
      return Status::FailedPrecondition("the further appeal lodged on " + f.lodged->ToString() +
                                        " is undecided: record its dismissal first");
    }
    return Status::OK();
  }
  if (!f.open) return Status::FailedPrecondition("no undecided further appeal is recorded: record further_appeal_lodged first");
  if (event == "further_appeal_remain_allowed" && f.remain_allowed) {
    return Status::FailedPrecondition("the court allowed the person to remain pending this further appeal on " +
                                      f.remain_allowed->ToString() + " already");
  }
  return Status::OK();
}

// What the stages already recorded allow next: each is recorded once, the court decides once on
// leave to remain (on request or of its own motion, Art. 68(4)) and once on the appeal, which must
// have been lodged; once the appeal is decided, leave to remain pending it no longer arises.
Status CheckAppealSequence(const Row& r, const std::string& event) {
  if (event.rfind("further_appeal_", 0) == 0) return CheckFurtherAppealSequence(r, event);
  auto recorded = [&](const std::string& name) { return FirstOn(r, name); };
  const bool leave_stage = event.rfind("leave_to_remain_", 0) == 0;
  if (const auto on = recorded(event); on && (!leave_stage || event == "leave_to_remain_requested")) {
    return Status::FailedPrecondition(event + " was recorded on " + on->ToString() + " already");
  }
  const auto decided = AppealDecided(r);
  if (leave_stage && decided) {
    return Status::FailedPrecondition("the appeal was decided on " + decided->second.ToString() + " (" +
                                      decided->first + "): leave to remain pending it no longer arises (" + kApr +
                                      "68(4))");
  }
  if (event == "leave_to_remain_granted" || event == "leave_to_remain_refused") {
    for (const char* name : {"leave_to_remain_granted", "leave_to_remain_refused"}) {
      if (const auto on = recorded(name)) {
        return Status::FailedPrecondition("the court decided on leave to remain on " + on->ToString() + " already (" +
                                          name + ")");
      }
    }
  }
  if (event == "appeal_dismissed" || event == "appeal_allowed") {
    if (!recorded("appeal_lodged")) return Status::FailedPrecondition("no appeal is recorded: record appeal_lodged first");
    if (decided) {
      return Status::FailedPrecondition("the appeal was decided on " + decided->second.ToString() + " already (" +
                                        decided->first + ")");
    }
  }
  return Status::OK();
}

// Whether the file's return border decision has a ground whose `member` is `value`.
bool ReturnDecisionHasGround(const Row& r, const char* member, const char* value) {
  if (!r.return_decision.is_object() || !r.return_decision.contains("grounds")) return false;
  for (const json& g : r.return_decision["grounds"]) {
    if (g.is_object() && g.value(member, "") == value) return true;
  }
  return false;
}

// Whether the return border decision found that national law lifts the bar on removal of Art.
// 68(5)(d) for this appeal (Art. 68(6), subsequent applications).
bool Article68_6Applies(const Row& r) { return ReturnDecisionHasGround(r, "effect", "removal_not_barred"); }

// A removal bar's reason when what the file records cannot rule one out: the notification, or the
// national time limit past the five days' minimum, not recorded.
const char* const kMayBeBarred = "time_to_ask_to_remain_not_recorded";

// The time limit to ask the court to remain pending the appeal (APR Art. 68(5)(a)): the national one
// when the return border case gave it (its decision's deadline leave_to_remain_request), else five
// days from the notification (the return border case's, or the file's decision_notified by `day`),
// the shortest national law may set; none when neither records the notification.
struct LeaveToRemainLimit {
  Date from, end;
  bool national = false;
};
Result<std::optional<LeaveToRemainLimit>> LeaveToRemainLimitOf(const Row& r, Date day, const rules::RulesData& rules) {
  if (r.return_decision.is_object() && r.return_decision.contains("deadlines")) {
    for (const json& d : r.return_decision["deadlines"]) {
      if (!d.is_object() || d.value("name", "") != rules::kLeaveToRemainDeadline) continue;
      const auto from = Date::Parse(d.value("from", "")), end = Date::Parse(d.value("date", ""));
      if (from.ok() && end.ok()) {
        return std::optional<LeaveToRemainLimit>(
            LeaveToRemainLimit{*from, *end, d.value("period", "") == rules::kNationalTimeLimitPeriod});
      }
    }
  }
  const auto notified = FirstOn(r, "decision_notified", day);
  if (!notified) return std::optional<LeaveToRemainLimit>();
  OP_ASSIGN_OR_RETURN(const Period period, rules.policy.PeriodAt("apr.leave_to_remain_request_min", *notified));
  OP_ASSIGN_OR_RETURN(const TimeLimit limit,
                      ComputeTimeLimit(*notified, period, r.member_state, rules.calendar, ComputationRule::kApr73));
  return std::optional<LeaveToRemainLimit>(LeaveToRemainLimit{*notified, limit.end, false});
}

// Whether the return border decision found that the person had the right to remain pending the
// appeal (APR Art. 68(2): the rejection is none of Art. 68(3)'s, or an unaccompanied minor excepted
// from it): the return border procedure then follows the end of that right, and no request to
// remain (Art. 68(4)-(5)) arises.
bool HadRightToRemainPendingAppeal(const Row& r) { return ReturnDecisionHasGround(r, "rule", "APR-68(2)"); }

// Why the appeal stages recorded up to `day` barred a removal on that day, if they did.
struct RemovalBar {
  std::string reason, legal_basis, message;
};
Result<std::optional<RemovalBar>> RemovalBarOn(const Row& r, Date day, const rules::RulesData& rules) {
  using Bar = std::optional<RemovalBar>;
  if (const auto decided = AppealDecided(r, day)) {
    if (decided->first == "appeal_dismissed") {
      // A further appeal gives no right to remain, unless a court allows it where the principle of
      // non-refoulement is invoked (Art. 68(7)).
      const FurtherAppeals further = FurtherAppealsOf(r, day);
      if (further.allowed) {
        return Bar(RemovalBar{"rejection_annulled", kApr + "68(7), 67(1); " + kRbpr + "1(1)",
                              "the court allowed the further appeal on " + further.allowed->ToString() +
                                  ": the rejection no longer stood"});
      }
      if (further.open && further.remain_allowed) {
        return Bar(RemovalBar{"authorised_to_remain", kApr + "68(7)",
                              "the court allowed the person on " + further.remain_allowed->ToString() +
                                  " to remain pending the further appeal lodged on " + further.lodged->ToString() +
                                  " (the principle of non-refoulement invoked), which was not decided"});
      }
      return Bar();
    }
    return Bar(RemovalBar{"rejection_annulled", kApr + "67(1); " + kRbpr + "1(1)",
                          "the court allowed the appeal on " + decided->second.ToString() +
                              ": the rejection no longer stood"});
  }
  if (const auto granted = FirstOn(r, "leave_to_remain_granted", day)) {
    return Bar(RemovalBar{"authorised_to_remain", kApr + "68(4), 68(1)",
                          "the court authorised the person on " + granted->ToString() +
                              " to remain pending the appeal, which was not decided: the return decision's effects "
                              "were suspended"});
  }
  if (FirstOn(r, "leave_to_remain_refused", day) || Article68_6Applies(r) || HadRightToRemainPendingAppeal(r)) {
    return Bar();
  }
  // The time to ask the court to remain (Art. 68(5)(a)): national law sets it, at least five days
  // from the notification. Until it ends the person is not removed ((d)(i)); a request made within
  // it bars removal until the court decides ((d)(ii)).
  OP_ASSIGN_OR_RETURN(const std::optional<LeaveToRemainLimit> limit, LeaveToRemainLimitOf(r, day, rules));
  if (const auto requested = FirstOn(r, "leave_to_remain_requested", day)) {
    if (limit && limit->national && *requested > limit->end) return Bar();  // late: (d)(ii) does not apply
    const bool maybe_late = !limit || *requested > limit->end;
    return Bar(RemovalBar{"leave_to_remain_pending", kApr + "68(5)(d)(ii)",
                          "the person asked the court on " + requested->ToString() +
                              " to remain pending the appeal and the court had not decided" +
                              (maybe_late ? std::string(" (no bar if the request came after the national time "
                                                        "limit, which the file does not record)")
                                          : std::string())});
  }
  if (!limit) {
    return Bar(RemovalBar{kMayBeBarred, kApr + "68(5)(a), (d)(i)",
                          "the file records no notification of the rejection, so the time to ask the court to remain "
                          "(at least five days from the notification) may not have run: the removal may be barred"});
  }
  if (day <= limit->end) {
    return Bar(RemovalBar{"time_to_ask_to_remain", kApr + "68(5)(a), (d)(i)",
                          limit->national
                              ? "the national time limit to ask the court to remain ran until " +
                                    limit->end.ToString() + " (the return border case's)"
                              : "the time to ask the court to remain ran at least until " + limit->end.ToString() +
                                    " (five days from the notification on " + limit->from.ToString() +
                                    ", the shortest national law may set, counted under Art. 73)"});
  }
  if (!limit->national) {
    // Past the minimum, the national time limit may still run: said, not assumed away (a removal
    // within it would breach Art. 68(5)(d)(i)).
    return Bar(RemovalBar{kMayBeBarred, kApr + "68(5)(a), (d)(i)",
                          "the five days from the notification on " + limit->from.ToString() + " ended on " +
                              limit->end.ToString() +
                              ", but the national time limit to ask the court to remain, which may be longer, is not "
                              "recorded (give appeal.leave_to_remain.time_limit_ends_on in the return border case): "
                              "the removal may be barred"});
  }
  return Bar();
}

json BarToJson(const std::optional<RemovalBar>& bar) {
  if (!bar) return nullptr;
  return {{"reason", bar->reason}, {"legal_basis", bar->legal_basis}, {"message", bar->message}};
}

// A return border case (rules/return_border.h) must not contradict the appeal stages the file
// records up to its decision date: its decision would count the period from another day. Refused
// naming the case's field.
Status CheckCaseAgainstAppealStages(const Row& r, const rules::ReturnBorderCase& c) {
  auto check = [&](const char* event, const std::optional<Date>& in_case, const char* field) -> Status {
    const auto recorded = FirstOn(r, event, c.decision_date);
    if (recorded && in_case != recorded) {
      return Status::InvalidArgument("the file records " + std::string(event) + " on " + recorded->ToString() +
                                         ", the case " + (in_case ? in_case->ToString() : std::string("nothing")),
                                     field);
    }
    return Status::OK();
  };
  const auto& leave = c.appeal.leave_to_remain;
  const std::optional<Date> none;
  OP_RETURN_IF_ERROR(check("decision_notified", c.rejection.notified_on, "rejection.notified_on"));
  OP_RETURN_IF_ERROR(check("appeal_lodged", c.appeal.lodged_on, "appeal.lodged_on"));
  OP_RETURN_IF_ERROR(check("leave_to_remain_requested", leave.requested_on, "appeal.leave_to_remain.requested_on"));
  OP_RETURN_IF_ERROR(check("leave_to_remain_granted", leave.granted ? leave.decided_on : none,
                           "appeal.leave_to_remain.granted"));
  OP_RETURN_IF_ERROR(check("leave_to_remain_refused", leave.granted ? none : leave.decided_on,
                           "appeal.leave_to_remain.granted"));
  OP_RETURN_IF_ERROR(check("appeal_dismissed", c.appeal.outcome == "dismissed" ? c.appeal.decided_on : none,
                           "appeal.outcome"));
  OP_RETURN_IF_ERROR(check("further_appeal_lodged", c.appeal.further_appeal_lodged_on, "appeal.further_appeal_lodged_on"));
  return Status::OK();
}

// How many of `member_state`'s files meet `condition` (SQL on the border_procedure table, its
// placeholders bound to `params`).
Result<long long> CountFiles(store::Store* store, const std::string& member_state, const std::string& condition,
                             std::vector<store::Value> params) {
  params.insert(params.begin(), member_state);
  OP_ASSIGN_OR_RETURN(store::QueryResult n,
                      store->Query("SELECT count(*) FROM border_procedure WHERE member_state = ? AND " + condition,
                                   params));
  return n.rows.empty() ? 0 : n.rows[0].Int(0);
}

}  // namespace

const std::vector<EventKind>& BorderProcedureEvents() {
  static const std::vector<EventKind> kEvents = {
      {"detained", kApr + "54(1); Directive (EU) 2024/1346, Arts. 10-13",
       "the applicant is detained (a last resort, on an individual assessment)"},
      {"released", kApr + "54(1); Directive (EU) 2024/1346, Art. 10", "the applicant's detention ends"},
      {"detention_reviewed", "Directive (EU) 2024/1346, Art. 11(3)",
       "a court concluded its review of the detention's lawfulness (ex officio or on the applicant's request)"},
      {"unaccompanied_minor", kAprArts + "53(1) and 25",
       "an age assessment found the applicant to be an unaccompanied minor: the border procedure applies only in "
       "the circumstances of Art. 42(3)(b)"},
      {"placed", kApr + "54(1), 54(3)",
       "the applicant stays at this place, one where the Member State carries out the border procedure (notified to "
       "the Commission, Art. 54(3)); recorded again on a move"},
      {"exception", kApr + "53(2)",
       "a ground of Art. 53(2)(a)-(e) arose: the border procedure is not applied or ceases, the applicant is "
       "authorised to enter and the appropriate procedure of Chapter III applies"},
      // The appeal stages (Arts. 67-68), recorded while the file is open or after it closed with
      // no_right_to_remain, through the return border procedure and after it.
      {"decision_notified", kApr + "67(8), 68(5)(a)",
       "the decision rejecting the application was notified: the time limits to appeal and to ask the court to "
       "remain run from it"},
      {"appeal_lodged", kApr + "67(1), 67(7)", "the applicant appealed against the rejection to a court"},
      {"leave_to_remain_requested", kApr + "68(4), 68(5)(a)",
       "the applicant asked the court to be allowed to remain pending the appeal: no removal until the court "
       "decides (Art. 68(5)(d)(ii))"},
      {"leave_to_remain_granted", kApr + "68(4), 68(1)",
       "the court authorised the applicant to remain pending the appeal (on request or of its own motion): the return "
       "decision's effects are suspended"},
      {"leave_to_remain_refused", kApr + "68(4)", "the court refused to authorise the applicant to remain pending the appeal"},
      {"appeal_dismissed", kApr + "67(1), 68(2)", "the court dismissed the appeal"},
      {"appeal_allowed", kApr + "67(1), 67(3)", "the court allowed the appeal: the rejection no longer stands"},
      {"further_appeal_lodged", kApr + "68(7)",
       "the applicant appealed further against the court's decision dismissing the appeal (or a further appeal): no "
       "right to remain, unless a court allows it where the principle of non-refoulement is invoked"},
      {"further_appeal_remain_allowed", kApr + "68(7)",
       "the court allowed the applicant to remain pending the further appeal (the principle of non-refoulement "
       "invoked): no removal until it is decided"},
      {"further_appeal_dismissed", kApr + "68(7)", "the court dismissed the further appeal"},
      {"further_appeal_allowed", kApr + "68(7), 67(1)",
       "the court allowed the further appeal: the rejection the appeal's dismissal upheld no longer stands"},
  };
  return kEvents;
}

const std::vector<EventKind>& BorderProcedureOutcomes() {
  static const std::vector<EventKind> kOutcomes = {
      {"no_right_to_remain", kApr + "51(2); Regulation (EU) 2024/1349, Art. 4",
       "the applicant no longer has a right to remain nor is authorised to remain; the return border procedure may "
       "follow"},
      {"protection_granted", kApr + "44(1)(b)", "international protection was granted in the border procedure"},
      {"entry_authorised_time_limit", kApr + "51(2)",
       "the time limit ran out: the applicant is authorised to enter the territory"},
      {"entry_authorised_exception", kApr + "53(1)-(2)",
       "the border procedure ceased for an exception: the applicant is authorised to enter and the appropriate "
       "procedure applies"},
      {"withdrawn", kAprArts + "40-41", "the application was withdrawn, explicitly or implicitly"},
  };
  return kOutcomes;
}

const std::vector<EventKind>& ReturnBorderOutcomes() {
  static const std::vector<EventKind> kOutcomes = {
      {"departed", kRbpr + "4(5)", "the person left, voluntarily"},
      {"removed", kRbpr + "4(3); Directive 2008/115/EC, Art. 8", "the person was removed"},
      {"return_directive", kRbpr + "4(4)",
       "the return decision could not be enforced within the maximum period: return continues under Directive "
       "2008/115/EC"},
      {"absconded", kRbpr + "4(2)", "the person left the place where they were required to stay"},
      {"rejection_annulled", kRbpr + "1(1); " + kApr + "67(1)",
       "the court allowed the appeal (event appeal_allowed): the person is no longer one whose application was "
       "rejected in the border procedure"},
  };
  return kOutcomes;
}

Status BorderProcedureStore::CheckActing(const std::string& member_state) const {
  return internal::CheckActingFor(acting_member_state_, member_state,
                                  "reads and changes " + acting_member_state_ + "'s border procedures");
}

Result<std::string> BorderProcedureStore::Open(std::string_view case_json, const std::string& created_by) {
  OP_ASSIGN_OR_RETURN(rules::ProcedureCase c, rules::ParseProcedureCase(case_json, rules_->countries));
  OP_RETURN_IF_ERROR(CheckActing(c.member_state));
  OP_ASSIGN_OR_RETURN(rules::ProcedureDecision d, rules::DecideProcedure(c, *rules_));
  if (d.procedure != "border") {
    return Status::FailedPrecondition("the decision routes this application to the " + d.procedure +
                                      " procedure (border procedure " + d.border_procedure +
                                      "): a border procedure file is opened only for the border procedure (" + kAprArts +
                                      "43-45)");
  }
  if (!c.application.registered_on) {
    return Status::InvalidArgument("the border procedure's time limit runs from the registration (" + kApr +
                                       "51(2)): give the day the application was registered",
                                   "application.registered_on");
  }
  const rules::Deadline* limit = nullptr;
  for (const rules::Deadline& x : d.deadlines) {
    if (x.name == "border_procedure") limit = &x;
  }
  if (limit == nullptr) return Status::Internal("the border procedure decision has no border_procedure deadline");

  Row r;
  r.id = "bp-" + crypto::ToHex(crypto::RandomBytes(8));
  r.member_state = c.member_state;
  r.registered_on = c.application.registered_on->ToString();
  r.must_end_on = limit->date.ToString();
  r.limit_basis = limit->legal_basis;
  r.period = limit->period;
  r.status = "open";
  r.minor = c.applicant.unaccompanied_minor ||
            (c.applicant.date_of_birth &&
             internal::MinorOn(c.applicant.date_of_birth->ToString(), *c.application.registered_on));
  r.unaccompanied_minor = c.applicant.unaccompanied_minor;
  // The decision as it was taken, without the case: what the monitor checks the file against.
  r.decision = json::parse(rules::ProcedureDecisionToJson(d));
  r.events = json::array();
  // Art. 48: the count before this applicant joins, on the day the application was registered.
  json flags = json::array();
  const bool j_case = std::any_of(d.grounds.begin(), d.grounds.end(), [](const rules::Ground& g) {
    return g.legal_basis == kApr + "42(1)(j)" && (g.effect.find("border_mandatory") != std::string::npos ||
                                                  g.effect.find("border_optional") != std::string::npos);
  });
  if (capacity_lookup_ && j_case && !c.capacity.adequate_capacity_reached) {
    if (const std::optional<double> capacity = capacity_lookup_(c.member_state, *c.application.registered_on)) {
      OP_ASSIGN_OR_RETURN(const long long in_border, InBorderProcedure(c.member_state, r.registered_on));
      const long long adequate = std::llround(*capacity);
      if (in_border >= adequate) {
        flags.push_back({{"code", "adequate_capacity_reached_in_store"},
                         {"message", "on " + r.registered_on + " the files kept here put " + std::to_string(in_border) +
                                         " applicants in the border procedure, at or above the adequate capacity of " +
                                         std::to_string(adequate) + ": once the Member State has notified the "
                                         "Commission (" + kApr + "48(1)), a case of Art. 42(1)(j) need not be "
                                         "examined in the border procedure (" + kApr + "48(2)-(3)); the case does "
                                         "not say the capacity is reached (capacity.adequate_capacity_reached)"}});
      }
    }
  }
  r.created_at = Timestamp::Now().ToString();
  r.created_by = created_by;
  OP_RETURN_IF_ERROR(store_->Exec(
      std::string("INSERT INTO border_procedure (") + kOpenColumns +
          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {r.id, r.member_state, r.registered_on, r.must_end_on, r.limit_basis, r.period, r.status, int64_t{r.minor},
       int64_t{r.unaccompanied_minor}, r.decision.dump(), r.events.dump(), store::Value{}, store::Value{},
       r.created_at, r.created_by}));
  json out = ToJson(r);
  if (!flags.empty()) out["flags"] = flags;
  return out.dump(2);
}

Result<std::string> BorderProcedureStore::Record(const std::string& id, const BorderProcedureEvent& e) {
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(Row r, Load(store_, id, acting_member_state_));
  OP_ASSIGN_OR_RETURN(const EventKind* kind,
                      internal::KindNamed(BorderProcedureEvents(), e.event, "an event of the border procedure", "event"));
  // In the return border procedure detention goes on being recorded (Regulation (EU) 2024/1349,
  // Art. 5), and where the person stays (Art. 4(2): at or near the external border or in a transit
  // zone, else another place in the territory); the exceptions of Art. 53 concern the border
  // procedure itself. The appeal
  // stages follow a rejection: recorded while the file is open or after it closed with
  // no_right_to_remain, in the return border procedure and after it (an appeal may be decided
  // after a removal).
  const bool returning = InReturn(r);
  const bool appeal_event = IsAppealEvent(e.event);
  const bool detention_event = e.event == "detained" || e.event == "released" || e.event == "detention_reviewed";
  const bool place_event = e.event == "placed";
  if (appeal_event) {
    if (r.status == "closed" && r.outcome != "no_right_to_remain") {
      return Status::FailedPrecondition("the appeal stages follow a rejection: border procedure " + r.id +
                                        " ended with " + r.outcome + " on " + r.closed_on);
    }
    OP_RETURN_IF_ERROR(CheckAppealSequence(r, e.event));
  } else {
    if (!returning) OP_RETURN_IF_ERROR(CheckOpen(r));
    if (returning && !detention_event && !place_event) {
      return Status::FailedPrecondition("border procedure " + r.id + " ended on " + r.closed_on +
                                        "; in the return border procedure only detention, its review and release, "
                                        "where the person stays (placed), and the appeal stages are recorded");
    }
  }
  if (e.event == "exception" && (e.point.size() != 1 || e.point[0] < 'a' || e.point[0] > 'e')) {
    return Status::InvalidArgument("an exception names its point of Art. 53(2): a, b, c, d or e", "point");
  }
  if (e.event != "exception" && !e.point.empty()) {
    return Status::InvalidArgument("only an exception names a point of Art. 53(2)", "point");
  }
  if (e.event == "placed") OP_RETURN_IF_ERROR(CheckPlaceName(e.place));
  if (e.event != "placed" && !e.place.empty()) {
    return Status::InvalidArgument("only placed names a place (Art. 54)", "place");
  }
  const Date on = e.on ? *e.on : LocalDate(Timestamp::Now(), r.member_state);
  if (on < *Date::Parse(r.registered_on)) {
    return Status::InvalidArgument("an event of the border procedure cannot precede the registration (" +
                                       r.registered_on + ")",
                                   "on");
  }
  if (returning && (detention_event || place_event) && on < *Date::Parse(r.return_from)) {
    return Status::InvalidArgument("cannot precede the return border procedure, which began on " + r.return_from, "on");
  }
  // Events are kept in the order they happened, so that who was detained when can be read back.
  if (!r.events.empty() && on < *Date::Parse(r.events.back().value("on", ""))) {
    return Status::InvalidArgument("cannot precede the last event recorded (" + r.events.back().value("on", "") + ")",
                                   "on");
  }
  const std::string since = DetainedSince(r);
  if (e.event == "detained" && !since.empty()) {
    return Status::FailedPrecondition("the applicant has been detained since " + since + ": record released first");
  }
  if ((e.event == "released" || e.event == "detention_reviewed") && since.empty()) {
    return Status::FailedPrecondition("the applicant is not detained");
  }
  // The review of Art. 11(3) is the asylum detention's; one ordered in the return border procedure
  // is reviewed under Directive 2008/115/EC, Art. 15 (Regulation (EU) 2024/1349, Art. 5), not
  // followed here.
  if (e.event == "detention_reviewed" && returning && *Date::Parse(since) >= *Date::Parse(r.return_from)) {
    return Status::FailedPrecondition("the detention since " + since + " began in the return border procedure: its "
                                      "review (Directive 2008/115/EC, Art. 15) is not recorded here");
  }
  if (e.event == "unaccompanied_minor" && r.unaccompanied_minor) {
    return Status::FailedPrecondition("the file already records an unaccompanied minor");
  }
  json event = {{"event", e.event}, {"on", on.ToString()}};
  if (!e.point.empty()) event["point"] = e.point;
  if (!e.place.empty()) event["place"] = e.place;
  // Detention in the return border procedure is under its Art. 5; the rest keep their own articles.
  const bool under_rbpr = returning && (e.event == "detained" || e.event == "released");
  event["legal_basis"] = e.event == "exception"      ? kApr + "53(2)(" + e.point + ")"
                         : under_rbpr                ? kRbpr + "5"
                         : returning && place_event  ? kRbpr + "4(2)"
                                                     : kind->legal_basis;
  r.events.push_back(event);
  if (e.event == "unaccompanied_minor") r.unaccompanied_minor = r.minor = true;
  OP_RETURN_IF_ERROR(store_->Exec(
      "UPDATE border_procedure SET events = ?, minor = ?, unaccompanied_minor = ? WHERE id = ?",
      {r.events.dump(), int64_t{r.minor}, int64_t{r.unaccompanied_minor}, id}));
  OP_RETURN_IF_ERROR(tx.Commit());
  json out = ToJson(r);
  json flags = json::array();
  if (e.event == "exception" || (e.event == "unaccompanied_minor" && !SecurityGround(r))) {
    flags.push_back({{"code", "border_procedure_ends"},
                     {"message", e.event == "exception"
                                     ? "the border procedure ceases (" + kApr + "53(2)(" + e.point +
                                           ")): authorise entry and apply the appropriate procedure of Chapter III; "
                                           "close the file with entry_authorised_exception"
                                     : "the border procedure applies to an unaccompanied minor only in the "
                                       "circumstances of Art. 42(3)(b), which the decision does not find (" +
                                           kApr + "53(1)): close the file with entry_authorised_exception"}});
  }
  if (e.event == "leave_to_remain_granted" || e.event == "further_appeal_remain_allowed") {
    // Art. 68(1): the return decision's effects are suspended while the person is authorised to
    // remain; the border procedure lasts until then (Art. 51(2)), and the return border
    // procedure's period starts only then (Regulation (EU) 2024/1349, Art. 4(2)).
    std::string where = "the border procedure lasts until the applicant is no longer authorised to remain (" + kApr +
                        "51(2))";
    if (returning) {
      where = "the return border procedure's period runs from the day the person is no longer authorised to remain "
              "(" + kRbpr + "4(2)): as recorded it runs from " + r.return_from + " to " + r.return_must_end_on +
              ", which no longer holds";
    } else if (r.status == "closed") {
      where += ", but the file was closed on " + r.closed_on;
    }
    const bool further = e.event == "further_appeal_remain_allowed";
    flags.push_back({{"code", "authorised_to_remain"},
                     {"message", std::string("the court authorised the applicant to remain pending the ") +
                                     (further ? "further appeal" : "appeal") +
                                     ": the return decision's effects are suspended and no removal may take place (" +
                                     kApr + (further ? "68(7), 68(1)" : "68(1), 68(4)") + "); " + where}});
  }
  if (e.event == "appeal_allowed" || e.event == "further_appeal_allowed") {
    const bool removed = r.return_outcome == "removed";
    std::string what = "no return border procedure follows it (" + kRbpr + "1(1))";
    if (returning) what = "end the return border procedure with rejection_annulled";
    if (removed) what = "the person was removed on " + r.return_closed_on + ", before";
    flags.push_back({{"code", removed ? "appeal_allowed_after_removal" : "rejection_annulled"},
                     {"message", std::string("the court allowed the ") +
                                     (e.event == "appeal_allowed" ? "appeal" : "further appeal") +
                                     ": the rejection no longer stands; " + what}});
  }
  out["flags"] = flags;
  return out.dump(2);
}

Result<std::string> BorderProcedureStore::Close(const std::string& id, const std::string& outcome,
                                                std::optional<Date> on_date) {
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(Row r, Load(store_, id, acting_member_state_));
  OP_RETURN_IF_ERROR(CheckOpen(r));
  OP_ASSIGN_OR_RETURN(const EventKind* kind, internal::KindNamed(BorderProcedureOutcomes(), outcome,
                                                                   "an outcome of the border procedure", "outcome"));
  const Date on = on_date ? *on_date : LocalDate(Timestamp::Now(), r.member_state);
  if (on < *Date::Parse(r.registered_on)) {
    return Status::InvalidArgument("a border procedure cannot end before the registration (" + r.registered_on + ")",
                                   "on");
  }
  if (!r.events.empty() && on < *Date::Parse(r.events.back().value("on", ""))) {
    return Status::InvalidArgument("cannot precede the last event recorded (" + r.events.back().value("on", "") + ")",
                                   "on");
  }
  const Date must_end = *Date::Parse(r.must_end_on);
  if (outcome == "entry_authorised_time_limit" && on < must_end) {
    return Status::FailedPrecondition("the time limit runs until " + r.must_end_on + " (" + r.limit_basis +
                                      "): entry for its end is authorised when it has run out");
  }
  // APR Art. 43(3)(c): where the court refused to let the applicant remain pending the appeal, the
  // end of the time limit does not authorise entry (in derogation from Art. 51(2)); Regulation
  // (EU) 2024/1349, Art. 4 follows where a return decision or a refusal of entry was issued.
  if (const auto refused = FirstOn(r, "leave_to_remain_refused", on);
      outcome == "entry_authorised_time_limit" && refused && !RejectionSetAside(r)) {
    return Status::FailedPrecondition("the court refused on " + refused->ToString() +
                                      " to authorise the applicant to remain pending the appeal: at the end of the "
                                      "time limit the applicant is not authorised to enter (" + kApr +
                                      "43(3)(c)); close with no_right_to_remain (" + kRbpr +
                                      "4 where a return decision or a refusal of entry was issued)");
  }
  if (const auto allowed = RejectionSetAside(r); outcome == "no_right_to_remain" && allowed) {
    return Status::FailedPrecondition("a court allowed the appeal on " + allowed->ToString() +
                                      ": the rejection no longer stands");
  }
  if (outcome == "entry_authorised_exception" && !MustLeave(r)) {
    return Status::FailedPrecondition("no exception is recorded: record the ground of Art. 53(2) (event exception "
                                      "with its point), or the unaccompanied minor of Art. 53(1), first");
  }
  json flags = json::array();
  if (on > must_end) {
    flags.push_back({{"code", "time_limit_exceeded"},
                     {"message", "closed on " + on.ToString() + ", after the time limit of " + r.must_end_on + " (" +
                                     r.limit_basis + "), at whose end the applicant is authorised to enter"}});
  }
  // APR Art. 43(3)(a)-(b): a rejection notified and no request to remain recorded: whether Art. 68
  // withholds the right to remain (the request's time limit then passed), or Art. 10(4)(a) or (c)
  // did, the file cannot tell; either way entry at the end of the time limit is not authorised.
  if (outcome == "entry_authorised_time_limit" && FirstOn(r, "decision_notified", on) &&
      !FirstOn(r, "leave_to_remain_requested", on) && !FirstOn(r, "leave_to_remain_granted", on) &&
      !RejectionSetAside(r)) {
    flags.push_back({{"code", "entry_not_authorised_check"},
                     {"message", "a rejection was notified and no request to remain is recorded: where the applicant "
                                 "has no right to remain under " + kApr + "10(4)(a) or (c), or under Art. 68 and did "
                                 "not ask the court to remain within the time limit, the applicant is not authorised "
                                 "to enter at the end of the time limit (Art. 43(3)(a)-(b))"}});
  }
  if (MustLeave(r) && outcome != "entry_authorised_exception" && outcome != "protection_granted" &&
      outcome != "withdrawn") {
    flags.push_back({{"code", "exception_not_followed"},
                     {"message", "an exception of " + kApr + "53 was recorded, after which the applicant is "
                                 "authorised to enter and the appropriate procedure applies; the file closes with " +
                                     outcome}});
  }
  if (outcome == "no_right_to_remain" && FirstOn(r, "leave_to_remain_granted") && !AppealDecided(r)) {
    flags.push_back({{"code", "authorised_to_remain"},
                     {"message", "the court authorised the applicant to remain pending the appeal, which is not "
                                 "decided: the border procedure lasts until the applicant is no longer authorised to "
                                 "remain (" + kApr + "51(2), 68(4))"}});
  }
  if (const std::string since = DetainedSince(r); !since.empty()) {
    flags.push_back({{"code", "still_detained"},
                     {"message", "the file records detention since " + since +
                                     " and no release: detention in the border procedure ends with it; it may "
                                     "continue only for a person with no right to remain, under Regulation (EU) "
                                     "2024/1349, Art. 5(2)"}});
  }
  r.status = "closed";
  r.outcome = outcome;
  r.closed_on = on.ToString();
  OP_RETURN_IF_ERROR(store_->Exec("UPDATE border_procedure SET status = ?, outcome = ?, closed_on = ? WHERE id = ?",
                                  {r.status, r.outcome, r.closed_on, id}));
  OP_RETURN_IF_ERROR(tx.Commit());
  json out = ToJson(r);
  out["outcome_description"] = kind->description;
  out["flags"] = flags;
  return out.dump(2);
}

Result<std::string> BorderProcedureStore::StartReturn(const std::string& id, std::string_view case_json) {
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(Row r, Load(store_, id, acting_member_state_));
  if (!r.return_from.empty()) {
    return Status::FailedPrecondition("border procedure " + r.id + " went into the return border procedure on " +
                                      r.return_from + " already");
  }
  if (r.status != "closed" || r.outcome != "no_right_to_remain") {
    return Status::FailedPrecondition(
        "the return border procedure follows a rejection in the border procedure (" + kRbpr + "4(1)): border "
        "procedure " + r.id + (r.status != "closed" ? " is still open" : " ended with " + r.outcome) +
        "; close it with no_right_to_remain first");
  }
  if (const auto allowed = RejectionSetAside(r)) {
    return Status::FailedPrecondition("a court allowed the appeal on " + allowed->ToString() +
                                      ": the rejection no longer stands (" + kRbpr + "1(1))");
  }
  OP_ASSIGN_OR_RETURN(rules::ReturnBorderCase c, rules::ParseReturnBorderCase(case_json, rules_->countries));
  if (c.member_state != r.member_state) {
    return Status::InvalidArgument("the border procedure was " + r.member_state + "'s, not " + c.member_state,
                                   "member_state");
  }
  OP_RETURN_IF_ERROR(CheckCaseAgainstAppealStages(r, c));
  OP_ASSIGN_OR_RETURN(rules::ReturnBorderDecision d, rules::DecideReturnBorder(c, *rules_));
  if (d.return_border_procedure != "applies" || !d.right_to_remain_ended_on) {
    return Status::FailedPrecondition("the return border decision finds the procedure " +
                                      d.return_border_procedure + " (" + kRbpr +
                                      "4): no return border procedure is started");
  }
  const rules::Deadline* maximum = nullptr;
  for (const rules::Deadline& x : d.deadlines) {
    if (x.name == "return_border_procedure_maximum") maximum = &x;
  }
  if (maximum == nullptr) return Status::Internal("the return border decision has no maximum period");
  if (*d.right_to_remain_ended_on < *Date::Parse(r.registered_on)) {
    return Status::InvalidArgument("the right to remain cannot end before the registration (" + r.registered_on + ")",
                                   "rejection.decided_on");
  }
  r.return_from = d.right_to_remain_ended_on->ToString();
  r.return_must_end_on = maximum->date.ToString();
  r.return_basis = maximum->legal_basis;
  r.return_decision = json::parse(rules::ReturnBorderDecisionToJson(d));
  OP_RETURN_IF_ERROR(store_->Exec("UPDATE border_procedure SET return_from = ?, return_must_end_on = ?, return_basis = ?, "
                                  "return_decision = ? WHERE id = ?",
                                  {r.return_from, r.return_must_end_on, r.return_basis, r.return_decision.dump(), id}));
  OP_RETURN_IF_ERROR(tx.Commit());
  // The border procedure lasts until the applicant no longer has a right to remain nor is allowed
  // to remain (APR Art. 51(2)): the day the return border decision finds is its true end, which the
  // file's closing day should be and which its time limit bounds. The file is kept as recorded;
  // the answer says where the two disagree, for the caseworker and the monitor.
  json flags = json::array();
  if (r.return_from != r.closed_on) {
    flags.push_back({{"code", "closing_date_differs"},
                     {"message", "the file was closed with no_right_to_remain on " + r.closed_on +
                                     ", but the return border decision finds that the right to remain ended on " +
                                     r.return_from + " (" + kApr + "51(2): the border procedure lasts until then)"}});
  }
  if (r.return_from > r.must_end_on && r.closed_on <= r.must_end_on) {
    flags.push_back({{"code", "right_to_remain_past_time_limit"},
                     {"message", "the right to remain ended on " + r.return_from + ", after the border procedure's "
                                     "time limit (" + r.must_end_on + "): the examination, the court's decision on "
                                     "leave to remain and the appeal were to be completed within it (" + kApr +
                                     "51(2), second subparagraph), and at its end the applicant is authorised to "
                                     "enter unless Regulation (EU) 2024/1349, Art. 4 applies"}});
  }
  json out = ToJson(r);
  out["flags"] = flags;
  return out.dump(2);
}

Result<std::string> BorderProcedureStore::CloseReturn(const std::string& id, const std::string& outcome,
                                                      std::optional<Date> on_date) {
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(Row r, Load(store_, id, acting_member_state_));
  if (!InReturn(r)) {
    return Status::FailedPrecondition("border procedure " + r.id + " is not in the return border procedure" +
                                      (r.return_closed_on.empty() ? "" : " (it ended on " + r.return_closed_on + ")"));
  }
  OP_ASSIGN_OR_RETURN(const EventKind* kind, internal::KindNamed(ReturnBorderOutcomes(), outcome,
                                                                   "an outcome of the return border procedure", "outcome"));
  const Date on = on_date ? *on_date : LocalDate(Timestamp::Now(), r.member_state);
  if (on < *Date::Parse(r.return_from) ||
      (!r.events.empty() && on < *Date::Parse(r.events.back().value("on", "")))) {
    return Status::InvalidArgument("cannot precede the return border procedure's start (" + r.return_from +
                                       ") or the last event recorded",
                                   "on");
  }
  if (outcome == "rejection_annulled" && !RejectionSetAside(r, on)) {
    return Status::FailedPrecondition("no allowed appeal is recorded by " + on.ToString() +
                                      ": record appeal_allowed (or further_appeal_allowed) first");
  }
  const Date must_end = *Date::Parse(r.return_must_end_on);
  if (outcome == "return_directive" && on < must_end) {
    return Status::FailedPrecondition("the maximum period runs until " + r.return_must_end_on + " (" + r.return_basis +
                                      "): return continues under Directive 2008/115/EC when it has run (Art. 4(4))");
  }
  json flags = json::array();
  if (on > must_end) {
    flags.push_back({{"code", "time_limit_exceeded"},
                     {"message", "ended on " + on.ToString() + ", after the maximum period of " + r.return_must_end_on +
                                     " (" + r.return_basis + "), beyond which the person may not be required to stay "
                                     "at the border nor be detained under Art. 5 (Art. 5(4))"}});
  }
  if (outcome == "removed") {
    // APR Art. 68: the file is kept as it happened; a removal the appeal stages barred is flagged
    // for the caseworker and listed for the monitor.
    OP_ASSIGN_OR_RETURN(const std::optional<RemovalBar> bar, RemovalBarOn(r, on, *rules_));
    if (bar) {
      flags.push_back({{"code", bar->reason == kMayBeBarred ? "removal_possibly_barred" : "removal_barred"},
                       {"message", "removed on " + on.ToString() + ", but " + bar->message + " (" + bar->legal_basis +
                                       ")"}});
    }
  }
  if (const std::string since = DetainedSince(r); !since.empty()) {
    flags.push_back({{"code", "still_detained"},
                     {"message", "the file records detention since " + since +
                                     " and no release: detention under Art. 5 does not outlast the return border "
                                     "procedure; a detention that follows at once is under Directive 2008/115/EC, "
                                     "Art. 15, which counts this one (Art. 5(4))"}});
  }
  r.return_outcome = outcome;
  r.return_closed_on = on.ToString();
  OP_RETURN_IF_ERROR(store_->Exec("UPDATE border_procedure SET return_outcome = ?, return_closed_on = ? WHERE id = ?",
                                  {r.return_outcome, r.return_closed_on, id}));
  OP_RETURN_IF_ERROR(tx.Commit());
  json out = ToJson(r);
  out["outcome_description"] = kind->description;
  out["flags"] = flags;
  return out.dump(2);
}

namespace {

// Why the keeping of a file closed on `closed` cannot be counted yet: "" when it can, from
// *final_on (the closing or a later court decision).
std::string FinalDecisionOn(const Row& r, Date closed, Date* final_on) {
  if (!r.return_from.empty() && r.return_closed_on.empty()) return "return_border_procedure_running";
  *final_on = closed;
  int appeals = 0, further = 0;  // lodged less decided
  for (const json& e : r.events) {
    const std::string event = e.value("event", "");
    const Date on = *Date::Parse(e.value("on", ""));
    if (event == "appeal_lodged") ++appeals;
    if (event == "further_appeal_lodged") ++further;
    const bool appeal_decided = event == "appeal_dismissed" || event == "appeal_allowed";
    const bool further_decided = event == "further_appeal_dismissed" || event == "further_appeal_allowed";
    if (appeal_decided) --appeals;
    if (further_decided) --further;
    if (appeal_decided || further_decided) *final_on = std::max(*final_on, on);
    if (event == "appeal_allowed" || event == "further_appeal_allowed") return "rejection_annulled";
  }
  if (appeals > 0 || further > 0) return "appeal_pending";
  return "";
}

}  // namespace

Result<std::string> BorderProcedureStore::Expire(Date at, Date today) {
  if (today < at) return Status::InvalidArgument("is after today (" + today.ToString() + ")", "at");
  const rules::Parameter* keep = nullptr;
  OP_ASSIGN_OR_RETURN(Period period, rules_->policy.PeriodAt("apr.retention.border_procedure_file", at, &keep));
  if (period.unit != PeriodUnit::kYears) {
    return Status::FailedPrecondition("policy: " + keep->id + " must be in years (" + keep->where + ")");
  }
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  // Only files closed long enough ago are read (the daily pass runs at start-up too): a decision
  // recorded later only moves the count later; a day more keeps a 29 February, whose anniversary
  // falls on the 28th. Each file is decided exactly below.
  std::string sql = "SELECT " + kColumns + " FROM border_procedure WHERE closed_on IS NOT NULL AND closed_on <= ?";
  std::vector<store::Value> params = {at.AddYears(-period.amount).AddDays(1).ToString()};
  if (!acting_member_state_.empty()) {
    sql += " AND member_state = ?";
    params.emplace_back(acting_member_state_);
  }
  OP_ASSIGN_OR_RETURN(store::QueryResult rows, store_->Query(sql + " ORDER BY id", params));
  json by_member_state = json::object(), kept = json::object();
  int64_t erased = 0;
  for (const store::Row& stored : rows.rows) {
    OP_ASSIGN_OR_RETURN(Row r, FromStore(stored));
    const Date closed = *Date::Parse(r.closed_on);  // FromStore checked it
    Date final_on;
    const std::string why_kept = FinalDecisionOn(r, closed, &final_on);
    if (!why_kept.empty()) {
      if (!(at < closed.AddYears(period.amount))) kept[why_kept] = kept.value(why_kept, int64_t{0}) + 1;
      continue;
    }
    // The last day kept is the anniversary's eve, as the registry's and the screening files'.
    if (at < final_on.AddYears(period.amount)) continue;
    OP_RETURN_IF_ERROR(store_->Exec("DELETE FROM border_procedure WHERE id = ?", {r.id}));
    ++erased;
    by_member_state[r.member_state] = by_member_state.value(r.member_state, int64_t{0}) + 1;
  }
  OP_RETURN_IF_ERROR(tx.Commit());
  const json out = {{"at", at.ToString()},
                    {"erased", erased},
                    {"by_member_state", by_member_state},
                    {"kept", kept},
                    {"legal_basis", {keep->legal_basis}},
                    {"note", "files are deleted whole, counted from the last decision they record (closing or the "
                             "court's last decision on an appeal); kept: closed files whose final decision is not "
                             "recorded here (appeal_pending, rejection_annulled) or whose return border procedure "
                             "still runs (policy status uncertain: the mapping is a reading)"}};
  return out.dump(2);
}

Result<std::string> BorderProcedureStore::Erase(const std::string& id, const std::string& reason) {
  if (reason != "citizenship_acquired") {
    return Status::InvalidArgument("must be citizenship_acquired (Art. 72(1); the others end with the period: expire)",
                                   "reason");
  }
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(Row r, Load(store_, id, acting_member_state_));
  OP_RETURN_IF_ERROR(store_->Exec("DELETE FROM border_procedure WHERE id = ?", {r.id}));
  OP_RETURN_IF_ERROR(tx.Commit());
  const json out = {{"id", r.id},
                    {"erased", true},
                    {"member_state", r.member_state},
                    {"reason", reason},
                    {"legal_basis", kApr + "72(1)"}};
  return out.dump(2);
}

Result<std::string> BorderProcedureStore::Show(const std::string& id) {
  OP_ASSIGN_OR_RETURN(Row r, Load(store_, id, acting_member_state_));
  return ToJson(r).dump(2);
}

Result<std::string> BorderProcedureStore::ListOpen(const std::string& member_state, Date at,
                                                   std::optional<Date> due_by, size_t limit) {
  OP_RETURN_IF_ERROR(rules_->countries.ValidateMemberState(member_state, "member_state"));
  OP_RETURN_IF_ERROR(CheckActing(member_state));
  OP_ASSIGN_OR_RETURN(store::QueryResult result,
                      internal::OpenFiles(store_, "border_procedure", kColumns, member_state, due_by, limit));
  json files = json::array();
  for (size_t i = 0; i < result.rows.size() && i < limit; ++i) {
    OP_ASSIGN_OR_RETURN(Row r, FromStore(result.rows[i]));
    const int days_left = Date::Parse(r.must_end_on)->days() - at.days();
    const std::string since = DetainedSince(r, at);
    files.push_back({{"id", r.id},
                     {"registered_on", r.registered_on},
                     {"must_end_on", r.must_end_on},
                     {"period", r.period},
                     {"days_left", days_left},
                     {"state", days_left < 0 ? "overdue" : days_left == 0 ? "due_today" : "running"},
                     {"detained_since", since.empty() ? json(nullptr) : json(since)},
                     {"minor", r.minor},
                     {"must_leave", MustLeave(r)}});
  }
  // The files in the return border procedure, the nearest end of its maximum period first (Regulation
  // (EU) 2024/1349, Art. 4(2)); as many, and as due, as the border procedures listed.
  OP_ASSIGN_OR_RETURN(store::QueryResult in_return,
                      internal::OpenFiles(store_, "border_procedure", kColumns, member_state, due_by, limit,
                                          {"return_from IS NOT NULL AND return_closed_on IS NULL", "return_must_end_on"}));
  json returning = json::array();
  for (size_t i = 0; i < in_return.rows.size() && i < limit; ++i) {
    OP_ASSIGN_OR_RETURN(Row r, FromStore(in_return.rows[i]));
    const int days_left = Date::Parse(r.return_must_end_on)->days() - at.days();
    const std::string since = DetainedSince(r, at);
    OP_ASSIGN_OR_RETURN(const std::optional<RemovalBar> bar, RemovalBarOn(r, at, *rules_));
    returning.push_back({{"id", r.id},
                         {"from", r.return_from},
                         {"must_end_on", r.return_must_end_on},
                         {"days_left", days_left},
                         {"state", days_left < 0 ? "overdue" : days_left == 0 ? "due_today" : "running"},
                         {"detained_since", since.empty() ? json(nullptr) : json(since)},
                         {"minor", r.minor},
                         {"removal_barred", BarToJson(bar)}});
  }
  json out = {{"member_state", member_state},
              {"at", at.ToString()},
              {"due_by", due_by ? json(due_by->ToString()) : json(nullptr)},
              {"count", files.size()},
              {"more", result.rows.size() > limit},
              {"border_procedures", files},
              {"return_border_procedures",
               {{"count", returning.size()}, {"more", in_return.rows.size() > limit}, {"files", returning}}},
              {"note", "at the end of the time limit the applicant is authorised to enter (" + kApr +
                           "51(2)); must_leave: an exception of Art. 53 was recorded, after which the border "
                           "procedure ceases and the applicant is authorised to enter; past the return border "
                           "procedure's maximum period the person may no longer be required to stay at the border "
                           "nor be detained under it, and return continues under Directive 2008/115/EC (" + kRbpr +
                           "4(4), 5(4)); removal_barred: the appeal stages recorded bar a removal on 'at' (" + kApr +
                           "68)"}};
  return out.dump(2);
}

Result<long long> BorderProcedureStore::InBorderProcedure(const std::string& member_state, const std::string& day) {
  return CountFiles(store_, member_state, kInBorderProcedureOn, {day, day});
}

Result<std::string> BorderProcedureStore::Occupancy(const OccupancyQuery& q) {
  OP_RETURN_IF_ERROR(rules_->countries.ValidateMemberState(q.member_state, "member_state"));
  OP_RETURN_IF_ERROR(CheckActing(q.member_state));
  if (q.others_in_return_border_procedure && *q.others_in_return_border_procedure < 0) {
    return Status::InvalidArgument("must be 0 or more", "others_in_return_border_procedure");
  }
  const std::string day = q.at.ToString();
  // In the border procedure on `at`: registered by then and not closed by then (a file closed on
  // `at` left that day). Read whole, for where each stays (Art. 54(1), (3): the place it records
  // last by then, event placed).
  OP_ASSIGN_OR_RETURN(const PlaceCounts border_places,
                      CountByPlace(store_, q.member_state, kInBorderProcedureOn, {day, day}, q.at));
  const long long in_border = border_places.files;
  const std::map<std::string, long long>& by_place = border_places.by_place;
  const long long place_not_recorded = border_places.not_recorded;
  // In the return border procedure on `at`: the files that continued into it, begun by then and
  // not ended by then; read whole too, for where each person stays (Regulation (EU) 2024/1349, Art.
  // 4(2): the place recorded last by then, in either procedure).
  OP_ASSIGN_OR_RETURN(const PlaceCounts return_places,
                      CountByPlace(store_, q.member_state,
                                   "return_from <= ? AND (return_closed_on IS NULL OR return_closed_on > ?)", {day, day},
                                   q.at));
  const long long in_return = return_places.files;
  const std::map<std::string, long long>& returning_by_place = return_places.by_place;
  const long long returning_place_not_recorded = return_places.not_recorded;

  // The year of Art. 47(1) is the calendar year: Art. 50 counts the applications examined "nel corso
  // di un anno civile" and has the Commission verify them "dall'inizio dell'anno civile" (checked in
  // the Italian text). The maximum is the one in force on `at` (the multiplier's rows start on 12
  // June 2026, 13 June 2027 and 13 June 2028, within a calendar year).
  OP_ASSIGN_OR_RETURN(double multiplier, rules_->policy.NumberAt("apr.annual_maximum_multiplier", q.at));
  const Date year_start = *Date::FromYmd(q.at.year(), 1, 1);
  OP_ASSIGN_OR_RETURN(const long long examined, CountFiles(store_, q.member_state, "registered_on >= ? AND registered_on <= ?",
                                                          {year_start.ToString(), day}));
  // The other reading of "ha esaminato" (47(3)): examinations the border procedure concluded this
  // year in a decision on the application (protection, or no right to remain: closed when that right
  // ended, which may be after the decision itself).
  OP_ASSIGN_OR_RETURN(const long long concluded,
                      CountFiles(store_, q.member_state,
                                 "closed_on >= ? AND closed_on <= ? AND outcome IN ('no_right_to_remain', "
                                 "'protection_granted')",
                                 {year_start.ToString(), day}));

  // Persons and applications are whole numbers; the Commission's capacities are too.
  using Count = std::optional<long long>;
  // Assigned, not built by conditionals: GCC 12 -O2 took those for possibly unset values.
  Count adequate;
  if (q.adequate_capacity) adequate = std::llround(*q.adequate_capacity);
  auto number = [](Count n) { return n ? json(*n) : json(nullptr); };
  auto at_or_above = [](const Count& count, const Count& limit) {
    return count && limit ? json(*count >= *limit) : json(nullptr);
  };
  const Count with_return = in_border + in_return + q.others_in_return_border_procedure.value_or(0);
  Count annual_maximum;
  if (adequate) annual_maximum = std::llround(multiplier) * *adequate;
  const json capacity = number(adequate);
  json notes = json::array(
      {"applicants in the border procedure are the files kept in OpenPact (border-procedure open), registered by 'at' "
       "and not closed by then; applications examined this year are the files registered since the year began",
       "Art. 47(3) counts the applications a Member State 'has examined' without saying when an application counts: "
       "'examined' reads it as taken into the border procedure this year (usually reached sooner), 'concluded' as examined to "
       "a decision there this year (files closed with no_right_to_remain or protection_granted); 'reached' follows "
       "the first reading, 'reached_if_concluded' the second",
       "the year of Art. 47(1) is the calendar year (Art. 50: applications examined in the course of a calendar "
       "year, verified from its beginning); the maximum is the one in force on 'at' (twice the adequate capacity "
       "from 12 June 2026, three times from 13 June 2027, four times from 13 June 2028): in 2027 and 2028, which "
       "one a calendar year is measured against is not said"});
  notes.push_back("the persons in the return border procedure (Regulation (EU) 2024/1349), which Art. 48(1) adds, are "
                  "the files that continued into it (border-procedure return); those in a national equivalent "
                  "procedure, or whose files are not kept here, count only when given (others_in_return_border_procedure)");
  if (!q.adequate_capacity) notes.push_back("no adequate capacity is published for " + q.member_state);
  // Set against the register of places (Art. 54(3)) where the Member State keeps it here: each
  // place designated on `at` or holding applicants then, with its capacity.
  OP_ASSIGN_OR_RETURN(const auto designations, BorderPlaces(store_, rules_).On(q.member_state, q.at));
  const bool register_kept = !designations.empty();
  json places = json::array();
  long long capacity_total = 0, designated_count = 0;
  std::map<std::string, long long> listed = by_place;
  for (const auto& [place, n] : returning_by_place) listed.emplace(place, 0);
  for (const auto& [place, on] : designations) {
    if (on.designated) listed.emplace(place, 0);
  }
  for (const auto& [place, n] : listed) {
    auto returning = returning_by_place.find(place);
    const long long n_returning = returning == returning_by_place.end() ? 0 : returning->second;
    json p = {{"place", place}, {"in_border_procedure", n}, {"in_return_border_procedure", n_returning}};
    auto it = designations.find(place);
    const bool designated = it != designations.end() && it->second.designated;
    p["designated"] = register_kept ? json(designated) : json(nullptr);
    p["capacity"] = designated ? json(*it->second.capacity) : json(nullptr);
    // The capacity is of persons staying there: those in either procedure.
    p["over_capacity"] = designated ? json(n + n_returning > *it->second.capacity) : json(nullptr);
    if (designated) {
      ++designated_count;
      capacity_total += *it->second.capacity;
    }
    places.push_back(std::move(p));
  }
  const Count places_capacity = designated_count > 0 ? Count(capacity_total) : Count();
  if (places_capacity) {
    notes.push_back("capacity_total_below_adequate sets the designated places' capacities together against the "
                    "adequate capacity (Art. 47(1)): Art. 54(3) asks that the places have capacity sufficient to "
                    "examine the applications of Art. 45 without giving a number, and the adequate capacity is the "
                    "number the border procedure is counted against (Art. 48); the comparison is OpenPact's reading");
  }
  if (!register_kept) {
    notes.push_back("no places of the border procedure are recorded for " + q.member_state +
                    " (border-procedure place): the places the files name are not set against a register");
  }
  json out = {
      {"member_state", q.member_state},
      {"at", day},
      {"legal_basis", {kApr + "47", kApr + "48"}},
      {"adequate_capacity", capacity},
      {"capacity_source", q.capacity_source},
      {"in_border_procedure", in_border},
      {"in_return_border_procedure", in_return},
      {"others_in_return_border_procedure", number(q.others_in_return_border_procedure)},
      {"places",
       {{"legal_basis", kApr + "54(1), 54(3)"},
        {"register_kept", register_kept},
        {"places", places},
        {"place_not_recorded", place_not_recorded},
        {"return_place_not_recorded", returning_place_not_recorded},
        {"capacity_total", number(places_capacity)},
        {"capacity_total_below_adequate",
         places_capacity && adequate ? json(*places_capacity < *adequate) : json(nullptr)}}},
      {"notification",
       {{"legal_basis", kApr + "48(1)"},
        {"counted", number(with_return)},
        {"at_or_above_capacity", at_or_above(with_return, adequate)},
        {"effect", "the Member State notifies the Commission when the applicants in the border procedure and the "
                   "persons in the return border procedure together reach its adequate capacity"}}},
      {"art_42_1_j_relief",
       {{"legal_basis", kApr + "48(2)-(4)"},
        {"at_or_above_capacity", at_or_above(in_border, adequate)},
        {"effect", "once notified, and for the rest of the calendar year (48(4)), applications of Art. 42(1)(j) need "
                   "not be examined in the border procedure while the applicants in it number at least the adequate "
                   "capacity; below it, they are again (48(3)); the procedure decision reads this as "
                   "capacity.adequate_capacity_reached"}}},
      {"annual_maximum",
       {{"legal_basis", kApr + "47(1), 47(3), 50"},
        {"year_from", year_start.ToString()},
        {"multiplier", std::llround(multiplier)},
        {"maximum", number(annual_maximum)},
        {"examined", examined},
        {"concluded", concluded},
        {"reached", at_or_above(examined, annual_maximum)},
        {"reached_if_concluded", at_or_above(concluded, annual_maximum)},
        {"status", "uncertain"},
        {"effect", "once the maximum is examined in a calendar year, the Member State may notify the Commission, "
                   "which verifies it and authorises by an implementing act that applications of Art. 42(1)(c) and "
                   "(j) are not examined in the border procedure; those of Art. 42(1)(f) and 42(3)(b) still are "
                   "(47(3), 50); the procedure decision reads this as capacity.annual_maximum_reached"}}},
      {"notes", notes},
  };
  return out.dump(2);
}

Result<std::string> BorderProcedureStore::Monitor(const MonitoringQuery& q) {
  OP_RETURN_IF_ERROR(rules_->countries.ValidateMemberState(q.member_state, "member_state"));
  OP_RETURN_IF_ERROR(CheckActing(q.member_state));
  OP_RETURN_IF_ERROR(internal::CheckMonitoringRange(q));
  OP_ASSIGN_OR_RETURN(store::QueryResult result,
                      internal::FilesInScope(store_, "border_procedure", kColumns, "registered_on", q));
  std::vector<Row> rows;
  for (const store::Row& x : result.rows) {
    OP_ASSIGN_OR_RETURN(Row r, FromStore(x));
    rows.push_back(std::move(r));
  }

  json outcomes = json::object();
  for (const EventKind& k : BorderProcedureOutcomes()) outcomes[k.name] = 0;
  // Art. 54(1), (3) and RBPR Art. 4(2): where the register of places is kept, the persons staying
  // on `at`, in either procedure, in a place it does not hold designated that day.
  OP_ASSIGN_OR_RETURN(const auto designations, BorderPlaces(store_, rules_).On(q.member_state, q.at));
  const bool register_kept = !designations.empty();
  json outside_register = json::array();
  json minors_placed = json::array();  // Art. 54(2): where each minor stays on `at`
  json closed_late = json::array(), open_overdue = json::array(), minors = json::array(),
       unaccompanied = json::array(), exceptions = json::array(), detained = json::array();
  // Directive (EU) 2024/1346, Art. 11(3): a review by a court concluded within 15 days of the start
  // of a detention an administrative authority ordered (21 in exceptional situations), else release.
  json review_after_15 = json::array(), review_after_21 = json::array();
  json ended_late = json::array();  // closed in time, the right to remain ended after the limit
  int open = 0, closed = 0, closed_in_time = 0, open_in_time = 0, in_return = 0;
  std::vector<int> durations;
  json return_outcomes = json::object(), return_overdue = json::array(), return_late = json::array();
  for (const EventKind& k : ReturnBorderOutcomes()) return_outcomes[k.name] = 0;
  // The appeal stages (APR Arts. 67-68): how many files record each by `at`, requests to remain the
  // court has not decided, removals they barred, appeals allowed after a removal, and stages not
  // completed within the border procedure's time limit (Art. 51(2), second subparagraph).
  json appeal_recorded = json::object();
  for (const EventKind& k : BorderProcedureEvents()) {
    if (IsAppealEvent(k.name)) appeal_recorded[k.name] = 0;
  }
  json leave_pending = json::array(), removed_while_barred = json::array(), allowed_after_removal = json::array(),
       stages_late = json::array();
  for (const Row& r : rows) {
    const Date must_end = *Date::Parse(r.must_end_on);
    for (auto& [name, count] : appeal_recorded.items()) {
      if (FirstOn(r, name, q.at)) count = count.get<int>() + 1;
    }
    const auto requested = FirstOn(r, "leave_to_remain_requested", q.at);
    std::optional<Date> leave_decided = FirstOn(r, "leave_to_remain_granted", q.at);
    if (!leave_decided) leave_decided = FirstOn(r, "leave_to_remain_refused", q.at);
    std::optional<Date> appeal_decided_on;
    if (const auto decided = AppealDecided(r, q.at)) appeal_decided_on = decided->second;
    if (requested && !leave_decided && !appeal_decided_on) {
      leave_pending.push_back(
          {{"id", r.id}, {"requested_on", requested->ToString()}, {"days", q.at.days() - requested->days()}});
    }
    if (r.return_outcome == "removed" && *Date::Parse(r.return_closed_on) <= q.at) {
      const Date removed_on = *Date::Parse(r.return_closed_on);
      OP_ASSIGN_OR_RETURN(const std::optional<RemovalBar> bar, RemovalBarOn(r, removed_on, *rules_));
      if (bar) {
        removed_while_barred.push_back({{"id", r.id},
                                        {"removed_on", r.return_closed_on},
                                        {"reason", bar->reason},
                                        {"legal_basis", bar->legal_basis},
                                        {"message", bar->message}});
      }
      if (const auto allowed = RejectionSetAside(r, q.at); allowed && *allowed > removed_on) {
        allowed_after_removal.push_back(
            {{"id", r.id}, {"removed_on", r.return_closed_on}, {"allowed_on", allowed->ToString()}});
      }
    }
    // Art. 51(2), second subparagraph: the court's examination of the request to remain and, where
    // applicable, the appeal completed within the time limit: listed when decided after it, or
    // still undecided past it on `at` (a request is moot once the appeal is decided).
    auto completed_late = [&](const char* stage, std::optional<Date> started, std::optional<Date> decided) {
      if (!started) return;
      const Date until = decided ? *decided : q.at;
      if (until <= must_end) return;
      stages_late.push_back({{"id", r.id},
                             {"stage", stage},
                             {"must_end_on", r.must_end_on},
                             {"decided_on", decided ? json(decided->ToString()) : json(nullptr)},
                             {"days_late", until.days() - must_end.days()}});
    };
    completed_late("leave_to_remain", requested, leave_decided ? leave_decided : appeal_decided_on);
    completed_late("appeal", FirstOn(r, "appeal_lodged", q.at), appeal_decided_on);

    const Date registered = *Date::Parse(r.registered_on);
    const bool is_open = r.status != "closed";
    if (register_kept) {
      const bool returning_on_at = InReturn(r, q.at);
      const std::string place =
          (InBorderProcedureOn(r, q.at) || returning_on_at) ? PlaceOn(r, q.at) : std::string();
      auto designated = designations.find(place);
      if (!place.empty() && (designated == designations.end() || !designated->second.designated)) {
        outside_register.push_back({{"id", r.id},
                                    {"place", place},
                                    {"phase", returning_on_at ? "return_border_procedure" : "border_procedure"},
                                    {"minor", r.minor}});
      }
    }
    if (r.minor) {
      minors.push_back(r.id);
      const std::string place = PlaceOn(r, q.at);
      minors_placed.push_back({{"id", r.id}, {"place", place.empty() ? json(nullptr) : json(place)}});
    }
    if (r.unaccompanied_minor) {
      const bool covered = SecurityGround(r);
      unaccompanied.push_back({{"id", r.id},
                               {"art_42_3_b", covered},
                               {"status", r.status},
                               {"outcome", r.outcome.empty() ? json(nullptr) : json(r.outcome)}});
    }
    if (const auto found = EventsNamed(r, "exception", q.at); !found.empty()) {
      json points = json::array();
      for (const json* e : found) points.push_back(e->value("point", ""));
      // The procedure should have ceased: a file still open, or closed otherwise than by leaving it.
      const bool followed = !is_open && (r.outcome == "entry_authorised_exception" ||
                                         r.outcome == "protection_granted" || r.outcome == "withdrawn");
      exceptions.push_back({{"id", r.id},
                            {"points", points},
                            {"first_recorded_on", found.front()->value("on", "")},
                            {"status", r.status},
                            {"followed", followed}});
    }
    for (const Detention& d : Detentions(r)) {
      const Date since = *Date::Parse(d.since);
      if (q.at < since) continue;
      // Only detentions of the asylum procedure: one begun in the return border procedure is under
      // Directive 2008/115/EC (Regulation (EU) 2024/1349, Art. 5).
      if (!r.return_from.empty() && since >= *Date::Parse(r.return_from)) continue;
      // The limits in force when the detention began (a report's day may be any).
      OP_ASSIGN_OR_RETURN(const Period review_normal, rules_->policy.PeriodAt("rcd.detention_review", since));
      OP_ASSIGN_OR_RETURN(const Period review_exceptional,
                          rules_->policy.PeriodAt("rcd.detention_review_exceptional", since));
      OP_ASSIGN_OR_RETURN(const TimeLimit normal, ComputeTimeLimit(since, review_normal, r.member_state,
                                                                   rules_->calendar, ComputationRule::kReg1182_71));
      OP_ASSIGN_OR_RETURN(const TimeLimit exceptional, ComputeTimeLimit(since, review_exceptional, r.member_state,
                                                                        rules_->calendar, ComputationRule::kReg1182_71));
      // What was known on `at`: a review or release after it had not happened yet.
      auto by_at = [&](const std::string& day) -> std::optional<Date> {
        if (day.empty() || q.at < *Date::Parse(day)) return std::nullopt;
        return *Date::Parse(day);
      };
      const std::optional<Date> reviewed = by_at(d.reviewed_on), released = by_at(d.released_on);
      // Detained past a limit with no review by then (a release on the limit's day is in time).
      auto late = [&](Date limit) {
        if (reviewed) return *reviewed > limit;
        return released ? *released > limit : q.at > limit;
      };
      json entry = {{"id", r.id},
                    {"detained_since", d.since},
                    {"reviewed_on", reviewed ? json(reviewed->ToString()) : json(nullptr)},
                    {"released_on", released ? json(released->ToString()) : json(nullptr)},
                    {"minor", r.minor}};
      if (late(exceptional.end)) {
        entry["limit"] = exceptional.end.ToString();
        review_after_21.push_back(entry);
      } else if (late(normal.end)) {
        entry["limit"] = normal.end.ToString();
        review_after_15.push_back(entry);
      }
    }
    const bool returning = InReturn(r, q.at);
    if (const std::string since = DetainedSince(r, q.at); !since.empty() && (is_open || returning)) {
      detained.push_back({{"id", r.id},
                          {"since", since},
                          {"days", q.at.days() - Date::Parse(since)->days()},
                          {"minor", r.minor},
                          {"phase", is_open ? "border_procedure" : "return_border_procedure"}});
    }
    // The return border procedure (Regulation (EU) 2024/1349, Art. 4(2)): its maximum period.
    if (!r.return_from.empty() && *Date::Parse(r.return_from) <= q.at) {
      const Date return_end = *Date::Parse(r.return_must_end_on);
      if (returning) {
        ++in_return;
        if (return_end < q.at) {
          return_overdue.push_back({{"id", r.id},
                                    {"from", r.return_from},
                                    {"must_end_on", r.return_must_end_on},
                                    {"days_overdue", q.at.days() - return_end.days()}});
        }
      } else {
        return_outcomes[r.return_outcome] = return_outcomes.value(r.return_outcome, 0) + 1;
        if (const Date ended = *Date::Parse(r.return_closed_on); ended > return_end) {
          return_late.push_back({{"id", r.id},
                                 {"must_end_on", r.return_must_end_on},
                                 {"closed_on", r.return_closed_on},
                                 {"days_late", ended.days() - return_end.days()},
                                 {"outcome", r.return_outcome}});
        }
      }
    }
    if (is_open) {
      ++open;
      if (must_end < q.at) {
        open_overdue.push_back({{"id", r.id},
                                {"registered_on", r.registered_on},
                                {"must_end_on", r.must_end_on},
                                {"days_overdue", q.at.days() - must_end.days()}});
      } else {
        ++open_in_time;
      }
      continue;
    }
    ++closed;
    if (outcomes.contains(r.outcome)) outcomes[r.outcome] = outcomes[r.outcome].get<int>() + 1;
    const Date closed_on = *Date::Parse(r.closed_on);
    durations.push_back(closed_on.days() - registered.days());
    if (closed_on > must_end) {
      closed_late.push_back({{"id", r.id},
                             {"must_end_on", r.must_end_on},
                             {"closed_on", r.closed_on},
                             {"days_late", closed_on.days() - must_end.days()},
                             {"outcome", r.outcome}});
    } else {
      ++closed_in_time;
      // Closed in time, but the return border decision found the right to remain ended later.
      std::optional<Date> ended;  // the day the right to remain ended, as the return border decision found
      if (!r.return_from.empty()) ended = *Date::Parse(r.return_from);
      if (ended && *ended <= q.at && *ended > must_end) {
        ended_late.push_back({{"id", r.id},
                              {"must_end_on", r.must_end_on},
                              {"closed_on", r.closed_on},
                              {"right_to_remain_ended_on", r.return_from},
                              {"days_late", ended->days() - must_end.days()}});
      }
    }
  }
  json not_covered = json::array();
  for (const json& u : unaccompanied) {
    if (!u["art_42_3_b"].get<bool>()) not_covered.push_back(u["id"]);
  }
  json not_followed = json::array();
  for (const json& x : exceptions) {
    if (!x["followed"].get<bool>()) not_followed.push_back(x["id"]);
  }
  const uint64_t seed = internal::SeedOrRandom(q.seed);
  json sample = json::array();
  for (size_t i : internal::Draw(rows.size(), static_cast<size_t>(q.sample), seed)) sample.push_back(ToJson(rows[i]));

  json out = {
      {"member_state", q.member_state},
      {"at", q.at.ToString()},
      {"from", q.from ? json(q.from->ToString()) : json(nullptr)},
      {"to", q.to ? json(q.to->ToString()) : json(nullptr)},
      {"legal_basis", {kApr + "43(4)", "Regulation (EU) 2024/1356, Art. 10(2)"}},
      {"border_procedures", rows.size()},
      {"open", open},
      {"closed", closed},
      {"outcomes", outcomes},
      {"time_limit",
       {{"legal_basis", kApr + "51(2)"},
        {"closed_in_time", closed_in_time},
        {"closed_late", closed_late},
        {"right_to_remain_ended_late", ended_late},
        {"open_in_time", open_in_time},
        {"open_overdue", open_overdue}}},
      {"durations", internal::Durations(durations)},
      {"unaccompanied_minors",
       {{"legal_basis", kApr + "53(1)"}, {"files", unaccompanied}, {"outside_art_42_3_b", not_covered}}},
      {"exceptions", {{"legal_basis", kApr + "53(2)"}, {"files", exceptions}, {"not_followed", not_followed}}},
      {"detained",
       {{"legal_basis", kApr + "54(1); Directive (EU) 2024/1346, Arts. 10-13; " + kRbpr + "5"}, {"files", detained}}},
      {"detention_review",
       {{"legal_basis", std::string("Directive (EU) 2024/1346, Art. 11(3)")},
        {"after_15_days", review_after_15},
        {"after_21_days", review_after_21}}},
      {"return_border",
       {{"legal_basis", kRbpr + "4(2), 4(4)"},
        {"in_procedure", in_return},
        {"open_overdue", return_overdue},
        {"closed_late", return_late},
        {"outcomes", return_outcomes}}},
      {"appeals",
       {{"legal_basis", kAprArts + "51(2), 67, 68"},
        {"recorded", appeal_recorded},
        {"leave_to_remain_pending", leave_pending},
        {"removed_while_barred", removed_while_barred},
        {"appeal_allowed_after_removal", allowed_after_removal},
        {"completed_after_time_limit", stages_late}}},
      {"minors", {{"legal_basis", kApr + "54(2)"}, {"files", minors}, {"places", minors_placed}}},
      {"places",
       {{"legal_basis", kApr + "54(1), 54(3); " + kRbpr + "4(2)"},
        {"register_kept", register_kept},
        {"not_designated", outside_register}}},
      {"sample", {{"seed", std::to_string(seed)}, {"size", sample.size()}, {"border_procedures", sample}}},
      {"notes",
       {"files are those opened in OpenPact from a procedure decision that routed the application to the border "
        "procedure; their time limit is the decision's (12 weeks from registration, 16 after a relocation under "
        "Art. 51(2), third subparagraph, or 18 under Regulation (EU) 2024/1359, Art. 11(1))",
        "an exception counts as followed when the file closed by authorising entry for it "
        "(entry_authorised_exception), by granting protection or by withdrawal; otherwise, open or closed, it is "
        "listed in not_followed",
        "an unaccompanied minor outside Art. 42(3)(b) is one whose decision cites no ground of that point; the "
        "procedure decision excludes such a minor from the start, so a file lists one when an age assessment found "
        "the minor later (event unaccompanied_minor)",
        "detained: files open, or in the return border procedure on 'at', whose last detention event up to 'at' is "
        "detained",
        "detention_review: each detention (detained to released) whose first review by a court (event "
        "detention_reviewed) was not concluded within 15 days of its start, or 21 (exceptional situations), while the "
        "applicant was still detained, counted under Regulation (EEC, Euratom) No 1182/71; Art. 11(3) requires the "
        "review where an administrative authority ordered the detention, which the file does not record, and past "
        "21 days without one the applicant is released immediately",
        "time_limit.right_to_remain_ended_late: files closed with no_right_to_remain within the time limit whose "
        "return border decision found that the right to remain ended after it (the border procedure lasts until then, "
        "Art. 51(2)); they count among closed_in_time as recorded",
        "return_border: the files that continued into the return border procedure (Regulation (EU) 2024/1349), "
        "whatever their registration date within from..to: in it on 'at', past its maximum period, ended late, "
        "and how",
        "minors are counted from the case's date of birth on the registration day, or from an unaccompanied_minor "
        "event",
        "appeals: what the files record of the appeal stages by 'at' (Arts. 67-68); removed_while_barred: removals "
        "(return border outcome removed) on a day the stages recorded barred one: the appeal allowed, leave to remain "
        "granted and the appeal undecided (68(4), 68(1)), a request to remain undecided (68(5)(d)(ii)) or the five "
        "days from the notification to ask the court to remain not run (68(5)(a), (d)(i)); the national time limits "
        "are not recorded, so these are files to check, not findings; the bar of 68(5)(d) is not applied where the "
        "return border decision found national law lifting it (68(6))",
        "appeals.completed_after_time_limit: a request to remain, or an appeal, decided after the border procedure's "
        "time limit or still undecided past it on 'at' (Art. 51(2), second subparagraph: the court's examination of "
        "the request and, where applicable, the appeal are to be completed within it)",
        "the sample's seed is a decimal string (it may exceed what a JSON number holds exactly)"}},
  };
  return out.dump(2);
}

}  // namespace openpact::cases
