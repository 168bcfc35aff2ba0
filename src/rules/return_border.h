// The return border procedure (Regulation (EU) 2024/1349, "RBPR"): what follows the rejection of
// an application in the asylum border procedure (APR, Regulation (EU) 2024/1348, Arts. 43-54).
//
// From the rejection and the appeal, the engine finds the day the person no longer has a right to
// remain nor is authorised to remain (APR Arts. 10(1) and 68), from which the return border
// procedure's maximum period runs (RBPR Art. 4(2): 12 weeks; in a crisis, 6 weeks more under
// Art. 6(1)(a)); it says whether a period for voluntary departure can be granted (Art. 4(5)),
// whether detention may continue or be imposed and until when (Art. 5), and what follows the
// maximum period (Art. 4(4)). Every conclusion is a Ground with its article, read against
// shared/spec/law-it/reg-2024-1349.txt and reg-2024-1348.txt. What needs an individual
// assessment (detention as a last resort, Art. 5(1)) is listed in `not_assessed`, never decided.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/countries.h"
#include "core/date.h"
#include "core/status.h"
#include "rules/decision_record.h"  // DecisionRecord, RulesData, Ground, Deadline, Flag

namespace openpact::rules {

// ---- The case document (docs/schemas/return-border-case.schema.json) ----

struct ReturnBorderCase {
  Date decision_date;
  std::string member_state;
  struct Person {
    std::string nationality;
    std::optional<Date> date_of_birth;
    bool unaccompanied_minor = false;
  } person;
  struct Rejection {
    Date decided_on;                     // the determining authority's decision (APR Art. 10(1))
    std::optional<Date> notified_on;     // starts the time limit to ask to remain (APR Art. 68(5)(a))
    std::string procedure;               // border | accelerated | regular
    std::string ground;                  // inadmissible | unfounded | manifestly_unfounded | implicitly_withdrawn
    std::string inadmissibility_ground;  // 38(1)(a) ... 38(1)(e) | 38(2), for an inadmissibility decision
    bool crisis_border_procedure = false;  // examined under Regulation (EU) 2024/1359, Art. 11(3), (4) or (6)
    bool subsequent_application = false;   // APR Art. 55: Art. 68(3)(d) has no exception for minors
  } rejection;
  struct Appeal {
    std::optional<Date> time_limit_ends_on;  // the national time limit to appeal (APR Art. 67(7))
    std::optional<Date> lodged_on;
    std::optional<Date> decided_on;          // the first-instance court's decision
    std::string outcome;                     // dismissed | allowed ("" while pending)
    std::optional<Date> further_appeal_lodged_on;  // APR Art. 68(7)
    // The authority considers the appeal lodged merely to delay or frustrate the enforcement of a
    // return decision that would result in imminent removal (APR Art. 68(6), subsequent applications).
    bool lodged_merely_to_delay_removal = false;
    struct LeaveToRemain {                   // APR Art. 68(4)-(5): a request to the court to remain
      std::optional<Date> time_limit_ends_on;
      std::optional<Date> requested_on;
      std::optional<Date> decided_on;
      bool granted = false;
    } leave_to_remain;
  } appeal;
  bool detained_during_border_procedure = false;  // RBPR Art. 5(2)
  std::optional<Date> detained_on;                // detention under Art. 5 began
  bool risk_of_absconding = false;                // Arts. 4(5), 5(3)
  bool avoids_or_hampers_return = false;          // Art. 5(3)
  bool danger_to_public_order_or_security = false;  // Arts. 4(5), 5(3)
  bool voluntary_departure_requested = false;     // Art. 4(5): granted only on request
  bool travel_documents_handed_over = false;      // Art. 4(5), third sentence
  bool refusal_of_entry = false;  // Art. 4(6): entry refused under Regulation (EU) 2016/399, Art. 14
  std::optional<Date> departed_on;  // the person left or was removed
};

// Parses and validates a case document: unknown fields, wrong types, impossible dates, unknown
// country codes and inconsistent dates are refused with the field named.
Result<ReturnBorderCase> ParseReturnBorderCase(std::string_view json_text, const CountryRegistry& countries);

// ---- The answer ----

// The decision's deadline for asking the court to remain pending the appeal (APR Art. 68(5)(a)),
// and its period where the case gave the national time limit (else the five days' minimum): what
// a border procedure file reads back from a stored decision.
inline constexpr const char* kLeaveToRemainDeadline = "leave_to_remain_request";
inline constexpr const char* kNationalTimeLimitPeriod = "national time limit";

struct ReturnBorderDecision : DecisionRecord {
  // applies | not_applicable | not_yet (the person still has a right to remain, or is authorised to)
  std::string return_border_procedure;
  std::optional<Date> right_to_remain_ended_on;
  std::string voluntary_departure;  // excluded | granted_on_request | on_request_only | not_applicable
  std::string detention;            // may_continue | may_be_imposed | no_ground | not_yet | not_applicable
};

// Decides the case as of `at` (default: the case's decision_date). Errors for what the engine
// cannot decide without guessing: a fact the decision needs and the case does not give (the field
// named), a Member State not bound by the RBPR, a policy gap.
Result<ReturnBorderDecision> DecideReturnBorder(const ReturnBorderCase& c, const RulesData& data,
                                                std::optional<Date> at = std::nullopt);

std::string ReturnBorderDecisionToJson(const ReturnBorderDecision& d, int indent = 2);

}  // namespace openpact::rules
