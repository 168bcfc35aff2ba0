// libFuzzer target: the registry's record reader (registry::ParseRecord) must never crash,
// whatever bytes it is given: it accepts a record whose every fingerprint parsed and whose
// fields keep their bounds, or refuses naming a field. Reads data/ from the source tree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_rules.h"
#include "registry/registry.h"

using openpact::fuzz::Rules;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto r = openpact::registry::ParseRecord(text, Rules());
  if (!r.ok()) {
    if (r.status().field().empty() || r.status().message().empty()) std::abort();
    return 0;
  }
  if (r->category == nullptr || r->fingerprints.size() > 20) std::abort();
  if (r->fingerprints.empty() && !r->face) std::abort();
  // A retransmission replaces a recorded dataset's fingerprints (Art. 38(1)).
  if (r->retransmission && (r->fingerprints.empty() || !r->category->recorded)) std::abort();
  // Health measures end between the event and the capture (Arts. 15(2), 22(6), ...).
  if (r->health_measures_until &&
      (*r->health_measures_until < r->event_date || r->biometrics_taken_on < *r->health_measures_until)) {
    std::abort();
  }
  for (const auto& f : r->fingerprints) {
    if (f.position < 1 || f.position > 10 || f.bytes.size() > openpact::registry::kMaxTemplateBytes) std::abort();
  }
  return 0;
}
