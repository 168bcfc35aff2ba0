// The return of a third-country national staying illegally, under the Return Directive
// (Directive 2008/115/EC): whether a return decision must be issued (Art. 6), the period for
// voluntary departure (Art. 7), removal and its postponement (Arts. 8-9), the entry ban (Art. 11)
// and the maximum periods of detention (Arts. 15, 17).
//
// The Directive is not in shared/spec/law-it: the rules follow shared/spec/rules.md §5.1 (marked
// there "high confidence", from memory) and the Directive as read in archived copies
// (docs/rules.md, "Return decision"); every answer says so (flag `text_not_in_law_it`). A
// rejection in the asylum border procedure is first the return border procedure's (Regulation
// (EU) 2024/1349: `decide return-border`), which this answer names instead of deciding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/countries.h"
#include "core/date.h"
#include "core/status.h"
#include "rules/decision_record.h"  // DecisionRecord, RulesData, Ground, Deadline, Flag

namespace openpact::rules {

// ---- The case document (docs/schemas/return-case.schema.json) ----
struct ReturnCase {
  Date decision_date;
  std::string member_state;
  struct Person {
    std::string nationality;
    std::optional<Date> date_of_birth;
    bool unaccompanied_minor = false;
    bool family_with_minors = false;
  } person;
  Date illegal_stay_since;  // the illegal stay established (Art. 3(2))
  // Art. 6(2)-(5) and Art. 2(2)(a): situations in which no return decision is issued (yet).
  std::string residence_permit_of;         // a valid residence permit of another Member State (6(2))
  bool humanitarian_permit = false;        // an autonomous permit for compassionate or humanitarian reasons (6(4))
  bool permit_renewal_pending = false;     // a pending procedure to renew a permit (6(5))
  bool refused_entry_at_border = false;    // refused entry, or apprehended crossing irregularly, and the State applies 2(2)(a)
  bool rejected_in_border_procedure = false;  // the return border procedure comes first (Regulation (EU) 2024/1349)
  // APR (Regulation (EU) 2024/1348) Art. 37: an application for international protection rejected
  // (outside the border procedure), with which the return decision is issued.
  struct AsylumRejection {
    bool present = false;
    Date decided_on;
    std::string ground;  // inadmissible | unfounded | manifestly_unfounded | withdrawn
    bool return_decision_before_application = false;  // one issued before the application stands
  } asylum_rejection;
  std::optional<Date> return_decision_notified_on;  // the return decision, once notified
  struct VoluntaryDeparture {
    std::optional<int> granted_days;  // the period granted (Art. 7(1): 7-30 days; 0 = none)
    int extended_days = 0;            // an extension (Art. 7(2))
    bool risk_of_absconding = false;  // Art. 7(4)
    bool manifestly_unfounded_or_fraudulent = false;  // an application for legal stay so dismissed (7(4))
    bool public_policy_risk = false;  // a risk to public policy, public security or national security (7(4))
    std::optional<Date> departed_on;
  } voluntary_departure;
  // A residence permit was granted under Directive 2004/81/EC to the person as a victim of
  // trafficking in human beings (Art. 11(3), second subparagraph: no entry ban).
  bool trafficking_victim_permit = false;
  struct EntryBan {
    bool present = false;
    int years = 0;
    bool serious_threat = false;  // a serious threat to public policy, public security or national security (11(2))
  } entry_ban;
  // Art. 10 and CJEU C-441/19 (TQ): an unaccompanied minor's return. Read only where
  // person.unaccompanied_minor; absent facts are "not established".
  struct UnaccompaniedMinorReturn {
    bool present = false;
    bool assisted_by_other_bodies = false;  // 10(1): assistance by bodies other than those enforcing return
    bool best_interests_assessed = false;   // C-441/19: a general and in-depth assessment of the minor's situation
    // 10(2): to whom the minor will be returned in the State of return: family_member |
    // nominated_guardian | adequate_reception_facilities | not_available; "" = not established.
    std::string reception_in_return_state;
  } unaccompanied_minor_return;
  bool non_refoulement = false;   // removal would violate non-refoulement (9(1)(a))
  bool suspensive_effect = false; // suspensive effect granted on an appeal (9(1)(b), 13(2))
  // Art. 9(2): the Member State postponed removal on a ground it may take into account:
  // physical_or_mental_state (9(2)(a)) | technical_reasons (9(2)(b)); "" = none.
  std::string removal_postponement;
  struct Detention {
    bool present = false;
    Date started_on;                  // the start of the detention counted toward the maxima
    bool lack_of_cooperation = false; // 15(6)(a)
    bool documents_delayed = false;   // 15(6)(b): delays in obtaining documents from third countries
    std::optional<Date> released_on;
    // Art. 15(1): the ground (risk_of_absconding | avoids_or_hampers_return | other; "" = not
    // stated) and whether less coercive measures were found insufficient in this case.
    std::string ground;
    bool less_coercive_measures_insufficient = false;
    bool no_reasonable_prospect_of_removal = false;  // 15(4): release at once
    std::string ordered_by;                          // administrative | judicial ("" = not stated)
    std::optional<Date> judicial_review_on;          // 15(2): the speedy judicial review, decided
    // Art. 16(1): specialised | prison_separated | prison_not_separated ("" = not stated).
    std::string facility;
  } detention;
};

Result<ReturnCase> ParseReturnCase(std::string_view json_text, const CountryRegistry& countries);

// ---- The answer ----
struct ReturnDecision : DecisionRecord {
  // required | go_to_other_member_state (6(2)) | may_refrain (6(4)-(5)) | directive_not_applied
  // (2(2)(a)) | return_border_procedure_first | barred_no_adequate_reception (an unaccompanied
  // minor for whom no adequate reception in the State of return is available: Art. 6(1) with 5(a)
  // and 10(2), C-441/19)
  std::string return_decision;
  // not_yet (no return decision notified) | granted | may_refuse (7(4)) | required_not_granted |
  // complied | expired | not_applicable
  std::string voluntary_departure;
  std::string entry_ban;  // mandatory | optional | not_yet | excluded (11(3)) | not_applicable
  std::string removal;    // may_proceed | postponed | not_yet | not_applicable
  std::optional<Date> detention_until;  // the latest day detention may last (Art. 15(5)-(6))
};

// Decides as of `at` (default: the case's decision_date). Refused naming the field for a fact the
// answer needs and the case does not give, or an impossible one.
Result<ReturnDecision> DecideReturn(const ReturnCase& c, const RulesData& data, std::optional<Date> at = std::nullopt);

std::string ReturnDecisionToJson(const ReturnDecision& d, int indent = 2);

}  // namespace openpact::rules
