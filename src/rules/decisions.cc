#include "rules/decisions.h"

#include "rules/admission.h"
#include "rules/procedure.h"
#include "rules/protection_documents.h"
#include "rules/reception.h"
#include "rules/relocation.h"
#include "rules/responsibility.h"
#include "rules/return_border.h"
#include "rules/return_decision.h"
#include "rules/temporary_protection.h"

namespace openpact::rules {

namespace {

// Parses the document, decides it and writes the answer: the three steps every kind takes, each
// kind naming its own functions.
template <typename Case, typename Decision>
Result<std::string> ParseDecideWrite(std::string_view text, const RulesData& data, std::optional<Date> at, int indent,
                                     Result<Case> (*parse)(std::string_view, const CountryRegistry&),
                                     Result<Decision> (*decide)(const Case&, const RulesData&, std::optional<Date>),
                                     std::string (*write)(const Decision&, int)) {
  OP_ASSIGN_OR_RETURN(Case c, parse(text, data.countries));
  OP_ASSIGN_OR_RETURN(Decision d, decide(c, data, at));
  return write(d, indent);
}

}  // namespace

Result<std::string> DecideDocument(DecisionKind kind, std::string_view text, const RulesData& data,
                                   std::optional<Date> at, int indent) {
  switch (kind) {
    case DecisionKind::kProcedure:
      return ParseDecideWrite(text, data, at, indent, ParseProcedureCase, DecideProcedure, ProcedureDecisionToJson);
    case DecisionKind::kResponsibility:
      return ParseDecideWrite(text, data, at, indent, ParseResponsibilityCase, DecideResponsibility,
                              ResponsibilityDecisionToJson);
    case DecisionKind::kFamilyProcedure:
      return ParseDecideWrite(text, data, at, indent, ParseFamilyProcedure, DecideFamilyProcedure,
                              FamilyDecisionToJson);
    case DecisionKind::kReturnBorder:
      return ParseDecideWrite(text, data, at, indent, ParseReturnBorderCase, DecideReturnBorder,
                              ReturnBorderDecisionToJson);
    case DecisionKind::kReception:
      return ParseDecideWrite(text, data, at, indent, ParseReceptionCase, DecideReception, ReceptionDecisionToJson);
    case DecisionKind::kProtectionDocuments:
      return ParseDecideWrite(text, data, at, indent, ParseProtectionDocumentsCase, DecideProtectionDocuments,
                              ProtectionDocumentsDecisionToJson);
    case DecisionKind::kAdmission:
      return ParseDecideWrite(text, data, at, indent, ParseAdmissionCase, DecideAdmission, AdmissionDecisionToJson);
    case DecisionKind::kRelocation:
      return ParseDecideWrite(text, data, at, indent, ParseRelocationCase, DecideRelocation, RelocationDecisionToJson);
    case DecisionKind::kTemporaryProtection:
      return ParseDecideWrite(text, data, at, indent, ParseTemporaryProtectionCase, DecideTemporaryProtection,
                              TemporaryProtectionDecisionToJson);
    case DecisionKind::kReturn:
      return ParseDecideWrite(text, data, at, indent, ParseReturnCase, DecideReturn, ReturnDecisionToJson);
  }
  return Status::Internal("unknown decision kind");
}

}  // namespace openpact::rules
