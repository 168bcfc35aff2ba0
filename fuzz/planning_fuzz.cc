// libFuzzer target: the request bodies of the planning reports (solidarity::SolidarityOptionsFromJson,
// CrisisOffsetOptionsFromJson) must never crash, whatever bytes they are given; a body either is
// refused naming the member at fault, or its options are computed on the shipped figures (or
// refused, naming the option) and answered with JSON that parses.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "rules/procedure.h"
#include "solidarity/solidarity.h"

namespace {

struct Data {
  openpact::rules::RulesData rules;
  openpact::solidarity::ReferenceData reference;
};

const Data& Shipped() {
  static const Data* data = [] {
    auto rules = openpact::rules::RulesData::Load(OPENPACT_SOURCE_DATA_DIR);
    if (!rules.ok()) std::abort();
    auto reference = openpact::solidarity::ReferenceData::Load(OPENPACT_SOURCE_DATA_DIR, rules->countries);
    if (!reference.ok()) std::abort();
    return new Data{std::move(*rules), std::move(*reference)};
  }();
  return *data;
}

// A refusal names what it refuses.
void ExpectNamed(const openpact::Status& s) {
  if (s.ok() || s.field().empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace solidarity = openpact::solidarity;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Data& d = Shipped();
  if (auto options = solidarity::SolidarityOptionsFromJson(text); options.ok()) {
    if (auto r = solidarity::ComputeSolidarity(d.reference, d.rules, *options); r.ok()) {
      (void)nlohmann::json::parse(solidarity::SolidarityToJson(*r));  // throws, and aborts, if not JSON
      (void)solidarity::SolidarityToCsv(*r);
      (void)solidarity::SolidarityToText(*r);
    } else {
      ExpectNamed(r.status());
    }
  } else {
    ExpectNamed(options.status());
  }
  if (auto options = solidarity::CrisisOffsetOptionsFromJson(text); options.ok()) {
    if (auto r = solidarity::ComputeCrisisOffsets(d.reference, d.rules, *options); r.ok()) {
      (void)nlohmann::json::parse(solidarity::CrisisOffsetsToJson(*r));
      (void)solidarity::CrisisOffsetsToCsv(*r);
      (void)solidarity::CrisisOffsetsToText(*r);
    } else {
      ExpectNamed(r.status());
    }
  } else {
    ExpectNamed(options.status());
  }
  return 0;
}
