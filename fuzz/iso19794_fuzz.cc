// libFuzzer target: the ISO/IEC 19794-2 reader must refuse or accept any bytes without crashing or
// reading out of bounds, and what it accepts must write back to a record it reads the same way.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "biometrics/template.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace openpact::biometrics;
  auto t = ParseIso19794_2(std::span<const uint8_t>(data, size));
  if (!t.ok()) return 0;
  auto bytes = WriteIso19794_2(*t);
  if (!bytes.ok()) return 0;  // e.g. more than 255 views cannot come from a valid record
  auto again = ParseIso19794_2(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size()));
  if (!again.ok() || again->views.size() != t->views.size()) std::abort();
  for (size_t v = 0; v < t->views.size(); ++v) {
    if (again->views[v].minutiae.size() != t->views[v].minutiae.size()) std::abort();
  }
  return 0;
}
