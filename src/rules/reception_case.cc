// Parsing and validation of the reception case document (docs/schemas/reception-case.schema.json).
#include "rules/json_reader.h"
#include "rules/reception.h"

namespace openpact::rules {
namespace {

using element = simdjson::dom::element;

// APR Art. 42(1)(a)-(j).
const std::vector<std::string> kAcceleratedGrounds = {"42(1)(a)", "42(1)(b)", "42(1)(c)", "42(1)(d)", "42(1)(e)",
                                                      "42(1)(f)", "42(1)(g)", "42(1)(h)", "42(1)(i)", "42(1)(j)"};
const std::vector<std::string> kOrderedBy = {"administrative", "judicial"};
const std::vector<std::string> kReviews = {"ex_officio", "on_request"};

Status ParseApplicant(element j, const CountryRegistry& countries, ReceptionCase::Applicant* a) {
  ObjectReader r(j, "applicant");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_ASSIGN_OR_RETURN(a->nationality, r.Country("nationality", countries, true));
  OP_RETURN_IF_ERROR(NotAMemberState(countries, a->nationality, r.Field("nationality"),
                                     "an applicant for international protection is a third-country national or a "
                                     "stateless person (Directive (EU) 2024/1346, Art. 2(2)-(3))"));
  OP_ASSIGN_OR_RETURN(a->date_of_birth, r.DateField("date_of_birth", false));
  OP_ASSIGN_OR_RETURN(a->unaccompanied_minor, r.Bool("unaccompanied_minor"));
  OP_ASSIGN_OR_RETURN(a->minor_children, r.Bool("minor_children"));
  return r.Finish();
}

Status ParseApplication(element j, ReceptionCase::Application* a) {
  ObjectReader r(j, "application");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_ASSIGN_OR_RETURN(auto made, r.DateField("made_on", true));
  a->made_on = *made;
  OP_ASSIGN_OR_RETURN(a->registered_on, r.DateField("registered_on", false));
  OP_ASSIGN_OR_RETURN(a->lodged_on, r.DateField("lodged_on", false));
  OP_ASSIGN_OR_RETURN(a->disproportionate_number, r.Bool("disproportionate_number"));
  OP_ASSIGN_OR_RETURN(a->made_to_non_registering_authority, r.Bool("made_to_non_registering_authority"));
  OP_ASSIGN_OR_RETURN(a->registering_authority_informed_on, r.DateField("registering_authority_informed_on", false));
  if (a->registering_authority_informed_on && !a->made_to_non_registering_authority) {
    return Status::InvalidArgument("concerns an application made to an authority that does not register "
                                   "applications (Regulation (EU) 2024/1348, Art. 27(3)): set "
                                   "made_to_non_registering_authority",
                                   r.Field("registering_authority_informed_on"));
  }
  OP_ASSIGN_OR_RETURN(a->accelerated_ground, r.Enum("accelerated_ground", kAcceleratedGrounds, false));
  OP_ASSIGN_OR_RETURN(a->decided_on, r.DateField("decided_on", false));
  OP_ASSIGN_OR_RETURN(a->delay_attributable_to_applicant, r.Bool("delay_attributable_to_applicant"));
  OP_ASSIGN_OR_RETURN(a->appealed_with_right_to_remain, r.Bool("appealed_with_right_to_remain"));
  OP_ASSIGN_OR_RETURN(a->appeal_decision_notified_on, r.DateField("appeal_decision_notified_on", false));
  if (a->appealed_with_right_to_remain && !a->decided_on) {
    return Status::InvalidArgument("an appeal is against the determining authority's decision: give decided_on",
                                   r.Field("appealed_with_right_to_remain"));
  }
  if (a->appeal_decision_notified_on && !a->appealed_with_right_to_remain) {
    return Status::InvalidArgument("concerns an appeal with a right to remain: set appealed_with_right_to_remain",
                                   r.Field("appeal_decision_notified_on"));
  }
  return r.Finish();
}

Status ParseDetention(element j, ReceptionCase::Detention* x) {
  ObjectReader r(j, "detention");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  x->present = true;
  OP_ASSIGN_OR_RETURN(auto started, r.DateField("started_on", true));
  x->started_on = *started;
  OP_ASSIGN_OR_RETURN(x->ordered_by, r.Enum("ordered_by", kOrderedBy, true));
  OP_ASSIGN_OR_RETURN(x->review, r.Enum("review", kReviews, false));
  if (x->review.empty()) x->review = "ex_officio";
  OP_ASSIGN_OR_RETURN(x->review_requested_on, r.DateField("review_requested_on", false));
  if (x->review == "on_request" && !x->review_requested_on) {
    return Status::InvalidArgument("is required for a review on request: its time limits run from it (Directive "
                                   "(EU) 2024/1346, Art. 11(3))",
                                   r.Field("review_requested_on"));
  }
  if (x->review != "on_request" && x->review_requested_on) {
    return Status::InvalidArgument("is for a review on the applicant's request (review: on_request)",
                                   r.Field("review_requested_on"));
  }
  OP_ASSIGN_OR_RETURN(x->exceptional_situation, r.Bool("exceptional_situation"));
  OP_ASSIGN_OR_RETURN(x->reviewed_on, r.DateField("reviewed_on", false));
  OP_ASSIGN_OR_RETURN(x->released_on, r.DateField("released_on", false));
  return r.Finish();
}

Status ParseMovementRestriction(element j, ReceptionCase::MovementRestriction* x) {
  ObjectReader r(j, "movement_restriction");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  x->present = true;
  OP_ASSIGN_OR_RETURN(x->type, r.Enum("type", {"specific_place", "reporting"}, true));
  // Art. 9(1) names public order and a risk of absconding; 9(2) allows reporting duties to ensure
  // compliance with a 9(1) decision or to prevent absconding.
  static const std::vector<std::string> kPlaceGrounds = {"public_order", "risk_of_absconding"};
  static const std::vector<std::string> kReportingGrounds = {"compliance_with_specific_place", "risk_of_absconding"};
  OP_ASSIGN_OR_RETURN(x->ground, r.Enum("ground", x->type == "specific_place" ? kPlaceGrounds : kReportingGrounds, true));
  OP_ASSIGN_OR_RETURN(auto decided, r.DateField("decided_on", true));
  x->decided_on = *decided;
  OP_ASSIGN_OR_RETURN(auto applied, r.DateField("applied_from", false));
  x->applied_from = applied.value_or(x->decided_on);
  OP_ASSIGN_OR_RETURN(x->reasons_stated, r.Bool("reasons_stated"));
  OP_ASSIGN_OR_RETURN(x->informed_in_writing_on, r.DateField("informed_in_writing_on", false));
  OP_ASSIGN_OR_RETURN(x->review, r.Enum("review", kReviews, true));
  OP_ASSIGN_OR_RETURN(x->judicially_reviewed_on, r.DateField("judicially_reviewed_on", false));
  OP_ASSIGN_OR_RETURN(x->ended_on, r.DateField("ended_on", false));
  return r.Finish();
}

Status ParseMaterialConditions(element j, const std::string& member_state, const CountryRegistry& countries,
                               ReceptionCase::MaterialConditions* m) {
  ObjectReader r(j, "material_conditions");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_ASSIGN_OR_RETURN(m->required_to_be_present_in, r.Country("required_to_be_present_in", countries, false));
  if (!m->required_to_be_present_in.empty()) {
    const Country* c = countries.Find(m->required_to_be_present_in);
    if (!c->eu_member_state && !c->schengen_associated) {
      return Status::InvalidArgument("'" + m->required_to_be_present_in +
                                         "' is neither a Member State nor a State associated with the Dublin system "
                                         "(Regulation (EU) 2024/1351, Art. 17(4))",
                                     r.Field("required_to_be_present_in"));
    }
    if (m->required_to_be_present_in == member_state) m->required_to_be_present_in.clear();
  }
  OP_ASSIGN_OR_RETURN(m->transfer_decision_notified_on, r.DateField("transfer_decision_notified_on", false));
  if (m->transfer_decision_notified_on && m->required_to_be_present_in.empty()) {
    return Status::InvalidArgument("a transfer decision takes the applicant to the Member State responsible: give it "
                                   "as required_to_be_present_in (Art. 21)",
                                   r.Field("required_to_be_present_in"));
  }
  OP_ASSIGN_OR_RETURN(auto measure, r.Object("measure"));
  if (measure) {
    ObjectReader mr(*measure, r.Field("measure"));
    OP_RETURN_IF_ERROR(mr.CheckIsObject());
    auto& x = m->measure;
    x.present = true;
    OP_ASSIGN_OR_RETURN(x.type, mr.Enum("type", {"reduce_daily_allowance", "withdraw_daily_allowance", "reduce_other",
                                                 "withdraw_other"},
                                        true));
    OP_ASSIGN_OR_RETURN(std::string ground, mr.Enum("ground", {"a", "b", "c", "d", "e", "f"}, true));
    x.ground = ground[0];
    OP_ASSIGN_OR_RETURN(x.decided_on, mr.DateField("decided_on", false));
    OP_ASSIGN_OR_RETURN(x.applied_on, mr.DateField("applied_on", false));
    OP_ASSIGN_OR_RETURN(x.circumstances_ceased_on, mr.DateField("circumstances_ceased_on", false));
    OP_ASSIGN_OR_RETURN(x.restoration_assessed_on, mr.DateField("restoration_assessed_on", false));
    if ((x.circumstances_ceased_on || x.restoration_assessed_on) && ground != "a" && ground != "b" && ground != "f") {
      return Status::InvalidArgument("Art. 23(3) concerns decisions on the grounds of Art. 23(2)(a), (b) or (f)",
                                     mr.Field("circumstances_ceased_on"));
    }
    OP_RETURN_IF_ERROR(NotBefore(x.restoration_assessed_on, "material_conditions.measure.restoration_assessed_on",
                                 x.circumstances_ceased_on, "material_conditions.measure.circumstances_ceased_on"));
    OP_RETURN_IF_ERROR(mr.Finish());
  }
  return r.Finish();
}

Status CheckConsistency(const ReceptionCase& c) {
  const auto& a = c.application;
  const std::optional<Date> made = a.made_on;
  OP_RETURN_IF_ERROR(NotBefore(a.registered_on, "application.registered_on", made, "application.made_on"));
  OP_RETURN_IF_ERROR(NotBefore(a.lodged_on, "application.lodged_on", made, "application.made_on"));
  if (a.lodged_on && !a.registered_on) {
    return Status::InvalidArgument("an application is lodged after it is registered: give registered_on",
                                   "application.registered_on");
  }
  OP_RETURN_IF_ERROR(NotBefore(a.lodged_on, "application.lodged_on", a.registered_on, "application.registered_on"));
  OP_RETURN_IF_ERROR(NotBefore(a.decided_on, "application.decided_on", made, "application.made_on"));
  OP_RETURN_IF_ERROR(NotBefore(a.registering_authority_informed_on, "application.registering_authority_informed_on", made,
                               "application.made_on"));
  OP_RETURN_IF_ERROR(NotBefore(a.decided_on, "application.decided_on", a.lodged_on, "application.lodged_on"));
  OP_RETURN_IF_ERROR(NotBefore(a.appeal_decision_notified_on, "application.appeal_decision_notified_on", a.decided_on,
                               "application.decided_on"));
  OP_RETURN_IF_ERROR(NotBefore(c.information_provided_on, "information_provided_on", made, "application.made_on"));
  OP_RETURN_IF_ERROR(NotBefore(c.needs_assessment.completed_on, "needs_assessment.completed_on", made,
                               "application.made_on"));
  OP_RETURN_IF_ERROR(NotBefore(c.representative.appointed_on, "representative.appointed_on", made, "application.made_on"));
  OP_RETURN_IF_ERROR(NotBefore(c.education_access_on, "education_access_on", made, "application.made_on"));
  OP_RETURN_IF_ERROR(NotBefore(c.labour_market_access_on, "labour_market_access_on", made, "application.made_on"));
  if (!c.applicant.unaccompanied_minor && (c.representative.appointed_on || c.representative.exceptional_situation)) {
    return Status::InvalidArgument("a representative under Art. 27 of Directive (EU) 2024/1346 is for an "
                                   "unaccompanied minor; applicant.unaccompanied_minor is not true",
                                   "representative");
  }
  if (c.applicant.date_of_birth && *c.applicant.date_of_birth > a.made_on) {
    return Status::InvalidArgument("cannot follow application.made_on " + a.made_on.ToString(),
                                   "applicant.date_of_birth");
  }
  const auto& x = c.detention;
  if (x.present) {
    const std::optional<Date> started = x.started_on;
    OP_RETURN_IF_ERROR(NotBefore(x.review_requested_on, "detention.review_requested_on", started, "detention.started_on"));
    OP_RETURN_IF_ERROR(NotBefore(x.reviewed_on, "detention.reviewed_on", started, "detention.started_on"));
    OP_RETURN_IF_ERROR(NotBefore(x.reviewed_on, "detention.reviewed_on", x.review_requested_on,
                                 "detention.review_requested_on"));
    OP_RETURN_IF_ERROR(NotBefore(x.released_on, "detention.released_on", started, "detention.started_on"));
    if (x.ordered_by == "judicial" && (x.reviewed_on || x.review_requested_on || x.exceptional_situation ||
                                      x.review == "on_request")) {
      return Status::InvalidArgument("the review of Art. 11(3) of Directive (EU) 2024/1346 concerns detention "
                                     "ordered by an administrative authority",
                                     "detention.ordered_by");
    }
  }
  std::optional<Date> started;
  if (x.present) started = x.started_on;
  const auto& mr = c.movement_restriction;
  std::optional<Date> restricted;
  if (mr.present) {
    restricted = mr.decided_on;
    OP_RETURN_IF_ERROR(NotBefore(restricted, "movement_restriction.decided_on", made, "application.made_on"));
    const std::optional<Date> applied = mr.applied_from;
    OP_RETURN_IF_ERROR(NotBefore(applied, "movement_restriction.applied_from", restricted,
                                 "movement_restriction.decided_on"));
    OP_RETURN_IF_ERROR(NotBefore(mr.informed_in_writing_on, "movement_restriction.informed_in_writing_on", restricted,
                                 "movement_restriction.decided_on"));
    OP_RETURN_IF_ERROR(NotBefore(mr.judicially_reviewed_on, "movement_restriction.judicially_reviewed_on", restricted,
                                 "movement_restriction.decided_on"));
    OP_RETURN_IF_ERROR(NotBefore(mr.ended_on, "movement_restriction.ended_on", applied,
                                 "movement_restriction.applied_from"));
    OP_RETURN_IF_ERROR(CheckNotAfterDecisionDate(
        c.decision_date, {{restricted, "movement_restriction.decided_on"},
                          {applied, "movement_restriction.applied_from"},
                          {mr.informed_in_writing_on, "movement_restriction.informed_in_writing_on"},
                          {mr.judicially_reviewed_on, "movement_restriction.judicially_reviewed_on"},
                          {mr.ended_on, "movement_restriction.ended_on"}}));
  }
  const auto& m = c.material_conditions;
  OP_RETURN_IF_ERROR(NotBefore(m.measure.decided_on, "material_conditions.measure.decided_on", made, "application.made_on"));
  OP_RETURN_IF_ERROR(NotBefore(m.transfer_decision_notified_on, "material_conditions.transfer_decision_notified_on", made,
                               "application.made_on"));
  return CheckNotAfterDecisionDate(
      c.decision_date,
      {{made, "application.made_on"}, {a.registered_on, "application.registered_on"},
       {a.registering_authority_informed_on, "application.registering_authority_informed_on"},
       {a.lodged_on, "application.lodged_on"}, {a.decided_on, "application.decided_on"},
       {a.appeal_decision_notified_on, "application.appeal_decision_notified_on"},
       {c.information_provided_on, "information_provided_on"},
       {c.needs_assessment.completed_on, "needs_assessment.completed_on"},
       {c.representative.appointed_on, "representative.appointed_on"}, {c.education_access_on, "education_access_on"},
       {c.labour_market_access_on, "labour_market_access_on"}, {started, "detention.started_on"},
       {x.review_requested_on, "detention.review_requested_on"}, {x.reviewed_on, "detention.reviewed_on"},
       {x.released_on, "detention.released_on"}, {c.applicant.date_of_birth, "applicant.date_of_birth"},
       {m.transfer_decision_notified_on, "material_conditions.transfer_decision_notified_on"},
       {m.measure.decided_on, "material_conditions.measure.decided_on"},
       {m.measure.applied_on, "material_conditions.measure.applied_on"},
       {m.measure.circumstances_ceased_on, "material_conditions.measure.circumstances_ceased_on"},
       {m.measure.restoration_assessed_on, "material_conditions.measure.restoration_assessed_on"}});
}

}  // namespace

Result<ReceptionCase> ParseReceptionCase(std::string_view json_text, const CountryRegistry& countries) {
  OP_ASSIGN_OR_RETURN(element j, ParseJsonDocument(json_text));
  ReceptionCase c;
  ObjectReader r(j, "");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_RETURN_IF_ERROR(ReadDecisionHeader(r, countries, &c.decision_date, &c.member_state));
  OP_ASSIGN_OR_RETURN(auto applicant, r.RequiredObject("applicant"));
  OP_RETURN_IF_ERROR(ParseApplicant(applicant, countries, &c.applicant));
  OP_ASSIGN_OR_RETURN(auto application, r.RequiredObject("application"));
  OP_RETURN_IF_ERROR(ParseApplication(application, &c.application));
  OP_ASSIGN_OR_RETURN(c.information_provided_on, r.DateField("information_provided_on", false));
  OP_ASSIGN_OR_RETURN(auto needs, r.Object("needs_assessment"));
  if (needs) {
    ObjectReader nr(*needs, "needs_assessment");
    OP_RETURN_IF_ERROR(nr.CheckIsObject());
    OP_ASSIGN_OR_RETURN(c.needs_assessment.integrated_with_apr_article_20, nr.Bool("integrated_with_apr_article_20"));
    OP_ASSIGN_OR_RETURN(c.needs_assessment.completed_on, nr.DateField("completed_on", false));
    OP_RETURN_IF_ERROR(nr.Finish());
  }
  OP_ASSIGN_OR_RETURN(auto representative, r.Object("representative"));
  if (representative) {
    ObjectReader rr(*representative, "representative");
    OP_RETURN_IF_ERROR(rr.CheckIsObject());
    OP_ASSIGN_OR_RETURN(c.representative.appointed_on, rr.DateField("appointed_on", false));
    OP_ASSIGN_OR_RETURN(c.representative.exceptional_situation, rr.Bool("exceptional_situation"));
    OP_RETURN_IF_ERROR(rr.Finish());
  }
  OP_ASSIGN_OR_RETURN(c.education_access_on, r.DateField("education_access_on", false));
  OP_ASSIGN_OR_RETURN(c.labour_market_access_on, r.DateField("labour_market_access_on", false));
  OP_ASSIGN_OR_RETURN(auto detention, r.Object("detention"));
  if (detention) OP_RETURN_IF_ERROR(ParseDetention(*detention, &c.detention));
  OP_ASSIGN_OR_RETURN(auto restriction, r.Object("movement_restriction"));
  if (restriction) OP_RETURN_IF_ERROR(ParseMovementRestriction(*restriction, &c.movement_restriction));
  OP_ASSIGN_OR_RETURN(auto material, r.Object("material_conditions"));
  if (material) OP_RETURN_IF_ERROR(ParseMaterialConditions(*material, c.member_state, countries, &c.material_conditions));
  OP_RETURN_IF_ERROR(r.Finish());
  OP_RETURN_IF_ERROR(CheckConsistency(c));
  return c;
}

}  // namespace openpact::rules
