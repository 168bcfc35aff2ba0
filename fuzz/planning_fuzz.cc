// libFuzzer target: the request bodies of the planning reports (solidarity::SolidarityOptionsFromJson,
// CrisisOffsetOptionsFromJson, OffsetRequestOptionsFromJson) must never crash, whatever bytes they are given; a body either is
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

// One report end to end: the body read by `parse`, computed by `compute` on the shipped figures,
// and written by each of `writers` (JSON first, which must parse); every refusal named.
template <typename Parse, typename Compute, typename ToJson, typename... Writers>
void Report(std::string_view text, Parse parse, Compute compute, ToJson to_json, Writers... writers) {
  const Data& d = Shipped();
  auto options = parse(text);
  if (!options.ok()) return ExpectNamed(options.status());
  auto r = compute(d.reference, d.rules, *options);
  if (!r.ok()) return ExpectNamed(r.status());
  (void)nlohmann::json::parse(to_json(*r));  // throws, and aborts, if not JSON
  ((void)writers(*r), ...);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace solidarity = openpact::solidarity;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Report(text, solidarity::SolidarityOptionsFromJson, solidarity::ComputeSolidarity, solidarity::SolidarityToJson,
         solidarity::SolidarityToCsv, solidarity::SolidarityToText);
  Report(text, solidarity::CrisisOffsetOptionsFromJson, solidarity::ComputeCrisisOffsets,
         solidarity::CrisisOffsetsToJson, solidarity::CrisisOffsetsToCsv, solidarity::CrisisOffsetsToText);
  Report(text, solidarity::OffsetRequestOptionsFromJson, solidarity::ComputeOffsetRequest,
         solidarity::OffsetRequestToJson);
  return 0;
}
