// Internal to the responsibility decision (not a public header of the rules module): the choice of
// the family's Member State when the criteria would separate family members whose applications are
// determined together, which AMMR Art. 28 (Regulation (EU) 2024/1351) and Dublin III Art. 11
// (Regulation (EU) No 604/2013) state alike: (a) the Member State the criteria designate for the
// largest number of them; (b) failing that, the one they designate for the eldest.
#pragma once

#include <functional>
#include <set>
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

// An unaccompanied minor's family members, sorted as AMMR Art. 25(2)-(3) and Dublin III Art.
// 8(1)-(2) sort them alike: a family member (`not_a_family_member` gives the reason one does not
// qualify, "" when it does) or a sibling legally present, a parent for every minor, into `family`;
// a relative whom an individual examination found able to take care of the child into `relatives`;
// one shown against the child's best interests set aside. Each member set aside goes to `consider`
// (criterion, legal basis, Member State, reason).
struct MinorsFamily {
  std::set<std::string> family;     // Member States of qualifying family members or siblings
  std::set<std::string> relatives;  // Member States of relatives who can take care of the child
};
struct MinorsFamilyProvisions {
  std::string family_or_relative;        // the legal basis of both paragraphs (best interests)
  std::string family;                    // the paragraph on family members and siblings
  std::string relative;                  // the paragraph on relatives
  std::string against_best_interests;    // the text's words, after "which is shown "
};
using ConsiderFn = std::function<void(const std::string& criterion, const std::string& legal_basis,
                                      const std::string& member_state, const std::string& reason)>;
MinorsFamily SortMinorsFamily(const std::vector<FamilyMemberFact>& family, const CountryRegistry& countries,
                              const MinorsFamilyProvisions& provisions,
                              const std::function<std::string(const FamilyMemberFact&)>& not_a_family_member,
                              const ConsiderFn& consider);

}  // namespace openpact::rules
