// Parsing and validation of the return border procedure case document
// (docs/schemas/return-border-case.schema.json).
#include "rules/json_reader.h"
#include "rules/return_border.h"

namespace openpact::rules {
namespace {

using element = simdjson::dom::element;

const std::vector<std::string> kProcedures = {"border", "accelerated", "regular"};
const std::vector<std::string> kRejectionGrounds = {"inadmissible", "unfounded", "manifestly_unfounded",
                                                    "implicitly_withdrawn"};
// APR Art. 38(1)(a)-(e) and 38(2).
const std::vector<std::string> kInadmissibilityGrounds = {"38(1)(a)", "38(1)(b)", "38(1)(c)",
                                                          "38(1)(d)", "38(1)(e)", "38(2)"};
const std::vector<std::string> kOutcomes = {"dismissed", "allowed"};

Status ParsePerson(element j, const CountryRegistry& countries, ReturnBorderCase::Person* p) {
  ObjectReader r(j, "person");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_ASSIGN_OR_RETURN(p->nationality, r.Country("nationality", countries, true));
  OP_RETURN_IF_ERROR(NotAMemberState(countries, p->nationality, r.Field("nationality"),
                                     "the return border procedure concerns third-country nationals and stateless "
                                     "persons (Art. 1(1))"));
  OP_ASSIGN_OR_RETURN(p->date_of_birth, r.DateField("date_of_birth", false));
  OP_ASSIGN_OR_RETURN(p->unaccompanied_minor, r.Bool("unaccompanied_minor"));
  return r.Finish();
}

Status ParseRejection(element j, ReturnBorderCase::Rejection* x) {
  ObjectReader r(j, "rejection");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_ASSIGN_OR_RETURN(auto decided, r.DateField("decided_on", true));
  x->decided_on = *decided;
  OP_ASSIGN_OR_RETURN(x->notified_on, r.DateField("notified_on", false));
  OP_ASSIGN_OR_RETURN(x->procedure, r.Enum("procedure", kProcedures, true));
  OP_ASSIGN_OR_RETURN(x->ground, r.Enum("ground", kRejectionGrounds, true));
  OP_ASSIGN_OR_RETURN(x->inadmissibility_ground, r.Enum("inadmissibility_ground", kInadmissibilityGrounds, false));
  if (x->ground == "inadmissible" && x->inadmissibility_ground.empty()) {
    return Status::InvalidArgument("is required for an inadmissibility decision: the right to remain depends on it "
                                   "(Regulation (EU) 2024/1348, Art. 68(3)(b))",
                                   r.Field("inadmissibility_ground"));
  }
  if (x->ground != "inadmissible" && !x->inadmissibility_ground.empty()) {
    return Status::InvalidArgument("is only for a decision with ground 'inadmissible'", r.Field("inadmissibility_ground"));
  }
  OP_ASSIGN_OR_RETURN(x->subsequent_application, r.Bool("subsequent_application"));
  OP_ASSIGN_OR_RETURN(x->crisis_border_procedure, r.Bool("crisis_border_procedure"));
  if (x->crisis_border_procedure && x->procedure != "border") {
    return Status::InvalidArgument("the derogations of Regulation (EU) 2024/1359, Art. 11, concern the border procedure",
                                   r.Field("crisis_border_procedure"));
  }
  return r.Finish();
}

Status ParseAppeal(element j, ReturnBorderCase::Appeal* a) {
  ObjectReader r(j, "appeal");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_ASSIGN_OR_RETURN(a->time_limit_ends_on, r.DateField("time_limit_ends_on", false));
  OP_ASSIGN_OR_RETURN(a->lodged_on, r.DateField("lodged_on", false));
  OP_ASSIGN_OR_RETURN(a->decided_on, r.DateField("decided_on", false));
  OP_ASSIGN_OR_RETURN(a->outcome, r.Enum("outcome", kOutcomes, false));
  OP_ASSIGN_OR_RETURN(a->further_appeal_lodged_on, r.DateField("further_appeal_lodged_on", false));
  OP_ASSIGN_OR_RETURN(a->lodged_merely_to_delay_removal, r.Bool("lodged_merely_to_delay_removal"));
  OP_ASSIGN_OR_RETURN(auto leave, r.Object("leave_to_remain"));
  if (leave) {
    ObjectReader lr(*leave, "appeal.leave_to_remain");
    OP_ASSIGN_OR_RETURN(a->leave_to_remain.time_limit_ends_on, lr.DateField("time_limit_ends_on", false));
    OP_ASSIGN_OR_RETURN(a->leave_to_remain.requested_on, lr.DateField("requested_on", false));
    OP_ASSIGN_OR_RETURN(a->leave_to_remain.decided_on, lr.DateField("decided_on", false));
    OP_ASSIGN_OR_RETURN(a->leave_to_remain.granted, lr.Bool("granted"));
    OP_RETURN_IF_ERROR(lr.Finish());
  }
  return r.Finish();
}

Status CheckConsistency(const ReturnBorderCase& c) {
  const auto& a = c.appeal;
  const auto& leave = a.leave_to_remain;
  if (a.decided_on && !a.lodged_on) {
    return Status::InvalidArgument("a court decided an appeal: give appeal.lodged_on", "appeal.lodged_on");
  }
  if (a.decided_on && a.outcome.empty()) {
    return Status::InvalidArgument("is required when appeal.decided_on is given", "appeal.outcome");
  }
  if (!a.outcome.empty() && !a.decided_on) {
    return Status::InvalidArgument("an outcome needs the day of the court's decision", "appeal.decided_on");
  }
  if (a.further_appeal_lodged_on && a.outcome != "dismissed") {
    return Status::InvalidArgument("a further appeal follows a first-instance decision dismissing the appeal",
                                   "appeal.further_appeal_lodged_on");
  }
  if (a.lodged_merely_to_delay_removal && !a.lodged_on) {
    return Status::InvalidArgument("says why an appeal was lodged: give appeal.lodged_on", "appeal.lodged_on");
  }
  if (a.lodged_merely_to_delay_removal && !c.rejection.subsequent_application) {
    return Status::InvalidArgument("concerns the appeal against the rejection of a subsequent application (Regulation "
                                   "(EU) 2024/1348, Art. 68(6)); rejection.subsequent_application is not true",
                                   "appeal.lodged_merely_to_delay_removal");
  }
  if (leave.decided_on && !leave.requested_on) {
    return Status::InvalidArgument("a court decided on leave to remain: give appeal.leave_to_remain.requested_on",
                                   "appeal.leave_to_remain.requested_on");
  }
  if (leave.granted && !leave.decided_on) {
    return Status::InvalidArgument("leave granted needs the day of the court's decision", "appeal.leave_to_remain.decided_on");
  }
  const std::optional<Date> rejected = c.rejection.decided_on;
  OP_RETURN_IF_ERROR(NotBefore(c.rejection.notified_on, "rejection.notified_on", rejected, "rejection.decided_on"));
  OP_RETURN_IF_ERROR(NotBefore(a.time_limit_ends_on, "appeal.time_limit_ends_on", rejected, "rejection.decided_on"));
  OP_RETURN_IF_ERROR(NotBefore(a.lodged_on, "appeal.lodged_on", rejected, "rejection.decided_on"));
  OP_RETURN_IF_ERROR(NotBefore(a.decided_on, "appeal.decided_on", a.lodged_on, "appeal.lodged_on"));
  OP_RETURN_IF_ERROR(NotBefore(a.further_appeal_lodged_on, "appeal.further_appeal_lodged_on", a.decided_on,
                               "appeal.decided_on"));
  OP_RETURN_IF_ERROR(NotBefore(leave.time_limit_ends_on, "appeal.leave_to_remain.time_limit_ends_on", rejected,
                               "rejection.decided_on"));
  OP_RETURN_IF_ERROR(NotBefore(leave.requested_on, "appeal.leave_to_remain.requested_on", rejected,
                               "rejection.decided_on"));
  OP_RETURN_IF_ERROR(NotBefore(leave.decided_on, "appeal.leave_to_remain.decided_on", leave.requested_on,
                               "appeal.leave_to_remain.requested_on"));
  OP_RETURN_IF_ERROR(NotBefore(c.detained_on, "detained_on", rejected, "rejection.decided_on"));
  OP_RETURN_IF_ERROR(NotBefore(c.departed_on, "departed_on", rejected, "rejection.decided_on"));
  // Facts are what happened by the decision date; time limits may end later.
  return CheckNotAfterDecisionDate(
      c.decision_date,
      {{c.rejection.decided_on, "rejection.decided_on"}, {c.rejection.notified_on, "rejection.notified_on"},
       {a.lodged_on, "appeal.lodged_on"}, {a.decided_on, "appeal.decided_on"},
       {a.further_appeal_lodged_on, "appeal.further_appeal_lodged_on"},
       {leave.requested_on, "appeal.leave_to_remain.requested_on"},
       {leave.decided_on, "appeal.leave_to_remain.decided_on"}, {c.detained_on, "detained_on"},
       {c.departed_on, "departed_on"}, {c.person.date_of_birth, "person.date_of_birth"}});
}

}  // namespace

Result<ReturnBorderCase> ParseReturnBorderCase(std::string_view json_text, const CountryRegistry& countries) {
  OP_ASSIGN_OR_RETURN(element j, ParseJsonDocument(json_text));
  ReturnBorderCase c;
  ObjectReader r(j, "");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_RETURN_IF_ERROR(ReadDecisionHeader(r, countries, &c.decision_date, &c.member_state));
  OP_ASSIGN_OR_RETURN(auto person, r.RequiredObject("person"));
  OP_RETURN_IF_ERROR(ParsePerson(person, countries, &c.person));
  OP_ASSIGN_OR_RETURN(auto rejection, r.RequiredObject("rejection"));
  OP_RETURN_IF_ERROR(ParseRejection(rejection, &c.rejection));
  OP_ASSIGN_OR_RETURN(auto appeal, r.Object("appeal"));
  if (appeal) OP_RETURN_IF_ERROR(ParseAppeal(*appeal, &c.appeal));
  OP_ASSIGN_OR_RETURN(c.detained_during_border_procedure, r.Bool("detained_during_border_procedure"));
  OP_ASSIGN_OR_RETURN(c.detained_on, r.DateField("detained_on", false));
  OP_ASSIGN_OR_RETURN(c.risk_of_absconding, r.Bool("risk_of_absconding"));
  OP_ASSIGN_OR_RETURN(c.avoids_or_hampers_return, r.Bool("avoids_or_hampers_return"));
  OP_ASSIGN_OR_RETURN(c.danger_to_public_order_or_security, r.Bool("danger_to_public_order_or_security"));
  OP_ASSIGN_OR_RETURN(c.voluntary_departure_requested, r.Bool("voluntary_departure_requested"));
  OP_ASSIGN_OR_RETURN(c.travel_documents_handed_over, r.Bool("travel_documents_handed_over"));
  OP_ASSIGN_OR_RETURN(c.refusal_of_entry, r.Bool("refusal_of_entry"));
  OP_ASSIGN_OR_RETURN(c.departed_on, r.DateField("departed_on", false));
  OP_RETURN_IF_ERROR(r.Finish());
  OP_RETURN_IF_ERROR(CheckConsistency(c));
  return c;
}

}  // namespace openpact::rules
