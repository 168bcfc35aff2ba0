// 1:N identification over an in-memory gallery of person records with up to ten fingers each.
//
// Every probe finger is compared with the record's finger at the same position (or, when either
// position is unknown, with each of the record's fingers, keeping the best). The fused score of a
// record is the sum of its fingers' calibrated scores: with score ~ -10 log10(FMR), summing
// combines independent fingers' false-match rates. The scan is exhaustive and multi-threaded; there
// is no pre-selection stage yet (docs/biometrics.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "biometrics/matcher.h"
#include "biometrics/template.h"
#include "core/status.h"

namespace openpact::biometrics {

// Pre-selection signature: how many of a finger's local-structure neighbours fall in each coarse
// cell (neighbour distance, direction to the neighbour, neighbour's direction: 8 x 8 x 8 = 512
// cells). Rotation- and translation-invariant like the local structures.
struct Signature {
  uint8_t counts[512] = {};
};
Signature MakeSignature(const PreparedFinger& f);
// Histogram intersection over the geometric mean of the totals, in [0, 1].
double SignatureSimilarity(const Signature& a, const Signature& b);

struct GalleryRecord {
  std::string id;
  std::vector<std::pair<uint8_t, PreparedFinger>> fingers;  // (position, prepared finger)
  std::vector<Signature> signatures;                          // one per finger
};

struct SearchOptions {
  size_t top = 10;
  int threads = 1;
  // Pre-selection: the full matcher scores only this share of the gallery (the records whose
  // signatures overlap the probe's most), at least `top`. 1.0 = exhaustive.
  double preselect_fraction = 1.0;
};

struct Candidate {
  std::string id;
  double score = 0;                     // fused calibrated score
  std::vector<uint8_t> fingers_matched;  // positions whose score reached the threshold
};

class Gallery {
 public:
  // Adds or extends a record with every view of `t`.
  void Add(const std::string& id, const FingerprintTemplate& t);
  size_t records() const { return records_.size(); }
  size_t fingers() const;
  // Approximate memory of the prepared fingers, in bytes.
  size_t MemoryBytes() const;

  // The `top` best records for the probe, best first.
  std::vector<Candidate> Search(const FingerprintTemplate& probe, size_t top, int threads,
                                const Calibration& calibration = Calibration::Default()) const {
    SearchOptions o;
    o.top = top;
    o.threads = threads;
    return Search(probe, o, calibration);
  }
  std::vector<Candidate> Search(const FingerprintTemplate& probe, const SearchOptions& options,
                                const Calibration& calibration = Calibration::Default()) const;

 private:
  std::vector<GalleryRecord> records_;
};

}  // namespace openpact::biometrics
