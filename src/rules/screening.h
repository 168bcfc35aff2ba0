// Screening rules (Regulation (EU) 2024/1356): how long a screening may last (Art. 8(3)-(4)), what
// the screening form must contain (Art. 17), and where the person is referred (Art. 18).
// Pure functions; persistence lives in cases/screening_store.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "rules/procedure.h"

namespace openpact::rules {

struct ScreeningStart {
  std::string member_state;
  std::string location;  // "external_border" (Art. 5) | "in_territory" (Art. 7)
  Date event_date;       // apprehension, disembarkation or presentation at the crossing point
  bool held_over_72h = false;        // Art. 8(3) 2nd sentence: Eurodac Art. 22(1),(4) persons
  std::optional<Date> held_until;    // end of the > 72 h stay at the border
};

struct ScreeningLimit {
  Date must_end_on;
  Date from;
  std::string period;
  std::string legal_basis;
  std::string status;  // policy status of the period used
  std::string note;
};

Status ValidateScreeningStart(const ScreeningStart& s, const CountryRegistry& countries);
Result<ScreeningLimit> ComputeScreeningLimit(const ScreeningStart& s, const RulesData& data);

// The checks of Art. 8(5) a screening records.
const std::vector<std::string>& ScreeningChecks();

struct FormItem {
  std::string key;     // the form field
  std::string point;   // "17(1)(a)"
  bool mandatory;
};
// Art. 17(1) (mandatory) and 17(2) (if available); and, if any, an unaccompanied minor's
// safeguards (Art. 13(3), (5)): whether the person is one, when a representative or trained person
// was assigned to accompany them, and how many unaccompanied minors that person had at the time.
const std::vector<FormItem>& ScreeningFormItems();

// Referral outcomes (Art. 18 and Art. 5(3)) with their legal basis.
struct Referral {
  std::string name;
  std::string legal_basis;
  std::string description;
};
const std::vector<Referral>& ScreeningReferrals();

}  // namespace openpact::rules
