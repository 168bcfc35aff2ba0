// The rules engine's decisions as documents in and out: the one entry point the CLI (`decide`)
// and the API (`POST /v1/decisions/...`) share, so that both read, decide and answer a case the
// same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/status.h"

namespace openpact::rules {

struct RulesData;

enum class DecisionKind {
  kProcedure,        // procedure.h: the APR procedure decision
  kResponsibility,   // responsibility.h: the AMMR Member State responsible
  kFamilyProcedure,  // responsibility.h: a family's cases together (AMMR Art. 28)
  kReturnBorder,     // return_border.h: the return border procedure (Regulation (EU) 2024/1349)
  kReception,        // reception.h: reception conditions' time limits (Directive (EU) 2024/1346)
  kProtectionDocuments,  // protection_documents.h: a beneficiary's permit and travel documents (Reg. (EU) 2024/1347)
  kAdmission,        // admission.h: the resettlement and humanitarian admission procedure (Reg. (EU) 2024/1350)
  kRelocation,       // relocation.h: the relocation procedure of the solidarity mechanism (AMMR Art. 67)
  kTemporaryProtection,  // temporary_protection.h: temporary protection for persons displaced from Ukraine
  kReturn,           // return_decision.h: return under Directive 2008/115/EC
};

// Parses the case document `text`, decides it as of `at` (default: its decision_date) and answers
// with the decision as JSON (`indent` < 0: one line); the refusal names the field.
Result<std::string> DecideDocument(DecisionKind kind, std::string_view text, const RulesData& data,
                                   std::optional<Date> at, int indent = 2);

}  // namespace openpact::rules
