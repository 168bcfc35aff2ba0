// Temporary protection (Council Directive 2001/55/EC) as activated for persons displaced from
// Ukraine by Council Implementing Decision (EU) 2022/382: whether a person is covered and on which
// paragraph of its Art. 2, until when the protection runs (Directive Art. 4 and the Council's
// extensions, dated policy rows), what the Directive then guarantees (Arts. 8, 12-14, 17) and that
// Eurodac does not register these persons (Regulation (EU) 2024/1358, Art. 63(3)).
//
// Neither the Directive nor the Council decisions are in shared/spec/law-it: the rules follow
// shared/spec/rules.md §6 and the decisions' text as read in archived copies (docs/rules.md,
// "Temporary protection"); every answer says so (flag `text_not_in_law_it`). The Eurodac provision
// is checked in the Italian text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/countries.h"
#include "core/date.h"
#include "core/status.h"
#include "rules/decision_record.h"  // DecisionRecord, RulesData, Ground, Deadline, Flag

namespace openpact::rules {

// ---- The case document (docs/schemas/temporary-protection-case.schema.json) ----
struct TemporaryProtectionCase {
  Date decision_date;
  std::string member_state;  // the Member State deciding, where the person is
  struct Person {
    std::string nationality;             // ISO alpha-3; XXA for a stateless person
    std::optional<Date> date_of_birth;   // a minor's access to education (Directive Art. 14)
    Date displaced_on;                   // when the person left Ukraine (Decision Art. 2(1): on or after 24 February 2022)
    bool resided_in_ukraine = false;     // residing in Ukraine before 24 February 2022 (2(1)(a))
    bool protection_in_ukraine = false;  // international or equivalent national protection in Ukraine before then (2(1)(b))
    bool permanent_residence_permit = false;  // legally residing on a valid permanent residence permit (2(2))
    bool legally_residing = false;            // legally residing in Ukraine otherwise (2(3))
    std::optional<bool> can_return_safely;    // to the country or region of origin in safe and durable conditions (2(2)-(3))
  } person;
  // Art. 2(1)(c) and 2(4): a family member of a person covered by 2(1)(a) or (b).
  struct FamilyMemberOf {
    std::string category;  // ukrainian_national (2(1)(a)) | protected_in_ukraine (2(1)(b))
    std::string relation;  // spouse | partner | child | dependent_relative
    bool family_resided_in_ukraine = false;   // the family already present and residing in Ukraine before 24 February 2022
    bool partnership_recognised = false;      // 2(4)(a): unmarried couples treated like married ones there
    bool child_married = false;               // 2(4)(b): minor unmarried children
    bool lived_together_dependent = false;    // 2(4)(c): lived together as part of the family unit, wholly or mainly dependent
  };
  std::optional<FamilyMemberOf> family_member_of;
  // Directive Art. 28(1): (a)(i) crime_against_peace_war_crime_or_crime_against_humanity |
  // (a)(ii) serious_non_political_crime | (a)(iii) acts_contrary_to_un_purposes | (b)
  // danger_to_security | danger_to_community ("" none).
  std::string exclusion_ground;
  std::optional<Date> applied_for_international_protection_on;  // Directive Arts. 17, 19
};

Result<TemporaryProtectionCase> ParseTemporaryProtectionCase(std::string_view json_text, const CountryRegistry& countries);

// ---- The answer ----
struct TemporaryProtectionDecision : DecisionRecord {
  // covered | member_state_choice (2(2): temporary protection or adequate national protection) |
  // member_state_option (2(3): the Member State may apply the Decision) | not_covered | excluded
  // (Directive Art. 28) | ended (the protection's last day has passed, Directive Art. 20)
  std::string coverage;
  std::string category;      // "2(1)(a)" ... or "" where none applies
  std::string legal_basis;   // of the coverage
  std::optional<Date> protection_ends_on;  // the last day, as extended by the Council so far
};

// Decides as of `at` (default: the case's decision_date). Refused naming the field for a Member
// State not bound by the Directive (Denmark), a day before the Decision applied, or a fact the
// answer needs and the case does not give.
Result<TemporaryProtectionDecision> DecideTemporaryProtection(const TemporaryProtectionCase& c, const RulesData& data,
                                                              std::optional<Date> at = std::nullopt);

std::string TemporaryProtectionDecisionToJson(const TemporaryProtectionDecision& d, int indent = 2);

}  // namespace openpact::rules
