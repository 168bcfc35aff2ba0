// Parsing and validation of the temporary protection case document
// (docs/schemas/temporary-protection-case.schema.json).
#include "rules/json_reader.h"
#include "rules/temporary_protection.h"

namespace openpact::rules {
namespace {

using element = simdjson::dom::element;

const std::vector<std::string> kCategories = {"ukrainian_national", "protected_in_ukraine"};
const std::vector<std::string> kRelations = {"spouse", "partner", "child", "dependent_relative"};
const std::vector<std::string> kExclusionGrounds = {"crime_against_peace_war_crime_or_crime_against_humanity",
                                                    "serious_non_political_crime", "acts_contrary_to_un_purposes",
                                                    "danger_to_security", "danger_to_community"};

Status ParsePerson(element j, const CountryRegistry& countries, TemporaryProtectionCase::Person* p) {
  ObjectReader r(j, "person");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_ASSIGN_OR_RETURN(p->nationality, r.Country("nationality", countries, true));
  OP_RETURN_IF_ERROR(NotAMemberState(countries, p->nationality, r.Field("nationality"),
                                     "Union citizens do not need temporary protection"));
  OP_ASSIGN_OR_RETURN(p->date_of_birth, r.DateField("date_of_birth", false));
  OP_ASSIGN_OR_RETURN(auto displaced, r.DateField("displaced_on", true));
  p->displaced_on = *displaced;
  OP_ASSIGN_OR_RETURN(p->resided_in_ukraine, r.Bool("resided_in_ukraine"));
  OP_ASSIGN_OR_RETURN(p->protection_in_ukraine, r.Bool("protection_in_ukraine"));
  OP_ASSIGN_OR_RETURN(p->permanent_residence_permit, r.Bool("permanent_residence_permit"));
  OP_ASSIGN_OR_RETURN(p->legally_residing, r.Bool("legally_residing"));
  if (r.Has("can_return_safely")) {
    OP_ASSIGN_OR_RETURN(bool can, r.Bool("can_return_safely"));
    p->can_return_safely = can;
  } else {
    OP_RETURN_IF_ERROR(r.Bool("can_return_safely").status());  // marks it read
  }
  OP_RETURN_IF_ERROR(r.Finish());
  if (p->nationality == "UKR") {
    for (const char* field : {"protection_in_ukraine", "permanent_residence_permit", "legally_residing"}) {
      if (r.Has(field) && *r.Bool(field)) {
        return Status::InvalidArgument("concerns stateless persons and nationals of third countries other than "
                                       "Ukraine (Council Implementing Decision (EU) 2022/382, Art. 2(1)(b), (2), (3))",
                                       r.Field(field));
      }
    }
  }
  return Status::OK();
}

}  // namespace

Result<TemporaryProtectionCase> ParseTemporaryProtectionCase(std::string_view json_text, const CountryRegistry& countries) {
  OP_ASSIGN_OR_RETURN(element j, ParseJsonDocument(json_text));
  TemporaryProtectionCase c;
  ObjectReader r(j, "");
  OP_RETURN_IF_ERROR(r.CheckIsObject());
  OP_RETURN_IF_ERROR(ReadDecisionHeader(r, countries, &c.decision_date, &c.member_state));
  OP_ASSIGN_OR_RETURN(auto person, r.RequiredObject("person"));
  OP_RETURN_IF_ERROR(ParsePerson(person, countries, &c.person));
  OP_ASSIGN_OR_RETURN(auto family, r.Object("family_member_of"));
  if (family) {
    ObjectReader fr(*family, "family_member_of");
    OP_RETURN_IF_ERROR(fr.CheckIsObject());
    TemporaryProtectionCase::FamilyMemberOf f;
    OP_ASSIGN_OR_RETURN(f.category, fr.Enum("category", kCategories, true));
    OP_ASSIGN_OR_RETURN(f.relation, fr.Enum("relation", kRelations, true));
    OP_ASSIGN_OR_RETURN(f.family_resided_in_ukraine, fr.Bool("family_resided_in_ukraine"));
    OP_ASSIGN_OR_RETURN(f.partnership_recognised, fr.Bool("partnership_recognised"));
    OP_ASSIGN_OR_RETURN(f.child_married, fr.Bool("child_married"));
    OP_ASSIGN_OR_RETURN(f.lived_together_dependent, fr.Bool("lived_together_dependent"));
    OP_RETURN_IF_ERROR(fr.Finish());
    for (const auto& [set, field, relation] : {std::tuple{f.partnership_recognised, "partnership_recognised", "partner"},
                                               std::tuple{f.child_married, "child_married", "child"},
                                               std::tuple{f.lived_together_dependent, "lived_together_dependent",
                                                          "dependent_relative"}}) {
      if (set && f.relation != relation) {
        return Status::InvalidArgument(std::string("concerns the relation '") + relation + "'", fr.Field(field));
      }
    }
    c.family_member_of = f;
  }
  OP_ASSIGN_OR_RETURN(c.exclusion_ground, r.Enum("exclusion_ground", kExclusionGrounds, false));
  OP_ASSIGN_OR_RETURN(c.applied_for_international_protection_on,
                      r.DateField("applied_for_international_protection_on", false));
  OP_RETURN_IF_ERROR(r.Finish());
  OP_RETURN_IF_ERROR(NotBefore(c.applied_for_international_protection_on, "applied_for_international_protection_on",
                               c.person.date_of_birth, "person.date_of_birth"));
  OP_RETURN_IF_ERROR(NotBefore(std::optional<Date>(c.person.displaced_on), "person.displaced_on",
                               c.person.date_of_birth, "person.date_of_birth"));
  OP_RETURN_IF_ERROR(CheckNotAfterDecisionDate(
      c.decision_date, {{c.person.date_of_birth, "person.date_of_birth"},
                        {c.person.displaced_on, "person.displaced_on"},
                        {c.applied_for_international_protection_on, "applied_for_international_protection_on"}}));
  return c;
}

}  // namespace openpact::rules
