// The synthetic records of the 1:N harnesses (openpact_identify_bench, openpact_gpu_scan_bench),
// so that both search the same gallery: record r of K fingers holds master fingers r K .. r K +
// K - 1 at positions 1..K (position 0, unknown, when K is 1), each the impression of seed
// seed_of(m, f) for master finger m, record finger f.
#pragma once

#include <cstddef>
#include <utility>

#include "biometrics/synthetic.h"

namespace openpact::bench {

template <typename SeedOf>
biometrics::FingerprintTemplate SyntheticRecord(size_t record, size_t per_record, SeedOf seed_of) {
  biometrics::FingerprintTemplate t;
  for (size_t f = 0; f < per_record; ++f) {
    const size_t m = record * per_record + f;
    const uint8_t position = static_cast<uint8_t>(per_record == 1 ? 0 : f + 1);
    biometrics::FingerprintTemplate one =
        biometrics::MakeImpression(biometrics::MakeMasterFinger(m), seed_of(m, f), position);
    if (f == 0) {
      t = std::move(one);
    } else {
      t.views.push_back(std::move(one.views[0]));
    }
  }
  return t;
}

// The gallery's impression of master finger m (probes use other seeds).
inline size_t GallerySeed(size_t m, size_t) { return m * 2 + 1; }

}  // namespace openpact::bench
