// Parsing and validation of the protection documents case document
// (docs/schemas/protection-documents-case.schema.json).
#include "rules/json_reader.h"
#include "rules/protection_documents.h"

namespace openpact::rules {
namespace {

using element = simdjson::dom::element;

const std::vector<std::string> kStatuses = {"refugee", "subsidiary_protection"};

// A document: issued_on and valid_until, in that order.
Result<ProtectionDocumentsCase::Permit> ParseDocument(element j, const std::string& where) {
  ObjectReader r(j, where);
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  ProtectionDocumentsCase::Permit p;
  OP_ASSIGN_OR_RETURN(auto issued, r.DateField("issued_on", true));
  OP_ASSIGN_OR_RETURN(auto until, r.DateField("valid_until", true));
  p.issued_on = *issued;
  p.valid_until = *until;
  OP_RETURN_IF_ERROR(r.Finish());
  if (p.valid_until < p.issued_on) {
    return Status::InvalidArgument("cannot precede " + where + ".issued_on " + p.issued_on.ToString(),
                                   where + ".valid_until");
  }
  return p;
}

const std::vector<std::string> kRelations = {"spouse", "parent", "child", "partner", "responsible_adult",
                                             "other_relative"};

Result<ProtectionDocumentsCase::FamilyMember> ParseFamilyMember(element j, const std::string& where) {
  ObjectReader r(j, where);
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  ProtectionDocumentsCase::FamilyMember f;
  OP_ASSIGN_OR_RETURN(f.relation, r.Enum("relation", kRelations, true));
  if (!r.Has("family_existed_before_arrival")) {
    return Status::InvalidArgument("is required: a family member is one whose family existed before the applicant "
                                   "arrived in the Member States (Regulation (EU) 2024/1347, Art. 3(9))",
                                   r.Field("family_existed_before_arrival"));
  }
  OP_ASSIGN_OR_RETURN(f.family_existed_before_arrival, r.Bool("family_existed_before_arrival"));
  OP_ASSIGN_OR_RETURN(f.present_in_member_state, r.Bool("present_in_member_state", true));
  OP_ASSIGN_OR_RETURN(f.date_of_birth, r.DateField("date_of_birth", false));
  OP_ASSIGN_OR_RETURN(f.married, r.Bool("married"));
  OP_ASSIGN_OR_RETURN(f.dependent, r.Bool("dependent"));
  OP_ASSIGN_OR_RETURN(f.partnership_recognised, r.Bool("partnership_recognised"));
  OP_ASSIGN_OR_RETURN(f.lived_in_household, r.Bool("lived_in_household"));
  OP_ASSIGN_OR_RETURN(f.individually_entitled, r.Bool("individually_entitled"));
  OP_ASSIGN_OR_RETURN(f.requested_permit, r.Bool("requested_permit", true));
  OP_ASSIGN_OR_RETURN(f.excluded, r.Bool("excluded"));
  OP_ASSIGN_OR_RETURN(f.marriage_of_convenience, r.Bool("marriage_of_convenience"));
  OP_ASSIGN_OR_RETURN(f.security_or_public_order, r.Bool("security_or_public_order"));
  OP_ASSIGN_OR_RETURN(auto permit, r.Object("permit"));
  if (permit) { OP_ASSIGN_OR_RETURN(f.permit, ParseDocument(*permit, r.Field("permit"))); }
  OP_RETURN_IF_ERROR(r.Finish());
  if (f.relation == "child" && !f.date_of_birth) {
    return Status::InvalidArgument("is required for a child: a minor, or an adult only if dependent (Art. 3(9)(b))",
                                   r.Field("date_of_birth"));
  }
  if (f.marriage_of_convenience && f.relation != "spouse" && f.relation != "partner") {
    return Status::InvalidArgument("Art. 23(4) concerns a spouse or partner, not a " + f.relation,
                                   r.Field("marriage_of_convenience"));
  }
  if (f.partnership_recognised && f.relation != "partner") {
    return Status::InvalidArgument("concerns an unmarried partner (Art. 3(9)(a))", r.Field("partnership_recognised"));
  }
  return f;
}

Status ParseRevocation(element j, bool refugee, ProtectionDocumentsCase::Revocation* v) {
  ObjectReader r(j, "revocation");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  v->present = true;
  OP_ASSIGN_OR_RETURN(auto started, r.DateField("examination_started_on", true));
  v->examination_started_on = *started;
  OP_ASSIGN_OR_RETURN(v->informed_in_writing_on, r.DateField("informed_in_writing_on", false));
  OP_ASSIGN_OR_RETURN(v->statement_time_limit, r.DateField("statement_time_limit", false));
  OP_ASSIGN_OR_RETURN(v->interview_on, r.DateField("interview_on", false));
  static const std::vector<std::string> kRefugee = {"a", "b", "c", "d", "e", "f"};
  static const std::vector<std::string> kSubsidiary = {"circumstances_changed"};
  OP_ASSIGN_OR_RETURN(std::string cessation, r.Enum("cessation", refugee ? kRefugee : kSubsidiary, false));
  if (!cessation.empty()) v->cessation = refugee ? cessation[0] : 'c';
  OP_ASSIGN_OR_RETURN(v->change_significant_and_lasting, r.Bool("change_significant_and_lasting"));
  OP_ASSIGN_OR_RETURN(v->compelling_reasons, r.Bool("compelling_reasons"));
  OP_ASSIGN_OR_RETURN(v->excluded, r.Bool("excluded"));
  OP_ASSIGN_OR_RETURN(v->misrepresentation_decisive, r.Bool("misrepresentation_decisive"));
  OP_ASSIGN_OR_RETURN(v->danger_to_security, r.Bool("danger_to_security"));
  OP_ASSIGN_OR_RETURN(v->serious_crime_and_danger, r.Bool("serious_crime_and_danger"));
  OP_ASSIGN_OR_RETURN(v->established_individually, r.Bool("established_individually"));
  OP_RETURN_IF_ERROR(r.Finish());
  if (!refugee && (v->danger_to_security || v->serious_crime_and_danger)) {
    return Status::InvalidArgument("Art. 14(1)(d)-(e) concern refugee status; for subsidiary protection a danger or a "
                                   "serious crime is a ground of exclusion (Art. 17): give excluded",
                                   r.Field(v->danger_to_security ? "danger_to_security" : "serious_crime_and_danger"));
  }
  OP_RETURN_IF_ERROR(NotBefore(v->informed_in_writing_on, "revocation.informed_in_writing_on", v->examination_started_on,
                               "revocation.examination_started_on"));
  OP_RETURN_IF_ERROR(NotBefore(v->statement_time_limit, "revocation.statement_time_limit", v->informed_in_writing_on,
                               "revocation.informed_in_writing_on"));
  if (v->statement_time_limit && !v->informed_in_writing_on) {
    return Status::InvalidArgument("the time for a written statement runs from the written information (Regulation "
                                   "(EU) 2024/1348, Art. 66(1)(d)): give informed_in_writing_on",
                                   "revocation.informed_in_writing_on");
  }
  return Status::OK();
}

Status CheckConsistency(const ProtectionDocumentsCase& c) {
  const std::optional<Date> granted = c.protection.granted_on;
  OP_RETURN_IF_ERROR(NotBefore(c.protection.notified_on, "protection.notified_on", granted, "protection.granted_on"));
  OP_RETURN_IF_ERROR(NotBefore(c.provisional_measures_on, "provisional_measures_on", granted, "protection.granted_on"));
  std::optional<Date> permit;
  if (c.residence_permit) permit = c.residence_permit->issued_on;
  OP_RETURN_IF_ERROR(NotBefore(permit, "residence_permit.issued_on", granted, "protection.granted_on"));
  if (!c.renewals.empty() && !c.residence_permit) {
    return Status::InvalidArgument("a renewal needs the first permit: give residence_permit", "renewals");
  }
  std::optional<Date> previous = permit;
  for (size_t i = 0; i < c.renewals.size(); ++i) {
    const std::string field = "renewals[" + std::to_string(i) + "].issued_on";
    const std::optional<Date> issued = c.renewals[i].issued_on;
    if (previous && *issued < *previous) {
      return Status::InvalidArgument("renewals are listed in order: cannot precede the permit before it, issued on " +
                                         previous->ToString(),
                                     field);
    }
    previous = issued;
  }
  if (c.protection.status == "refugee" && c.national_passport_obtainable) {
    return Status::InvalidArgument("concerns subsidiary protection (Regulation (EU) 2024/1347, Art. 25(2)); a "
                                   "refugee's travel document does not depend on it",
                                   "national_passport_obtainable");
  }
  if (c.compelling_reasons_against_travel_document && c.travel_document) {
    return Status::InvalidArgument("a travel document was issued (travel_document): it cannot also be withheld",
                                   "compelling_reasons_against_travel_document");
  }
  if (c.travel_document) {
    OP_RETURN_IF_ERROR(NotBefore(c.travel_document->issued_on, "travel_document.issued_on", granted,
                                 "protection.granted_on"));
  }
  std::optional<Date> renewed;
  if (!c.renewals.empty()) renewed = c.renewals.back().issued_on;
  std::optional<Date> travel;
  if (c.travel_document) travel = c.travel_document->issued_on;
  return CheckNotAfterDecisionDate(c.decision_date, {{granted, "protection.granted_on"},
                                                     {c.protection.notified_on, "protection.notified_on"},
                                                     {c.provisional_measures_on, "provisional_measures_on"},
                                                     {permit, "residence_permit.issued_on"},
                                                     {renewed, "renewals"},
                                                     {travel, "travel_document.issued_on"}});
}

}  // namespace

Result<ProtectionDocumentsCase> ParseProtectionDocumentsCase(std::string_view json_text,
                                                             const CountryRegistry& countries) {
  OP_ASSIGN_OR_RETURN(element j, ParseJsonDocument(json_text));
  ProtectionDocumentsCase c;
  ObjectReader r(j, "");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_RETURN_IF_ERROR(ReadDecisionHeader(r, countries, &c.decision_date, &c.member_state));
  OP_ASSIGN_OR_RETURN(c.nationality, r.Country("nationality", countries, true));
  OP_RETURN_IF_ERROR(NotAMemberState(countries, c.nationality, "nationality",
                                     "international protection is granted to third-country nationals and stateless "
                                     "persons (Regulation (EU) 2024/1347, Art. 1)"));
  OP_ASSIGN_OR_RETURN(auto protection, r.RequiredObject("protection"));
  {
    ObjectReader pr(protection, "protection");
    OP_RETURN_IF_ERROR(pr.CheckIsObject());
    OP_ASSIGN_OR_RETURN(c.protection.status, pr.Enum("status", kStatuses, true));
    OP_ASSIGN_OR_RETURN(auto granted, pr.DateField("granted_on", true));
    c.protection.granted_on = *granted;
    OP_ASSIGN_OR_RETURN(c.protection.notified_on, pr.DateField("notified_on", false));
    OP_RETURN_IF_ERROR(pr.Finish());
  }
  OP_ASSIGN_OR_RETURN(c.provisional_measures_on, r.DateField("provisional_measures_on", false));
  OP_ASSIGN_OR_RETURN(auto permit, r.Object("residence_permit"));
  if (permit) {
    OP_ASSIGN_OR_RETURN(c.residence_permit, ParseDocument(*permit, "residence_permit"));
  }
  OP_ASSIGN_OR_RETURN(auto renewals, r.ObjectList("renewals"));
  for (size_t i = 0; i < renewals.size(); ++i) {
    OP_ASSIGN_OR_RETURN(auto renewal, ParseDocument(renewals[i], "renewals[" + std::to_string(i) + "]"));
    c.renewals.push_back(renewal);
  }
  OP_ASSIGN_OR_RETURN(auto travel, r.Object("travel_document"));
  if (travel) {
    OP_ASSIGN_OR_RETURN(c.travel_document, ParseDocument(*travel, "travel_document"));
  }
  OP_ASSIGN_OR_RETURN(c.national_passport_obtainable, r.Bool("national_passport_obtainable"));
  OP_ASSIGN_OR_RETURN(c.compelling_reasons_against_travel_document, r.Bool("compelling_reasons_against_travel_document"));
  OP_ASSIGN_OR_RETURN(c.date_of_birth, r.DateField("date_of_birth", false));
  OP_ASSIGN_OR_RETURN(c.married, r.Bool("married"));
  OP_ASSIGN_OR_RETURN(auto revocation, r.Object("revocation"));
  if (revocation) OP_RETURN_IF_ERROR(ParseRevocation(*revocation, c.protection.status == "refugee", &c.revocation));
  OP_ASSIGN_OR_RETURN(auto family, r.ObjectList("family_members"));
  for (size_t i = 0; i < family.size(); ++i) {
    OP_ASSIGN_OR_RETURN(auto member, ParseFamilyMember(family[i], "family_members[" + std::to_string(i) + "]"));
    c.family_members.push_back(std::move(member));
  }
  OP_RETURN_IF_ERROR(r.Finish());
  std::optional<Date> revocation_started;
  if (c.revocation.present) revocation_started = c.revocation.examination_started_on;
  OP_RETURN_IF_ERROR(CheckNotAfterDecisionDate(
      c.decision_date, {{c.date_of_birth, "date_of_birth"},
                        {revocation_started, "revocation.examination_started_on"},
                        {c.revocation.informed_in_writing_on, "revocation.informed_in_writing_on"}}));
  OP_RETURN_IF_ERROR(NotBefore(revocation_started, "revocation.examination_started_on", c.protection.granted_on,
                               "protection.granted_on"));
  for (size_t i = 0; i < c.family_members.size(); ++i) {
    const std::string where = "family_members[" + std::to_string(i) + "]";
    const auto& f = c.family_members[i];
    if ((f.relation == "parent" || f.relation == "responsible_adult") && !c.date_of_birth) {
      return Status::InvalidArgument("a parent or responsible adult is a family member of a minor beneficiary (Art. "
                                     "3(9)(c)): give the beneficiary's date_of_birth",
                                     "date_of_birth");
    }
    std::optional<Date> issued;
    if (f.permit) issued = f.permit->issued_on;
    OP_RETURN_IF_ERROR(CheckNotAfterDecisionDate(c.decision_date, {{issued, (where + ".permit.issued_on").c_str()},
                                                                   {f.date_of_birth, (where + ".date_of_birth").c_str()}}));
  }
  OP_RETURN_IF_ERROR(CheckConsistency(c));
  return c;
}

}  // namespace openpact::rules
