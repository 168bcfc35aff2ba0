// Parsing and validation of the return case document (docs/schemas/return-case.schema.json).
#include "rules/json_reader.h"
#include "rules/return_decision.h"

namespace openpact::rules {
namespace {

using element = simdjson::dom::element;

Status ParsePerson(element j, const CountryRegistry& countries, ReturnCase::Person* p) {
  ObjectReader r(j, "person");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_ASSIGN_OR_RETURN(p->nationality, r.Country("nationality", countries, true));
  OP_RETURN_IF_ERROR(NotAMemberState(countries, p->nationality, r.Field("nationality"),
                                     "the Directive concerns third-country nationals (Directive 2008/115/EC, Art. 2(1))"));
  OP_ASSIGN_OR_RETURN(p->date_of_birth, r.DateField("date_of_birth", false));
  OP_ASSIGN_OR_RETURN(p->unaccompanied_minor, r.Bool("unaccompanied_minor"));
  OP_ASSIGN_OR_RETURN(p->family_with_minors, r.Bool("family_with_minors"));
  return r.Finish();
}

Status ParseVoluntaryDeparture(element j, ReturnCase::VoluntaryDeparture* v) {
  ObjectReader r(j, "voluntary_departure");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  // Art. 7(1): at most thirty days; a longer stay is an extension under 7(2).
  OP_ASSIGN_OR_RETURN(v->granted_days, r.Integer("granted_days", 0, 30));
  OP_ASSIGN_OR_RETURN(auto extended, r.Integer("extended_days", 0, 365));
  v->extended_days = extended.value_or(0);
  OP_ASSIGN_OR_RETURN(v->risk_of_absconding, r.Bool("risk_of_absconding"));
  OP_ASSIGN_OR_RETURN(v->manifestly_unfounded_or_fraudulent, r.Bool("manifestly_unfounded_or_fraudulent"));
  OP_ASSIGN_OR_RETURN(v->public_policy_risk, r.Bool("public_policy_risk"));
  OP_ASSIGN_OR_RETURN(v->departed_on, r.DateField("departed_on", false));
  OP_RETURN_IF_ERROR(r.Finish());
  if (v->extended_days > 0 && v->granted_days.value_or(0) == 0) {
    return Status::InvalidArgument("extends a period granted: give granted_days (Art. 7(2))",
                                   r.Field("extended_days"));
  }
  return Status::OK();
}

}  // namespace

Result<ReturnCase> ParseReturnCase(std::string_view json_text, const CountryRegistry& countries) {
  OP_ASSIGN_OR_RETURN(element j, ParseJsonDocument(json_text));
  ReturnCase c;
  ObjectReader r(j, "");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_RETURN_IF_ERROR(ReadDecisionHeader(r, countries, &c.decision_date, &c.member_state));
  OP_ASSIGN_OR_RETURN(auto person, r.RequiredObject("person"));
  OP_RETURN_IF_ERROR(ParsePerson(person, countries, &c.person));
  OP_ASSIGN_OR_RETURN(auto since, r.DateField("illegal_stay_since", true));
  c.illegal_stay_since = *since;
  OP_ASSIGN_OR_RETURN(c.residence_permit_of, r.Country("residence_permit_of", countries, false));
  if (!c.residence_permit_of.empty()) {
    OP_RETURN_IF_ERROR(countries.ValidateMemberState(c.residence_permit_of, "residence_permit_of"));
    if (c.residence_permit_of == c.member_state) {
      return Status::InvalidArgument("a residence permit of the deciding Member State is not an illegal stay there; "
                                     "Art. 6(2) concerns another Member State's",
                                     "residence_permit_of");
    }
  }
  OP_ASSIGN_OR_RETURN(c.humanitarian_permit, r.Bool("humanitarian_permit"));
  OP_ASSIGN_OR_RETURN(c.permit_renewal_pending, r.Bool("permit_renewal_pending"));
  OP_ASSIGN_OR_RETURN(c.refused_entry_at_border, r.Bool("refused_entry_at_border"));
  OP_ASSIGN_OR_RETURN(c.rejected_in_border_procedure, r.Bool("rejected_in_border_procedure"));
  OP_ASSIGN_OR_RETURN(auto rejection, r.Object("asylum_rejection"));
  if (rejection) {
    ObjectReader ar(*rejection, "asylum_rejection");
    OP_RETURN_IF_ERROR(ar.CheckIsObject());
    c.asylum_rejection.present = true;
    OP_ASSIGN_OR_RETURN(auto decided, ar.DateField("decided_on", true));
    c.asylum_rejection.decided_on = *decided;
    OP_ASSIGN_OR_RETURN(c.asylum_rejection.ground,
                        ar.Enum("ground", {"inadmissible", "unfounded", "manifestly_unfounded", "withdrawn"}, true));
    OP_ASSIGN_OR_RETURN(c.asylum_rejection.return_decision_before_application,
                        ar.Bool("return_decision_before_application"));
    OP_RETURN_IF_ERROR(ar.Finish());
    if (c.rejected_in_border_procedure) {
      return Status::InvalidArgument("a rejection in the border procedure goes to the return border procedure "
                                     "(decide return-border); asylum_rejection is for the other procedures",
                                     "asylum_rejection");
    }
  }
  OP_ASSIGN_OR_RETURN(c.return_decision_notified_on, r.DateField("return_decision_notified_on", false));
  OP_ASSIGN_OR_RETURN(auto departure, r.Object("voluntary_departure"));
  if (departure) OP_RETURN_IF_ERROR(ParseVoluntaryDeparture(*departure, &c.voluntary_departure));
  OP_ASSIGN_OR_RETURN(c.trafficking_victim_permit, r.Bool("trafficking_victim_permit"));
  OP_ASSIGN_OR_RETURN(auto ban, r.Object("entry_ban"));
  if (ban) {
    ObjectReader br(*ban, "entry_ban");
    OP_RETURN_IF_ERROR(br.CheckIsObject());
    c.entry_ban.present = true;
    OP_ASSIGN_OR_RETURN(auto years, br.Integer("years", 1, 100));
    if (!years) return Status::InvalidArgument("is required", br.Field("years"));
    c.entry_ban.years = *years;
    OP_ASSIGN_OR_RETURN(c.entry_ban.serious_threat, br.Bool("serious_threat"));
    OP_RETURN_IF_ERROR(br.Finish());
  }
  OP_ASSIGN_OR_RETURN(auto uam, r.Object("unaccompanied_minor_return"));
  if (uam) {
    ObjectReader ur(*uam, "unaccompanied_minor_return");
    OP_RETURN_IF_ERROR(ur.CheckIsObject());
    auto& u = c.unaccompanied_minor_return;
    u.present = true;
    OP_ASSIGN_OR_RETURN(u.assisted_by_other_bodies, ur.Bool("assisted_by_other_bodies"));
    OP_ASSIGN_OR_RETURN(u.best_interests_assessed, ur.Bool("best_interests_assessed"));
    OP_ASSIGN_OR_RETURN(u.reception_in_return_state,
                        ur.Enum("reception_in_return_state",
                                {"family_member", "nominated_guardian", "adequate_reception_facilities", "not_available"},
                                false));
    OP_RETURN_IF_ERROR(ur.Finish());
    if (!c.person.unaccompanied_minor) {
      return Status::InvalidArgument("concerns an unaccompanied minor (Directive 2008/115/EC, Art. 10): set "
                                     "person.unaccompanied_minor",
                                     "unaccompanied_minor_return");
    }
  }
  OP_ASSIGN_OR_RETURN(c.non_refoulement, r.Bool("non_refoulement"));
  OP_ASSIGN_OR_RETURN(c.suspensive_effect, r.Bool("suspensive_effect"));
  OP_ASSIGN_OR_RETURN(c.removal_postponement,
                      r.Enum("removal_postponement", {"physical_or_mental_state", "technical_reasons"}, false));
  OP_ASSIGN_OR_RETURN(auto detention, r.Object("detention"));
  if (detention) {
    ObjectReader dr(*detention, "detention");
    OP_RETURN_IF_ERROR(dr.CheckIsObject());
    c.detention.present = true;
    OP_ASSIGN_OR_RETURN(auto started, dr.DateField("started_on", true));
    c.detention.started_on = *started;
    OP_ASSIGN_OR_RETURN(c.detention.lack_of_cooperation, dr.Bool("lack_of_cooperation"));
    OP_ASSIGN_OR_RETURN(c.detention.documents_delayed, dr.Bool("documents_delayed"));
    OP_ASSIGN_OR_RETURN(c.detention.released_on, dr.DateField("released_on", false));
    OP_ASSIGN_OR_RETURN(c.detention.ground,
                        dr.Enum("ground", {"risk_of_absconding", "avoids_or_hampers_return", "other"}, false));
    OP_ASSIGN_OR_RETURN(c.detention.less_coercive_measures_insufficient, dr.Bool("less_coercive_measures_insufficient"));
    OP_ASSIGN_OR_RETURN(c.detention.no_reasonable_prospect_of_removal, dr.Bool("no_reasonable_prospect_of_removal"));
    OP_ASSIGN_OR_RETURN(c.detention.ordered_by, dr.Enum("ordered_by", {"administrative", "judicial"}, false));
    OP_ASSIGN_OR_RETURN(c.detention.judicial_review_on, dr.DateField("judicial_review_on", false));
    OP_ASSIGN_OR_RETURN(c.detention.facility,
                        dr.Enum("facility", {"specialised", "prison_separated", "prison_not_separated"}, false));
    OP_RETURN_IF_ERROR(dr.Finish());
  }
  OP_RETURN_IF_ERROR(r.Finish());
  if ((c.voluntary_departure.granted_days || c.voluntary_departure.departed_on) && !c.return_decision_notified_on) {
    return Status::InvalidArgument("a period for voluntary departure is granted by the return decision: give "
                                   "return_decision_notified_on",
                                   "voluntary_departure");
  }
  OP_RETURN_IF_ERROR(NotBefore(c.return_decision_notified_on, "return_decision_notified_on",
                               std::optional<Date>(c.illegal_stay_since), "illegal_stay_since"));
  OP_RETURN_IF_ERROR(NotBefore(c.voluntary_departure.departed_on, "voluntary_departure.departed_on",
                               c.return_decision_notified_on, "return_decision_notified_on"));
  if (c.detention.present) {
    OP_RETURN_IF_ERROR(NotBefore(c.detention.released_on, "detention.released_on",
                                 std::optional<Date>(c.detention.started_on), "detention.started_on"));
    OP_RETURN_IF_ERROR(NotBefore(c.detention.judicial_review_on, "detention.judicial_review_on",
                                 std::optional<Date>(c.detention.started_on), "detention.started_on"));
  }
  OP_RETURN_IF_ERROR(CheckNotAfterDecisionDate(
      c.decision_date,
      {{c.person.date_of_birth, "person.date_of_birth"},
       {c.illegal_stay_since, "illegal_stay_since"},
       {c.asylum_rejection.present ? std::optional<Date>(c.asylum_rejection.decided_on) : std::nullopt,
        "asylum_rejection.decided_on"},
       {c.return_decision_notified_on, "return_decision_notified_on"},
       {c.voluntary_departure.departed_on, "voluntary_departure.departed_on"},
       {c.detention.present ? std::optional<Date>(c.detention.started_on) : std::nullopt, "detention.started_on"},
       {c.detention.released_on, "detention.released_on"},
       {c.detention.judicial_review_on, "detention.judicial_review_on"}}));
  return c;
}

}  // namespace openpact::rules
