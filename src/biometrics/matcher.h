// 1:1 minutiae matching, rotation- and translation-invariant, tolerant to distortion and to
// missing or spurious minutiae (the choice and its reasons: docs/biometrics.md).
//
//   1. Local structures: each minutia is described in its own frame by its nearest neighbours
//      (distance, direction to the neighbour, neighbour's direction), so descriptors do not depend
//      on how the finger was placed.
//   2. Candidate pairs: probe and candidate minutiae whose local structures agree.
//   3. Two consolidations of those pairs:
//      a. rigid: each of the best pairs proposes an alignment (rotation + translation); the one
//         that pairs the most minutiae, with a tolerance that grows with the distance from the
//         anchor (skin distortion), wins; scored by consistent pairs relative to both sizes;
//      b. relaxation (after MCC's LSS-R): pairs that agree with many other pairs in relative
//         distance and angles keep their weight; the best one-to-one pairs' mean weight.
//   4. Score: the mean of the two, mapped by the calibration table so that score ~ -10 log10(FMR).
//
// A probe is prepared once (PreparedFinger) and reused against a whole gallery. Matching is
// thread-safe: a Matcher holds only scratch space, one per thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "biometrics/template.h"
#include "core/status.h"

namespace openpact::biometrics {

constexpr int kNeighbours = 6;
// Slots per local-structure array: kNeighbours rounded up to two 4-float vectors, so the matcher
// compares a neighbour with all of another structure's at once (unused slots never match).
constexpr int kNeighbourSlots = 8;

// A pair's weight against chance (PreparedMinutia::weight): the other minutiae within
// kDensityRadius pixels (about four ridges at 500 dpi) damp it by kDensityDamping each. Chosen in
// the fifteenth round (docs/biometrics.md) from the middle of the range that gained on every
// database of the development set.
inline constexpr int64_t kDensityRadius = 35;
inline constexpr double kDensityDamping = 0.5;

struct PreparedMinutia {
  // Local structure: (distance, direction to the neighbour relative to this minutia's direction,
  // the neighbour's direction relative to this one), sorted by distance; slots from
  // neighbour_count on hold a distance of 1e9.
  alignas(16) float nd[kNeighbourSlots];
  alignas(16) float na[kNeighbourSlots];
  alignas(16) float nr[kNeighbourSlots];
  // Each neighbour's cell in a probe's candidate-pair index (see BuildIndex), kept with the
  // structure: the pairing looks every neighbour of a candidate up.
  alignas(16) int32_t cell[kNeighbourSlots];
  float x, y, angle;  // angle in radians [0, 2pi)
  // How much a pair with this minutia counts in the consolidation's coverage, against chance: 1 /
  // (1 + kDensityDamping x the finger's minutiae within kDensityRadius of it), divided by the
  // finger's mean, so that pairs in dense clusters (where a chance partner is near at hand) count
  // less, pairs where minutiae are sparse more, and a finger's typical minutia 1 (fifteenth round,
  // docs/biometrics.md).
  float weight;
  // The neighbours' positions in the finger, in the order of the local structure (nearest first,
  // equal distances by position); the pre-selection's triangles are made of them (TripletKeys).
  uint16_t neighbour[kNeighbours];
  uint8_t type;
  uint8_t neighbour_count;
};
// The neighbours' positions took what was padding: a candidate prepared per comparison of a scan
// costs no more cache.
static_assert(sizeof(PreparedMinutia) == 160);

struct PreparedFinger {
  std::vector<PreparedMinutia> minutiae;
  static PreparedFinger FromView(const FingerView& view) { return FromMinutiae(view.minutiae); }
  static PreparedFinger FromMinutiae(std::span<const Minutia> minutiae);
  // The same into `out`, reusing its storage (a gallery scan prepares one finger per comparison).
  static void FromMinutiae(std::span<const Minutia> minutiae, PreparedFinger* out);

  // Candidate-pair index, built for a probe (BuildIndex): for every cell of (neighbour distance,
  // direction to the neighbour, neighbour's direction), the set of minutiae owning a neighbour
  // that a candidate's neighbour in that cell could match, as bits. A candidate minutia's
  // neighbours look up their cells and the sets are added bit-parallel, so the minutiae sharing
  // enough neighbours with it come out in a few word operations; only their local structures are
  // compared, with exactly the same result as comparing all of them.
  void BuildIndex();
  bool indexed() const { return mask_words != 0; }
  uint32_t mask_words = 0;            // 64-bit words per set: one bit per minutia
  std::vector<uint64_t> cell_masks;   // kCells sets of mask_words words
  // need_masks[(n * 3 + k - 1) * mask_words ...]: the minutiae that need k agreeing neighbours
  // (k = 1..3) to possibly become a candidate pair with a minutia of n neighbours (n = 0..6).
  std::vector<uint64_t> need_masks;
};

// Raw score -> calibrated score (~ -10 log10 FMR), piecewise linear over a fitted table.
class Calibration {
 public:
  // The fitted table shipped in data/biometrics/calibration.csv (`openpact fp calibrate`).
  static const Calibration& Default();
  // Whether that table could be read. When it could not, Default() is raw x 100, a scale that
  // says nothing about FMR (the threshold 40 would not mean 0.01 %): the fp commands that score
  // refuse to run then, naming the file.
  static Status DefaultStatus();
  static Result<Calibration> FromCsv(const std::string& path);
  double Apply(double raw) const;
  const std::vector<std::pair<double, double>>& points() const { return points_; }
  explicit Calibration(std::vector<std::pair<double, double>> points) : points_(std::move(points)) {}

 private:
  std::vector<std::pair<double, double>> points_;  // (raw, calibrated), raw increasing
};

class Matcher {
 public:
  // Uncalibrated similarity in [0, 1].
  double RawScore(const PreparedFinger& probe, const PreparedFinger& candidate);
  // Calibrated score.
  double Score(const PreparedFinger& probe, const PreparedFinger& candidate,
               const Calibration& calibration = Calibration::Default()) {
    return calibration.Apply(RawScore(probe, candidate));
  }

 private:
  struct Pair {
    float similarity;
    uint16_t p, c;
  };
  // Local similarity sort with relaxation (after MCC's LSS-R): pairs that agree with many other
  // pairs in relative distance and angles keep their weight; isolated look-alikes lose it.
  double RelaxationScore(const PreparedFinger& probe, const PreparedFinger& candidate);
  std::vector<Pair> pairs_;
  std::vector<float> lambda_, next_, rho_;
  std::vector<uint32_t> grid_start_, grid_fill_;
  std::vector<uint16_t> grid_items_;
  std::vector<std::pair<uint16_t, uint16_t>> matched_;
  std::vector<uint8_t> used_, used_probe_;
  std::vector<uint32_t> relax_order_;
  std::vector<float> soa_, grid_xya_;  // the consolidation's coordinate arrays
  std::vector<int32_t> cells_;          // and each probe minutia's grid cell range
  std::vector<float> local_memo_;  // LocalSimilarity per (probe, candidate) minutia, NaN = not yet
};

// The default decision threshold: calibrated score 40 ~ FMR 0.01 %.
constexpr double kDefaultThreshold = 40.0;

}  // namespace openpact::biometrics
