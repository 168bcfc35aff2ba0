// Pre-selection for 1:N search: an inverted index of minutia triplets (after Germain, Califano and
// Colville's FLASH, 1997, and Bhanu and Tan's triplet indexing, 2003).
//
// Every finger contributes the triangles formed by each minutia and pairs of its nearest
// neighbours. A triangle is described without reference to finger placement: its three side
// lengths (in canonical order, longest first), its orientation, and each vertex's ridge direction
// relative to the longest side; quantised, that is one key. The index maps each key to the fingers
// having such a triangle, with the direction of the triangle's longest side. A probe looks up its
// own triangles' keys, widened to the neighbouring bins (distortion and quantisation), and every
// hit votes for a finger *and a rotation* (the turn from the stored triangle's longest side to
// the probe's): a mate's triangles agree on one rotation, chance hits spread over all of them
// (the transformation voting of geometric hashing). A finger's pre-selection score is its best
// rotation's votes; the fingers with the best scores go on to the full matcher. A lookup touches
// only the matching posting lists, so the cost grows with the gallery far more slowly than a scan
// does.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "biometrics/malloc_array.h"
#include "biometrics/matcher.h"

namespace openpact::biometrics {

// Rotations are voted for in kRotationBins bins of 11.25 degrees (chosen against 8 and 16 bins and
// windows of one to three bins on the development set and a 100,000-finger synthetic gallery;
// docs/biometrics.md).
inline constexpr int kRotationBits = 5;
inline constexpr uint32_t kRotationBins = 1u << kRotationBits;
// Triangle shapes are hashed into 2^kShapeBucketBits posting lists (triplet_index.cc says why).
inline constexpr int kShapeBucketBits = 22;

// What a finger's triangles are and how their shapes are quantised into keys (here rather than in
// triplet_index.cc so that a test can compute the keys the plain way and compare).
namespace triplet {
// Each minutia with pairs of its kTriangleNeighbours nearest neighbours (about 9 distinct triangles
// per minutia; 5 neighbours give 6, 30 % less memory, and a lower recall).
inline constexpr int kTriangleNeighbours = 6;
inline constexpr float kMinSide = 8.0f, kMaxSide = 160.0f;  // pixels at ~500 dpi
// Triangles of crowded minutiae are left out, stored and looked up alike: those whose vertices'
// mean weight against chance (PreparedMinutia::weight, 1 for a finger's typical minutia) is below
// this. A cluster's triangles are many, small and alike, so they vote for many fingers by chance
// (sixteenth round, docs/biometrics.md: chosen against 0.5 and 0.9 on the development set).
inline constexpr float kMinWeight = 0.7f;
// Quantisation: 16 side bins of 10 px, 2 orientations, 12 direction bins of 30 degrees. Chosen on
// recall (mate in the top 1 %) over a 10,000-finger synthetic gallery and on the development set,
// against 3-6 neighbours, 6-13 px, 8-16 direction bins and 0-50 % widening (docs/biometrics.md).
inline constexpr float kSideBin = 10.0f;
inline constexpr int kSideBins = 16, kAngleBins = 12;
static_assert(kSideBins * kSideBin == kMaxSide);
// A probe value within this share of a bin's edge is looked up in the neighbouring bin as well:
// wider misses fewer distorted triangles but lets in more chance votes.
inline constexpr float kWiden = 0.3f;
// Sides closer than this share make the canonical vertex order ambiguous: the probe looks up both.
inline constexpr float kOrderAmbiguity = 0.08f;
// A quantised shape (three side bins, longest side's opposite vertex first; the orientation; three
// direction bins) hashed into its posting list (Fibonacci hashing; kShapeBucketBits bits).
inline uint32_t ShapeBucket(const int side[3], int orientation, const int angle[3]) {
  uint32_t k = 0;
  for (int i = 0; i < 3; ++i) k = k * kSideBins + static_cast<uint32_t>(side[i]);
  k = k * 2 + static_cast<uint32_t>(orientation);
  for (int i = 0; i < 3; ++i) k = k * kAngleBins + static_cast<uint32_t>(angle[i]);
  return (k * 2654435761u) >> (32 - kShapeBucketBits);
}
}  // namespace triplet

// The keys of a finger's triangles: exactly one per triangle (`widened` false, as stored), or
// each triangle with its neighbouring bins (`widened` true, as looked up). A key is the triangle's
// shape bucket shifted left by kRotationBits, with the rotation bin of its longest side's
// direction in the low bits. Sorted, no repeats.
std::vector<uint32_t> TripletKeys(const PreparedFinger& f, bool widened);

class TripletIndex {
 public:
  // Fingers are numbered by the caller, densely from 0, below kMaxFingers. Add in any order, then
  // Build. Adds are merged into the posting lists in batches as they come.
  static constexpr uint32_t kMaxFingers = 1u << (32 - kRotationBits);  // a posting: finger and rotation bin
  TripletIndex() = default;
  // For tests: list offsets go to 64 bits from `narrow_limit` postings on (2^32 by default).
  explicit TripletIndex(uint64_t narrow_limit) : narrow_limit_(std::min<uint64_t>(narrow_limit, uint64_t{1} << 32)) {}
  void Add(uint32_t finger, const PreparedFinger& f) { AddKeys(finger, TripletKeys(f, false)); }
  // The same with the keys computed by the caller (TripletKeys(f, false)), e.g. on other threads.
  void AddKeys(uint32_t finger, const std::vector<uint32_t>& keys);
  // Merges everything added into the posting lists (again after further Adds).
  void Build();
  bool built() const { return pending_keys_.empty(); }
  // Makes the index ready for Score: merges what was added (Build), or, when the additions are
  // few against the merged lists and all of fingers numbered after every merged one (a gallery
  // that grows by appending), only sorts them, and Score counts their votes apart, with the same
  // result as after a Build. A growing registry then pays for a full merge only now and then
  // (when the additions pass a 32nd of the merged postings, at least 65,536), not after every
  // record.
  void Prepare();
  bool ready() const { return pending_keys_.empty() || !recent_.empty(); }
  // The pre-selection score (affinity) of every finger added, in `affinity` (resized to one per
  // finger). Each of the probe's widened keys found for a finger votes for it in the bin of the
  // rotation from the stored triangle to the probe's. A finger's votes are those of its best two
  // neighbouring rotation bins (a mate's rotation may straddle a bin edge), its affinity those
  // votes divided by its triangle count (a finger with many triangles collects chance hits in
  // proportion; measured better than the raw count or its square root); 0 without votes. The
  // votes are counted a block of fingers at a time, in scratch space that stays in the cache
  // whatever the gallery's size.
  void Score(const std::vector<uint32_t>& probe_keys, std::vector<float>* affinity) const;
  // (Score needs ready(); a Build or Prepare after the last Add.)
  // One finger's votes per rotation bin (what Score counts for it).
  std::array<uint16_t, kRotationBins> RotationVotes(const std::vector<uint32_t>& probe_keys, uint32_t finger) const;
  // Triangles stored per finger.
  uint16_t triangles(uint32_t finger) const { return finger < triangles_.size() ? triangles_[finger] : 0; }
  size_t MemoryBytes() const;

