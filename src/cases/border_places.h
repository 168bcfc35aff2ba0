// The places where a Member State carries out the border procedure (Regulation (EU) 2024/1348,
// Art. 54(3)): each place as designated, with the number of persons it can hold, its changes,
// and when each change was notified to the Commission. The places were due to be notified by 11
// April 2026; a change in which places they are, within two months of it. Kept in the store as a
// list of changes, never rewritten: the register on any day is read from the changes effective by
// then, and a notification is added to its change once.
//
// The border procedure files record where each applicant stays (event placed); the occupancy
// report (border_procedure_store.h) sets them against this register.
//
// Thread safety: uses its Store, so one thread at a time.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace openpact::store {
class Store;
}
namespace openpact::rules {
struct RulesData;
}

namespace openpact::cases {

// A place's name as recorded, in the register and on the files (event placed): one line of
// well-formed UTF-8, at most 200 bytes, no leading or trailing spaces, so that reports group by it.
// InvalidArgument naming `field`.
Status CheckPlaceName(const std::string& place, const std::string& field = "place");

// The kinds of change: designated (a place where the border procedure is carried out from
// effective_on, with its capacity), capacity (the number it can hold changes; not a change in
// which places they are, so Art. 54(3) asks no notification of it) and withdrawn (no longer a
// place of the border procedure).
const std::vector<std::string>& BorderPlaceChangeKinds();

struct BorderPlaceChange {
  std::string member_state;
  std::string place;
  std::string change;  // one of BorderPlaceChangeKinds()
  Date effective_on;
  std::optional<long long> capacity;  // designated and capacity: the persons it can hold at once
  std::optional<Date> notified_on;    // when the Commission was notified, if it was
};

// A place on one day, for the occupancy report.
struct BorderPlaceOn {
  bool designated = false;
  std::optional<long long> capacity;  // while designated
};

class BorderPlaces {
 public:
  BorderPlaces(store::Store* store, const rules::RulesData* rules) : store_(store), rules_(rules) {}
  // As BorderProcedureStore::set_acting_member_state: another State's register is refused.
  void set_acting_member_state(std::string member_state) { acting_member_state_ = std::move(member_state); }

  // Records a change; returns the place (JSON, as in List) as of the change. Changes to a place
  // are recorded in the order they take effect: one dated on or before the last is refused
  // (FailedPrecondition), as are a designation of a place already designated, a capacity change or
  // a withdrawal of one that is not. Refused naming the field for an unknown Member State, a bad
  // name, kind or capacity (a whole number from 1 to 1,000,000, given for designated and capacity
  // only).
  Result<std::string> Record(const BorderPlaceChange& change, const std::string& recorded_by);
  // Adds the day the Commission was notified of the change of `place` effective on `effective_on`;
  // once: a notification already recorded is not replaced (FailedPrecondition), nor one added to a
  // capacity change (not notified under Art. 54(3)). NotFound where no such change is recorded.
  Result<std::string> RecordNotified(const std::string& member_state, const std::string& place, Date effective_on,
                                     Date notified_on);
  // The register on `at` (JSON): every place with its changes, whether it is designated on `at`
  // and its capacity, each change's notification (due_by; state notified, notified_late, due,
  // overdue or not_required on `at`), the designated places' total capacity and the notifications
  // overdue.
  Result<std::string> List(const std::string& member_state, Date at);
  // Every place recorded, by name, as it stands on `at` (not designated before its first change
  // takes effect), for reports; empty where the Member State keeps no register here.
  Result<std::map<std::string, BorderPlaceOn>> On(const std::string& member_state, Date at);

 private:
  Status CheckMemberState(const std::string& member_state) const;
  store::Store* store_;
  const rules::RulesData* rules_;
  std::string acting_member_state_;
};

}  // namespace openpact::cases
