// Screening files: started, filled in check by check, closed with a referral (Regulation (EU)
// 2024/1356, Arts. 8, 17, 18). Kept in the store; the rules (time limit, form items, referrals)
// come from rules/screening.h.
//
// Thread safety: uses its Store, so one thread at a time.
#pragma once

#include <optional>
#include <string>

#include "core/status.h"
#include "rules/screening.h"

namespace openpact::store {
class Store;
}

namespace openpact::cases {

class ScreeningStore {
 public:
  ScreeningStore(store::Store* store, const rules::RulesData* rules) : store_(store), rules_(rules) {}

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

 private:
  store::Store* store_;
  const rules::RulesData* rules_;
};

}  // namespace openpact::cases
