// Border procedure files (Regulation (EU) 2024/1348, Arts. 43-54): opened from the procedure
// decision that routes an application to the border procedure, kept until the applicant leaves
// it and, after a rejection, through the return border procedure (Regulation (EU) 2024/1349, Art.
// 4), so that the time limits (Art. 51(2); RBPR Art. 4(2)), the exceptions (Art. 53) and detention
// can be followed, counted against the adequate capacity (Arts. 47-48), and monitored as Art. 43(4)
// requires by a mechanism meeting the criteria of Regulation (EU) 2024/1356, Art. 10. Kept in the
// store; the decisions themselves come from rules/procedure.h and rules/return_border.h.
//
// A file holds what monitoring needs and no more: dates, the decisions' grounds and deadlines,
// whether the applicant is a minor or an unaccompanied minor, the events recorded, the outcomes.
// The case documents (name-free, but with nationality and date of birth) are not kept.
//
// Thread safety: uses its Store, so one thread at a time.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/screening_store.h"
#include "core/status.h"
#include "rules/procedure.h"

namespace openpact::store {
class Store;
}

namespace openpact::cases {

// What happens to an applicant in the border procedure, recorded as it happens.
struct BorderProcedureEvent {
  std::string event;  // one of BorderProcedureEvents()
  std::string point;  // for "exception": a, b, c, d or e of Art. 53(2)
  std::string place;  // for "placed": where the applicant stays (Art. 54(1), (3))
  std::optional<Date> on;  // none: today in the Member State's legal time
};
struct EventKind {
  std::string name;
  std::string legal_basis;
  std::string description;
};
// detained, released, detention_reviewed, unaccompanied_minor (an age assessment found one, Art.
// 53(1)), exception (Art. 53(2)(a)-(e)), placed (the place of Art. 54 where the applicant stays);
// and the appeal stages (Arts. 67-68): decision_notified,
// appeal_lodged, leave_to_remain_requested, leave_to_remain_granted, leave_to_remain_refused,
// appeal_dismissed, appeal_allowed; further appeals (Art. 68(7)), each after the dismissal before it:
// further_appeal_lodged, further_appeal_remain_allowed, further_appeal_dismissed,
// further_appeal_allowed.
const std::vector<EventKind>& BorderProcedureEvents();
// How a file closes: no_right_to_remain, protection_granted, entry_authorised_time_limit,
// entry_authorised_exception, withdrawn.
const std::vector<EventKind>& BorderProcedureOutcomes();
// How the return border procedure ends (Regulation (EU) 2024/1349, Art. 4): departed, removed,
// return_directive (Art. 4(4)), absconded, rejection_annulled (an appeal allowed: Art. 1(1) no
// longer applies).
const std::vector<EventKind>& ReturnBorderOutcomes();

// What the occupancy report (APR Arts. 47-48) is asked: one Member State on a day, with what the
// store does not hold. The adequate capacity is the Commission's number for the State (Art. 47(1),
// first subparagraph; solidarity/ reads it from the reference data); the persons in the return
// border procedure (Regulation (EU) 2024/1349) are counted from the files that continued into it,
// plus those given.
struct OccupancyQuery {
  std::string member_state;
  Date at;
  std::optional<double> adequate_capacity;  // none: not published
  std::string capacity_source;
  // Persons in a return border procedure whose files are not kept here, among them those in a
  // national equivalent procedure (Art. 48(1)); none: not given.
  std::optional<long long> others_in_return_border_procedure;
};

// The adequate capacity the Commission set for a Member State (Art. 47(1), first subparagraph) on a
// day, or nullopt where none is published: the caller's (solidarity/ reads the reference data).
using CapacityLookup = std::function<std::optional<double>(const std::string& member_state, Date on)>;

class BorderProcedureStore {
 public:
  BorderProcedureStore(store::Store* store, const rules::RulesData* rules) : store_(store), rules_(rules) {}
  // With a lookup, opening a file checks the files kept here against the adequate capacity (Art.
  // 48): see Open.
  void set_capacity_lookup(CapacityLookup lookup) { capacity_lookup_ = std::move(lookup); }
  // A caller bound to one Member State (an API token with a Member State) opens, reads and reports
  // on that State's files only; another State's file is not found.
  void set_acting_member_state(std::string member_state) { acting_member_state_ = std::move(member_state); }

