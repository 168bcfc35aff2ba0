// Screening files: started, filled in check by check, closed with a referral (Regulation (EU)
// 2024/1356, Arts. 8, 17, 18). Kept in the store; the rules (time limit, form items, referrals)
// come from rules/screening.h.
//
// Thread safety: uses its Store, so one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "rules/screening.h"

namespace openpact::store {
class Store;
}

namespace openpact::cases {

// What the independent fundamental-rights monitoring mechanism asks of the screening files
// (Regulation (EU) 2024/1356, Art. 10(2)): one Member State's files, optionally of event dates
// from..to, as of `at`, with `sample` files drawn at random for a spot check (Art. 10(2): "random
// checks without prior notice"). The draw depends only on the files in scope and `seed`, which the
// report states, so that the monitor can show which files were drawn and how.
struct MonitoringQuery {
  std::string member_state;
  std::optional<Date> from, to;
  Date at;
  int sample = 0;  // 0..kMaxMonitoringSample
  std::optional<uint64_t> seed;  // none: a random one, which nobody can know in advance
};
// A draw's seed as a monitor gives it: a decimal number from 0 to 2^64 - 1; InvalidArgument naming
// `field` otherwise.
Result<uint64_t> ParseSeed(std::string_view text, const std::string& field);
inline constexpr int kMaxMonitoringSample = 50;
inline constexpr size_t kMaxScreeningList = 500;

class ScreeningStore {
 public:
  ScreeningStore(store::Store* store, const rules::RulesData* rules) : store_(store), rules_(rules) {}
  // A caller bound to one Member State (an API token with a Member State): only that State's
  // screenings are started, listed and reported on (another is refused), and only its files are
  // found (another State's file is not found, as the registry answers).
  void set_acting_member_state(std::string member_state) { acting_member_state_ = std::move(member_state); }

  // Opens a screening; returns its JSON (id, must_end_on, legal basis).
  Result<std::string> Start(const rules::ScreeningStart& start, const std::string& created_by);
  // Records a check (identity, security, health, vulnerability, eurodac) with its outcome, and/or
  // merges form fields (a JSON object of Art. 17 items). Returns the updated screening. Without
  // `on`, today in the screening Member State's legal time (LocalDate).
  Result<std::string> Record(const std::string& id, const std::string& check, const std::string& outcome,
                             const std::string& form_json, std::optional<Date> on);
  // Closes with a referral (Art. 18, Art. 5(3)); returns the screening form (Art. 17). Without
  // `on`, today in the Member State's legal time.
  Result<std::string> Close(const std::string& id, const std::string& referral, std::optional<Date> on);
  Result<std::string> Show(const std::string& id);
  // The border guards' work list (JSON): one Member State's open screenings, the nearest time limit
  // (Art. 8(3)-(4)) first, each with the days left on `at` (negative once overdue), its state
  // (overdue, due_today, running), the checks of Art. 8(5) and the mandatory form items of Art.
  // 17(1) still missing; only those due by `due_by` when given; at most `limit` (1 to
  // kMaxScreeningList), `more` saying whether others follow. Refused naming the field for an
  // unknown Member State or a limit out of range.
  Result<std::string> ListOpen(const std::string& member_state, Date at, std::optional<Date> due_by, size_t limit);
  // The monitoring report (JSON): how many files, their referrals, which ended after the time limit
  // of Art. 8(3)-(4) or are still open past it, which full screenings were closed without an
  // element of Art. 8(5)(a)-(e) recorded, the files of minors, the applicants not referred to the
  // asylum authorities, and the sample's files in full. Refused naming the field for an unknown
  // Member State, from after to, or a sample outside 0..kMaxMonitoringSample.
  Result<std::string> Monitor(const MonitoringQuery& q);
  // Erases the screening files whose personal data have reached the end of their keeping: Art.
  // 18(7) erases them "in accordance with the time limits of Regulation (EU) 2024/1358". Read as
  // the period Eurodac keeps the person's data for: an applicant's (form item application_made
  // true) 10 years (its Art. 29(1)), anyone else's 5 (29(6)-(8)), counted from the screening's
  // event (on or before the transmission Eurodac counts from, so never longer than Eurodac keeps
  // them); the periods are policy data (screening.retention.*, status uncertain: the mapping is a
  // reading). Files whose period ended before `at` (at most `today`) are deleted whole, open or
  // closed; returns how many, by Member State, with the legal basis. Only the Member State's own
  // when a caller is bound to one.
  Result<std::string> Expire(Date at, Date today);

 private:
  Status CheckActing(const std::string& member_state) const;
  store::Store* store_;
  const rules::RulesData* rules_;
  std::string acting_member_state_;
};

}  // namespace openpact::cases
