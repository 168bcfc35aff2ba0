// The synthetic records of the 1:N harnesses (openpact_identify_bench, openpact_gpu_scan_bench),
// so that both search the same gallery: record r of K fingers holds master fingers r K .. r K +
// K - 1 at positions 1..K (position 0, unknown, when K is 1), each the impression of seed
// seed_of(m, f) for master finger m, record finger f.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "biometrics/identify.h"
#include "biometrics/synthetic.h"
#include "core/parallel.h"

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

// Records 0..records-1 (ids "0", "1", ...) added to *gallery in chunks, so the templates need not
// all be held, with the fingers counted on stderr; then Compact.
inline Status AddSyntheticRecords(biometrics::Gallery* gallery, size_t records, size_t per_record, int threads) {
  const size_t chunk = 20000 / per_record;
  for (size_t start = 0; start < records; start += chunk) {
    const size_t end = std::min(records, start + chunk);
    std::vector<std::pair<std::string, biometrics::FingerprintTemplate>> batch(end - start);
    ParallelFor(end - start, threads, [&](int, size_t k) {
      batch[k] = {std::to_string(start + k), SyntheticRecord(start + k, per_record, GallerySeed)};
    });
    OP_RETURN_IF_ERROR(gallery->AddBatch(batch, threads));
    std::fprintf(stderr, "\rgallery: %zu / %zu", end * per_record, records * per_record);
  }
  std::fprintf(stderr, "\n");
  gallery->Compact();
  return Status::OK();
}

}  // namespace openpact::bench
