#include "rules/decisions.h"

#include "rules/admission.h"
#include "rules/procedure.h"
#include "rules/protection_documents.h"
#include "rules/reception.h"
#include "rules/responsibility.h"
#include "rules/return_border.h"

namespace openpact::rules {

Result<std::string> DecideDocument(DecisionKind kind, std::string_view text, const RulesData& data,
                                   std::optional<Date> at, int indent) {
  switch (kind) {
    case DecisionKind::kProcedure: {
      OP_ASSIGN_OR_RETURN(auto c, ParseProcedureCase(text, data.countries));
      OP_ASSIGN_OR_RETURN(auto d, DecideProcedure(c, data, at));
      return ProcedureDecisionToJson(d, indent);
    }
    case DecisionKind::kResponsibility: {
      OP_ASSIGN_OR_RETURN(auto c, ParseResponsibilityCase(text, data.countries));
      OP_ASSIGN_OR_RETURN(auto d, DecideResponsibility(c, data, at));
      return ResponsibilityDecisionToJson(d, indent);
    }
    case DecisionKind::kFamilyProcedure: {
      OP_ASSIGN_OR_RETURN(auto members, ParseFamilyProcedure(text, data.countries));
      OP_ASSIGN_OR_RETURN(auto d, DecideFamilyProcedure(members, data, at));
      return FamilyDecisionToJson(d, indent);
    }
    case DecisionKind::kReturnBorder: {
      OP_ASSIGN_OR_RETURN(auto c, ParseReturnBorderCase(text, data.countries));
      OP_ASSIGN_OR_RETURN(auto d, DecideReturnBorder(c, data, at));
      return ReturnBorderDecisionToJson(d, indent);
    }
    case DecisionKind::kReception: {
      OP_ASSIGN_OR_RETURN(auto c, ParseReceptionCase(text, data.countries));
      OP_ASSIGN_OR_RETURN(auto d, DecideReception(c, data, at));
      return ReceptionDecisionToJson(d, indent);
    }
    case DecisionKind::kProtectionDocuments: {
      OP_ASSIGN_OR_RETURN(auto c, ParseProtectionDocumentsCase(text, data.countries));
      OP_ASSIGN_OR_RETURN(auto d, DecideProtectionDocuments(c, data, at));
      return ProtectionDocumentsDecisionToJson(d, indent);
    }
    case DecisionKind::kAdmission: {
      OP_ASSIGN_OR_RETURN(auto c, ParseAdmissionCase(text, data.countries));
      OP_ASSIGN_OR_RETURN(auto d, DecideAdmission(c, data, at));
      return AdmissionDecisionToJson(d, indent);
    }
  }
  return Status::Internal("unknown decision kind");
}

}  // namespace openpact::rules
