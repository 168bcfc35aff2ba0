// The relocation procedure of the solidarity mechanism (Regulation (EU) 2024/1351, "AMMR", Art.
// 67), read against shared/spec/law-it/reg-2024-1351.txt: once the benefitting Member State has
// sent the person's information (67(7)), the Member State of relocation confirms within one week
// of receiving it, or says within that week that the person is a security threat; in exceptional
// cases it answers within two weeks, having said within the week that it defers (67(9)); no
// answer in time is a confirmation, with the duty to relocate. The benefitting Member State then
// takes the transfer decision within one week of the confirmation and notifies it at least two
// days (an applicant) or one week (a beneficiary) before the transfer (67(10)); the transfer takes
// place within four weeks of the confirmation, or of the final decision on an appeal or review
// with suspensive effect (67(11)). Time limits are counted under AMMR Art. 75 (67(13) applies the
// procedure's rules mutatis mutandis).
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

// ---- The case document (docs/schemas/relocation-case.schema.json) ----
struct RelocationCase {
  Date decision_date;
  std::string member_state;             // the benefitting Member State, where the person is
  std::string relocation_member_state;  // the contributing Member State
  std::string person;                   // applicant | beneficiary (Art. 67(10): the notice before the transfer)
  Date information_received_on;         // Art. 67(7)-(9): the relocation Member State's receipt
  std::optional<Date> deferral_notified_on;  // 67(9), third subparagraph: the decision to answer within two weeks
  struct Reply {
    bool present = false;
    Date on;
    std::string outcome;  // confirmed | security_threat
  } reply;
  std::optional<Date> transfer_decision_on;  // 67(10)
  std::optional<Date> transfer_notified_on;  // 67(10): notified in writing to the person
  std::optional<Date> appeal_decided_on;     // 67(11): final decision on an appeal or review with suspensive effect
  std::optional<Date> transferred_on;        // 67(11)
  // An applicant's Member State responsible before the relocation (Arts. 67(5), 68(2)-(3)):
  // not_determined | benefitting_state (declared responsible on grounds other than Arts. 25-28 and
  // 34) | family_criteria (the benefitting State can be determined responsible on Arts. 25-28 or
  // 34, 25(5) aside: not eligible for relocation). "" for a beneficiary.
  std::string responsibility;
  // Art. 67(2): the benefitting Member State found reasonable grounds to consider the person a
  // risk to its internal security, before or during the procedure: it does not apply it, or stops.
  std::optional<Date> security_risk_found_on;
  // A beneficiary only (Art. 56(2)(a)(ii), 67(4), third subparagraph): the two Member States agreed
  // bilaterally to relocate beneficiaries; the day protection was granted and the day the Council
  // implementing act (Art. 57) establishing the pool was adopted (granted less than three years
  // before it); the person's written consent, without which there is no relocation.
  std::optional<bool> bilateral_agreement;
  std::optional<Date> protection_granted_on;
  std::optional<Date> council_act_adopted_on;
  std::optional<Date> written_consent_on;
  // Art. 67(3), second subparagraph: the day the person was given the opportunity to give
  // information on meaningful links with specific Member States (no right to choose one).
  std::optional<Date> links_opportunity_on;
  // Art. 67(5), first subparagraph: the day the benefitting Member State informed the person of
  // the procedure (Arts. 67-68) and, for an applicant, of the obligations of Art. 17(3)-(5) and the
  // consequences of Art. 18.
  std::optional<Date> informed_on;
  // Art. 67(6): the Member State each of the person's family members is relocated (or to be
  // relocated) to; family members are relocated to the same Member State.
  std::vector<std::string> family_relocated_to;
  // Art. 67(8): the Member State of relocation verified the information in a personal interview on
  // this day; it takes place within the time limits of 67(9).
  std::optional<Date> security_interview_on;
};

Result<RelocationCase> ParseRelocationCase(std::string_view json_text, const CountryRegistry& countries);

// ---- The answer ----
struct RelocationDecision : DecisionRecord {
  // awaiting_reply | confirmed | deemed_confirmed | not_relocated_security_threat (the relocation
  // State's answer, 67(9), or the benefitting State's own finding, 67(2)) | transferred |
  // not_eligible (Art. 67(5), second subparagraph; a beneficiary outside Art. 56(2)(a)(ii))
  std::string relocation;
  std::optional<Date> confirmed_on;  // the reply, or the end of its time limit for a silence
};

// Decides as of `at` (default: the case's decision_date). Refused naming the field for a Member
// State that takes no part in the solidarity mechanism, or a date before the AMMR applies.
Result<RelocationDecision> DecideRelocation(const RelocationCase& c, const RulesData& data,
                                            std::optional<Date> at = std::nullopt);

std::string RelocationDecisionToJson(const RelocationDecision& d, int indent = 2);

}  // namespace openpact::rules
