// Internal to the responsibility decision (not a public header of the rules module): the choice of
// the family's Member State when the criteria would separate family members whose applications are
// determined together, which AMMR Art. 28 (Regulation (EU) 2024/1351) and Dublin III Art. 11
// (Regulation (EU) No 604/2013) state alike: (a) the Member State the criteria designate for the
// largest number of them; (b) failing that, the one they designate for the eldest.
#pragma once

#include <string>
#include <vector>

#include "core/countries.h"
#include "core/status.h"
#include "rules/responsibility.h"

namespace openpact::rules {

// `designated[i]`: the Member State the criteria designate for member i alone ("" when its case
// does not reach the criteria: a take back, no single State, ...), `criteria[i]` its criterion.
// Fills `out`'s designations, flags, applies, responsible_member_state, legal_basis (`article`
// followed by "(a)" or "(b)") and reason; returns the members the criteria designate (those the
// family procedure moves or keeps). A tie among the eldest leaves `responsible_member_state` empty.
Result<std::vector<size_t>> ChooseFamilyMemberState(const std::vector<ResponsibilityCase>& members,
                                                    const std::vector<std::string>& designated,
                                                    const std::vector<std::string>& criteria,
                                                    const std::string& article, const CountryRegistry& countries,
                                                    FamilyDecision* out);

// Flags registrations on different days: whether they are close enough to be determined together
// is a caseworker's judgement (`article` names the provision).
void FlagRegisteredOnDifferentDays(const std::vector<ResponsibilityCase>& members, const std::string& article,
                                   FamilyDecision* out);

}  // namespace openpact::rules
