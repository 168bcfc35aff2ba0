#include "biometrics/matcher.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "biometrics/portable_matcher.h"
#include "core/csv.h"
#include "core/data_dir.h"

namespace openpact::biometrics {
namespace {

constexpr float kPi = 3.14159265358979f;
constexpr float kTwoPi = 2 * kPi;

inline float AngleDiff(float a, float b) {  // in [0, pi]
  float d = std::fabs(a - b);
  if (d > kTwoPi) d = std::fmod(d, kTwoPi);
  return d > kPi ? kTwoPi - d : d;
}
inline float Wrap(float a) {
  while (a < 0) a += kTwoPi;
  while (a >= kTwoPi) a -= kTwoPi;
  return a;
}

// Four floats (or int32 masks) per operation: the element-wise code below is written once, as a
// template, for float and for Float4, so that the vector lanes compute bit for bit what the
// scalar code does.
typedef float Float4 __attribute__((vector_size(16)));
typedef int32_t Int4 __attribute__((vector_size(16)));

inline Float4 Load4(const float* p) {  // p is 16-byte aligned
  return *reinterpret_cast<const Float4*>(p);
}
inline void Store4(float* p, Float4 v) { *reinterpret_cast<Float4*>(p) = v; }
inline float Abs(float x) { return std::fabs(x); }
inline Float4 Abs(Float4 x) {  // the sign bit cleared, as fabs does
  return reinterpret_cast<Float4>(reinterpret_cast<Int4>(x) & 0x7fffffff);
}
[[maybe_unused]] inline float Sqrt(float x) { return std::sqrt(x); }
inline Float4 Sqrt(Float4 x) {  // correctly rounded, as std::sqrt
#ifdef __SSE2__
  return _mm_sqrt_ps(x);
#else
  return Float4{std::sqrt(x[0]), std::sqrt(x[1]), std::sqrt(x[2]), std::sqrt(x[3])};
#endif
}

// std::floor and then the int cast, for values below 2^31 in magnitude: truncation, less one
// where it rounded up.
inline Int4 FloorToInt(Float4 v) {
  const Int4 t = __builtin_convertvector(v, Int4);
  return t + (__builtin_convertvector(t, Float4) > v);
}

// atan2 to within 1e-5 rad (a minimax polynomial for atan on [0, 1], then the octant; 2e-6 rad
// measured over integer offsets up to 600 px): the matcher's angle tolerances are four orders of
// magnitude coarser, and libm's atan2 was about a third of the time spent preparing a gallery
// finger (perf). T is float or Float4.
template <typename T>
inline T FastAtan2(T y, T x) {
  const T ax = Abs(x), ay = Abs(y);
  const T hi = ax < ay ? ay : ax, lo = ay < ax ? ay : ax;  // std::max and std::min
  const T t = hi == 0.f ? T{} : lo / hi, t2 = t * t;
  using namespace portable;  // the coefficients, shared with the scalar portable::Atan2
  T a = t * (kAtan1 + t2 * (kAtan3 + t2 * (kAtan5 + t2 * (kAtan7 + t2 * (kAtan9 - t2 * kAtan11)))));
  // Selections rather than branches: the octant is as good as random.
  a = ay > ax ? kPi / 2 - a : a;
  a = x < 0.f ? kPi - a : a;
  return y < 0.f ? -a : a;
}

// An angle in (-2pi, 2pi), or (-4pi, 2pi) for WrapTwice, brought into [0, 2pi) without branches
// (a tiny negative angle plus 2pi rounds to 2pi itself: that is 0).
template <typename T>
inline T WrapOnce(T a) {
  const T w = a < 0.f ? a + kTwoPi : a;
  return w < kTwoPi ? w : T{};
}
template <typename T>
inline T WrapTwice(T a) {
  return WrapOnce(WrapOnce(a));
}

// Tolerances (pixels at ~500 dpi, radians).
constexpr float kLocalDistTol = 10.0f;
constexpr float kLocalAngleTol = 0.35f;   // ~20 degrees
constexpr float kGlobalDistTol = 12.0f;
constexpr float kGlobalDistGrowth = 0.06f;  // extra tolerance per pixel from the anchor (distortion)
constexpr float kGlobalAngleTol = 0.52f;  // ~30 degrees
constexpr int kSeeds = 12;

// Angle difference for angles already in [0, 2pi): branch-free, std::min(d, 2pi - d). T is float
// or Float4.
template <typename T>
inline T WrappedDiff(T a, T b) {
  const T d = Abs(a - b), w = kTwoPi - d;
  return w < d ? w : d;
}

// The lanes of a comparison mask (-1 or 0 each) as four bits.
inline unsigned Bits(Int4 m) {
#ifdef __SSE2__
  return static_cast<unsigned>(_mm_movemask_ps(reinterpret_cast<__m128>(m)));
#else
  return (m[0] & 1u) | (m[1] & 2u) | (m[2] & 4u) | (m[3] & 8u);
#endif
}

// Which of four neighbours of b agree with a's neighbour (d, ad, ar): LocalSimilarity's tests,
// four lanes at a time.
inline unsigned AgreeingNeighbours4(float d, float tol, float ad, float ar, const float* bd, const float* ba,
                                    const float* br) {
  const Float4 dd = Abs(d - Load4(bd));
  const Float4 da = WrappedDiff(Float4{ad, ad, ad, ad}, Load4(ba));
  const Float4 dr = WrappedDiff(Float4{ar, ar, ar, ar}, Load4(br));
  return Bits((dd <= tol) & (da <= kLocalAngleTol) & (dr <= kLocalAngleTol));
}

// How well two local structures agree: greedy one-to-one matching of neighbours (in order of
// distance). The compatibility table is computed branch-free first, a row (one neighbour of a
// against all of b's) per two vector steps: it is the matcher's hot loop.
float LocalSimilarity(const PreparedMinutia& a, const PreparedMinutia& b) {
  const int na = a.neighbour_count, nb = b.neighbour_count;
  if (na == 0 || nb == 0) return 0;
  static_assert(kNeighbourSlots == 8, "two vector steps per row");
  uint8_t ok[kNeighbours];
  for (int i = 0; i < kNeighbours; ++i) {
    const float tol = kLocalDistTol + 0.1f * a.nd[i];
    ok[i] = static_cast<uint8_t>(AgreeingNeighbours4(a.nd[i], tol, a.na[i], a.nr[i], b.nd, b.na, b.nr) |
                                 AgreeingNeighbours4(a.nd[i], tol, a.na[i], a.nr[i], b.nd + 4, b.na + 4, b.nr + 4) << 4);
  }
  const uint8_t valid_b = static_cast<uint8_t>((1u << nb) - 1);
  uint8_t taken = 0;
  int matched = 0;
  for (int i = 0; i < na; ++i) {
    // The nearest compatible neighbour not yet taken, if any (no branch: free & -free is 0 then).
    const uint8_t free = ok[i] & valid_b & static_cast<uint8_t>(~taken);
    taken |= static_cast<uint8_t>(free & -free);
    matched += free != 0;
  }
  return static_cast<float>(matched) / std::max(na, nb);
}

constexpr float kMinLocalSimilarity = 0.34f;  // a candidate pair shares at least a third of its neighbours

// Index cells: 32 distance bins of 8 px (the last open-ended) x 16 x 16 direction sectors.
constexpr float kCellDistance = 8.0f;
constexpr int kDistanceBins = 32, kSectors = 16;
constexpr int kCells = kDistanceBins * kSectors * kSectors;
// Written for int and Int4 alike (the cells of a local structure are computed four at a time).
inline int ToInt(float v) { return static_cast<int>(v); }
inline Int4 ToInt(Float4 v) { return __builtin_convertvector(v, Int4); }
template <typename I>
inline I Clamp(I v, int lo, int hi) {  // std::min(hi, std::max(lo, v))
  v = v < lo ? lo : v;
  return v > hi ? hi : v;
}
template <typename T>
inline auto DistanceBin(T d) { return Clamp(ToInt(d / kCellDistance), 0, kDistanceBins - 1); }
template <typename T>
inline auto SectorOf(T a) { return Clamp(ToInt(a / kTwoPi * kSectors), 0, kSectors - 1); }
template <typename I>
inline I CellOf(I bin, I s1, I s2) { return (bin * kSectors + s1) * kSectors + s2; }

// The sectors an angle within `tol` of `a` can fall in.
int SectorsAround(float a, float tol, int out[kSectors]) {
  const int first = static_cast<int>(std::floor((a - tol) / kTwoPi * kSectors));
  const int last = static_cast<int>(std::floor((a + tol) / kTwoPi * kSectors));
  int n = 0;
  for (int s = first; s <= last && n < kSectors; ++s) out[n++] = ((s % kSectors) + kSectors) % kSectors;
  return n;
}

// Votes a pair needs for LocalSimilarity (matched neighbours over the larger neighbour count) to
// possibly reach kMinLocalSimilarity, by that larger count; a table, as the pairing asks for every
// voted pair.
constexpr int NeededMatchesFor(int most) {
  int need = 0;
  while (need < most && static_cast<float>(need) / static_cast<float>(most) < kMinLocalSimilarity) ++need;
  return need;
}
constexpr std::array<uint8_t, kNeighbours + 1> kNeededMatches = [] {
  std::array<uint8_t, kNeighbours + 1> t{};
  for (int most = 0; most <= kNeighbours; ++most) t[most] = static_cast<uint8_t>(NeededMatchesFor(most));
  return t;
}();
static_assert(kNeededMatches[6] == 3 && kNeededMatches[3] == 2 && kNeededMatches[1] == 1);
inline int NeededMatches(int na, int nb) { return kNeededMatches[static_cast<size_t>(std::max(na, nb))]; }
static_assert(kNeededMatches[kNeighbours] <= 3, "the pairing counts votes up to three levels (BuildIndex need_masks)");
// The accelerators' port (portable_matcher.h) restates these; it must change with them (its test
// compares the scores bit for bit).
static_assert(portable::kNeighbours == kNeighbours && portable::kSeeds == kSeeds && portable::kCells == kCells);
static_assert(portable::kLocalDistTol == kLocalDistTol && portable::kLocalAngleTol == kLocalAngleTol &&
              portable::kMinLocalSimilarity == kMinLocalSimilarity && portable::kGlobalDistTol == kGlobalDistTol &&
              portable::kGlobalDistGrowth == kGlobalDistGrowth && portable::kGlobalAngleTol == kGlobalAngleTol &&
              portable::kTwoPi == kTwoPi);

}  // namespace

void PreparedFinger::BuildIndex() {
  const size_t words = std::max<size_t>(1, (minutiae.size() + 63) / 64);
  mask_words = static_cast<uint32_t>(words);
  cell_masks.assign(kCells * words, 0);
  int s1[kSectors], s2[kSectors];
  for (size_t i = 0; i < minutiae.size(); ++i) {
    const PreparedMinutia& m = minutiae[i];
    const uint64_t bit = uint64_t{1} << (i % 64);
    for (int t = 0; t < m.neighbour_count; ++t) {
      // A candidate neighbour matches this one when its distance is within 10 px + 10 % of ours and
      // both of its angles within kLocalAngleTol (LocalSimilarity): register every such cell.
      const float tol = kLocalDistTol + 0.1f * m.nd[t];
      const int lo = DistanceBin(m.nd[t] - tol), hi = DistanceBin(m.nd[t] + tol);
      const int n1 = SectorsAround(m.na[t], kLocalAngleTol, s1), n2 = SectorsAround(m.nr[t], kLocalAngleTol, s2);
      for (int b = lo; b <= hi; ++b) {
        for (int x = 0; x < n1; ++x) {
          for (int y = 0; y < n2; ++y) cell_masks[static_cast<size_t>(CellOf(b, s1[x], s2[y])) * words + i / 64] |= bit;
        }
      }
    }
  }
  need_masks.assign((kNeighbours + 1) * 3 * words, 0);
  for (int n = 0; n <= kNeighbours; ++n) {
    for (size_t i = 0; i < minutiae.size(); ++i) {
      const int need = NeededMatches(minutiae[i].neighbour_count, n);
      if (need >= 1) need_masks[(static_cast<size_t>(n) * 3 + static_cast<size_t>(need) - 1) * words + i / 64] |= uint64_t{1} << (i % 64);
    }
  }
}

PreparedFinger PreparedFinger::FromMinutiae(std::span<const Minutia> minutiae) {
  PreparedFinger f;
  FromMinutiae(minutiae, &f);
  return f;
}

namespace {

// The local structure of minutia i from its k nearest neighbours (squared distances and indices).
void FillLocalStructure(PreparedFinger& f, size_t i, size_t k, const float* dist, const uint32_t* index) {
  PreparedMinutia& m = f.minutiae[i];
  m.neighbour_count = static_cast<uint8_t>(k);
  // The neighbours' offsets and directions, then all slots in two vector steps; the slots past k
  // are reset afterwards (they are read, and masked out, by LocalSimilarity).
  alignas(16) float dx[kNeighbourSlots] = {}, dy[kNeighbourSlots] = {}, angle[kNeighbourSlots] = {},
                    d2[kNeighbourSlots] = {};
  for (size_t t = 0; t < k; ++t) {
    m.neighbour[t] = static_cast<uint16_t>(index[t]);
    const PreparedMinutia& o = f.minutiae[index[t]];
    dx[t] = o.x - m.x;
    dy[t] = o.y - m.y;
    angle[t] = o.angle;
    d2[t] = dist[t];
  }
  static_assert(kNeighbourSlots == 8, "two vector steps");
  for (int h = 0; h < kNeighbourSlots; h += 4) {
    const Float4 nd = Sqrt(Load4(d2 + h));
    // atan2 in [-pi, pi] and angles in [0, 2pi): the differences lie in (-3pi, pi] and (-2pi, 2pi).
    const Float4 na = WrapTwice(FastAtan2(Load4(dy + h), Load4(dx + h)) - m.angle);
    const Float4 nr = WrapOnce(Load4(angle + h) - m.angle);
    Store4(m.nd + h, nd);
    Store4(m.na + h, na);
    Store4(m.nr + h, nr);
    *reinterpret_cast<Int4*>(m.cell + h) = CellOf(DistanceBin(nd), SectorOf(na), SectorOf(nr));
  }
  for (size_t t = k; t < kNeighbourSlots; ++t) {
    m.nd[t] = 1e9f;
    m.na[t] = m.nr[t] = 0;
  }
}

// Each minutia's weight (PreparedMinutia::weight) from `near[i]`, the other minutiae within
// kDensityRadius of it.
void SetWeights(PreparedFinger& f, const std::vector<int32_t>& near) {
  const size_t n = f.minutiae.size();
  if (n == 0) return;
  // Computed twice rather than stored: a gallery finger is prepared for every comparison of a scan.
  auto raw = [&](size_t i) { return 1.0 / (1.0 + kDensityDamping * near[i]); };
  double sum = 0;
  for (size_t i = 0; i < n; ++i) sum += raw(i);
  const double mean = sum / static_cast<double>(n);
  for (size_t i = 0; i < n; ++i) f.minutiae[i].weight = static_cast<float>(raw(i) / mean);
}

// The other minutiae within kDensityRadius of minutia i (exact integer distances).
int32_t NearCount(std::span<const Minutia> minutiae, size_t i) {
  const int64_t xi = minutiae[i].x, yi = minutiae[i].y;
  int32_t count = 0;
  for (size_t j = 0; j < minutiae.size(); ++j) {
    const int64_t dx = minutiae[j].x - xi, dy = minutiae[j].y - yi;
    count += j != i && dx * dx + dy * dy < kDensityRadius * kDensityRadius;
  }
  return count;
}

// The nearest neighbours of minutia i by (squared distance, index) with 64-bit keys, for sets too
// large for the 32-bit keys; returns how many (at most kNeighbours).
size_t SlowNeighbours(std::span<const Minutia> minutiae, size_t i, float* dist, uint32_t* index) {
  const int64_t xi = minutiae[i].x, yi = minutiae[i].y;
  constexpr int64_t kNone = std::numeric_limits<int64_t>::max();
  int64_t previous = -1;
  size_t k = 0;
  for (; k < kNeighbours; ++k) {
    int64_t best = kNone;
    for (size_t j = 0; j < minutiae.size(); ++j) {
      if (j == i) continue;
      const int64_t dx = minutiae[j].x - xi, dy = minutiae[j].y - yi;
      const int64_t key = ((dx * dx + dy * dy) << 16) | static_cast<int64_t>(j);
      if (key > previous) best = std::min(best, key);
    }
    if (best == kNone) break;
    previous = best;
    index[k] = static_cast<uint32_t>(best & 0xFFFF);
    dist[k] = static_cast<float>(best >> 16);
  }
  return k;
}

}  // namespace

void PreparedFinger::FromMinutiae(std::span<const Minutia> minutiae, PreparedFinger* out) {
  PreparedFinger& f = *out;
  const size_t n = minutiae.size();
  f.minutiae.resize(n);
  f.mask_words = 0;  // the index no longer describes these minutiae
  f.cell_masks.clear();
  f.need_masks.clear();
  for (size_t i = 0; i < n; ++i) {
    PreparedMinutia& m = f.minutiae[i];
    m.x = minutiae[i].x;
    // Image y grows downwards while ISO angles turn counter-clockwise: flip to a right-handed frame.
    m.y = -static_cast<float>(minutiae[i].y);
    m.angle = static_cast<float>(minutiae[i].AngleRadians());
    m.type = minutiae[i].type;
  }
  // Neighbour search, the larger part of a gallery finger's preparation (one per comparison in a
  // scan). Neighbours are ordered by squared distance, then index: both go into one 32-bit key,
  // which holds squared distances below 2^23 (2,896 px) and 8 bits of index (a view holds at most
  // 255 minutiae: ISO and ANSI count them in a byte). Four minutiae (lanes) are served together:
  // every other minutia's key goes through a six-stage compare-exchange chain that keeps each
  // lane's six smallest keys in order, without branches on the data (an insertion sort's were
  // mispredicted most of the time). Larger sets, coordinates of 2^14 or more, and minutiae with
  // another 2,896 px away or more take the 64-bit keys of SlowNeighbours; the order is the same.
  float dist[kNeighbours];
  uint32_t index[kNeighbours];
  bool small = n <= 256;
  for (size_t j = 0; j < n && small; ++j) small = minutiae[j].x < (1 << 14) && minutiae[j].y < (1 << 14);
  thread_local std::vector<int32_t> near;
  near.assign(n, 0);
  if (!small) {
    for (size_t i = 0; i < n; ++i) {
      FillLocalStructure(f, i, SlowNeighbours(minutiae, i, dist, index), dist, index);
      near[i] = NearCount(minutiae, i);
    }
    SetWeights(f, near);
    return;
  }
  constexpr int32_t kNone = std::numeric_limits<int32_t>::max();
  // The largest squared distance a key holds; below 2^23 - 1 so that no key equals kNone.
  constexpr int32_t kMaxKeyDistance = (1 << 23) - 2;
  const Int4 none = {kNone, kNone, kNone, kNone};
  // Coordinates below 2^14: (x, y) as two 16-bit halves of one word, and dx^2 + dy^2 below 2^29.
  // Lanes past n repeat minutia 0; they are never taken.
  const size_t blocks = (n + 3) / 4;
  thread_local std::vector<int32_t> packed;
  packed.resize(blocks * 4);
  for (size_t j = 0; j < blocks * 4; ++j) {
    const Minutia& m = minutiae[j < n ? j : 0];
    packed[j] = static_cast<int32_t>(m.x | static_cast<uint32_t>(m.y) << 16);
  }
  for (size_t b = 0; b < blocks; ++b) {
    const Int4 own = {packed[4 * b], packed[4 * b + 1], packed[4 * b + 2], packed[4 * b + 3]};
#ifndef __SSE2__
    const Int4 own_x = own & 0xFFFF, own_y = own >> 16;
#endif
    const Int4 lane = Int4{0, 1, 2, 3} + static_cast<int32_t>(4 * b);
    Int4 best[kNeighbours];
    for (Int4& v : best) v = none;
    Int4 far = {};
    Int4 close = {};  // the other minutiae within kDensityRadius, per lane
    constexpr int32_t kRadius2 = static_cast<int32_t>(kDensityRadius * kDensityRadius);
    for (size_t j = 0; j < n; ++j) {
#ifdef __SSE2__
      // One multiply-add on the 16-bit halves gives dx^2 + dy^2 for the four lanes.
      const __m128i d = _mm_sub_epi16(_mm_set1_epi32(packed[j]), reinterpret_cast<__m128i>(own));
      const Int4 d2 = reinterpret_cast<Int4>(_mm_madd_epi16(d, d));
#else
      const Int4 dx = (packed[j] & 0xFFFF) - own_x, dy = (packed[j] >> 16) - own_y;
      const Int4 d2 = dx * dx + dy * dy;
#endif
      far |= d2 > kMaxKeyDistance;
      close -= (d2 < kRadius2) & (lane != static_cast<int32_t>(j));  // a true comparison is -1
      Int4 key = (d2 << 8) | static_cast<int32_t>(j);
      key = lane == static_cast<int32_t>(j) ? none : key;  // not its own neighbour
      for (Int4& v : best) {
        const Int4 swap = v > key;
        const Int4 low = swap ? key : v;
        key = swap ? v : key;
        v = low;
      }
    }
    for (int l = 0; l < 4 && 4 * b + l < n; ++l) {
      const size_t i = 4 * b + static_cast<size_t>(l);
      near[i] = close[l];
      if (far[l] != 0) {  // a minutia 2,896 px away or more
        FillLocalStructure(f, i, SlowNeighbours(minutiae, i, dist, index), dist, index);
        continue;
      }
      size_t k = 0;
      for (; k < kNeighbours && best[k][l] != kNone; ++k) {
        index[k] = static_cast<uint32_t>(best[k][l] & 0xFF);
        dist[k] = static_cast<float>(best[k][l] >> 8);
      }
      FillLocalStructure(f, i, k, dist, index);
    }
  }
  SetWeights(f, near);
}

double Matcher::RawScore(const PreparedFinger& probe, const PreparedFinger& candidate) {
  const auto& P = probe.minutiae;
  const auto& C = candidate.minutiae;
  if (P.size() < 3 || C.size() < 3) return 0;
  // 1-2. Candidate pairs by local similarity; with a probe index, only the pairs whose neighbours
  // can agree are compared (same result, far fewer comparisons).
  pairs_.clear();
  // Local similarities are kept per (probe, candidate) minutia pair: the consolidation asks again
  // for many that the pairing computed. "Not yet" is all bits set, a NaN, which no similarity is
  // (a memset: GCC writes a fill with -1 one float at a time).
  local_memo_.resize(P.size() * C.size());
  std::memset(local_memo_.data(), 0xFF, local_memo_.size() * sizeof(float));
  if (probe.indexed()) {
    const size_t words = probe.mask_words;
    const uint64_t* cell_masks = probe.cell_masks.data();
    for (size_t j = 0; j < C.size(); ++j) {
      const PreparedMinutia& c = C[j];
      const uint64_t* need = probe.need_masks.data() + static_cast<size_t>(c.neighbour_count) * 3 * words;
      for (size_t w = 0; w < words; ++w) {
        uint64_t voted = portable::VotedMinutiae(cell_masks, need, words, w, c.cell, c.neighbour_count);
        for (; voted != 0; voted &= voted - 1) {
          const size_t i = w * 64 + static_cast<size_t>(std::countr_zero(voted));
          const float s = local_memo_[i * C.size() + j] = LocalSimilarity(P[i], c);
          if (s >= kMinLocalSimilarity) pairs_.push_back(Pair{s, static_cast<uint16_t>(i), static_cast<uint16_t>(j)});
        }
      }
    }
  } else {
    for (size_t i = 0; i < P.size(); ++i) {
      for (size_t j = 0; j < C.size(); ++j) {
        const float s = local_memo_[i * C.size() + j] = LocalSimilarity(P[i], C[j]);
        if (s >= kMinLocalSimilarity) pairs_.push_back(Pair{s, static_cast<uint16_t>(i), static_cast<uint16_t>(j)});
      }
    }
  }
  if (pairs_.empty()) return 0;
  // A total order (ties by index), so the result does not depend on how the pairs were found.
  std::sort(pairs_.begin(), pairs_.end(), [](const Pair& a, const Pair& b) {
    if (a.similarity != b.similarity) return a.similarity > b.similarity;
    return a.p != b.p ? a.p < b.p : a.c < b.c;
  });
  const size_t seeds = std::min<size_t>(kSeeds, pairs_.size());
  const double relaxed = RelaxationScore(probe, candidate);
  // 3. Global consolidation from each seed alignment.
  int best = 0;
  float best_local = 0, best_weighted = 0;
  used_.assign(C.size(), 0);
  // A uniform grid over the candidate's minutiae, so each probe minutia is looked for only in the
  // cells within its tolerance radius (the pick is the same as scanning all of them).
  constexpr float kGrid = 32.0f;
  float gx0 = C[0].x, gy0 = C[0].y, gx1 = C[0].x, gy1 = C[0].y;
  for (const PreparedMinutia& m : C) {
    gx0 = std::min(gx0, m.x);
    gy0 = std::min(gy0, m.y);
    gx1 = std::max(gx1, m.x);
    gy1 = std::max(gy1, m.y);
  }
  const int gw = static_cast<int>((gx1 - gx0) / kGrid) + 1, gh = static_cast<int>((gy1 - gy0) / kGrid) + 1;
  grid_start_.assign(static_cast<size_t>(gw) * gh + 1, 0);
  auto cell_of = [&](const PreparedMinutia& m) {
    return static_cast<int>((m.y - gy0) / kGrid) * gw + static_cast<int>((m.x - gx0) / kGrid);
  };
  for (const PreparedMinutia& m : C) ++grid_start_[cell_of(m) + 1];
  for (size_t g = 1; g < grid_start_.size(); ++g) grid_start_[g] += grid_start_[g - 1];
  grid_items_.resize(C.size());
  {
    std::vector<uint32_t>& fill = grid_fill_;
    fill.assign(grid_start_.begin(), grid_start_.end() - 1);
    for (size_t j = 0; j < C.size(); ++j) grid_items_[fill[cell_of(C[j])]++] = static_cast<uint16_t>(j);
  }
  // The probe's coordinates as arrays of four-float blocks (x, y, angle), room for each
  // alignment's transformed ones (x, y, angle, tolerance) and grid cell ranges; the candidate's
  // coordinates in grid order.
  const size_t blocks4 = (P.size() + 3) / 4 * 4;
  soa_.assign(7 * blocks4, 0.f);
  float *px = soa_.data(), *py = px + blocks4, *pa = py + blocks4;
  float *ptx = pa + blocks4, *pty = ptx + blocks4, *pta = pty + blocks4, *ptol = pta + blocks4;
  for (size_t i = 0; i < P.size(); ++i) px[i] = P[i].x, py[i] = P[i].y, pa[i] = P[i].angle;
  cells_.resize(4 * blocks4);
  int32_t* cells = cells_.data();
  grid_xya_.resize(3 * C.size());
  for (size_t k = 0; k < C.size(); ++k) {
    const PreparedMinutia& m = C[grid_items_[k]];
    grid_xya_[3 * k] = m.x, grid_xya_[3 * k + 1] = m.y, grid_xya_[3 * k + 2] = m.angle;
  }
  // Pairs every probe minutia under the transform "candidate = (bx, by) + R(rot) (probe - (ax, ay))",
  // the tolerance growing with the distance from (ax, ay); fills matched_ with the pairs found.
  auto pair_all = [&](float ax, float ay, float bx, float by, float rot, float* local, float* weighted) {
    float cr, sr;
    portable::CosSin(rot, &cr, &sr);  // not libm's: the same on every processor (portable_matcher.h)
    std::fill(used_.begin(), used_.end(), 0);
    matched_.clear();
    // Every probe minutia transformed, four at a time (the same operations as one at a time).
    // Angles lie in [0, 2pi) and rotations in (-2pi, 2pi), so one correction either way wraps
    // the sum as Wrap does.
    for (size_t b = 0; b < blocks4; b += 4) {
      const Float4 dx = Load4(px + b) - ax, dy = Load4(py + b) - ay;
      Store4(ptx + b, bx + cr * dx - sr * dy);
      Store4(pty + b, by + sr * dx + cr * dy);
      Float4 ta = Load4(pa + b) + rot;
      ta = ta < 0.f ? ta + kTwoPi : ta;
      Store4(pta + b, ta >= kTwoPi ? ta - kTwoPi : ta);
      const Float4 tx = Load4(ptx + b), ty = Load4(pty + b);
      const Float4 tol = kGlobalDistTol + kGlobalDistGrowth * Sqrt(dx * dx + dy * dy);
      Store4(ptol + b, tol);
      // The grid cells within the tolerance: columns cx0..cx1, rows cy0..cy1, clamped to the grid.
      const Int4 cx0 = FloorToInt((tx - tol - gx0) / kGrid), cx1 = FloorToInt((tx + tol - gx0) / kGrid);
      const Int4 cy0 = FloorToInt((ty - tol - gy0) / kGrid), cy1 = FloorToInt((ty + tol - gy0) / kGrid);
      *reinterpret_cast<Int4*>(cells + b) = cx0 < 0 ? Int4{} : cx0;
      *reinterpret_cast<Int4*>(cells + blocks4 + b) = cx1 > gw - 1 ? gw - 1 : cx1;
      *reinterpret_cast<Int4*>(cells + 2 * blocks4 + b) = cy0 < 0 ? Int4{} : cy0;
      *reinterpret_cast<Int4*>(cells + 3 * blocks4 + b) = cy1 > gh - 1 ? gh - 1 : cy1;
    }
    const uint32_t* grid_start = grid_start_.data();
    const uint16_t* grid_items = grid_items_.data();
    const float* grid_xya = grid_xya_.data();
    const uint8_t* used = used_.data();
    // Locals the compiler can keep in registers across the stores below.
    const size_t probe_count = P.size(), candidate_count = C.size();
    float local_sum = 0, weighted_sum = 0;
    for (size_t i = 0; i < probe_count; ++i) {
      const float tx = ptx[i], ty = pty[i], ta = pta[i], tol = ptol[i];
      const float reach = tol * tol;
      // The nearest unused candidate minutia within the tolerance whose direction agrees; on a tie
      // the lower index, as a plain scan would pick. Branch-free: each candidate's (squared
      // distance, index) as one key (a non-negative float's bits order as the float does), the
      // smallest kept; a candidate that does not qualify gets the largest key.
      uint64_t best_key = ~uint64_t{0};
      const int cx0 = cells[i], cx1 = cells[blocks4 + i], cy0 = cells[2 * blocks4 + i], cy1 = cells[3 * blocks4 + i];
      // (cx0 > cx1 when the tolerance circle lies beyond the grid's left or right edge.)
      for (int cy = cy0; cx0 <= cx1 && cy <= cy1; ++cy) {
        // The cells cx0..cx1 of a grid row hold consecutive items: one run per row.
        const uint32_t end = grid_start[cy * gw + cx1 + 1];
        for (uint32_t k = grid_start[cy * gw + cx0]; k < end; ++k) {
          const uint16_t j = grid_items[k];
          const float ex = grid_xya[3 * k] - tx, ey = grid_xya[3 * k + 1] - ty;
          const float d2 = ex * ex + ey * ey;
          const uint64_t qualifies = static_cast<uint64_t>(used[j] == 0) & static_cast<uint64_t>(d2 <= reach) &
                                     static_cast<uint64_t>(WrappedDiff(grid_xya[3 * k + 2], ta) <= kGlobalAngleTol);
          // (qualifies - 1) is 0 for a qualifying candidate and all ones for any other.
          const uint64_t key = (uint64_t{std::bit_cast<uint32_t>(d2)} << 32) | j | (qualifies - 1);
          best_key = std::min(best_key, key);
        }
      }
      const int pick = best_key == ~uint64_t{0} ? -1 : static_cast<int>(best_key & 0xFFFF);
      if (pick >= 0) {
        used_[pick] = 1;
        matched_.emplace_back(static_cast<uint16_t>(i), static_cast<uint16_t>(pick));
        // The same pair recurs across alignments: its local similarity is computed once.
        float& memo = local_memo_[i * candidate_count + static_cast<size_t>(pick)];
        if (!(memo >= 0)) memo = LocalSimilarity(P[i], C[pick]);  // NaN: not yet computed
        local_sum += memo;
        weighted_sum += P[i].weight * C[pick].weight;
      }
    }
    *local = local_sum;
    *weighted = weighted_sum;
    return static_cast<int>(matched_.size());
  };
  for (size_t s = 0; s < seeds; ++s) {
    const PreparedMinutia& a = P[pairs_[s].p];
    const PreparedMinutia& b = C[pairs_[s].c];
    float local = 0, weighted = 0;
    int matched = pair_all(a.x, a.y, b.x, b.y, b.angle - a.angle, &local, &weighted);
    // Refine: one pair's directions fix the rotation only roughly; the least-squares rigid fit of
    // all pairs found (anchored at their centroid) places far minutiae better under distortion.
    if (matched >= 4) {
      const portable::RigidFit fit = portable::FitRigid(P.data(), C.data(), matched, [&](int m) {
        return portable::IndexPair{matched_[static_cast<size_t>(m)].first, matched_[static_cast<size_t>(m)].second};
      });
      float refined_local = 0, refined_weighted = 0;
      const int refined = pair_all(fit.px, fit.py, fit.qx, fit.qy, fit.rotation, &refined_local, &refined_weighted);
      if (portable::BetterPairing(refined, refined_local, matched, local)) {
        matched = refined;
        local = refined_local;
        weighted = refined_weighted;
      }
    }
    if (portable::BetterPairing(matched, local, best, best_local)) {
      best = matched;
      best_local = local;
      best_weighted = weighted;
    }
  }
  // 4. Consistent pairs relative to both sizes, with the relaxation (portable_matcher.h).
  return portable::FinalScore(best, best_local, best_weighted, P.size(), C.size(), relaxed);
}

double Matcher::RelaxationScore(const PreparedFinger& probe, const PreparedFinger& candidate) {
  const auto& P = probe.minutiae;
  const auto& C = candidate.minutiae;
  // pairs_ holds the candidate pairs sorted by local similarity (best first) on entry.
  const size_t nr = std::min<size_t>(pairs_.size(), 50);
  if (nr < 2) return 0;
  rho_.assign(nr * nr, 0.f);
  for (size_t u = 0; u < nr; ++u) {
    const PreparedMinutia &a1 = P[pairs_[u].p], &b1 = C[pairs_[u].c];
    for (size_t v = u + 1; v < nr; ++v) {
      const PreparedMinutia &a2 = P[pairs_[v].p], &b2 = C[pairs_[v].c];
      if (pairs_[u].p == pairs_[v].p || pairs_[u].c == pairs_[v].c) continue;
      const float dax = a2.x - a1.x, day = a2.y - a1.y, dbx = b2.x - b1.x, dby = b2.y - b1.y;
      const float da = std::sqrt(dax * dax + day * day), db = std::sqrt(dbx * dbx + dby * dby);
      const float d1 = std::fabs(da - db);
      const float tol = 8.0f + 0.08f * (da + db) * 0.5f;
      const float e1 = (d1 * d1) / (tol * tol);
      if (e1 > 20) continue;  // compatibility below 2e-9 whatever the angles: 0
      // Direction difference of the two minutiae, and of each minutia to the joining segment (the
      // segments' directions differ by the angle from b's segment to a's: one atan2, not two).
      const float d2 = AngleDiff(Wrap(a1.angle - a2.angle), Wrap(b1.angle - b2.angle));
      const float turn = portable::Atan2(dbx * day - dby * dax, dbx * dax + dby * day);
      const float d3 = AngleDiff(Wrap(a1.angle - b1.angle - turn), 0.f);
      const float r = portable::Exp(-e1 - (d2 * d2 + d3 * d3) / 0.15f);
      rho_[u * nr + v] = rho_[v * nr + u] = r;
    }
  }
  lambda_.resize(nr);
  for (size_t u = 0; u < nr; ++u) lambda_[u] = pairs_[u].similarity;
  next_.resize(nr);
  constexpr int kIterations = 5;
  constexpr float kW = 0.5f;
  for (int it = 0; it < kIterations; ++it) {
    for (size_t u = 0; u < nr; ++u) {
      float sum = 0;
      for (size_t v = 0; v < nr; ++v) sum += rho_[u * nr + v] * lambda_[v];
      next_[u] = kW * lambda_[u] + (1 - kW) * sum / static_cast<float>(nr - 1);
    }
    lambda_.swap(next_);
  }
  // The best one-to-one pairs by relaxed weight; their count grows with the smaller template.
  std::vector<uint32_t>& order = relax_order_;  // scratch kept across comparisons (no allocation)
  order.resize(nr);
  for (size_t u = 0; u < nr; ++u) order[u] = static_cast<uint32_t>(u);
  // A total order (equal weights by pair rank), so the pick does not depend on the sort algorithm:
  // isolated pairs of equal similarity tie exactly, and which of two conflicting ones is taken
  // can change the sum (the accelerator's port sorts with another algorithm and must agree).
  std::sort(order.begin(), order.end(),
            [&](uint32_t x, uint32_t y) { return lambda_[x] != lambda_[y] ? lambda_[x] > lambda_[y] : x < y; });
  const double smaller = static_cast<double>(std::min(P.size(), C.size()));
  const size_t np = static_cast<size_t>(4 + std::lround(8 * std::min(1.0, std::max(0.0, (smaller - 10) / 40.0))));
  used_.assign(C.size(), 0);
  std::vector<uint8_t>& used_p = used_probe_;
  used_p.assign(P.size(), 0);
  double sum = 0;
  size_t taken = 0;
  for (const uint32_t u : order) {
    if (taken == np) break;
    if (used_p[pairs_[u].p] || used_[pairs_[u].c]) continue;
    used_p[pairs_[u].p] = used_[pairs_[u].c] = 1;
    sum += lambda_[u];
    ++taken;
  }
  return taken == 0 ? 0 : sum / np;
}

namespace {

// The shipped table, read once; raw x 100 with the reason when it cannot be read (DefaultStatus).
struct DefaultCalibration {
  Calibration table{{{0.0, 0.0}, {1.0, 100.0}}};
  Status status;
};

const DefaultCalibration& LoadDefaultCalibration() {
  static const DefaultCalibration* loaded = [] {
    auto* d = new DefaultCalibration();
    const std::string path = ResolveDataDir() + "/biometrics/calibration.csv";
    auto fitted = Calibration::FromCsv(path);
    if (fitted.ok()) {
      d->table = std::move(*fitted);
    } else {
      d->status = fitted.status().WithContext("the score calibration " + path);
    }
    return d;
  }();
  return *loaded;
}

}  // namespace

const Calibration& Calibration::Default() { return LoadDefaultCalibration().table; }

Status Calibration::DefaultStatus() { return LoadDefaultCalibration().status; }

Result<Calibration> Calibration::FromCsv(const std::string& path) {
  OP_ASSIGN_OR_RETURN(CsvTable t, CsvTable::ReadFile(path));
  OP_ASSIGN_OR_RETURN(size_t c_raw, t.Column("raw"));
  OP_ASSIGN_OR_RETURN(size_t c_cal, t.Column("calibrated"));
  // Every value a finite number, both columns non-decreasing: a table that is not would rank
  // candidates by a score that means nothing (and a NaN would break the ranking's order).
  std::vector<std::pair<double, double>> points;
  for (size_t i = 0; i < t.size(); ++i) {
    OP_ASSIGN_OR_RETURN(double raw, t.FiniteNumber(i, c_raw, "raw"));
    OP_ASSIGN_OR_RETURN(double calibrated, t.FiniteNumber(i, c_cal, "calibrated"));
    points.emplace_back(raw, calibrated);
    if (i > 0 && points[i].first < points[i - 1].first) {
      return Status::InvalidArgument("raw scores must increase", t.Where(i, "raw"));
    }
    if (i > 0 && points[i].second < points[i - 1].second) {
      return Status::InvalidArgument("calibrated scores must not decrease", t.Where(i, "calibrated"));
    }
  }
  if (points.size() < 2) return Status::InvalidArgument("a calibration needs at least two points", path);
  return Calibration(std::move(points));
}

double Calibration::Apply(double raw) const {
  if (raw <= points_.front().first) return points_.front().second;
  if (raw >= points_.back().first) return points_.back().second;
  auto it = std::upper_bound(points_.begin(), points_.end(), std::make_pair(raw, -1e300));
  const auto& hi = *it;
  const auto& lo = *(it - 1);
  if (hi.first == lo.first) return hi.second;
  return lo.second + (hi.second - lo.second) * (raw - lo.first) / (hi.first - lo.first);
}

}  // namespace openpact::biometrics
