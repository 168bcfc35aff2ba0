// Parsing and validation of the relocation case document (docs/schemas/relocation-case.schema.json).
#include "rules/json_reader.h"
#include "rules/relocation.h"

namespace openpact::rules {
namespace {

using element = simdjson::dom::element;

const std::vector<std::string> kPersons = {"applicant", "beneficiary"};
const std::vector<std::string> kOutcomes = {"confirmed", "security_threat"};

Status CheckConsistency(const RelocationCase& c) {
  const std::optional<Date> received = c.information_received_on;
  std::optional<Date> replied;
  if (c.reply.present) replied = c.reply.on;
  OP_RETURN_IF_ERROR(NotBefore(c.deferral_notified_on, "deferral_notified_on", received, "information_received_on"));
  OP_RETURN_IF_ERROR(NotBefore(replied, "reply.on", received, "information_received_on"));
  OP_RETURN_IF_ERROR(NotBefore(c.transfer_decision_on, "transfer_decision_on", received, "information_received_on"));
  OP_RETURN_IF_ERROR(NotBefore(c.transfer_notified_on, "transfer_notified_on", c.transfer_decision_on,
                               "transfer_decision_on"));
  OP_RETURN_IF_ERROR(NotBefore(c.transferred_on, "transferred_on", c.transfer_decision_on, "transfer_decision_on"));
  OP_RETURN_IF_ERROR(NotBefore(c.appeal_decided_on, "appeal_decided_on", c.transfer_decision_on, "transfer_decision_on"));
  const bool threat = c.reply.present && c.reply.outcome == "security_threat";
  for (const auto& [date, field] : {std::pair{c.transfer_decision_on, "transfer_decision_on"},
                                    std::pair{c.transferred_on, "transferred_on"}}) {
    if (date && threat) {
      return Status::InvalidArgument("the Member State of relocation found a security threat: the relocation does "
                                     "not take place (Regulation (EU) 2024/1351, Art. 67(9), second subparagraph)",
                                     field);
    }
  }
  // Art. 67(2): a risk found stops the procedure at once: nothing of the transfer follows it.
  if (c.security_risk_found_on) {
    if (c.transferred_on) {
      return Status::InvalidArgument("Art. 67(2) concerns a risk found before or during the procedure: a relocation "
                                     "that took place has no such finding to record",
                                     "security_risk_found_on");
    }
    if (c.transfer_decision_on && *c.transfer_decision_on >= *c.security_risk_found_on) {
      return Status::InvalidArgument("the benefitting Member State found a security risk on " +
                                         c.security_risk_found_on->ToString() +
                                         ": it stops the procedure at once (Regulation (EU) 2024/1351, Art. 67(2)), "
                                         "no transfer decision follows",
                                     "transfer_decision_on");
    }
  }
  OP_RETURN_IF_ERROR(NotBefore(received, "information_received_on", c.protection_granted_on, "protection_granted_on"));
  OP_RETURN_IF_ERROR(NotBefore(c.security_interview_on, "security_interview_on", received, "information_received_on"));
  if ((c.transfer_notified_on || c.transferred_on || c.appeal_decided_on) && !c.transfer_decision_on) {
    return Status::InvalidArgument("a transfer follows the transfer decision (Art. 67(10)): give transfer_decision_on",
                                   "transfer_decision_on");
  }
  return CheckNotAfterDecisionDate(c.decision_date, {{received, "information_received_on"},
                                                     {c.deferral_notified_on, "deferral_notified_on"},
                                                     {replied, "reply.on"},
                                                     {c.transfer_decision_on, "transfer_decision_on"},
                                                     {c.transfer_notified_on, "transfer_notified_on"},
                                                     {c.appeal_decided_on, "appeal_decided_on"},
                                                     {c.transferred_on, "transferred_on"},
                                                     {c.security_risk_found_on, "security_risk_found_on"},
                                                     {c.protection_granted_on, "protection_granted_on"},
                                                     {c.council_act_adopted_on, "council_act_adopted_on"},
                                                     {c.written_consent_on, "written_consent_on"},
                                                     {c.links_opportunity_on, "links_opportunity_on"},
                                                     {c.informed_on, "informed_on"},
                                                     {c.security_interview_on, "security_interview_on"}});
}

}  // namespace

Result<RelocationCase> ParseRelocationCase(std::string_view json_text, const CountryRegistry& countries) {
  OP_ASSIGN_OR_RETURN(element j, ParseJsonDocument(json_text));
  RelocationCase c;
  ObjectReader r(j, "");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_RETURN_IF_ERROR(ReadDecisionHeader(r, countries, &c.decision_date, &c.member_state));
  OP_ASSIGN_OR_RETURN(c.relocation_member_state, r.Country("relocation_member_state", countries, true));
  if (!countries.Find(c.relocation_member_state)->eu_member_state) {
    return Status::InvalidArgument("'" + c.relocation_member_state + "' is not an EU Member State (Regulation (EU) "
                                   "2024/1351, Art. 67: relocation between Member States)",
                                   "relocation_member_state");
  }
  if (c.relocation_member_state == c.member_state) {
    return Status::InvalidArgument("the Member State of relocation is another Member State than the benefitting one",
                                   "relocation_member_state");
  }
  OP_ASSIGN_OR_RETURN(c.person, r.Enum("person", kPersons, true));
  OP_ASSIGN_OR_RETURN(auto received, r.DateField("information_received_on", true));
  c.information_received_on = *received;
  OP_ASSIGN_OR_RETURN(c.deferral_notified_on, r.DateField("deferral_notified_on", false));
  OP_ASSIGN_OR_RETURN(auto reply, r.Object("reply"));
  if (reply) {
    ObjectReader rr(*reply, "reply");
    OP_RETURN_IF_ERROR(rr.CheckIsObject());
    c.reply.present = true;
    OP_ASSIGN_OR_RETURN(auto on, rr.DateField("on", true));
    c.reply.on = *on;
    OP_ASSIGN_OR_RETURN(c.reply.outcome, rr.Enum("outcome", kOutcomes, true));
    OP_RETURN_IF_ERROR(rr.Finish());
  }
  OP_ASSIGN_OR_RETURN(c.transfer_decision_on, r.DateField("transfer_decision_on", false));
  OP_ASSIGN_OR_RETURN(c.transfer_notified_on, r.DateField("transfer_notified_on", false));
  OP_ASSIGN_OR_RETURN(c.appeal_decided_on, r.DateField("appeal_decided_on", false));
  OP_ASSIGN_OR_RETURN(c.transferred_on, r.DateField("transferred_on", false));
  OP_ASSIGN_OR_RETURN(c.responsibility,
                      r.Enum("responsibility", {"not_determined", "benefitting_state", "family_criteria"}, false));
  if (c.person == "beneficiary" && !c.responsibility.empty()) {
    return Status::InvalidArgument("concerns an applicant: a beneficiary's relocation follows Art. 68(4)",
                                   "responsibility");
  }
  if (c.person == "applicant" && c.responsibility.empty()) c.responsibility = "not_determined";
  OP_ASSIGN_OR_RETURN(c.security_risk_found_on, r.DateField("security_risk_found_on", false));
  // A beneficiary's relocation only (Art. 56(2)(a)(ii), 67(4), third subparagraph).
  const char* kBeneficiaryOnly = "concerns a beneficiary of international protection (Regulation (EU) 2024/1351, "
                                 "Arts. 56(2)(a)(ii), 67(4)): not for an applicant";
  const bool agreement_given = r.Has("bilateral_agreement");  // null is "not said", as omitted
  OP_ASSIGN_OR_RETURN(const bool agreed, r.Bool("bilateral_agreement"));
  if (agreement_given) c.bilateral_agreement = agreed;
  OP_ASSIGN_OR_RETURN(c.protection_granted_on, r.DateField("protection_granted_on", false));
  OP_ASSIGN_OR_RETURN(c.council_act_adopted_on, r.DateField("council_act_adopted_on", false));
  OP_ASSIGN_OR_RETURN(c.written_consent_on, r.DateField("written_consent_on", false));
  OP_ASSIGN_OR_RETURN(c.links_opportunity_on, r.DateField("links_opportunity_on", false));
  OP_ASSIGN_OR_RETURN(c.informed_on, r.DateField("informed_on", false));
  OP_ASSIGN_OR_RETURN(c.security_interview_on, r.DateField("security_interview_on", false));
  OP_ASSIGN_OR_RETURN(c.family_relocated_to, r.StringList("family_relocated_to"));
  for (size_t i = 0; i < c.family_relocated_to.size(); ++i) {
    const std::string field = "family_relocated_to[" + std::to_string(i) + "]";
    OP_RETURN_IF_ERROR(countries.ValidateMemberState(c.family_relocated_to[i], field));
    if (c.family_relocated_to[i] == c.member_state) {
      return Status::InvalidArgument("'" + c.family_relocated_to[i] + "' is not another EU Member State: a family "
                                     "member is relocated from the benefitting Member State to a Member State of "
                                     "relocation (Art. 67(6))",
                                     field);
    }
  }
  if (c.person == "applicant") {
    for (const auto& [given, field] : {std::pair{c.bilateral_agreement.has_value(), "bilateral_agreement"},
                                       std::pair{c.protection_granted_on.has_value(), "protection_granted_on"},
                                       std::pair{c.council_act_adopted_on.has_value(), "council_act_adopted_on"},
                                       std::pair{c.written_consent_on.has_value(), "written_consent_on"}}) {
      if (given) return Status::InvalidArgument(kBeneficiaryOnly, field);
    }
  }
  OP_RETURN_IF_ERROR(r.Finish());
  OP_RETURN_IF_ERROR(CheckConsistency(c));
  return c;
}

}  // namespace openpact::rules
