// Responsibility files (Regulation (EU) 2024/1351, Part III): the determination of the Member
// State responsible for an application and, where another State is, the take charge request or
// take back notification, the reply, the transfer decision and the transfer (Arts. 39-46), followed
// in the store instead of a batch of case documents exported each day (`decide responsibility
// --batch --due-by`). A file keeps every version of the responsibility case document
// (rules/responsibility.h) as the caseworker recorded it, the newest deciding: each change (a
// request sent, a reply received, the transfer decision, an appeal, the transfer) is a new version,
// none is overwritten, so the file's history can be read back whole. The work list decides each
// open file again on the day asked and lists the time limits not yet met, nearest first.
//
// Keeping: the AMMR sets no period for a Member State's own file (read in the Italian text: none of
// its articles does), so the data protection rules and national law decide; a file is kept until
// erased (Erase, with its reason), never by a guess at a period.
//
// Thread safety: uses its Store, so one thread at a time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/border_procedure_store.h"
#include "core/status.h"
#include "rules/procedure.h"

namespace openpact::store {
class Store;
}

namespace openpact::cases {

// How a file closes: transferred (Art. 46), examined_here (this State examines the application),
// withdrawn (the application was withdrawn), ceased (the obligations ceased, Art. 37(2)-(5)).
const std::vector<EventKind>& ResponsibilityFileOutcomes();
// Why a file is erased before anyone decides otherwise: no_longer_needed, unlawfully_processed
// (Regulation (EU) 2016/679, Art. 17(1)(a), (d)).
const std::vector<EventKind>& ResponsibilityFileErasures();

class ResponsibilityFileStore {
 public:
  ResponsibilityFileStore(store::Store* store, const rules::RulesData* rules) : store_(store), rules_(rules) {}
  // A caller bound to one Member State opens, changes and reads that State's files only; another
  // State's file is not found.
  void set_acting_member_state(std::string member_state) { acting_member_state_ = std::move(member_state); }

  // Opens a file with `case_json` (a responsibility case document) as its first version, decided on
  // the case's decision_date; returns the file with the decision. Refused naming the field for a bad
  // case or one the engine cannot decide.
  //
  // With `received_by`, the file is a request that State received (a take charge request or take back
  // notification, AMMR Arts. 40-41): the case is the requesting State's, as that State stated it
  // (member_state the sender, take_charge_request_sent_on or take_back_sent_on the day it arrived:
  // requests are received the day they are sent), decided by the same engine, so that both States
  // compute the reply's time limit, a silence's acceptance (Art. 40(8), 41(4)) and the transfer's
  // limits alike. The file is the receiving State's (a caller bound to it opens and finds it), is
  // listed apart (ListOpen's `received`), counted apart in Report (`received`), joins no
  // family, and its answers say under `received` where the case does not designate the receiving
  // State or records no request sent. Refused naming "received_by" for a State not of the system or
  // the sender itself.
  Result<std::string> Open(std::string_view case_json, const std::string& created_by,
                           const std::string& received_by = "");
  // Records a new version of an open file's case document and decides it; the deciding Member State
  // (`member_state`) cannot change (refused naming it). FailedPrecondition for a closed file.
  Result<std::string> Update(const std::string& id, std::string_view case_json, const std::string& recorded_by);
  // The file, its versions (number, when and by whom), the case document of `version` (0: the
  // newest) and its decision on `at` (none: the case's own decision_date). Refused naming
  // "version" for one the file does not have.
  Result<std::string> Show(const std::string& id, std::optional<Date> at, int version = 0);
  // The work list: one Member State's open files, each decided on `at`, with the time limits not yet
  // met (running or expired) and the days left from `at`, the file with the nearest limit first;
  // files without a pending limit last. Only those with a limit ending by `due_by` when given; at
  // most `limit` (1 to kMaxScreeningList), `more` saying whether others follow. With `received`, the
  // open requests `member_state` received instead of its own files.
  Result<std::string> ListOpen(const std::string& member_state, Date at, std::optional<Date> due_by, size_t limit,
                               bool received = false);
  // Closes with an outcome of ResponsibilityFileOutcomes() on `on` (none: today in the Member
  // State's legal time; not before the registration). The outcome is recorded as the caseworker
  // states it; where the newest case says otherwise it is flagged (transferred without
  // transferred_on in the case; examined_here while the decision designates another State).
  Result<std::string> Close(const std::string& id, const std::string& outcome, std::optional<Date> on);
  // Counts only (JSON): one Member State's outgoing procedures from..to (each day inclusive; none:
  // open-ended), as the newest version of each file kept records them: files of applications
  // registered in the period, take charge requests and take back notifications sent, acceptances
  // and confirmations, transfer decisions and transfers carried out, each by the Member State
  // requested (the AMMR's annual report, Art. 9(3)(a)(x)-(xi); the statistics of Art. 80); and apart,
  // under "received", the requests it keeps as received (Open's received_by) by the State that sent
  // them: requests and notifications, acceptances and confirmations, transfers. Refused naming
  // "member_state" for a
  // State not of the system, "from" after "to".
  Result<std::string> Report(const std::string& member_state, std::optional<Date> from, std::optional<Date> to);
  // Erases file `id` and every version of it, open or closed, for a reason of
  // ResponsibilityFileErasures() (else InvalidArgument naming "reason"); returns what was erased.
  // A family's other files are decided again without it (never refused for that: a warning says
  // where they could not be).
  Result<std::string> Erase(const std::string& id, const std::string& reason);

  // The family procedure (Art. 28; Dublin III Art. 11 before 1 July 2026): open file `id` joins the
  // family of open file `with` (forming one where `with` has none), and from then on the newest case
  // of every file of the family is decided together with the others' (Open's answer, Update, Show,
  // ListOpen, Close): the Member State the criteria designate for most of them, else for the
  // eldest, where the criteria alone would separate them. Whether the applications were registered
  // close enough together is the caseworker's judgement (flagged when the days differ). Refused,
  // changing nothing, naming "with" for a file not found, of another Member State or of a family of
  // kMaxFamilyFiles already; FailedPrecondition for a closed file, a request received or a file in
  // another family; refused
  // where the members cannot be decided together (a family on both sides of 1 July 2026).
  Result<std::string> JoinFamily(const std::string& id, const std::string& with);
  // File `id` leaves its family and is decided alone again; the others are decided again without it
  // (a family of one file is dissolved). Refused, changing nothing, where they cannot be.
  Result<std::string> LeaveFamily(const std::string& id);

  // As many files as one family procedure decides (rules::ParseFamilyProcedure's members).
  static constexpr int64_t kMaxFamilyFiles = 50;

 private:
  Status CheckActing(const std::string& member_state) const;
  // Recomputes the order column of the requests received that store migration 22 marked (recorded
  // when their column held the nearest of all the case's time limits), from each one's newest case,
  // as recording it again would.
  Status RefreshReceivedOrder();
  // Decides the files of family `family_id` again and stores each one's decision (one file left:
  // it leaves the family and is decided alone).
  Status Refamily(const std::string& family_id);
  store::Store* store_;
  const rules::RulesData* rules_;
  std::string acting_member_state_;
};

}  // namespace openpact::cases
