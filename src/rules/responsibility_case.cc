// Parsing and validation of the responsibility case document (shared/spec/case-documents.md,
// "Responsibility decision"; docs/schemas/responsibility-case.schema.json).
#include <algorithm>

#include "rules/json_reader.h"
#include "rules/responsibility.h"

namespace openpact::rules {
namespace {

using element = simdjson::dom::element;

std::string Indexed(const std::string& list, size_t i) { return list + "[" + std::to_string(i) + "]"; }

Result<std::string> MemberState(ObjectReader& r, const std::string& key, const CountryRegistry& countries,
                                bool required) {
  OP_ASSIGN_OR_RETURN(std::string code, r.Country(key, countries, required));
  // A State of the Dublin system: Iceland, Norway, Switzerland and Liechtenstein apply Part III
  // through their association agreements (recitals 92-94; whether each has accepted the AMMR is
  // policy data, flagged in the answer).
  if (!code.empty()) OP_RETURN_IF_ERROR(countries.ValidateStateOfTheSystem(code, r.Field(key)));
  return code;
}

Status ParseApplicant(element j, const CountryRegistry& countries, ResponsibilityCase::Applicant* a) {
  ObjectReader r(j, "applicant");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_ASSIGN_OR_RETURN(a->nationality, r.Country("nationality", countries, true));
  OP_RETURN_IF_ERROR(NotAMemberState(countries, a->nationality, r.Field("nationality"),
                                     "Union citizens do not apply for international protection (Protocol No 24)"));
  OP_ASSIGN_OR_RETURN(a->date_of_birth, r.DateField("date_of_birth", false));
  OP_ASSIGN_OR_RETURN(a->unaccompanied_minor, r.Bool("unaccompanied_minor"));
  OP_ASSIGN_OR_RETURN(a->married, r.Bool("married"));
  return r.Finish();
}

Status ParseFamily(const std::vector<element>& list, const CountryRegistry& countries,
                   std::vector<FamilyMemberFact>* out) {
  for (size_t i = 0; i < list.size(); ++i) {
    ObjectReader r(list[i], Indexed("family", i));
    FamilyMemberFact f;
    OP_ASSIGN_OR_RETURN(f.relation, r.Enum("relation", {"spouse", "partner", "child", "parent", "sibling", "relative"}, true));
    OP_ASSIGN_OR_RETURN(f.member_state, MemberState(r, "member_state", countries, true));
    OP_ASSIGN_OR_RETURN(f.status, r.Enum("status", {"beneficiary", "resident", "citizen", "applicant"}, true));
    OP_ASSIGN_OR_RETURN(f.existed_in_country_of_origin, r.Bool("family_existed_in_country_of_origin"));
    OP_ASSIGN_OR_RETURN(f.existed_before_arrival, r.Bool("family_existed_before_arrival"));
    // A family that existed in the country of origin existed before arrival (Art. 2(8)).
    f.existed_before_arrival |= f.existed_in_country_of_origin;
    OP_ASSIGN_OR_RETURN(f.born_after_arrival, r.Bool("born_after_arrival"));
    OP_ASSIGN_OR_RETURN(f.wish_in_writing, r.Bool("wish_in_writing"));
    OP_ASSIGN_OR_RETURN(f.date_of_birth, r.DateField("date_of_birth", false));
    OP_ASSIGN_OR_RETURN(f.first_decision_on_substance, r.Bool("first_decision_on_substance"));
    OP_ASSIGN_OR_RETURN(f.partnership_recognised, r.Bool("partnership_recognised"));
    OP_ASSIGN_OR_RETURN(f.can_take_care, r.Bool("can_take_care"));
    OP_ASSIGN_OR_RETURN(f.against_best_interests, r.Bool("against_best_interests"));
    OP_RETURN_IF_ERROR(r.Finish());
    if (f.born_after_arrival && f.relation != "child") {
      return Status::InvalidArgument("only a child can be born after arrival (Art. 26(3))", r.Field("born_after_arrival"));
    }
    if (f.first_decision_on_substance && f.status != "applicant") {
      return Status::InvalidArgument("concerns a family member who is an applicant (Art. 27)",
                                     r.Field("first_decision_on_substance"));
    }
    out->push_back(std::move(f));
  }
  return Status::OK();
}

Status ParseDocuments(const std::vector<element>& list, const CountryRegistry& countries,
                      std::vector<DocumentFact>* out) {
  for (size_t i = 0; i < list.size(); ++i) {
    ObjectReader r(list[i], Indexed("documents", i));
    DocumentFact d;
    OP_ASSIGN_OR_RETURN(d.type, r.Enum("type", {"residence_document", "visa"}, true));
    OP_ASSIGN_OR_RETURN(d.issued_by, MemberState(r, "issued_by", countries, true));
    OP_ASSIGN_OR_RETURN(auto from, r.DateField("valid_from", true));
    OP_ASSIGN_OR_RETURN(auto until, r.DateField("valid_until", true));
    d.valid_from = *from;
    d.valid_until = *until;
    if (d.valid_until < d.valid_from) {
      return Status::InvalidArgument("is before valid_from " + d.valid_from.ToString(), r.Field("valid_until"));
    }
    OP_ASSIGN_OR_RETURN(d.withdrawn_on, r.DateField("withdrawn_on", false));
    OP_ASSIGN_OR_RETURN(d.on_behalf_of, MemberState(r, "on_behalf_of", countries, false));
    OP_ASSIGN_OR_RETURN(d.visa_type, r.Enum("visa_type", {"uniform", "long_stay", "airport_transit", "limited_territorial"}, false));
    OP_ASSIGN_OR_RETURN(d.fraud_after_issue, r.Bool("fraud_after_issue"));
    OP_ASSIGN_OR_RETURN(d.vis_hit_received_on, r.DateField("vis_hit_received_on", false));
    if (r.Has("enabled_entry")) {
      OP_ASSIGN_OR_RETURN(bool enabled, r.Bool("enabled_entry"));
      d.enabled_entry = enabled;
    } else {
      OP_RETURN_IF_ERROR(r.Bool("enabled_entry").status());  // marks it read
    }
    OP_RETURN_IF_ERROR(r.Finish());
    if (d.type != "visa") {
      for (const char* field : {"on_behalf_of", "visa_type", "vis_hit_received_on"}) {
        if (r.Has(field)) return Status::InvalidArgument("concerns visas only", r.Field(field));
      }
    }
    if (!d.on_behalf_of.empty() && d.on_behalf_of == d.issued_by) {
      return Status::InvalidArgument("names the issuing Member State itself", r.Field("on_behalf_of"));
    }
    out->push_back(std::move(d));
  }
  return Status::OK();
}

Status ParseDependency(element j, const CountryRegistry& countries, DependencyFact* d) {
  ObjectReader r(j, "dependency");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_ASSIGN_OR_RETURN(d->relation, r.Enum("relation", {"child", "sibling", "parent"}, true));
  OP_ASSIGN_OR_RETURN(d->member_state, MemberState(r, "member_state", countries, true));
  OP_ASSIGN_OR_RETURN(d->dependent, r.Enum("dependent", {"applicant", "relative"}, true));
  OP_ASSIGN_OR_RETURN(d->reason, r.Enum("reason", {"pregnancy", "newborn_child", "serious_illness", "severe_disability",
                                                   "severe_trauma", "old_age"},
                                        true));
  OP_ASSIGN_OR_RETURN(d->ties_existed_before_arrival, r.Bool("ties_existed_before_arrival"));
  OP_ASSIGN_OR_RETURN(d->ties_existed_in_country_of_origin, r.Bool("ties_existed_in_country_of_origin"));
  d->ties_existed_before_arrival |= d->ties_existed_in_country_of_origin;
  OP_ASSIGN_OR_RETURN(d->carer_able, r.Bool("carer_able"));
  OP_ASSIGN_OR_RETURN(d->wish_in_writing, r.Bool("wish_in_writing"));
  OP_ASSIGN_OR_RETURN(d->applicant_cannot_travel, r.Bool("applicant_cannot_travel"));
  return r.Finish();
}

Status ParseDiplomas(const std::vector<element>& list, const CountryRegistry& countries, std::vector<DiplomaFact>* out) {
  for (size_t i = 0; i < list.size(); ++i) {
    ObjectReader r(list[i], Indexed("diplomas", i));
    DiplomaFact d;
    OP_ASSIGN_OR_RETURN(d.issued_by, MemberState(r, "issued_by", countries, true));
    OP_ASSIGN_OR_RETURN(auto issued, r.DateField("issued_on", true));
    d.issued_on = *issued;
    // Art. 2(15): at least one academic year of study; longer than a lifetime is a typing error.
    OP_ASSIGN_OR_RETURN(d.study_months, r.Integer("study_months", 1, 600));
    OP_RETURN_IF_ERROR(r.Finish());
    out->push_back(d);
  }
  return Status::OK();
}

Status ParseEntry(element j, const CountryRegistry& countries, ResponsibilityCase::Entry* e) {
  ObjectReader r(j, "entry");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_ASSIGN_OR_RETURN(auto irregular, r.Object("irregular_entry"));
  if (irregular) {
    ObjectReader ir(*irregular, "entry.irregular_entry");
    ResponsibilityCase::Entry::Irregular x;
    OP_ASSIGN_OR_RETURN(x.member_state, MemberState(ir, "member_state", countries, true));
    OP_ASSIGN_OR_RETURN(auto date, ir.DateField("date", true));
    x.date = *date;
    OP_ASSIGN_OR_RETURN(x.via_sar, ir.Bool("via_sar"));
    OP_RETURN_IF_ERROR(ir.Finish());
    e->irregular_entry = x;
  }
  OP_ASSIGN_OR_RETURN(auto waived, r.Object("visa_waived_entry"));
  if (waived) {
    ObjectReader vr(*waived, "entry.visa_waived_entry");
    ResponsibilityCase::Entry::VisaWaived x;
    OP_ASSIGN_OR_RETURN(x.member_state, MemberState(vr, "member_state", countries, true));
    OP_ASSIGN_OR_RETURN(x.date, vr.DateField("date", false));
    if (vr.Has("exempt_in_member_state_of_registration")) {
      OP_ASSIGN_OR_RETURN(bool exempt, vr.Bool("exempt_in_member_state_of_registration"));
      x.exempt_in_member_state_of_registration = exempt;
    } else {
      OP_RETURN_IF_ERROR(vr.Bool("exempt_in_member_state_of_registration").status());  // marks it read
    }
    OP_RETURN_IF_ERROR(vr.Finish());
    e->visa_waived_entry = x;
  }
  OP_ASSIGN_OR_RETURN(e->international_transit_area, MemberState(r, "international_transit_area", countries, false));
  OP_ASSIGN_OR_RETURN(e->left_eu_since, r.DateField("left_eu_since", false));
  OP_ASSIGN_OR_RETURN(e->relocated_to, MemberState(r, "relocated_to", countries, false));
  OP_ASSIGN_OR_RETURN(auto stays, r.ObjectList("irregular_stays"));
  for (size_t i = 0; i < stays.size(); ++i) {
    ObjectReader sr(stays[i], Indexed("entry.irregular_stays", i));
    ResponsibilityCase::Entry::Stay stay;
    OP_ASSIGN_OR_RETURN(stay.member_state, MemberState(sr, "member_state", countries, true));
    OP_ASSIGN_OR_RETURN(auto from, sr.DateField("from", true));
    OP_ASSIGN_OR_RETURN(auto to, sr.DateField("to", true));
    OP_RETURN_IF_ERROR(sr.Finish());
    stay.from = *from;
    stay.to = *to;
    if (stay.to < stay.from) return Status::InvalidArgument("is before from " + stay.from.ToString(), sr.Field("to"));
    e->irregular_stays.push_back(std::move(stay));
  }
  return r.Finish();
}

Status ParseHits(const std::vector<element>& list, const CountryRegistry& countries, Date registered_on,
                 std::vector<EurodacHitFact>* out) {
  static const std::vector<std::string> kCategories = {
      "applicant", "resettlement_admitted", "national_resettlement", "irregular_crosser",
      "illegal_stayer", "sar_disembarked", "temporary_protection"};
  for (size_t i = 0; i < list.size(); ++i) {
    ObjectReader r(list[i], Indexed("eurodac_hits", i));
    EurodacHitFact h;
    OP_ASSIGN_OR_RETURN(h.category, r.Enum("category", kCategories, true));
    OP_ASSIGN_OR_RETURN(h.member_state, MemberState(r, "member_state", countries, true));
    OP_ASSIGN_OR_RETURN(auto date, r.DateField("date", true));
    h.date = *date;
    OP_ASSIGN_OR_RETURN(auto received, r.DateField("hit_received_on", false));
    h.hit_received_on = received.value_or(registered_on);
    OP_ASSIGN_OR_RETURN(h.responsible_member_state, MemberState(r, "responsible_member_state", countries, false));
    OP_ASSIGN_OR_RETURN(h.responsible_under_16_2, r.Bool("responsible_under_16_2"));
    if (h.responsible_under_16_2 && h.responsible_member_state.empty()) {
      return Status::InvalidArgument("says how the Member State responsible was determined: give "
                                     "responsible_member_state",
                                     r.Field("responsible_under_16_2"));
    }
    OP_ASSIGN_OR_RETURN(h.border_procedure_final_on, r.DateField("border_procedure_final_on", false));
    OP_ASSIGN_OR_RETURN(h.left_under_return_decision_on, r.DateField("left_under_return_decision_on", false));
    OP_ASSIGN_OR_RETURN(h.left_territory_on, r.DateField("left_territory_on", false));
    OP_ASSIGN_OR_RETURN(h.relocation_member_state, MemberState(r, "relocation_member_state", countries, false));
    OP_ASSIGN_OR_RETURN(h.arrived_after_relocation_on, r.DateField("arrived_after_relocation_on", false));
    if (!h.relocation_member_state.empty() && h.category != "applicant") {
      return Status::InvalidArgument("concerns an earlier application (category applicant)",
                                     r.Field("relocation_member_state"));
    }
    if (!h.relocation_member_state.empty() && h.relocation_member_state == h.member_state) {
      return Status::InvalidArgument("the Member State of relocation is another than the one that registered the "
                                     "application (Art. 67)",
                                     r.Field("relocation_member_state"));
    }
    // Eurodac Art. 25(2): the Member State of relocation records the arrival in a dataset of its
    // own, of Art. 17 (an applicant) or Art. 23.
    if (h.arrived_after_relocation_on && h.category != "applicant" && h.category != "illegal_stayer") {
      return Status::InvalidArgument("the arrival after a relocation is recorded in an applicant's or an illegal "
                                     "stayer's dataset (Regulation (EU) 2024/1358, Art. 25(2))",
                                     r.Field("arrived_after_relocation_on"));
    }
    if (h.arrived_after_relocation_on && *h.arrived_after_relocation_on < h.date) {
      return Status::InvalidArgument("is before the data's date", r.Field("arrived_after_relocation_on"));
    }
    OP_RETURN_IF_ERROR(r.Finish());
    for (const auto& [date, key] : {std::pair{h.border_procedure_final_on, "border_procedure_final_on"},
                                    std::pair{h.left_under_return_decision_on, "left_under_return_decision_on"},
                                    std::pair{h.left_territory_on, "left_territory_on"}}) {
      if (date && h.category != "applicant") {
        return Status::InvalidArgument("concerns an earlier application (category applicant)", r.Field(key));
      }
      if (date && *date < h.date) return Status::InvalidArgument("is before the application's date", r.Field(key));
    }
    if (h.hit_received_on < h.date) {
      return Status::InvalidArgument("a hit cannot be received before its data were taken (" + h.date.ToString() + ")",
                                     r.Field("hit_received_on"));
    }
    out->push_back(std::move(h));
  }
  return Status::OK();
}

// Events must precede the decision; registration precedes what follows from it.
Status CheckChronology(const ResponsibilityCase& c) {
  auto after_decision = [&](std::optional<Date> d, const std::string& field) -> Status {
    if (d && c.decision_date < *d) return Status::InvalidArgument("is after decision_date " + c.decision_date.ToString(), field);
    return Status::OK();
  };
  OP_RETURN_IF_ERROR(after_decision(c.registered_on, "registered_on"));
  OP_RETURN_IF_ERROR(after_decision(c.lodged_on, "lodged_on"));
  for (size_t i = 0; i < c.entry.irregular_stays.size(); ++i) {
    OP_RETURN_IF_ERROR(after_decision(c.entry.irregular_stays[i].to, Indexed("entry.irregular_stays", i) + ".to"));
  }
  OP_RETURN_IF_ERROR(after_decision(c.applicant.date_of_birth, "applicant.date_of_birth"));
  OP_RETURN_IF_ERROR(after_decision(c.take_charge_request_sent_on, "take_charge_request_sent_on"));
  OP_RETURN_IF_ERROR(after_decision(c.take_back_sent_on, "take_back_sent_on"));
  OP_RETURN_IF_ERROR(after_decision(c.accepted_on, "accepted_on"));
  OP_RETURN_IF_ERROR(after_decision(c.reply_received_on, "reply_received_on"));
  if (c.reply_received_on) {
    // A reply answers a take charge request or a take back notification (or request): not before
    // the first of them.
    if (!c.take_charge_request_sent_on && !c.take_back_sent_on) {
      return Status::InvalidArgument("a reply answers a request: give take_charge_request_sent_on or take_back_sent_on",
                                     "reply_received_on");
    }
    const bool charge_first =
        c.take_charge_request_sent_on && (!c.take_back_sent_on || *c.take_charge_request_sent_on <= *c.take_back_sent_on);
    const Date first = charge_first ? *c.take_charge_request_sent_on : *c.take_back_sent_on;
    if (*c.reply_received_on < first) {
      return Status::InvalidArgument(
          std::string("is before ") + (charge_first ? "take_charge_request_sent_on" : "take_back_sent_on"),
          "reply_received_on");
    }
  }
  OP_RETURN_IF_ERROR(after_decision(c.reexamination_requested_on, "reexamination_requested_on"));
  OP_RETURN_IF_ERROR(after_decision(c.reexamination_reply_on, "reexamination_reply_on"));
  if (c.reexamination_requested_on) {
    if (!c.reply_received_on) {
      return Status::InvalidArgument("a re-examination is asked of a negative reply: give reply_received_on",
                                     "reexamination_requested_on");
    }
    if (*c.reexamination_requested_on < *c.reply_received_on) {
      return Status::InvalidArgument("is before reply_received_on", "reexamination_requested_on");
    }
  }
  if (c.reexamination_reply_on) {
    if (!c.reexamination_requested_on) {
      return Status::InvalidArgument("a reply to a re-examination answers a request: give reexamination_requested_on",
                                     "reexamination_reply_on");
    }
    if (*c.reexamination_reply_on < *c.reexamination_requested_on) {
      return Status::InvalidArgument("is before reexamination_requested_on", "reexamination_reply_on");
    }
  }
  OP_RETURN_IF_ERROR(after_decision(c.detained_on, "detained_on"));
  OP_RETURN_IF_ERROR(after_decision(c.first_decision_on_substance_on, "first_decision_on_substance_on"));
  if (c.first_decision_on_substance_on && *c.first_decision_on_substance_on < c.registered_on) {
    return Status::InvalidArgument("a decision on the substance follows the registration", "first_decision_on_substance_on");
  }
  OP_RETURN_IF_ERROR(after_decision(c.transferred_on, "transferred_on"));
  for (size_t i = 0; i < c.information_requests.size(); ++i) {
    const std::string at = Indexed("information_requests", i);
    OP_RETURN_IF_ERROR(after_decision(c.information_requests[i].sent_on, at + ".sent_on"));
    OP_RETURN_IF_ERROR(after_decision(c.information_requests[i].replied_on, at + ".replied_on"));
  }
  if (c.humanitarian_request) {
    const auto& h = *c.humanitarian_request;
    OP_RETURN_IF_ERROR(after_decision(h.sent_on, "humanitarian_request.sent_on"));
    OP_RETURN_IF_ERROR(after_decision(h.accepted_on, "humanitarian_request.accepted_on"));
    if (h.sent_on < c.registered_on) {
      return Status::InvalidArgument("a request follows the registration", "humanitarian_request.sent_on");
    }
    if (h.accepted_on && *h.accepted_on < h.sent_on) {
      return Status::InvalidArgument("is before sent_on", "humanitarian_request.accepted_on");
    }
    if (h.member_state == c.member_state) {
      return Status::InvalidArgument("Art. 35(2) asks another Member State", "humanitarian_request.member_state");
    }
  }
  if ((c.transferred_on || c.transfer_extension) && !c.accepted_on) {
    return Status::InvalidArgument("a transfer follows the acceptance or confirmation: give accepted_on",
                                   c.transferred_on ? "transferred_on" : "transfer_extension");
  }
  if (c.transferred_on && *c.transferred_on < *c.accepted_on) {
    return Status::InvalidArgument("is before accepted_on", "transferred_on");
  }
  // The dates inside the optional facts, likewise.
  if (c.representative) OP_RETURN_IF_ERROR(after_decision(c.representative->appointed_on, "representative.appointed_on"));
  if (c.personal_interview) OP_RETURN_IF_ERROR(after_decision(c.personal_interview->held_on, "personal_interview.held_on"));
  if (c.detention) OP_RETURN_IF_ERROR(after_decision(c.detention->judicial_review_on, "detention.judicial_review_on"));
  if (const auto& a = c.transfer_appeal) {
    OP_RETURN_IF_ERROR(after_decision(a->lodged_on, "transfer_appeal.lodged_on"));
    OP_RETURN_IF_ERROR(after_decision(a->suspension_requested_on, "transfer_appeal.suspension_requested_on"));
    OP_RETURN_IF_ERROR(after_decision(a->suspension_decided_on, "transfer_appeal.suspension_decided_on"));
    OP_RETURN_IF_ERROR(after_decision(a->final_decision_on, "transfer_appeal.final_decision_on"));
  }
  OP_RETURN_IF_ERROR(after_decision(c.transfer_decision_on, "transfer_decision_on"));
  OP_RETURN_IF_ERROR(after_decision(c.transfer_decision_notified_on, "transfer_decision_notified_on"));
  // Art. 42(1): a transfer decision (and so its notification) follows the acceptance or confirmation.
  auto needs_acceptance = [&](const char* field) {
    return Status::InvalidArgument("a transfer decision follows the acceptance or confirmation (Art. 42(1)): give "
                                   "accepted_on",
                                   field);
  };
  if (c.transfer_decision_notified_on) {
    if (!c.accepted_on) return needs_acceptance("transfer_decision_notified_on");
    const Date after = c.transfer_decision_on.value_or(*c.accepted_on);
    if (*c.transfer_decision_notified_on < after) {
      return Status::InvalidArgument(std::string("is before ") +
                                         (c.transfer_decision_on ? "transfer_decision_on" : "accepted_on"),
                                     "transfer_decision_notified_on");
    }
    if (c.transfer_appeal && c.transfer_appeal->lodged_on < *c.transfer_decision_notified_on) {
      return Status::InvalidArgument("is before transfer_decision_notified_on: the appeal period runs from the "
                                     "notification (Art. 43(2))",
                                     "transfer_appeal.lodged_on");
    }
  }
  if (c.transfer_decision_on) {
    if (!c.accepted_on) return needs_acceptance("transfer_decision_on");
    if (*c.transfer_decision_on < *c.accepted_on) {
      return Status::InvalidArgument("is before accepted_on", "transfer_decision_on");
    }
    if (c.transfer_appeal && c.transfer_appeal->lodged_on < *c.transfer_decision_on) {
      return Status::InvalidArgument("is before transfer_decision_on: an appeal is against the transfer decision",
                                     "transfer_appeal.lodged_on");
    }
  }
  if (c.entry.irregular_entry) OP_RETURN_IF_ERROR(after_decision(c.entry.irregular_entry->date, "entry.irregular_entry.date"));
  for (size_t i = 0; i < c.eurodac_hits.size(); ++i) {
    OP_RETURN_IF_ERROR(after_decision(c.eurodac_hits[i].hit_received_on, Indexed("eurodac_hits", i) + ".hit_received_on"));
  }
  if (c.applicant.date_of_birth && c.registered_on < *c.applicant.date_of_birth) {
    return Status::InvalidArgument("is after registered_on", "applicant.date_of_birth");
  }
  if (c.take_charge_request_sent_on && *c.take_charge_request_sent_on < c.registered_on) {
    return Status::InvalidArgument("a take charge request follows the registration (" + c.registered_on.ToString() + ")",
                                   "take_charge_request_sent_on");
  }
  if (c.applicant.unaccompanied_minor && c.applicant.date_of_birth &&
      c.applicant.date_of_birth->AddYears(18) <= c.registered_on) {
    return Status::InvalidArgument("the applicant was 18 or older when the application was registered "
                                   "(Art. 2(10)-(11): a minor is under 18)",
                                   "applicant.unaccompanied_minor");
  }
  return Status::OK();
}

}  // namespace

namespace {

// Art. 36(2): a minor accompanying a family member, by the definition of Art. 2(8) (a spouse or
// partner, or an unmarried minor child).
Status ParseAccompanies(element j, const CountryRegistry& countries, ResponsibilityCase* c) {
  ObjectReader ar(j, "accompanies");
  ResponsibilityCase::Accompanies x;
  OP_ASSIGN_OR_RETURN(x.relation, ar.Enum("relation", {"child", "spouse", "partner"}, true));
  OP_ASSIGN_OR_RETURN(x.member_state_responsible, ar.Country("member_state_responsible", countries, true));
  OP_RETURN_IF_ERROR(countries.ValidateStateOfTheSystem(x.member_state_responsible, ar.Field("member_state_responsible")));
  OP_ASSIGN_OR_RETURN(x.born_after_arrival, ar.Bool("born_after_arrival"));
  OP_ASSIGN_OR_RETURN(x.family_existed_in_country_of_origin, ar.Bool("family_existed_in_country_of_origin"));
  OP_ASSIGN_OR_RETURN(x.family_existed_before_arrival, ar.Bool("family_existed_before_arrival"));
  x.family_existed_before_arrival |= x.family_existed_in_country_of_origin;
  OP_ASSIGN_OR_RETURN(x.best_interests, ar.Enum("best_interests", {"served", "against"}, false));
  OP_RETURN_IF_ERROR(ar.Finish());
  const auto& a = c->applicant;
  if (!a.date_of_birth || a.date_of_birth->AddYears(18) <= c->registered_on) {
    return Status::InvalidArgument("Art. 36(2) concerns a minor: give applicant.date_of_birth, under 18 when the "
                                   "application was registered",
                                   "accompanies");
  }
  if (a.unaccompanied_minor) {
    return Status::InvalidArgument("an accompanying minor is not unaccompanied", "applicant.unaccompanied_minor");
  }
  if (x.relation == "child" && a.married) {
    return Status::InvalidArgument("a child is a family member only while unmarried (Art. 2(8)(b))",
                                   "accompanies.relation");
  }
  if (x.born_after_arrival && x.relation != "child") {
    return Status::InvalidArgument("concerns a child", "accompanies.born_after_arrival");
  }
  c->accompanies = x;
  return Status::OK();
}

// Art. 43: the appeal follows the transfer decision, which follows the acceptance (Art. 42(1)); the
// court decides on a suspension that was asked for, and the outcome comes with the final decision.
Status ParseTransferAppeal(element j, ResponsibilityCase* c) {
  ObjectReader ar(j, "transfer_appeal");
  ResponsibilityCase::TransferAppeal x;
  OP_ASSIGN_OR_RETURN(auto lodged, ar.DateField("lodged_on", true));
  x.lodged_on = *lodged;
  OP_ASSIGN_OR_RETURN(x.suspension_requested_on, ar.DateField("suspension_requested_on", false));
  OP_ASSIGN_OR_RETURN(x.suspension, ar.Enum("suspension", {"granted", "refused"}, false));
  OP_ASSIGN_OR_RETURN(x.suspension_decided_on, ar.DateField("suspension_decided_on", false));
  OP_ASSIGN_OR_RETURN(x.final_decision_on, ar.DateField("final_decision_on", false));
  OP_ASSIGN_OR_RETURN(x.outcome, ar.Enum("outcome", {"dismissed", "transfer_decision_annulled"}, false));
  OP_RETURN_IF_ERROR(ar.Finish());
  if (!c->accepted_on) {
    return Status::InvalidArgument("an appeal against a transfer decision follows the acceptance or confirmation "
                                   "(Art. 42(1)): give accepted_on",
                                   "transfer_appeal");
  }
  if (x.lodged_on < *c->accepted_on) return Status::InvalidArgument("is before accepted_on", "transfer_appeal.lodged_on");
  if (x.suspension.empty() != !x.suspension_decided_on) {
    return Status::InvalidArgument("the court's decision on the suspension and its date go together",
                                   x.suspension.empty() ? "transfer_appeal.suspension" : "transfer_appeal.suspension_decided_on");
  }
  if (!x.suspension.empty() && !x.suspension_requested_on) {
    return Status::InvalidArgument("a decision on a suspension answers a request: give suspension_requested_on",
                                   "transfer_appeal.suspension_requested_on");
  }
  if (x.suspension_decided_on && *x.suspension_decided_on < *x.suspension_requested_on) {
    return Status::InvalidArgument("is before suspension_requested_on", "transfer_appeal.suspension_decided_on");
  }
  if (x.outcome.empty() != !x.final_decision_on) {
    return Status::InvalidArgument("the final decision on the appeal and its outcome go together",
                                   x.outcome.empty() ? "transfer_appeal.outcome" : "transfer_appeal.final_decision_on");
  }
  if (x.final_decision_on && *x.final_decision_on < x.lodged_on) {
    return Status::InvalidArgument("is before lodged_on", "transfer_appeal.final_decision_on");
  }
  c->transfer_appeal = x;
  return Status::OK();
}

Result<ResponsibilityCase> ParseCase(element j, const CountryRegistry& countries) {
  ResponsibilityCase c;
  ObjectReader r(j, "");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_ASSIGN_OR_RETURN(auto decision_date, r.DateField("decision_date", true));
  c.decision_date = *decision_date;
  OP_ASSIGN_OR_RETURN(c.member_state, MemberState(r, "member_state", countries, true));
  OP_ASSIGN_OR_RETURN(auto registered, r.DateField("registered_on", true));
  c.registered_on = *registered;
  OP_ASSIGN_OR_RETURN(c.lodged_on, r.DateField("lodged_on", false));
  OP_ASSIGN_OR_RETURN(auto applicant, r.RequiredObject("applicant"));
  OP_RETURN_IF_ERROR(ParseApplicant(applicant, countries, &c.applicant));
  OP_ASSIGN_OR_RETURN(auto accompanies, r.Object("accompanies"));
  if (accompanies) OP_RETURN_IF_ERROR(ParseAccompanies(*accompanies, countries, &c));
  OP_ASSIGN_OR_RETURN(auto representative, r.Object("representative"));
  if (representative) {
    ObjectReader rr(*representative, "representative");
    ResponsibilityCase::Representative x;
    OP_ASSIGN_OR_RETURN(auto made, rr.DateField("application_made_on", true));
    x.application_made_on = *made;
    OP_ASSIGN_OR_RETURN(x.appointed_on, rr.DateField("appointed_on", false));
    OP_ASSIGN_OR_RETURN(x.exceptional_circumstances, rr.Bool("exceptional_circumstances"));
    OP_RETURN_IF_ERROR(rr.Finish());
    if (c.registered_on < x.application_made_on) {
      return Status::InvalidArgument("is after registered_on: an application is made before it is registered",
                                     "representative.application_made_on");
    }
    if (x.appointed_on && *x.appointed_on < x.application_made_on) {
      return Status::InvalidArgument("is before application_made_on", "representative.appointed_on");
    }
    c.representative = x;
  }
  OP_ASSIGN_OR_RETURN(c.security_threat, r.Bool("security_threat"));
  OP_ASSIGN_OR_RETURN(auto family, r.ObjectList("family"));
  OP_RETURN_IF_ERROR(ParseFamily(family, countries, &c.family));
  OP_ASSIGN_OR_RETURN(auto documents, r.ObjectList("documents"));
  OP_RETURN_IF_ERROR(ParseDocuments(documents, countries, &c.documents));
  OP_ASSIGN_OR_RETURN(auto diplomas, r.ObjectList("diplomas"));
  OP_RETURN_IF_ERROR(ParseDiplomas(diplomas, countries, &c.diplomas));
  OP_ASSIGN_OR_RETURN(auto dependency, r.Object("dependency"));
  if (dependency) {
    c.dependency.emplace();
    OP_RETURN_IF_ERROR(ParseDependency(*dependency, countries, &*c.dependency));
  }
  OP_ASSIGN_OR_RETURN(auto entry, r.Object("entry"));
  if (entry) OP_RETURN_IF_ERROR(ParseEntry(*entry, countries, &c.entry));
  OP_ASSIGN_OR_RETURN(auto hits, r.ObjectList("eurodac_hits"));
  OP_RETURN_IF_ERROR(ParseHits(hits, countries, c.registered_on, &c.eurodac_hits));
  OP_ASSIGN_OR_RETURN(c.transfer_impossible_to, r.StringList("transfer_impossible_to"));
  for (size_t i = 0; i < c.transfer_impossible_to.size(); ++i) {
    const std::string field = Indexed("transfer_impossible_to", i);
    OP_RETURN_IF_ERROR(countries.ValidateStateOfTheSystem(c.transfer_impossible_to[i], field));
    if (c.transfer_impossible_to[i] == c.member_state) {
      return Status::InvalidArgument("names the deciding Member State itself (Art. 16(3) concerns a transfer)", field);
    }
  }
  OP_ASSIGN_OR_RETURN(auto interview, r.Object("personal_interview"));
  if (interview) {
    ObjectReader ir(*interview, "personal_interview");
    ResponsibilityCase::PersonalInterview x;
    OP_ASSIGN_OR_RETURN(x.held_on, ir.DateField("held_on", false));
    OP_ASSIGN_OR_RETURN(x.omitted, ir.Enum("omitted", {"absconded", "did_not_attend", "information_provided"}, false));
    OP_RETURN_IF_ERROR(ir.Finish());
    if (x.held_on.has_value() == !x.omitted.empty()) {
      return Status::InvalidArgument("give either the day it was held or the ground on which it was omitted (Art. "
                                     "22(2))",
                                     "personal_interview");
    }
    if (x.held_on && *x.held_on < c.registered_on) {
      return Status::InvalidArgument("is before registered_on", "personal_interview.held_on");
    }
    c.personal_interview = x;
  }
  OP_ASSIGN_OR_RETURN(c.take_charge_request_sent_on, r.DateField("take_charge_request_sent_on", false));
  OP_ASSIGN_OR_RETURN(auto urgent, r.Object("urgent_reply"));
  if (urgent) {
    ObjectReader ur(*urgent, "urgent_reply");
    ResponsibilityCase::UrgentReply x;
    OP_ASSIGN_OR_RETURN(x.ground, ur.Enum("ground", {"refusal_of_entry", "return_decision", "refusal_of_stay",
                                                     "arrest_for_illegal_stay", "removal_order"},
                                          true));
    OP_ASSIGN_OR_RETURN(x.reply_within_days, ur.Integer("reply_within_days", 1, 366));
    OP_RETURN_IF_ERROR(ur.Finish());
    if (x.reply_within_days && *x.reply_within_days < 7) {
      return Status::InvalidArgument("an urgent reply's period is at least one week (Regulation (EU) 2024/1351, Art. "
                                     "39(2), second subparagraph; Regulation (EU) No 604/2013, Art. 21(2))",
                                     "urgent_reply.reply_within_days");
    }
    if (!c.take_charge_request_sent_on) {
      return Status::InvalidArgument("an urgent reply is asked for in a take charge request: give "
                                     "take_charge_request_sent_on",
                                     "urgent_reply");
    }
    c.urgent_reply = x;
  }
  OP_ASSIGN_OR_RETURN(c.take_back_sent_on, r.DateField("take_back_sent_on", false));
  OP_ASSIGN_OR_RETURN(c.reply_received_on, r.DateField("reply_received_on", false));
  OP_ASSIGN_OR_RETURN(c.accepted_on, r.DateField("accepted_on", false));
  OP_ASSIGN_OR_RETURN(c.reexamination_requested_on, r.DateField("reexamination_requested_on", false));
  OP_ASSIGN_OR_RETURN(c.reexamination_reply_on, r.DateField("reexamination_reply_on", false));
  OP_ASSIGN_OR_RETURN(c.detained_on, r.DateField("detained_on", false));
  OP_ASSIGN_OR_RETURN(auto detention, r.Object("detention"));
  if (detention) {
    ObjectReader dr(*detention, "detention");
    ResponsibilityCase::Detention x;
    OP_ASSIGN_OR_RETURN(x.ground, dr.Enum("ground", {"risk_of_absconding", "national_security_or_public_order"}, false));
    OP_ASSIGN_OR_RETURN(x.individual_assessment, dr.Bool("individual_assessment"));
    OP_ASSIGN_OR_RETURN(x.less_coercive_measures_insufficient, dr.Bool("less_coercive_measures_insufficient"));
    OP_ASSIGN_OR_RETURN(x.ordered_by, dr.Enum("ordered_by", {"administrative", "judicial"}, false));
    OP_ASSIGN_OR_RETURN(x.judicial_review_on, dr.DateField("judicial_review_on", false));
    OP_RETURN_IF_ERROR(dr.Finish());
    if (!c.detained_on) {
      return Status::InvalidArgument("describes a detention: give detained_on", "detention");
    }
    if (x.judicial_review_on && *x.judicial_review_on < *c.detained_on) {
      return Status::InvalidArgument("is before detained_on", "detention.judicial_review_on");
    }
    c.detention = x;
  }
  OP_ASSIGN_OR_RETURN(c.examines_under_discretionary_clause, r.Bool("examines_under_discretionary_clause"));
  OP_ASSIGN_OR_RETURN(c.first_decision_on_substance_on, r.DateField("first_decision_on_substance_on", false));
  OP_ASSIGN_OR_RETURN(c.minor_transfer_against_best_interests, r.Bool("minor_transfer_against_best_interests"));
  if (c.minor_transfer_against_best_interests && !c.applicant.unaccompanied_minor) {
    return Status::InvalidArgument("concerns an unaccompanied minor (Art. 37(1))", "minor_transfer_against_best_interests");
  }
  OP_ASSIGN_OR_RETURN(auto information, r.ObjectList("information_requests"));
  for (size_t i = 0; i < information.size(); ++i) {
    ObjectReader ir(information[i], Indexed("information_requests", i));
    ResponsibilityCase::InformationRequest x;
    OP_ASSIGN_OR_RETURN(x.member_state, MemberState(ir, "member_state", countries, true));
    OP_ASSIGN_OR_RETURN(auto sent, ir.DateField("sent_on", true));
    x.sent_on = *sent;
    OP_ASSIGN_OR_RETURN(x.replied_on, ir.DateField("replied_on", false));
    OP_ASSIGN_OR_RETURN(x.information_refused, ir.Bool("information_refused"));
    OP_RETURN_IF_ERROR(ir.Finish());
    if (x.member_state == c.member_state) {
      return Status::InvalidArgument("Art. 51(1) asks another Member State", ir.Field("member_state"));
    }
    if (x.replied_on && *x.replied_on < x.sent_on) {
      return Status::InvalidArgument("is before sent_on", ir.Field("replied_on"));
    }
    if (x.information_refused && !x.replied_on) {
      return Status::InvalidArgument("a refusal is a reply: give replied_on (Art. 51(5))", ir.Field("information_refused"));
    }
    c.information_requests.push_back(x);
  }
  OP_ASSIGN_OR_RETURN(auto humanitarian, r.Object("humanitarian_request"));
  if (humanitarian) {
    ObjectReader hr(*humanitarian, "humanitarian_request");
    ResponsibilityCase::HumanitarianRequest x;
    OP_ASSIGN_OR_RETURN(x.member_state, MemberState(hr, "member_state", countries, true));
    OP_ASSIGN_OR_RETURN(auto sent, hr.DateField("sent_on", true));
    x.sent_on = *sent;
    OP_ASSIGN_OR_RETURN(x.consent_in_writing, hr.Bool("consent_in_writing"));
    OP_ASSIGN_OR_RETURN(x.accepted_on, hr.DateField("accepted_on", false));
    OP_RETURN_IF_ERROR(hr.Finish());
    if (!x.consent_in_writing) {
      return Status::InvalidArgument("Art. 35(2) needs the written consent of the persons concerned",
                                     "humanitarian_request.consent_in_writing");
    }
    c.humanitarian_request = x;
  }
  OP_ASSIGN_OR_RETURN(c.transfer_decision_on, r.DateField("transfer_decision_on", false));
  OP_ASSIGN_OR_RETURN(c.transfer_decision_notified_on, r.DateField("transfer_decision_notified_on", false));
  OP_ASSIGN_OR_RETURN(c.transferred_on, r.DateField("transferred_on", false));
  OP_ASSIGN_OR_RETURN(auto extension, r.Object("transfer_extension"));
  if (extension) {
    ObjectReader er(*extension, "transfer_extension");
    ResponsibilityCase::TransferExtension x;
    OP_ASSIGN_OR_RETURN(x.ground, er.Enum("ground", {"imprisonment", "absconding", "physical_resistance",
                                                     "unfit_for_transfer", "medical_requirements"},
                                          true));
    OP_ASSIGN_OR_RETURN(auto notified, er.DateField("notified_on", true));
    x.notified_on = *notified;
    OP_ASSIGN_OR_RETURN(x.available_again_on, er.DateField("available_again_on", false));
    OP_RETURN_IF_ERROR(er.Finish());
    c.transfer_extension = x;
  }
  OP_ASSIGN_OR_RETURN(auto appeal, r.Object("transfer_appeal"));
  if (appeal) OP_RETURN_IF_ERROR(ParseTransferAppeal(*appeal, &c));
  OP_RETURN_IF_ERROR(r.Finish());
  OP_RETURN_IF_ERROR(CheckChronology(c));
  return c;
}

}  // namespace

Result<ResponsibilityCase> ParseResponsibilityCase(std::string_view json_text, const CountryRegistry& countries) {
  OP_ASSIGN_OR_RETURN(element j, ParseJsonDocument(json_text));
  return ParseCase(j, countries);
}

Status AddRecordHits(ResponsibilityCase* c, const std::string& record_member_state, std::vector<EurodacHitFact> hits,
                     const std::string& field) {
  if (record_member_state != c->member_state) {
    return Status::InvalidArgument("the record is " + record_member_state + "'s; the case is decided by " + c->member_state,
                                   field);
  }
  for (EurodacHitFact& h : hits) {
    const bool stated = std::any_of(c->eurodac_hits.begin(), c->eurodac_hits.end(), [&](const EurodacHitFact& x) {
      return x.category == h.category && x.member_state == h.member_state && x.date == h.date;
    });
    if (!stated) c->eurodac_hits.push_back(std::move(h));
  }
  return CheckChronology(*c);
}

Result<std::vector<ResponsibilityCase>> ParseFamilyProcedure(std::string_view json_text, const CountryRegistry& countries) {
  constexpr size_t kMaxMembers = 50;  // a family, not a batch
  OP_ASSIGN_OR_RETURN(element j, ParseJsonDocument(json_text));
  ObjectReader r(j, "");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_ASSIGN_OR_RETURN(auto list, r.ObjectList("members"));
  OP_RETURN_IF_ERROR(r.Finish());
  if (list.size() < 2 || list.size() > kMaxMembers) {
    return Status::InvalidArgument("must list 2 to " + std::to_string(kMaxMembers) + " family members' cases", "members");
  }
  std::vector<ResponsibilityCase> out;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string prefix = Indexed("members", i);
    auto c = ParseCase(list[i], countries);
    if (!c.ok()) return c.status().WithFieldPrefix(prefix);
    if (!out.empty() && c->member_state != out.front().member_state) {
      return Status::InvalidArgument("Art. 28 concerns applications registered in the same Member State (" +
                                         out.front().member_state + ")",
                                     prefix + ".member_state");
    }
    out.push_back(std::move(*c));
  }
  return out;
}

}  // namespace openpact::rules
