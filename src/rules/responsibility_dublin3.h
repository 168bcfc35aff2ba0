// Internal to the responsibility decision (not a public header of the rules module): the decision
// on the criteria of Regulation (EU) No 604/2013 for an application registered before the AMMR's
// criteria apply (Regulation (EU) 2024/1351, Art. 84(2)); DecideResponsibility calls it.
#pragma once

#include "core/date.h"
#include "core/status.h"
#include "rules/responsibility.h"

namespace openpact::rules {

// `ammr_applies_from`: the day from which registrations fall under the AMMR (ammr.application_date).
Result<ResponsibilityDecision> DecideResponsibilityDublin3(const ResponsibilityCase& c, const RulesData& data, Date at,
                                                           Date ammr_applies_from);

// Dublin III Art. 11, the family procedure, for members all registered before that day (each
// decided as of `at`, default its decision_date).
Result<FamilyDecision> DecideFamilyProcedureDublin3(const std::vector<ResponsibilityCase>& members,
                                                    const RulesData& data, std::optional<Date> at);

}  // namespace openpact::rules
