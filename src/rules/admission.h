// The admission procedure of the Union Resettlement and Humanitarian Admission Framework
// (Regulation (EU) 2024/1350, "URF"), read against shared/spec/law-it/reg-2024-1350.txt: from the
// registration of a person a Member State intends to admit (Art. 9(3)), the conclusion on the
// admission within seven months, three more for a complex case (9(9)), or as soon as possible and
// if it can within a month for emergency admission (9(10)); after a positive conclusion, entry as
// soon as possible and within twelve months (9(20)); and how long the personal data are kept
// (9(12)): five years from the registration once protection or a humanitarian status is granted,
// three years after a refusal on a ground that Art. 6(1)(f) refers to (points (c) and (d)) or after
// the procedure was discontinued because consent was withdrawn, none after a discontinuation under
// 9(11), second subparagraph. Time limits are counted under Regulation (EEC, Euratom) No 1182/71,
// Art. 3 (the Regulation has none of its own); retention runs to the same date years later.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/countries.h"
#include "core/date.h"
#include "core/status.h"
#include "rules/decision_record.h"  // DecisionRecord, RulesData, Ground, Deadline, Flag

namespace openpact::rules {

// ---- The case document (docs/schemas/admission-case.schema.json) ----

struct AdmissionCase {
  Date decision_date;
  std::string member_state;
  std::string nationality;
  std::string admission;  // resettlement | humanitarian_admission
  bool emergency = false;  // Art. 2(4): urgent legal or physical protection needs, immediate medical needs
  Date registered_on;      // Art. 9(3)
  bool complex_case = false;  // Art. 9(9): complex issues of fact or law
  struct Conclusion {
    bool present = false;
    Date on;
    std::string outcome;         // positive | negative
    std::string refusal_ground;  // "6(1)(a)" ... "6(2)(d)", for a negative conclusion
  } conclusion;
  std::string status_granted;  // international_protection | humanitarian_status ("" not yet)
  std::optional<Date> entered_on;
  struct Discontinuation {
    bool present = false;
    Date on;
    std::string reason;  // consent_withdrawn | 9(11)(a) | 9(11)(b) | 9(11)(c)
  } discontinued;
  std::optional<Date> citizenship_acquired_on;  // Art. 9(12), second subparagraph
};

Result<AdmissionCase> ParseAdmissionCase(std::string_view json_text, const CountryRegistry& countries);

// ---- The answer ----

struct AdmissionDecision : DecisionRecord {
  std::string procedure;  // running | concluded_positive | concluded_negative | discontinued
  std::optional<Date> data_kept_until;  // Art. 9(12); none where the Regulation sets no period
};

// Decides as of `at` (default: the case's decision_date). Refused naming the field for a Member
// State the Regulation does not bind.
Result<AdmissionDecision> DecideAdmission(const AdmissionCase& c, const RulesData& data,
                                          std::optional<Date> at = std::nullopt);

std::string AdmissionDecisionToJson(const AdmissionDecision& d, int indent = 2);

}  // namespace openpact::rules
