// libFuzzer target: the ANSI INCITS 378 reader (and the format sniffing of ParseTemplate) must
// never crash or read out of bounds.
#include <cstddef>
#include <cstdint>

#include "biometrics/template.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace openpact::biometrics;
  (void)ParseAnsi378(std::span<const uint8_t>(data, size));
  (void)ParseTemplate(std::span<const uint8_t>(data, size));
  return 0;
}
