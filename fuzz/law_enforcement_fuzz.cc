// libFuzzer target: the reader of a designated authority's reasoned request
// (registry::ParseLawEnforcementRequest) must never crash, whatever bytes it is given: it accepts
// a request with every condition stated and its fingerprints or its alphanumeric data (one of the
// two, Art. 33(3)) parsed, or refuses naming a field.
// Reads data/ from the source tree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_rules.h"
#include "registry/registry.h"

using openpact::fuzz::Rules;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto r = openpact::registry::ParseLawEnforcementRequest(text, Rules());
  if (!r.ok()) {
    if (r.status().field().empty() || r.status().message().empty()) std::abort();
    return 0;
  }
  if (r->fingerprints.empty() == r->alphanumeric_json.empty()) std::abort();  // one kind of data, never both
  if (r->fingerprints.size() > 20 || r->documented_json.empty()) std::abort();
  if (!r->alphanumeric_json.empty()) {
    const auto q = nlohmann::json::parse(r->alphanumeric_json, nullptr, false);
    if (!q.is_object() || !q.contains("surname") || !q.contains("date_of_birth")) std::abort();
  }
  if (r->offence_type != "terrorist_offence" && r->offence_type != "serious_criminal_offence") std::abort();
  for (const auto& f : r->fingerprints) {
    if (f.position < 1 || f.position > 10 || f.bytes.size() > openpact::registry::kMaxTemplateBytes) std::abort();
  }
  return 0;
}
