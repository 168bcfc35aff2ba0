// Parsing and validation of the admission case document (docs/schemas/admission-case.schema.json).
#include "rules/admission.h"
#include "rules/json_reader.h"

namespace openpact::rules {
namespace {

using element = simdjson::dom::element;

const std::vector<std::string> kAdmissions = {"resettlement", "humanitarian_admission"};
const std::vector<std::string> kOutcomes = {"positive", "negative"};
// Art. 6(1)(a)-(f) (admission refused) and 6(2)(a)-(d) (admission may be refused).
const std::vector<std::string> kRefusalGrounds = {"6(1)(a)", "6(1)(b)", "6(1)(c)", "6(1)(d)", "6(1)(e)",
                                                  "6(1)(f)", "6(2)(a)", "6(2)(b)", "6(2)(c)", "6(2)(d)"};
const std::vector<std::string> kStatuses = {"international_protection", "humanitarian_status"};
const std::vector<std::string> kDiscontinuations = {"consent_withdrawn", "9(11)(a)", "9(11)(b)", "9(11)(c)"};

Status ParseConclusion(element j, AdmissionCase::Conclusion* k) {
  ObjectReader r(j, "conclusion");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  k->present = true;
  OP_ASSIGN_OR_RETURN(auto on, r.DateField("on", true));
  k->on = *on;
  OP_ASSIGN_OR_RETURN(k->outcome, r.Enum("outcome", kOutcomes, true));
  OP_ASSIGN_OR_RETURN(k->refusal_ground, r.Enum("refusal_ground", kRefusalGrounds, false));
  if (k->outcome == "negative" && k->refusal_ground.empty()) {
    return Status::InvalidArgument("is required for a negative conclusion: what follows, the keeping of the data "
                                   "included (Regulation (EU) 2024/1350, Art. 9(12)), depends on it",
                                   r.Field("refusal_ground"));
  }
  if (k->outcome == "positive" && !k->refusal_ground.empty()) {
    return Status::InvalidArgument("is only for a negative conclusion", r.Field("refusal_ground"));
  }
  return r.Finish();
}

Status ParseDiscontinuation(element j, AdmissionCase::Discontinuation* x) {
  ObjectReader r(j, "discontinued");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  x->present = true;
  OP_ASSIGN_OR_RETURN(auto on, r.DateField("on", true));
  x->on = *on;
  OP_ASSIGN_OR_RETURN(x->reason, r.Enum("reason", kDiscontinuations, true));
  return r.Finish();
}

Status CheckConsistency(const AdmissionCase& c) {
  const std::optional<Date> registered = c.registered_on;
  std::optional<Date> concluded, discontinued;
  if (c.conclusion.present) concluded = c.conclusion.on;
  if (c.discontinued.present) discontinued = c.discontinued.on;
  if (concluded && discontinued) {
    return Status::InvalidArgument("a procedure that reached a conclusion is not discontinued (Art. 9(11))",
                                   "discontinued");
  }
  const bool positive = c.conclusion.present && c.conclusion.outcome == "positive";
  if (!c.status_granted.empty() && !positive) {
    return Status::InvalidArgument("follows a positive conclusion on the admission (Art. 9(14)-(17))", "status_granted");
  }
  if (c.status_granted == "humanitarian_status" && c.admission != "humanitarian_admission") {
    return Status::InvalidArgument("a national humanitarian status follows humanitarian admission (Art. 9(17)); "
                                   "resettlement leads to international protection (Art. 9(15))",
                                   "status_granted");
  }
  if (c.entered_on && !positive) {
    return Status::InvalidArgument("entry follows a positive conclusion on the admission (Art. 9(20))", "entered_on");
  }
  OP_RETURN_IF_ERROR(NotBefore(concluded, "conclusion.on", registered, "registered_on"));
  OP_RETURN_IF_ERROR(NotBefore(discontinued, "discontinued.on", registered, "registered_on"));
  OP_RETURN_IF_ERROR(NotBefore(c.entered_on, "entered_on", concluded, "conclusion.on"));
  OP_RETURN_IF_ERROR(NotBefore(c.citizenship_acquired_on, "citizenship_acquired_on", registered, "registered_on"));
  return CheckNotAfterDecisionDate(c.decision_date, {{registered, "registered_on"},
                                                     {concluded, "conclusion.on"},
                                                     {discontinued, "discontinued.on"},
                                                     {c.entered_on, "entered_on"},
                                                     {c.citizenship_acquired_on, "citizenship_acquired_on"}});
}

}  // namespace

Result<AdmissionCase> ParseAdmissionCase(std::string_view json_text, const CountryRegistry& countries) {
  OP_ASSIGN_OR_RETURN(element j, ParseJsonDocument(json_text));
  AdmissionCase c;
  ObjectReader r(j, "");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_RETURN_IF_ERROR(ReadDecisionHeader(r, countries, &c.decision_date, &c.member_state));
  OP_ASSIGN_OR_RETURN(c.nationality, r.Country("nationality", countries, true));
  OP_RETURN_IF_ERROR(NotAMemberState(countries, c.nationality, "nationality",
                                     "admission concerns third-country nationals and stateless persons (Regulation "
                                     "(EU) 2024/1350, Art. 2)"));
  OP_ASSIGN_OR_RETURN(c.admission, r.Enum("admission", kAdmissions, true));
  OP_ASSIGN_OR_RETURN(c.emergency, r.Bool("emergency"));
  OP_ASSIGN_OR_RETURN(auto registered, r.DateField("registered_on", true));
  c.registered_on = *registered;
  OP_ASSIGN_OR_RETURN(c.complex_case, r.Bool("complex_case"));
  OP_ASSIGN_OR_RETURN(auto conclusion, r.Object("conclusion"));
  if (conclusion) OP_RETURN_IF_ERROR(ParseConclusion(*conclusion, &c.conclusion));
  OP_ASSIGN_OR_RETURN(c.status_granted, r.Enum("status_granted", kStatuses, false));
  OP_ASSIGN_OR_RETURN(c.entered_on, r.DateField("entered_on", false));
  OP_ASSIGN_OR_RETURN(auto discontinued, r.Object("discontinued"));
  if (discontinued) OP_RETURN_IF_ERROR(ParseDiscontinuation(*discontinued, &c.discontinued));
  OP_ASSIGN_OR_RETURN(c.citizenship_acquired_on, r.DateField("citizenship_acquired_on", false));
  OP_RETURN_IF_ERROR(r.Finish());
  OP_RETURN_IF_ERROR(CheckConsistency(c));
  return c;
}

}  // namespace openpact::rules
