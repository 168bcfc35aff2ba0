// libFuzzer target: the pre-selection's triplet index (TripletIndex) against a naive index
// (tests/biometrics/triplet_reference.h), driven by the fuzz bytes through any order of
// additions, merges in place (32- or 64-bit list offsets), preparations that count recent
// additions apart, copies and scores. Every score and rotation vote must agree: a posting that a
// merge loses or misplaces would drop a mate from the pre-selection without any error. Under the
// sanitizers this also checks every move of the in-place merge. A merge walks all 4 M posting
// lists whatever the gallery's size (tens of milliseconds), so only the first 1,024 bytes of an
// input are read: a few merges an input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "biometrics/triplet_reference.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> ops(data, std::min<size_t>(size, 1024));
  const auto check = openpact::biometrics::testing::CheckTripletIndexAgainstNaive(ops);
  if (!check.disagreement.empty()) {
    std::fprintf(stderr, "triplet index disagrees with the naive index: %s\n", check.disagreement.c_str());
    std::abort();
  }
  return 0;
}
