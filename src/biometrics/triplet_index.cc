#include "biometrics/triplet_index.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <new>
#include <utility>

namespace openpact::biometrics {
namespace {

// The key parameters (triplet_index.h).
using namespace triplet;  // NOLINT(google-build-using-namespace)

constexpr float kPi = 3.14159265358979f;
constexpr float kTwoPi = 2 * kPi;

// Keys (16^3 x 2 x 12^3 = 14.2 M) are hashed into 2^22 posting lists (kShapeBucketBits): the
// fixed cost (the lists' 64-bit offsets) stays at 32 MB, at the price of rare collisions (a few
// chance votes).
constexpr uint32_t kKeys = 1u << kShapeBucketBits;

struct Point {
  float x, y, angle;
};

inline float Distance(const Point& a, const Point& b) {
  return std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
}

// fmod(a, 2 pi), moved into [0, 2 pi). A triangle's angles lie within (-2 pi, 4 pi), where fmod
// subtracts 2 pi at most once and does so exactly (Sterbenz), so the subtraction is done here
// without the call: the same values, bit for bit.
inline float Wrap(float a) {
  if (a >= 0 && a < 2 * kTwoPi) return a >= kTwoPi ? a - kTwoPi : a;
  if (a < 0 && a > -kTwoPi) return a + kTwoPi;
  a = std::fmod(a, kTwoPi);
  return a < 0 ? a + kTwoPi : a;
}

// Values (in bin units) of one triangle under one vertex order.
struct Shape {
  float side[3];   // side opposite vertex k, in kSideBin units
  float angle[3];  // vertex k's direction relative to the side opposite vertex 0, in bins
  int orientation;
  uint32_t rotation;  // the rotation bin of that side's direction (from vertex 1 to vertex 2)
};

// `side[k]`: the length of the side opposite v[k] (the distance between the other two vertices).
Shape Describe(const Point* v[3], const float side[3]) {
  Shape s{};
  for (int k = 0; k < 3; ++k) s.side[k] = side[k] / kSideBin;
  const float ref = std::atan2(v[2]->y - v[1]->y, v[2]->x - v[1]->x);
  for (int k = 0; k < 3; ++k) s.angle[k] = Wrap(v[k]->angle - ref) / kTwoPi * kAngleBins;
  s.rotation = std::min(kRotationBins - 1, static_cast<uint32_t>(Wrap(ref) / kTwoPi * kRotationBins));
  const float cross = (v[1]->x - v[0]->x) * (v[2]->y - v[0]->y) - (v[1]->y - v[0]->y) * (v[2]->x - v[0]->x);
  s.orientation = cross > 0;
  return s;
}

// The bin of `v` and, when widening, the neighbouring bin on the nearer side.
int Bins(float v, int bins, bool wrap, bool widened, int out[2]) {
  // floor(v): a triangle's values are non-negative and small, where truncation is the floor (and
  // costs no call to floorf, which a baseline x86-64 build makes).
  const float floor =
      v >= 0 && v < 16777216.f ? static_cast<float>(static_cast<int>(v)) : std::floor(v);
  int b = static_cast<int>(floor);
  // Modulo `bins` where wrapping (a value of exactly 2 pi's bins wraps to 0), without a division
  // for the values a triangle gives.
  auto modulo = [bins](int x) {
    return x >= 0 && x < bins          ? x
           : x >= bins && x < 2 * bins ? x - bins
                                       : ((x % bins) + bins) % bins;
  };
  if (wrap) b = modulo(b);
  b = std::clamp(b, 0, bins - 1);
  out[0] = b;
  if (!widened) return 1;
  const float fr = v - floor;
  if (fr >= kWiden && fr < 1 - kWiden) return 1;
  int n = fr < 0.5f ? b - 1 : b + 1;
  if (wrap) {
    n = modulo(n);
  } else if (n < 0 || n >= bins) {
    return 1;
  }
  out[1] = n;
  return 2;
}

void EmitKeys(const Shape& s, bool widened, std::vector<uint32_t>* out) {
  int side_bins[3][2], angle_bins[3][2], ns[3], na[3];
  for (int k = 0; k < 3; ++k) {
    ns[k] = Bins(s.side[k], kSideBins, false, widened, side_bins[k]);
    na[k] = Bins(s.angle[k], kAngleBins, true, widened, angle_bins[k]);
  }
  int side[3], angle[3];
  for (int a = 0; a < ns[0]; ++a)
    for (int b = 0; b < ns[1]; ++b)
      for (int c = 0; c < ns[2]; ++c)
        for (int d = 0; d < na[0]; ++d)
          for (int e = 0; e < na[1]; ++e)
            for (int f = 0; f < na[2]; ++f) {
              side[0] = side_bins[0][a], side[1] = side_bins[1][b], side[2] = side_bins[2][c];
              angle[0] = angle_bins[0][d], angle[1] = angle_bins[1][e], angle[2] = angle_bins[2][f];
              out->push_back(ShapeBucket(side, s.orientation, angle) << kRotationBits | s.rotation);
            }
}

// Sorts `keys` and drops repeats. A least-significant-digit radix sort, four passes of a byte,
// beyond a few dozen keys: a finger's few hundred stored keys (or a probe's thousands of widened
// ones) sort several times faster than by comparisons.
void SortUnique(std::vector<uint32_t>* keys) {
  std::vector<uint32_t>& k = *keys;
  if (k.size() <= 64) {
    std::sort(k.begin(), k.end());
  } else {
    std::vector<uint32_t> other(k.size());
    uint32_t counts[4][256] = {};
    for (const uint32_t key : k) {
      for (int d = 0; d < 4; ++d) ++counts[d][key >> (8 * d) & 0xFF];
    }
    uint32_t* from = k.data();
    uint32_t* to = other.data();
    for (int d = 0; d < 4; ++d) {
      uint32_t at = 0;
      for (uint32_t& c : counts[d]) {
        const uint32_t here = c;
        c = at;
        at += here;
      }
      for (size_t i = 0; i < k.size(); ++i) to[counts[d][from[i] >> (8 * d) & 0xFF]++] = from[i];
      std::swap(from, to);
    }
    // Four passes: the sorted keys are back in `k`'s own storage.
  }
  k.erase(std::unique(k.begin(), k.end()), k.end());
}

}  // namespace

std::vector<uint32_t> TripletKeys(const PreparedFinger& f, bool widened) {
  const auto& M = f.minutiae;
  // Indices are 16-bit (a template holds at most 255 minutiae).
  const size_t n = std::min<size_t>(M.size(), 65536);
  // Every minutia's kTriangleNeighbours nearest, as the matcher found them for its local structure
  // (by squared distance, then position): six, or all the others when fewer.
  static_assert(kTriangleNeighbours == kNeighbours,
                "the triangles reuse the local structures' neighbours");
  const size_t words = (n + 63) / 64;
  std::vector<uint64_t> is_near(n * words, 0);  // bit u of row v: u is among v's nearest
  for (size_t i = 0; i < n; ++i) {
    for (size_t a = 0; a < M[i].neighbour_count; ++a) {
      const size_t m = M[i].neighbour[a];
      is_near[i * words + m / 64] |= uint64_t{1} << (m % 64);
    }
  }
  auto near = [&](size_t v, size_t u) {
    return (is_near[v * words + u / 64] >> (u % 64) & 1) != 0;
  };
  std::vector<uint32_t> keys;
  keys.reserve(widened ? n * 160 : n * 10);
  for (size_t i = 0; i < n; ++i) {
    const size_t neighbours = M[i].neighbour_count;
    for (size_t a = 0; a < neighbours; ++a) {
      for (size_t b = a + 1; b < neighbours; ++b) {
        const size_t x = M[i].neighbour[a], y = M[i].neighbour[b];
        // The triangle {i, x, y} is made by each of its vertices that has the other two among its
        // nearest: taken once, by the lowest of them.
        if ((x < i && near(x, i) && near(x, y)) || (y < i && near(y, i) && near(y, x))) continue;
        size_t t[3] = {i, x, y};
        if (t[0] > t[1]) std::swap(t[0], t[1]);
        if (t[1] > t[2]) std::swap(t[1], t[2]);
        if (t[0] > t[1]) std::swap(t[0], t[1]);
        if ((M[t[0]].weight + M[t[1]].weight + M[t[2]].weight) / 3 < kMinWeight) continue;
        Point p[3];
        for (int k = 0; k < 3; ++k) p[k] = Point{M[t[k]].x, M[t[k]].y, M[t[k]].angle};
        // Canonical vertex order: by the length of the opposite side, longest first.
        float opposite[3];
        for (int k = 0; k < 3; ++k) opposite[k] = Distance(p[(k + 1) % 3], p[(k + 2) % 3]);
        // Longest first, equal lengths in vertex order: an insertion sort, which is what std::sort
        // does with three elements (written out: the static analyser lost track of the array in
        // std::sort).
        int order[3] = {0, 1, 2};
        for (int k = 1; k < 3; ++k) {
          for (int j = k; j > 0 && opposite[order[j]] > opposite[order[j - 1]]; --j)
            std::swap(order[j], order[j - 1]);
        }
        if (opposite[order[2]] < kMinSide || opposite[order[0]] > kMaxSide) continue;
        // A side's length does not depend on which end it is measured from (the differences are
        // squared), so the sides measured for the order serve every vertex order.
        const Point* v[3] = {&p[order[0]], &p[order[1]], &p[order[2]]};
        const float side[3] = {opposite[order[0]], opposite[order[1]], opposite[order[2]]};
        EmitKeys(Describe(v, side), widened, &keys);
        if (!widened) continue;
        // Nearly equal sides: the other impression may order these vertices the other way round.
        for (int swap = 0; swap < 2; ++swap) {
          if (side[swap] - side[swap + 1] > kOrderAmbiguity * side[swap]) continue;
          const Point* w[3] = {v[0], v[1], v[2]};
          float w_side[3] = {side[0], side[1], side[2]};
          std::swap(w[swap], w[swap + 1]);
          std::swap(w_side[swap], w_side[swap + 1]);
          EmitKeys(Describe(w, w_side), widened, &keys);
        }
      }
    }
  }
  SortUnique(&keys);
  return keys;
}

template <typename Visit>
void TripletIndex::ForEachPending(Visit visit) const {
  // A posting is the finger with the rotation bin of its triangle; listed under the shape bucket.
  const uint32_t* key = pending_keys_.data();
  for (const PendingFinger& f : pending_fingers_) {
    for (uint32_t i = 0; i < f.keys; ++i, ++key) visit(*key >> kRotationBits, f.finger << kRotationBits | (*key & (kRotationBins - 1)));
  }
}

void TripletIndex::AddKeys(uint32_t finger, const std::vector<uint32_t>& keys) {
  std::vector<std::pair<uint32_t, uint32_t>>().swap(recent_);  // Prepare's copy is out of date
  pending_fingers_.push_back(PendingFinger{finger, static_cast<uint32_t>(keys.size())});
  pending_keys_.Append(keys.data(), keys.size());
  if (triangles_.size() <= finger) triangles_.resize(finger + 1, 0);
  triangles_[finger] = static_cast<uint16_t>(std::min<size_t>(keys.size(), 65535));
  // Merge pending postings once they reach an eighth of the stored ones (at least 8 M): geometric
  // merging keeps the total copying linear in the gallery size (about nine times the postings
  // moved in all), and a merge's peak, the merged postings with the pending keys beside them, at
  // most a ninth above the merged postings (a quarter: a fifth above, and a million-finger build
  // peaked 97,524 kB higher, no faster; docs/biometrics.md).
  if (pending_keys_.size() >= std::max<size_t>(size_t{8} << 20, postings_.size() / 8)) Build();
}

void TripletIndex::Build() {
  if (pending_keys_.empty() && has_lists()) return;
  // Merges the pending postings into the stored lists in place, so that at its peak the merge
  // holds the merged postings once (the stored ones grown by realloc) and the pending keys (4 bytes
  // a posting): at most 4.5 bytes per merged posting beyond the first 72 M (below, the 8 M pending
  // of AddKeys's floor), against 11 for a merge into a second array (docs/biometrics.md,
  // "Building without holding the index twice").
  // Where stored list k begins before the merge (nothing is stored before the first Build).
  auto stored_start = [&](uint32_t k) -> uint64_t { return has_lists() ? Start(k) : 0; };
  // start[k]: where list k begins after the merge.
  std::vector<uint64_t> start(kKeys + 1, 0);
  for (const uint32_t key : pending_keys_) ++start[(key >> kRotationBits) + 1];
  for (uint32_t k = 0; k < kKeys; ++k) start[k + 1] += start[k] + stored_start(k + 1) - stored_start(k);
  // Everything that can fail (allocate) before anything changes: the room for the new offsets in
  // 32 bits when they fit, and the postings grown.
  const bool narrow = start[kKeys] < narrow_limit_;
  std::vector<uint32_t> narrow_start(narrow ? kKeys + 1 : 0);
  postings_.Resize(start[kKeys]);
  std::vector<std::pair<uint32_t, uint32_t>>().swap(recent_);
  // The stored lists moved up to their new starts, from the last list to the first: a list only
  // moves up (by the pending postings of the lists before it), so the lists not yet moved, all
  // below it, are never overwritten. Each leaves room for its pending postings after it, and
  // start[k] becomes the cursor where list k's next pending posting goes (no second array of 4 M
  // cursors, 32 MB at the merge's peak).
  uint32_t* postings = postings_.data();
  for (uint32_t k = kKeys; k-- > 0;) {
    const uint64_t old_begin = stored_start(k), kept = stored_start(k + 1) - old_begin;
    if (kept > 0 && start[k] != old_begin) {
      std::memmove(postings + start[k], postings + old_begin, kept * sizeof(uint32_t));
    }
    start[k] += kept;
  }
  // The pending postings into that room, in the order they were added.
  ForEachPending([&](uint32_t bucket, uint32_t posting) { postings[start[bucket]++] = posting; });
  // Each cursor now stands where its list ends, which is where the next list begins: shifted up
  // by one, they are the new starts again (start[kKeys], the total, is where the last list ends).
  std::memmove(start.data() + 1, start.data(), kKeys * sizeof(uint64_t));
  start[0] = 0;
  pending_keys_ = MallocArray<uint32_t>();
  std::vector<PendingFinger>().swap(pending_fingers_);
  // Score walks each list in finger order. Fingers added in increasing order (as the gallery adds
  // them) keep the lists sorted already; any other order is sorted here.
  for (uint32_t k = 0; k < kKeys; ++k) {
    uint32_t *begin = postings + start[k], *end = postings + start[k + 1];
    if (!std::is_sorted(begin, end)) std::sort(begin, end);
  }
  if (narrow) {
    std::copy(start.begin(), start.end(), narrow_start.begin());
    narrow_start_ = std::move(narrow_start);
    wide_start_.clear();
    wide_start_.shrink_to_fit();
  } else {
    wide_start_ = std::move(start);
    narrow_start_.clear();
    narrow_start_.shrink_to_fit();
  }
  merged_fingers_ = static_cast<uint32_t>(triangles_.size());
}

void TripletIndex::Prepare() {
  if (ready()) return;
  // Counted apart only while few: each Score then looks each probe key up in them (a binary
  // search) and counts their votes in a table of their fingers; a Build folds them in once they
  // reach a 32nd of the merged postings (at least 65,536).
  constexpr size_t kRecentMin = size_t{1} << 16;
  bool appended = true;
  for (const PendingFinger& f : pending_fingers_) appended = appended && f.finger >= merged_fingers_;
  if (!appended || pending_keys_.size() > std::max(kRecentMin, postings_.size() / 32)) {
    Build();
    return;
  }
  recent_.reserve(pending_keys_.size());
  ForEachPending([&](uint32_t bucket, uint32_t posting) { recent_.emplace_back(bucket, posting); });
  std::sort(recent_.begin(), recent_.end());
}

namespace {

// The best two neighbouring rotation bins' votes.
inline int BestRotationVotes(const uint16_t* bins) {
  int best = 0;
  for (uint32_t r = 0; r < kRotationBins; ++r) best = std::max(best, bins[r] + bins[(r + 1) & (kRotationBins - 1)]);
  return best;
}

// The slot of a vote: the posting's finger (relative to the block's first) with the bin of the
// turn from the stored triangle to the probe's.
inline size_t VoteSlot(uint32_t posting, uint32_t first_finger, uint32_t probe_rotation) {
  return (static_cast<size_t>((posting >> kRotationBits) - first_finger) << kRotationBits) |
         ((probe_rotation - posting) & (kRotationBins - 1));
}

}  // namespace

void TripletIndex::ScoreRecent(const std::vector<uint32_t>& probe_keys, std::vector<float>* affinity) const {
  const size_t fingers = triangles_.size();
  if (recent_.empty() || fingers <= merged_fingers_) return;
  // The same votes as the merged lists would give these fingers (they have no merged postings).
  std::vector<uint16_t> votes((fingers - merged_fingers_) * kRotationBins, 0);
  for (const uint32_t key : probe_keys) {
    const uint32_t bucket = key >> kRotationBits, probe_rotation = key & (kRotationBins - 1);
    auto it = std::lower_bound(recent_.begin(), recent_.end(), std::make_pair(bucket, uint32_t{0}));
    for (; it != recent_.end() && it->first == bucket; ++it) ++votes[VoteSlot(it->second, merged_fingers_, probe_rotation)];
  }
  for (size_t f = merged_fingers_; f < fingers; ++f) {
    const int best = BestRotationVotes(votes.data() + (f - merged_fingers_) * kRotationBins);
    if (best > 0) (*affinity)[f] = static_cast<float>(best) / static_cast<float>(triangles_[f]);
  }
}

void TripletIndex::Score(const std::vector<uint32_t>& probe_keys, std::vector<float>* affinity) const {
  const size_t fingers = triangles_.size();
  affinity->assign(fingers, 0.f);
  if (probe_keys.empty()) return;
  ScoreRecent(probe_keys, affinity);
  if (!has_lists()) return;
  // Votes land on random fingers: counted over the whole gallery at once (64 bytes a finger) they
  // would miss the cache at every vote. Each posting list is sorted by finger, so a cursor per
  // probe key walks its list a block of fingers at a time, and the block's votes stay in cache.
  // 65,536 fingers a block, 4 MB of votes (in the last-level cache, not the 1 MB second level):
  // fewer blocks mean fewer visits to each probe key's list. Measured in alternation on the same
  // million fingers, 0.78 times the time of 16,384-finger blocks (1 MB), 131,072 (8 MB) 1.26
  // times; on 100,000 fingers 1.06 times (docs/biometrics.md).
  constexpr uint32_t kBlockFingers = 1u << 16;
  std::vector<uint64_t> cursor(probe_keys.size()), end(probe_keys.size());
  for (size_t i = 0; i < probe_keys.size(); ++i) {
    cursor[i] = Start(probe_keys[i] >> kRotationBits);
    end[i] = Start((probe_keys[i] >> kRotationBits) + 1);
  }
  // (A gallery smaller than a block gets votes for its own fingers only: 4 MB zeroed for every
  // search would cost a small gallery more than its votes.)
  std::vector<uint16_t> votes(std::min<size_t>(kBlockFingers, fingers) * kRotationBins);
  for (size_t first = 0; first < fingers; first += kBlockFingers) {
    const uint32_t first_finger = static_cast<uint32_t>(first);
    const size_t count = std::min<size_t>(kBlockFingers, fingers - first);
    std::fill(votes.begin(), votes.begin() + static_cast<long>(count * kRotationBins), 0);
    // Postings below this value belong to fingers of this block (or earlier ones).
    const uint64_t limit = static_cast<uint64_t>(first + count) << kRotationBits;
    for (size_t i = 0; i < probe_keys.size(); ++i) {
      const uint32_t probe_rotation = probe_keys[i] & (kRotationBins - 1);
      uint64_t p = cursor[i];
      for (; p < end[i] && postings_[p] < limit; ++p) ++votes[VoteSlot(postings_[p], first_finger, probe_rotation)];
      cursor[i] = p;
    }
    for (size_t f = 0; f < count; ++f) {
      const int best = BestRotationVotes(votes.data() + f * kRotationBins);
      if (best > 0) (*affinity)[first + f] = static_cast<float>(best) / static_cast<float>(triangles_[first + f]);
    }
  }
}

std::array<uint16_t, kRotationBins> TripletIndex::RotationVotes(const std::vector<uint32_t>& probe_keys,
                                                                 uint32_t finger) const {
  std::array<uint16_t, kRotationBins> bins{};
  for (const uint32_t k : probe_keys) {
    const uint32_t bucket = k >> kRotationBits;
    if (has_lists()) {
      for (uint64_t p = Start(bucket); p < Start(bucket + 1); ++p) {
        if (postings_[p] >> kRotationBits == finger) ++bins[VoteSlot(postings_[p], finger, k & (kRotationBins - 1))];
      }
    }
    auto it = std::lower_bound(recent_.begin(), recent_.end(), std::make_pair(bucket, uint32_t{0}));
    for (; it != recent_.end() && it->first == bucket; ++it) {
      if (it->second >> kRotationBits == finger) ++bins[VoteSlot(it->second, finger, k & (kRotationBins - 1))];
    }
  }
  return bins;
}

size_t TripletIndex::MemoryBytes() const {
  return pending_fingers_.capacity() * sizeof(PendingFinger) + pending_keys_.capacity() * sizeof(uint32_t) +
         recent_.capacity() * sizeof(recent_[0]) + narrow_start_.capacity() * sizeof(uint32_t) +
         wide_start_.capacity() * sizeof(uint64_t) +
         postings_.size() * sizeof(uint32_t) + triangles_.capacity() * sizeof(uint16_t);
}

}  // namespace openpact::biometrics
