// Parsing and validation of the procedure case document (shared/spec/case-documents.md).
#include "rules/json_reader.h"
#include "rules/procedure.h"

namespace openpact::rules {
namespace {

using element = simdjson::dom::element;

const std::vector<std::string> kContexts = {"border_crossing_point", "transit_zone",
                                            "apprehended_irregular_crossing", "sar_disembarkation",
                                            "relocation", "in_territory"};

Status ParseApplicant(element j, const CountryRegistry& countries, ProcedureCase::Applicant* a) {
  ObjectReader r(j, "applicant");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_ASSIGN_OR_RETURN(a->nationality, r.Country("nationality", countries, true));
  OP_RETURN_IF_ERROR(NotAMemberState(countries, a->nationality, r.Field("nationality"),
                                     "applications by Union citizens fall under Protocol No 24, not the APR"));
  OP_ASSIGN_OR_RETURN(a->former_habitual_residence, r.Country("former_habitual_residence", countries, false));
  OP_ASSIGN_OR_RETURN(a->date_of_birth, r.DateField("date_of_birth", false));
  OP_ASSIGN_OR_RETURN(a->unaccompanied_minor, r.Bool("unaccompanied_minor"));
  OP_ASSIGN_OR_RETURN(a->region_of_origin, r.String("region_of_origin", false));
  OP_ASSIGN_OR_RETURN(a->categories, r.StringList("categories"));
  OP_ASSIGN_OR_RETURN(a->special_reception_needs, r.Bool("special_reception_needs"));
  OP_ASSIGN_OR_RETURN(a->special_procedural_guarantees, r.Bool("special_procedural_guarantees"));
  OP_ASSIGN_OR_RETURN(a->support_available_at_border, r.Bool("support_available_at_border", true));
  OP_ASSIGN_OR_RETURN(a->support_available_in_accelerated_examination,
                      r.Bool("support_available_in_accelerated_examination", true));
  OP_ASSIGN_OR_RETURN(a->medical_reasons, r.Bool("medical_reasons"));
  OP_ASSIGN_OR_RETURN(a->instrumentalised, r.Bool("instrumentalised"));
  OP_ASSIGN_OR_RETURN(a->family_member_of_child_under_12, r.Bool("family_member_of_child_under_12"));
  return r.Finish();
}

Status ParseApplication(element j, const CountryRegistry& countries, ProcedureCase::Application* a) {
  ObjectReader r(j, "application");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_ASSIGN_OR_RETURN(auto made, r.DateField("made_on", true));
  a->made_on = *made;
  // The steps after the making (a representative, a referral, interviews, an assessment) come on or after it.
  auto not_before_making = [&](const std::optional<Date>& on, const char* key) {
    return NotBefore(on, r.Field(key).c_str(), a->made_on, "made_on");
  };
  OP_ASSIGN_OR_RETURN(a->registered_on, r.DateField("registered_on", false));
  OP_ASSIGN_OR_RETURN(a->lodged_on, r.DateField("lodged_on", false));
  OP_ASSIGN_OR_RETURN(a->context, r.Enum("context", kContexts, true));
  OP_ASSIGN_OR_RETURN(a->after_screening, r.Bool("after_screening"));
  OP_ASSIGN_OR_RETURN(a->meets_entry_conditions, r.Bool("meets_entry_conditions"));
  OP_ASSIGN_OR_RETURN(a->entered_lawfully, r.Bool("entered_lawfully"));
  OP_ASSIGN_OR_RETURN(a->subsequent, r.Bool("subsequent"));
  OP_ASSIGN_OR_RETURN(a->new_elements, r.Bool("new_elements"));
  OP_ASSIGN_OR_RETURN(a->previous_subsequent_rejected, r.Bool("previous_subsequent_rejected"));
  if (a->previous_subsequent_rejected && !a->subsequent) {
    return Status::InvalidArgument("concerns a subsequent application (Art. 56(b)): give subsequent true",
                                   r.Field("previous_subsequent_rejected"));
  }
  OP_ASSIGN_OR_RETURN(a->return_decision_notified_on, r.DateField("return_decision_notified_on", false));
  OP_ASSIGN_OR_RETURN(a->return_consequences_not_explained, r.Bool("return_consequences_not_explained"));
  OP_ASSIGN_OR_RETURN(a->protection_granted_by, r.Country("protection_granted_by", countries, false));
  if (!a->protection_granted_by.empty() && !countries.Find(a->protection_granted_by)->eu_member_state) {
    return Status::InvalidArgument("'" + a->protection_granted_by +
                                       "' is not an EU Member State (Art. 38(1)(c) concerns protection "
                                       "granted by another Member State)",
                                   r.Field("protection_granted_by"));
  }
  OP_ASSIGN_OR_RETURN(a->disproportionate_number, r.Bool("disproportionate_number"));
  OP_ASSIGN_OR_RETURN(a->decision_notified_on, r.DateField("decision_notified_on", false));
  static const std::vector<std::string> kExtensionReasons = {"disproportionate_number", "complex_case",
                                                             "applicant_failed_obligations"};
  OP_ASSIGN_OR_RETURN(a->admissibility_extended, r.Enum("admissibility_extended", kExtensionReasons, false));
  OP_ASSIGN_OR_RETURN(a->examination_extended, r.Enum("examination_extended", kExtensionReasons, false));
  OP_ASSIGN_OR_RETURN(a->examination_postponed, r.Bool("examination_postponed"));
  OP_ASSIGN_OR_RETURN(a->border_procedure_extended, r.Bool("border_procedure_extended"));
  OP_ASSIGN_OR_RETURN(a->reported_after_transfer_on, r.DateField("reported_after_transfer_on", false));
  OP_ASSIGN_OR_RETURN(a->too_complex_for_acceleration, r.Bool("too_complex_for_acceleration"));
  OP_ASSIGN_OR_RETURN(a->arrived_after_relocation_on, r.DateField("arrived_after_relocation_on", false));
  if (a->arrived_after_relocation_on && a->context != "relocation") {
    return Status::InvalidArgument("concerns an applicant relocated under Regulation (EU) 2024/1351, Art. 67(11): "
                                   "context must be relocation",
                                   r.Field("arrived_after_relocation_on"));
  }
  if (a->arrived_after_relocation_on && a->registered_on && *a->arrived_after_relocation_on < *a->registered_on) {
    return Status::InvalidArgument("a relocation follows the registration: cannot precede registered_on " +
                                       a->registered_on->ToString(),
                                   r.Field("arrived_after_relocation_on"));
  }
  OP_ASSIGN_OR_RETURN(a->guarantees_assessed_on, r.DateField("guarantees_assessed_on", false));
  OP_ASSIGN_OR_RETURN(a->representative_appointed_on, r.DateField("representative_appointed_on", false));
  OP_ASSIGN_OR_RETURN(a->representative_exceptional_situation, r.Bool("representative_exceptional_situation"));
  OP_RETURN_IF_ERROR(not_before_making(a->representative_appointed_on, "representative_appointed_on"));
  OP_ASSIGN_OR_RETURN(a->made_to_non_registering_authority, r.Bool("made_to_non_registering_authority"));
  OP_ASSIGN_OR_RETURN(a->registering_authority_informed_on, r.DateField("registering_authority_informed_on", false));
  if (a->registering_authority_informed_on && !a->made_to_non_registering_authority) {
    return Status::InvalidArgument("concerns an application made to an authority that does not register "
                                   "applications (Art. 27(3)): set made_to_non_registering_authority",
                                   r.Field("registering_authority_informed_on"));
  }
  OP_RETURN_IF_ERROR(not_before_making(a->registering_authority_informed_on, "registering_authority_informed_on"));
  OP_ASSIGN_OR_RETURN(a->likely_well_founded, r.Bool("likely_well_founded"));
  OP_ASSIGN_OR_RETURN(a->interview_omitted, r.Bool("interview_omitted"));
  OP_ASSIGN_OR_RETURN(a->crisis_recommendation, r.String("crisis_recommendation", false));
  OP_ASSIGN_OR_RETURN(a->admissibility_interview_on, r.DateField("admissibility_interview_on", false));
  static const std::vector<std::string> kInterviewOmissions = {"not_inadmissible", "unfit", "written_statement",
                                                               "protection_in_other_member_state"};
  OP_ASSIGN_OR_RETURN(a->admissibility_interview_omitted,
                      r.Enum("admissibility_interview_omitted", kInterviewOmissions, false));
  if (a->admissibility_interview_on && !a->admissibility_interview_omitted.empty()) {
    return Status::InvalidArgument("an interview held was not omitted: give admissibility_interview_on or "
                                   "admissibility_interview_omitted, not both",
                                   r.Field("admissibility_interview_omitted"));
  }
  OP_ASSIGN_OR_RETURN(a->previous_final_decision_on, r.DateField("previous_final_decision_on", false));
  OP_ASSIGN_OR_RETURN(a->previous_implicitly_withdrawn, r.Bool("previous_implicitly_withdrawn"));
  for (const auto& [given, field] : {std::pair{a->previous_final_decision_on.has_value(), "previous_final_decision_on"},
                                     std::pair{a->previous_implicitly_withdrawn, "previous_implicitly_withdrawn"}}) {
    if (given && !a->subsequent) {
      return Status::InvalidArgument("concerns a subsequent application (Art. 55(2)): give subsequent true",
                                     r.Field(field));
    }
  }
  if (a->previous_final_decision_on && a->made_on < *a->previous_final_decision_on) {
    return Status::InvalidArgument("an application made on " + a->made_on.ToString() +
                                       ", before the final decision on the previous application (" +
                                       a->previous_final_decision_on->ToString() +
                                       "), is a further representation examined in the ongoing procedure or appeal, "
                                       "not a subsequent application (Art. 55(1))",
                                   r.Field("subsequent"));
  }
  OP_ASSIGN_OR_RETURN(a->merits_interview_on, r.DateField("merits_interview_on", false));
  OP_ASSIGN_OR_RETURN(a->merits_interview_omitted,
                      r.Enum("merits_interview_omitted", {"positive_decision", "unfit"}, false));
  if (a->merits_interview_on && (!a->merits_interview_omitted.empty() || a->interview_omitted)) {
    return Status::InvalidArgument("an interview held was not omitted: give merits_interview_on or an omission "
                                   "(merits_interview_omitted, interview_omitted), not both",
                                   r.Field("merits_interview_on"));
  }
  OP_RETURN_IF_ERROR(not_before_making(a->merits_interview_on, "merits_interview_on"));
  if (a->interview_omitted && a->merits_interview_omitted == "unfit") {
    return Status::InvalidArgument("interview_omitted says Art. 13(11)(a), a positive decision; unfit is (c): give "
                                   "one reason",
                                   r.Field("merits_interview_omitted"));
  }
  OP_ASSIGN_OR_RETURN(a->remitted_on, r.DateField("remitted_on", false));
  if (a->remitted_on && (!a->lodged_on || *a->remitted_on <= *a->lodged_on)) {
    return Status::InvalidArgument("a court sends back a decision on a lodged application: give lodged_on, before "
                                   "this day",
                                   r.Field("remitted_on"));
  }
  if (a->remitted_on && a->decision_notified_on && *a->decision_notified_on < *a->remitted_on) {
    return Status::InvalidArgument("the decision notified before the remittal was annulled (Art. 35(8)): give the new "
                                   "decision's notification, not before remitted_on " + a->remitted_on->ToString(),
                                   r.Field("decision_notified_on"));
  }
  OP_RETURN_IF_ERROR(not_before_making(a->admissibility_interview_on, "admissibility_interview_on"));
  OP_RETURN_IF_ERROR(not_before_making(a->guarantees_assessed_on, "guarantees_assessed_on"));
  if (a->reported_after_transfer_on && a->registered_on && *a->reported_after_transfer_on < *a->registered_on) {
    return Status::InvalidArgument("a transfer follows the registration: cannot precede registered_on " +
                                       a->registered_on->ToString(),
                                   r.Field("reported_after_transfer_on"));
  }
  if ((!a->admissibility_extended.empty() || !a->examination_extended.empty() || a->examination_postponed) &&
      !a->lodged_on) {
    return Status::InvalidArgument("the time limits of Art. 35 run from the lodging of the application: give "
                                   "lodged_on",
                                   r.Field("lodged_on"));
  }
  return r.Finish();
}

}  // namespace

const std::vector<std::string>& ImplicitWithdrawalGrounds() {
  static const std::vector<std::string> kGrounds = {"not_lodged",       "refused_cooperation", "refused_address",
                                                    "missed_interview", "unavailable",         "left_member_state"};
  return kGrounds;
}

namespace {

Status ParseFacts(element j, const CountryRegistry& countries, ProcedureCase::Facts* f) {
  ObjectReader r(j, "facts");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_ASSIGN_OR_RETURN(f->only_irrelevant_issues, r.Bool("only_irrelevant_issues"));
  OP_ASSIGN_OR_RETURN(f->clearly_unconvincing_claim, r.Bool("clearly_unconvincing_claim"));
  OP_ASSIGN_OR_RETURN(f->misled_authorities, r.Bool("misled_authorities"));
  OP_ASSIGN_OR_RETURN(f->destroyed_documents, r.Bool("destroyed_documents"));
  OP_ASSIGN_OR_RETURN(f->delay_removal_only, r.Bool("delay_removal_only"));
  const bool imminent_given = r.Has("removal_imminent");  // null is "not said", as omitted
  OP_ASSIGN_OR_RETURN(const bool imminent, r.Bool("removal_imminent"));
  if (imminent_given) {
    if (!f->delay_removal_only) {
      return Status::InvalidArgument("concerns an application made merely to delay removal (Art. 56(a)): give "
                                     "delay_removal_only true",
                                     r.Field("removal_imminent"));
    }
    f->removal_imminent = imminent;
  }
  OP_ASSIGN_OR_RETURN(f->danger_security_public_order, r.Bool("danger_security_public_order"));
  OP_ASSIGN_OR_RETURN(f->late_application_without_good_reason, r.Bool("late_application_without_good_reason"));
  OP_ASSIGN_OR_RETURN(f->refuses_biometrics, r.Bool("refuses_biometrics"));
  OP_ASSIGN_OR_RETURN(f->european_arrest_warrant, r.Bool("european_arrest_warrant"));
  OP_ASSIGN_OR_RETURN(f->extradition_or_surrender, r.Bool("extradition_or_surrender"));
  OP_ASSIGN_OR_RETURN(f->first_country_of_asylum, r.Country("first_country_of_asylum", countries, false));
  OP_RETURN_IF_ERROR(NotAMemberState(countries, f->first_country_of_asylum, r.Field("first_country_of_asylum"),
                                     "Art. 38(1)(a) concerns a country that is not a Member State"));
  OP_ASSIGN_OR_RETURN(auto stc, r.Object("safe_third_country"));
  if (stc) {
    ObjectReader s(*stc, "facts.safe_third_country");
    SafeThirdCountryFact fact;
    OP_ASSIGN_OR_RETURN(fact.country, s.Country("country", countries, true));
    OP_RETURN_IF_ERROR(NotAMemberState(countries, fact.country, s.Field("country"),
                                       "Art. 38(1)(b) concerns a country that is not a Member State"));
    OP_ASSIGN_OR_RETURN(fact.link, s.Enum("link", {"connection", "transit", "agreement"}, true));
    OP_ASSIGN_OR_RETURN(fact.case_by_case, s.Bool("case_by_case"));
    OP_RETURN_IF_ERROR(s.Finish());
    f->safe_third_country = fact;
  }
  OP_ASSIGN_OR_RETURN(f->rebuts_safe_country_of_origin, r.Bool("rebuts_safe_country_of_origin"));
  OP_ASSIGN_OR_RETURN(f->third_country_will_not_readmit, r.Bool("third_country_will_not_readmit"));
  OP_ASSIGN_OR_RETURN(f->unaccompanied_minor_assurance, r.Bool("unaccompanied_minor_assurance"));
  OP_ASSIGN_OR_RETURN(f->relocated_by_international_court, r.Bool("relocated_by_international_court"));
  OP_ASSIGN_OR_RETURN(f->recognition_rate_not_representative, r.Bool("recognition_rate_not_representative"));
  OP_ASSIGN_OR_RETURN(f->detention_guarantees_unmet, r.Bool("detention_guarantees_unmet"));
  OP_ASSIGN_OR_RETURN(f->implicit_withdrawal_ground, r.Enum("implicit_withdrawal_ground", ImplicitWithdrawalGrounds(), false));
  OP_ASSIGN_OR_RETURN(f->explicit_withdrawal_on, r.DateField("explicit_withdrawal_on", false));
  return r.Finish();
}

// Dates must follow the order of events: made <= registered <= lodged <= decision.
Status CheckChronology(const ProcedureCase& c) {
  const auto& a = c.application;
  if (c.facts.implicit_withdrawal_ground == "not_lodged" && a.lodged_on) {
    return Status::InvalidArgument("the application was lodged on " + a.lodged_on->ToString() +
                                       ": Art. 41(1)(a) concerns one that was not",
                                   "facts.implicit_withdrawal_ground");
  }
  if (c.facts.explicit_withdrawal_on) {
    if (!c.facts.implicit_withdrawal_ground.empty()) {
      return Status::InvalidArgument("an application withdrawn explicitly (Art. 40) is not also declared implicitly "
                                     "withdrawn (Art. 41): give one of the two",
                                     "facts.explicit_withdrawal_on");
    }
    if (*c.facts.explicit_withdrawal_on < a.made_on) {
      return Status::InvalidArgument("an application is withdrawn after it was made (made_on " + a.made_on.ToString() +
                                         ")",
                                     "facts.explicit_withdrawal_on");
    }
  }
  if (a.registered_on && *a.registered_on < a.made_on) {
    return Status::InvalidArgument("registration cannot precede the making of the application (made_on " +
                                       a.made_on.ToString() + ")",
                                   "application.registered_on");
  }
  if (a.lodged_on) {
    if (!a.registered_on) {
      return Status::InvalidArgument("an application is lodged after it is registered: give registered_on",
                                     "application.registered_on");
    }
    if (*a.lodged_on < *a.registered_on) {
      return Status::InvalidArgument("lodging cannot precede registration (registered_on " +
                                         a.registered_on->ToString() + ")",
                                     "application.lodged_on");
    }
  }
  OP_RETURN_IF_ERROR(CheckNotAfterDecisionDate(c.decision_date, {{a.made_on, "application.made_on"},
                                                                  {a.registered_on, "application.registered_on"},
                                                                  {a.lodged_on, "application.lodged_on"},
                                                                  {a.registering_authority_informed_on,
                                                                   "application.registering_authority_informed_on"},
                                                                  {c.applicant.date_of_birth, "applicant.date_of_birth"},
                                                                  {c.facts.explicit_withdrawal_on,
                                                                   "facts.explicit_withdrawal_on"}}));
  if (a.decision_notified_on && *a.decision_notified_on < a.made_on) {
    return Status::InvalidArgument("a decision cannot be notified before the application was made",
                                   "application.decision_notified_on");
  }
  return Status::OK();
}

}  // namespace

Result<ProcedureCase> ParseProcedureCase(std::string_view json_text, const CountryRegistry& countries) {
  OP_ASSIGN_OR_RETURN(element j, ParseJsonDocument(json_text));
  ProcedureCase c;
  ObjectReader r(j, "");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_RETURN_IF_ERROR(ReadDecisionHeader(r, countries, &c.decision_date, &c.member_state));
  OP_ASSIGN_OR_RETURN(auto applicant, r.RequiredObject("applicant"));
  OP_RETURN_IF_ERROR(ParseApplicant(applicant, countries, &c.applicant));
  OP_ASSIGN_OR_RETURN(auto application, r.RequiredObject("application"));
  OP_RETURN_IF_ERROR(ParseApplication(application, countries, &c.application));
  OP_ASSIGN_OR_RETURN(auto facts, r.Object("facts"));
  if (facts) OP_RETURN_IF_ERROR(ParseFacts(*facts, countries, &c.facts));
  OP_ASSIGN_OR_RETURN(auto capacity, r.Object("capacity"));
  if (capacity) {
    ObjectReader cr(*capacity, "capacity");
    OP_ASSIGN_OR_RETURN(c.capacity.adequate_capacity_reached, cr.Bool("adequate_capacity_reached"));
    OP_ASSIGN_OR_RETURN(c.capacity.annual_maximum_reached, cr.Bool("annual_maximum_reached"));
    OP_RETURN_IF_ERROR(cr.Finish());
  }
  OP_RETURN_IF_ERROR(r.Finish());
  if (c.application.protection_granted_by == c.member_state) {
    return Status::InvalidArgument("Art. 38(1)(c) concerns protection granted by another Member State",
                                   "application.protection_granted_by");
  }
  OP_RETURN_IF_ERROR(CheckChronology(c));
  return c;
}

}  // namespace openpact::rules