 private:
  // Added since the last Build: each AddKeys call's finger and key count, and their keys one after
  // the other (4 bytes a posting, as stored: the finger is kept once, not with every key).
  struct PendingFinger {
    uint32_t finger, keys;
  };
  std::vector<PendingFinger> pending_fingers_;
  MallocArray<uint32_t> pending_keys_;
  // Calls visit(shape bucket, posting) for each pending posting, in the order they were added.
  template <typename Visit>
  void ForEachPending(Visit visit) const;
  // Prepare's sorted copy of the pending postings, (shape bucket, posting), while they are few;
  // Score counts their votes apart. Empty unless Prepare made it, since when nothing was added.
  std::vector<std::pair<uint32_t, uint32_t>> recent_;
  uint32_t merged_fingers_ = 0;  // fingers below this number may have merged postings
  // Counts the votes of recent_ for fingers merged_fingers_.. (Prepare).
  void ScoreRecent(const std::vector<uint32_t>& probe_keys, std::vector<float>* affinity) const;
  // kKeys + 1 offsets into postings_, in 32 bits while the postings number fewer than
  // narrow_limit_ (16 MB; every index of a gallery up to about 10 million fingers), else in 64 (32
  // MB; a ten-print gallery of millions of people holds more than 2^32 triangles). One of the two
  // is filled after a Build.
  uint64_t Start(uint32_t key) const { return wide_start_.empty() ? narrow_start_[key] : wide_start_[key]; }
  bool has_lists() const { return !narrow_start_.empty() || !wide_start_.empty(); }
  std::vector<uint32_t> narrow_start_;
  std::vector<uint64_t> wide_start_;
  uint64_t narrow_limit_ = uint64_t{1} << 32;
  // finger << kRotationBits | rotation bin, grouped by shape bucket; grown in place by each Build
  MallocArray<uint32_t> postings_;
  std::vector<uint16_t> triangles_;
};

}  // namespace openpact::biometrics
