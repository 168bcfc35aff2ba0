// libFuzzer target: the two JSON readers of outside input must never crash, whatever bytes they
// are given. ParseBoundedJson (screening forms, API request bodies) keeps what it accepts within
// its depth bound and its value serialises and re-parses to itself; ParseProcedureCase (the case
// document, simdjson) either accepts a case, which is decided (or refused with a message) and
// answered with JSON that parses, or names the field it refuses; so does
// ParseResponsibilityCase, and a responsibility case it accepts is decided (or refused with a
// message) and answered with JSON that parses; the same for a family's cases (Art. 28) and for a
// return border procedure case (Regulation (EU) 2024/1349), a temporary protection case
// (Directive 2001/55/EC) and a return case (Directive 2008/115/EC).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/countries.h"
#include "core/json_parse.h"
#include "fuzz_rules.h"
#include "rules/procedure.h"
#include "rules/responsibility.h"
#include "rules/admission.h"
#include "rules/protection_documents.h"
#include "rules/reception.h"
#include "rules/relocation.h"
#include "rules/return_border.h"
#include "rules/return_decision.h"
#include "rules/temporary_protection.h"

namespace {

int Depth(const nlohmann::json& v) {
  int deepest = 0;
  if (v.is_structured()) {
    for (const auto& child : v) deepest = std::max(deepest, Depth(child));
    return deepest + 1;
  }
  return 0;
}

const openpact::rules::RulesData& Rules() { return openpact::fuzz::Rules(); }
const openpact::CountryRegistry& Countries() { return Rules().countries; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto bounded = openpact::ParseBoundedJson(text, "body");
  if (bounded.ok()) {
    if (Depth(*bounded) > openpact::kMaxJsonDepth) std::abort();
    if (nlohmann::json::parse(bounded->dump()) != *bounded) std::abort();
  } else if (bounded.status().field() != "body") {
    std::abort();
  }
  auto c = openpact::rules::ParseProcedureCase(text, Countries());
  if (!c.ok() && c.status().message().empty()) std::abort();
  if (c.ok()) {
    auto decided = openpact::rules::DecideProcedure(*c, Rules());
    if (!decided.ok() && decided.status().message().empty()) std::abort();
    if (decided.ok()) (void)nlohmann::json::parse(openpact::rules::ProcedureDecisionToJson(*decided));
  }
  auto family = openpact::rules::ParseFamilyProcedure(text, Countries());
  if (!family.ok() && (family.status().message().empty() || family.status().field().empty())) std::abort();
  if (family.ok()) {
    auto decided = openpact::rules::DecideFamilyProcedure(*family, Rules());
    if (!decided.ok() && decided.status().message().empty()) std::abort();
    if (decided.ok()) (void)nlohmann::json::parse(openpact::rules::FamilyDecisionToJson(*decided));
  }
  auto rb = openpact::rules::ParseReturnBorderCase(text, Countries());
  if (!rb.ok() && (rb.status().message().empty() || rb.status().field().empty())) std::abort();
  if (rb.ok()) {
    auto decided = openpact::rules::DecideReturnBorder(*rb, Rules());
    if (!decided.ok() && decided.status().message().empty()) std::abort();
    if (decided.ok()) (void)nlohmann::json::parse(openpact::rules::ReturnBorderDecisionToJson(*decided));
  }
  auto rc = openpact::rules::ParseReceptionCase(text, Countries());
  if (!rc.ok() && (rc.status().message().empty() || rc.status().field().empty())) std::abort();
  if (rc.ok()) {
    auto decided = openpact::rules::DecideReception(*rc, Rules());
    if (!decided.ok() && decided.status().message().empty()) std::abort();
    if (decided.ok()) (void)nlohmann::json::parse(openpact::rules::ReceptionDecisionToJson(*decided));
  }
  auto pd = openpact::rules::ParseProtectionDocumentsCase(text, Countries());
  if (!pd.ok() && (pd.status().message().empty() || pd.status().field().empty())) std::abort();
  if (pd.ok()) {
    auto decided = openpact::rules::DecideProtectionDocuments(*pd, Rules());
    if (!decided.ok() && decided.status().message().empty()) std::abort();
    if (decided.ok()) (void)nlohmann::json::parse(openpact::rules::ProtectionDocumentsDecisionToJson(*decided));
  }
  auto ad = openpact::rules::ParseAdmissionCase(text, Countries());
  if (!ad.ok() && (ad.status().message().empty() || ad.status().field().empty())) std::abort();
  if (ad.ok()) {
    auto decided = openpact::rules::DecideAdmission(*ad, Rules());
    if (!decided.ok() && decided.status().message().empty()) std::abort();
    if (decided.ok()) (void)nlohmann::json::parse(openpact::rules::AdmissionDecisionToJson(*decided));
  }
  auto rl = openpact::rules::ParseRelocationCase(text, Countries());
  if (!rl.ok() && (rl.status().message().empty() || rl.status().field().empty())) std::abort();
  if (rl.ok()) {
    auto decided = openpact::rules::DecideRelocation(*rl, Rules());
    if (!decided.ok() && decided.status().message().empty()) std::abort();
    if (decided.ok()) (void)nlohmann::json::parse(openpact::rules::RelocationDecisionToJson(*decided));
  }
  auto tp = openpact::rules::ParseTemporaryProtectionCase(text, Countries());
  if (!tp.ok() && (tp.status().message().empty() || tp.status().field().empty())) std::abort();
  if (tp.ok()) {
    auto decided = openpact::rules::DecideTemporaryProtection(*tp, Rules());
    if (!decided.ok() && decided.status().message().empty()) std::abort();
    if (decided.ok()) (void)nlohmann::json::parse(openpact::rules::TemporaryProtectionDecisionToJson(*decided));
  }
  auto rt = openpact::rules::ParseReturnCase(text, Countries());
  if (!rt.ok() && (rt.status().message().empty() || rt.status().field().empty())) std::abort();
  if (rt.ok()) {
    auto decided = openpact::rules::DecideReturn(*rt, Rules());
    if (!decided.ok() && decided.status().message().empty()) std::abort();
    if (decided.ok()) (void)nlohmann::json::parse(openpact::rules::ReturnDecisionToJson(*decided));
  }
  auto r = openpact::rules::ParseResponsibilityCase(text, Countries());
  if (!r.ok()) {
    if (r.status().message().empty() || r.status().field().empty()) std::abort();
    return 0;
  }
  auto decision = openpact::rules::DecideResponsibility(*r, Rules());
  if (!decision.ok()) {
    if (decision.status().message().empty()) std::abort();
    return 0;
  }
  (void)nlohmann::json::parse(openpact::rules::ResponsibilityDecisionToJson(*decision));  // throws (a crash) if invalid
  return 0;
}