  // Decides `case_json` (a procedure case document, rules/procedure.h) and opens a file when the
  // decision routes it to the border procedure; returns the file with the decision. Refused
  // naming the field for a bad case, FailedPrecondition when the decision is another procedure or
  // the application is not registered yet (the 12 weeks run from registration, Art. 51(2)).
  // With a capacity lookup, a file opened on a ground of Art. 42(1)(j) while the files kept here
  // already put as many applicants in the border procedure as the adequate capacity, and the case
  // does not say the capacity is reached, is flagged adequate_capacity_reached_in_store: after a
  // notification (Art. 48(1)) such a case need not be examined in the border procedure (48(2)).
  Result<std::string> Open(std::string_view case_json, const std::string& created_by);
  // Records an event; returns the file, with a flag where the event ends the border procedure
  // (Art. 53(1)-(2)). The appeal stages are recorded on an open file or one closed with
  // no_right_to_remain, also in the return border procedure and after it; each once, the court's
  // decisions after what they decide (an appeal decided only once lodged; leave to remain not after
  // the appeal's decision), else FailedPrecondition. Flagged: authorised_to_remain (leave granted:
  // Art. 68(1), 51(2)), rejection_annulled and appeal_allowed_after_removal.
  Result<std::string> Record(const std::string& id, const BorderProcedureEvent& event);
  // Closes with an outcome of BorderProcedureOutcomes(); without `on`, today in the Member State's
  // legal time. Refused where the outcome contradicts the file (entry at the end of the time limit
  // before it, entry for an exception none was recorded for).
  Result<std::string> Close(const std::string& id, const std::string& outcome, std::optional<Date> on);
  Result<std::string> Show(const std::string& id);
  // After a rejection (a file closed with no_right_to_remain), the return border procedure
  // (Regulation (EU) 2024/1349, Art. 4): `case_json` is a return border case (rules/return_border.h)
  // of the file's Member State; its decision gives the day the right to remain ended and the
  // maximum period (Art. 4(2), 12 weeks; 18 in a crisis). Refused naming the field for a bad case,
  // FailedPrecondition where the file did not end in a rejection, the court allowed the appeal, the
  // procedure began already, or the decision finds it does not apply (yet); InvalidArgument naming
  // the case's field where the case contradicts an appeal stage the file records up to its decision
  // date. Detention and release go on being recorded (Art. 5).
  Result<std::string> StartReturn(const std::string& id, std::string_view case_json);
  // Ends the return border procedure with an outcome of ReturnBorderOutcomes(); return_directive
  // (Art. 4(4)) is refused before the maximum period has run, rejection_annulled without an allowed
  // appeal recorded. A removal on a day the appeal stages barred one (APR Art. 68) is kept as it
  // happened and flagged removal_barred.
  Result<std::string> CloseReturn(const std::string& id, const std::string& outcome, std::optional<Date> on);
  // Erases the files whose keeping ended (APR Art. 72(1): the data are kept ten years from the
  // final decision on the application, then erased; policy apr.retention.border_procedure_file,
  // status uncertain: the mapping is a reading). A file is counted from the last decision it
  // records, its closing or the court's last decision on an appeal, and deleted whole from that
  // day's tenth anniversary (`at`, at most `today`). Open files are kept; so are closed files
  // whose appeal is undecided, whose rejection a court annulled (the re-examination's decision is
  // not recorded here) or whose return border procedure still runs, counted in `kept` by reason
  // once ten years have passed since their closing. Only the Member State's own when a caller is
  // bound to one.
  Result<std::string> Expire(Date at, Date today);
  // Erases file `id` before its time: Art. 72(1) erases the data as soon as the Member State learns
  // that the person acquired the citizenship of a Member State (`reason` citizenship_acquired, the
  // only one; else InvalidArgument naming "reason"). Open or closed, the file is deleted whole;
  // returns what was erased with the legal basis. Not found for another Member State's file when
  // a caller is bound to one.
  Result<std::string> Erase(const std::string& id, const std::string& reason);
  // The determining authority's work list (JSON): one Member State's open files, the nearest time
  // limit (Art. 51(2)) first, each with the days left on `at` (negative once overdue), its state
  // (overdue, due_today, running), whether the applicant is detained, and `must_leave` where an
  // event recorded ends the border procedure (Art. 53); apart, the files in the return border
  // procedure, with `removal_barred` where the appeal stages recorded bar a removal on `at` (APR
  // Art. 68). Only those due by `due_by` when given; at most `limit` (1 to kMaxScreeningList),
  // `more` saying whether others follow. Refused naming the field for an unknown Member State or a
  // limit out of range.
  Result<std::string> ListOpen(const std::string& member_state, Date at, std::optional<Date> due_by, size_t limit);
  // How full the border procedure is (JSON): the applicants in it on `at` (registered by then, not
  // closed before), against the adequate capacity (Art. 48(1): with those in the return border
  // procedure, the notification to the Commission; Art. 48(2)-(3): the 42(1)(j) cases while at or
  // above it), and the applications examined in it since the current year of Art. 47(1) began,
  // against the annual maximum (Art. 47(3)). Refused naming the field for an unknown Member State
  // or a negative count.
  Result<std::string> Occupancy(const OccupancyQuery& q);
  // The monitoring report (JSON, Art. 43(4)): the files of one Member State registered from..to,
  // as of `at`: closed after or still open past the time limit of Art. 51(2); unaccompanied
  // minors kept outside Art. 42(3)(b) (Art. 53(1)); exceptions of Art. 53(2) recorded while the
  // procedure went on; who is detained; the appeal stages (Arts. 67-68: requests to remain
  // undecided, removals they barred, appeals allowed after a removal, stages completed after the
  // time limit of Art. 51(2)); outcomes, durations and a random sample. Refused naming the field as
  // ScreeningStore::Monitor is.
  Result<std::string> Monitor(const MonitoringQuery& q);

 private:
  Status CheckActing(const std::string& member_state) const;
  // Applicants in the border procedure on `day`: registered by then and not closed by then.
  Result<long long> InBorderProcedure(const std::string& member_state, const std::string& day);
  store::Store* store_;
  CapacityLookup capacity_lookup_;
  const rules::RulesData* rules_;
  std::string acting_member_state_;
};

}  // namespace openpact::cases
