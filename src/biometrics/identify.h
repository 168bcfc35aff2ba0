// 1:N identification over an in-memory gallery of person records with up to ten fingers each.
//
// Every probe finger is compared with the record's finger at the same position (or, when either
// position is unknown, with each of the record's fingers, keeping the best). The fused score of a
// record is the sum of its fingers' calibrated scores: with score ~ -10 log10(FMR), summing
// combines independent fingers' false-match rates. The scan is exhaustive and multi-threaded; there
// is no pre-selection stage yet (docs/biometrics.md).
#pragma once

#include <string>
#include <vector>

#include "biometrics/matcher.h"
#include "biometrics/template.h"
#include "core/status.h"

namespace openpact::biometrics {

struct GalleryRecord {
  std::string id;
  std::vector<std::pair<uint8_t, PreparedFinger>> fingers;  // (position, prepared finger)
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
                                const Calibration& calibration = Calibration::Default()) const;

 private:
  std::vector<GalleryRecord> records_;
};

}  // namespace openpact::biometrics
