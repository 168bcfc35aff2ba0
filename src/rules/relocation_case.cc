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
                                                     {c.transferred_on, "transferred_on"}});
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
  OP_RETURN_IF_ERROR(r.Finish());
  OP_RETURN_IF_ERROR(CheckConsistency(c));
  return c;
}

}  // namespace openpact::rules
