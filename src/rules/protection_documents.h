// The documents of a beneficiary of international protection under the Qualification Regulation
// (Regulation (EU) 2024/1347, "QR"), read against shared/spec/law-it/reg-2024-1347.txt: the
// residence permit (Art. 24: issued at the latest 90 days after the decision granting protection
// is notified, with an initial validity of at least three years for refugees and one year for
// subsidiary protection, renewed for at least three and two years without a gap), the provisional
// measures owed when no permit is issued within 15 days of the grant (Art. 20(3)), and travel
// documents (Art. 25: for refugees unless compelling reasons of national security or public order
// require otherwise; for subsidiary protection where no national passport can be obtained; valid
// for more than one year), and the permits of family members (Art. 23: the same expiry as the
// beneficiary's, refused on the grounds of 23(3)-(5)), and an examination to revoke the status
// (Arts. 14, 19, with the guarantees of Regulation (EU) 2024/1348, Art. 66). Every conclusion carries its article; time limits are counted under
// Regulation (EEC, Euratom) No 1182/71, Art. 3 (the Regulation has no computation rule of its own).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/countries.h"
#include "core/date.h"
#include "core/status.h"
#include "rules/decision_record.h"  // DecisionRecord, RulesData, Ground, Deadline, Flag

namespace openpact::rules {

// ---- The case document (docs/schemas/protection-documents-case.schema.json) ----

struct ProtectionDocumentsCase {
  Date decision_date;
  std::string member_state;
  std::string nationality;
  struct Protection {
    std::string status;  // refugee | subsidiary_protection
    Date granted_on;
    std::optional<Date> notified_on;
  } protection;
  std::optional<Date> provisional_measures_on;  // Art. 20(3): registration or a document
  struct Permit {
    Date issued_on;
    Date valid_until;
  };
  std::optional<Permit> residence_permit;  // the first permit (Art. 24(2), (4), first subparagraph)
  std::vector<Permit> renewals;            // in order (Art. 24(4), second and third subparagraphs)
  std::optional<Permit> travel_document;   // Art. 25
  bool national_passport_obtainable = false;           // Art. 25(2): subsidiary protection
  bool compelling_reasons_against_travel_document = false;  // Art. 25(1)-(2): national security, public order
  // The beneficiary's date of birth and marriage: a parent or responsible adult is a family member
  // of a minor, unmarried beneficiary (Art. 3(9)(c)).
  std::optional<Date> date_of_birth;
  bool married = false;
  // Family members asking for a residence permit under Art. 23.
  struct FamilyMember {
    std::string relation;  // spouse | partner | child | parent | responsible_adult | other_relative
    std::optional<Date> date_of_birth;       // a child: a minor on the decision date, else dependent
    bool married = false;                    // a child must be unmarried (3(9)(b)); a married minor: 23(7)
    bool dependent = false;                  // an adult child (3(9)(b)); another relative (23(7))
    bool partnership_recognised = false;     // a partner (3(9)(a))
    bool family_existed_before_arrival = false;  // 3(9); required in the document
    // 3(9): present in the same Member State in connection with the application (default true:
    // a family member asking this Member State for a permit; false for one abroad, whom family
    // reunification, not Art. 23, concerns).
    bool present_in_member_state = true;
    bool lived_in_household = false;         // another relative, before the applicant arrived (23(7))
    bool individually_entitled = false;      // entitled to international protection in their own right (23(1))
    bool requested_permit = true;            // 23(1)
    bool excluded = false;                   // 23(3): excluded, or would be, under Chapters III and V
    bool marriage_of_convenience = false;    // 23(4): strong indications (spouse or partner)
    bool security_or_public_order = false;   // 23(5)
    std::optional<Permit> permit;
  };
  std::vector<FamilyMember> family_members;
  // An examination to revoke the status (Arts. 14, 19; the procedure of Regulation (EU) 2024/1348,
  // Art. 66), with the determining authority's findings.
  struct Revocation {
    bool present = false;
    Date examination_started_on;
    std::optional<Date> informed_in_writing_on;  // APR Art. 66(1)(a)-(c)
    std::optional<Date> statement_time_limit;    // 66(1)(d): the reasonable time for a written statement
    std::optional<Date> interview_on;            // 66(1)(d): the personal interview or hearing
    // Refugee status: the point of Art. 11(1), 'a'-'f'; subsidiary protection: 'c' for changed
    // circumstances (Art. 16(1)); 0 none.
    char cessation = 0;
    bool change_significant_and_lasting = false;  // Arts. 11(2)(b), 16(2)(b)
    bool compelling_reasons = false;              // Art. 11(1), second subparagraph; Art. 16(3)
    bool excluded = false;                        // Arts. 12, 17
    bool misrepresentation_decisive = false;      // Arts. 14(1)(c), 19(1)(c)
    bool danger_to_security = false;              // Art. 14(1)(d), refugees
    bool serious_crime_and_danger = false;        // Art. 14(1)(e), refugees
    bool established_individually = false;        // Arts. 14(4), 19(2)
  } revocation;
};

Result<ProtectionDocumentsCase> ParseProtectionDocumentsCase(std::string_view json_text,
                                                             const CountryRegistry& countries);

// ---- The answer ----

struct ProtectionDocumentsDecision : DecisionRecord {
  std::string residence_permit;  // issued | due | overdue
  std::string travel_document;   // issued | due | not_due_passport_obtainable | withheld_compelling_reasons
  // One per family member, in the case's order (Art. 23): due | issued | refused | revoke |
  // member_state_option | not_a_family_member | individually_entitled | not_requested
  std::vector<std::string> family_permits;
  std::string status_revocation;  // not_examined | revoke | no_ground (Arts. 14, 19)
};

// Decides as of `at` (default: the case's decision_date). Refused naming the field for a Member
// State the Regulation does not bind, or protection granted before it applied (1 July 2026).
Result<ProtectionDocumentsDecision> DecideProtectionDocuments(const ProtectionDocumentsCase& c, const RulesData& data,
                                                              std::optional<Date> at = std::nullopt);

std::string ProtectionDocumentsDecisionToJson(const ProtectionDocumentsDecision& d, int indent = 2);

}  // namespace openpact::rules
