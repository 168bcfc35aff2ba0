// Plain computations of what the pre-selection's triplet index must give, shared by unit tests and
// fuzz targets. ReferenceTripletKeys: a finger's triangle keys the plain way, against TripletKeys
// (tests/biometrics/triplet_index_test.cc, fuzz/matcher_fuzz.cc). NaiveTripletIndex: what
// TripletIndex's Score and RotationVotes must answer, computed the plain way (every stored key of
// every finger compared with every probe key, no posting lists, no merging, no blocks), for the unit
// test that drives TripletIndex through random additions, merges and preparations and for the fuzz
// target that does the same from fuzz bytes (fuzz/triplet_index_fuzz.cc): the index's in-place
// merge moves every posting list, and a posting lost or misplaced there would silently drop a mate
// from the pre-selection.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "biometrics/triplet_index.h"

namespace openpact::biometrics::testing {

// The keys TripletKeys must give, computed the plain way: every minutia's neighbours by sorting all
// the others by (squared distance, index), the triangles collected in a set, each side measured
// between the two other vertices in the canonical order, directions wrapped with std::fmod, every
// bin combination of a widened value enumerated from the value itself. The same arithmetic on the
// same floats as TripletKeys, so the keys must agree exactly.
inline std::vector<uint32_t> ReferenceTripletKeys(const PreparedFinger& f, bool widened) {
  using namespace triplet;  // NOLINT(google-build-using-namespace)
  constexpr float kTwoPi = 2 * 3.14159265358979f;
  const auto& m = f.minutiae;
  std::set<std::array<size_t, 3>> triangles;
  for (size_t i = 0; i < m.size(); ++i) {
    std::vector<std::pair<float, size_t>> others;
    for (size_t j = 0; j < m.size(); ++j) {
      const float dx = m[j].x - m[i].x, dy = m[j].y - m[i].y;
      if (j != i) others.emplace_back(dx * dx + dy * dy, j);
    }
    std::sort(others.begin(), others.end());
    others.resize(std::min<size_t>(others.size(), kTriangleNeighbours));
    for (size_t a = 0; a < others.size(); ++a) {
      for (size_t b = a + 1; b < others.size(); ++b) {
        std::array<size_t, 3> t = {i, others[a].second, others[b].second};
        std::sort(t.begin(), t.end());
        triangles.insert(t);
      }
    }
  }
  auto distance = [&](size_t a, size_t b) {
    return std::sqrt((m[b].x - m[a].x) * (m[b].x - m[a].x) + (m[b].y - m[a].y) * (m[b].y - m[a].y));
  };
  auto wrap = [&](float a) {
    a = std::fmod(a, kTwoPi);
    return a < 0 ? a + kTwoPi : a;
  };
  // A value's bin and, widened, the neighbouring bin on the nearer side when within kWiden of it.
  auto bins = [&](float v, int count, bool circular) {
    std::vector<int> out;
    auto add = [&](int b) {
      if (circular) b = ((b % count) + count) % count;
      if (b >= 0 && b < count) out.push_back(b);
    };
    const int b = static_cast<int>(std::floor(v));
    out.push_back(circular ? ((b % count) + count) % count : std::clamp(b, 0, count - 1));
    const float fraction = v - std::floor(v);
    if (widened && fraction < kWiden) add(out[0] - 1);
    if (widened && fraction >= 1 - kWiden) add(out[0] + 1);
    return out;
  };
  std::vector<uint32_t> keys;
  auto emit = [&](const std::array<size_t, 3>& v) {  // the triangle with its vertices in this order
    std::vector<int> side_bins[3], angle_bins[3];
    const float ref = std::atan2(m[v[2]].y - m[v[1]].y, m[v[2]].x - m[v[1]].x);
    for (int k = 0; k < 3; ++k) {
      side_bins[k] = bins(distance(v[(k + 1) % 3], v[(k + 2) % 3]) / kSideBin, kSideBins, false);
      angle_bins[k] = bins(wrap(m[v[k]].angle - ref) / kTwoPi * kAngleBins, kAngleBins, true);
    }
    const uint32_t rotation =
        std::min(kRotationBins - 1, static_cast<uint32_t>(wrap(ref) / kTwoPi * kRotationBins));
    const float cross = (m[v[1]].x - m[v[0]].x) * (m[v[2]].y - m[v[0]].y) -
                        (m[v[1]].y - m[v[0]].y) * (m[v[2]].x - m[v[0]].x);
    for (int s0 : side_bins[0])
      for (int s1 : side_bins[1])
        for (int s2 : side_bins[2])
          for (int a0 : angle_bins[0])
            for (int a1 : angle_bins[1])
              for (int a2 : angle_bins[2]) {
                const int side[3] = {s0, s1, s2}, angle[3] = {a0, a1, a2};
                keys.push_back(ShapeBucket(side, cross > 0, angle) << kRotationBits | rotation);
              }
  };
  for (const auto& t : triangles) {
    if ((m[t[0]].weight + m[t[1]].weight + m[t[2]].weight) / 3 < kMinWeight) continue;
    float opposite[3];
    for (int k = 0; k < 3; ++k) opposite[k] = distance(t[(k + 1) % 3], t[(k + 2) % 3]);
    // Longest opposite side first; equal sides in vertex order.
    std::array<int, 3> order = {0, 1, 2};
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return opposite[a] > opposite[b]; });
    if (opposite[order[2]] < kMinSide || opposite[order[0]] > kMaxSide) continue;
    emit({t[order[0]], t[order[1]], t[order[2]]});
    for (int swap = 0; widened && swap < 2; ++swap) {  // nearly equal sides: the other order too
      if (opposite[order[swap]] - opposite[order[swap + 1]] >
          kOrderAmbiguity * opposite[order[swap]])
        continue;
      std::array<int, 3> w = order;
      std::swap(w[swap], w[swap + 1]);
      emit({t[w[0]], t[w[1]], t[w[2]]});
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

class NaiveTripletIndex {
 public:
  // The same contract as TripletIndex::AddKeys: sorted keys without repeats, each finger once.
  void AddKeys(uint32_t finger, const std::vector<uint32_t>& keys) {
    if (keys_.size() <= finger) keys_.resize(finger + 1);
    keys_[finger] = keys;
  }
  size_t fingers() const { return keys_.size(); }
  uint16_t triangles(uint32_t finger) const {
    return finger < keys_.size() ? static_cast<uint16_t>(std::min<size_t>(keys_[finger].size(), 65535)) : 0;
  }

  std::array<uint16_t, kRotationBins> RotationVotes(const std::vector<uint32_t>& probe_keys, uint32_t finger) const {
    std::array<uint16_t, kRotationBins> bins{};
    if (finger >= keys_.size()) return bins;
    for (const uint32_t p : probe_keys) {
      for (const uint32_t s : keys_[finger]) {
        // Same shape bucket: a vote in the bin of the turn from the stored triangle to the probe's.
        if ((p >> kRotationBits) == (s >> kRotationBits)) ++bins[(p - s) & (kRotationBins - 1)];
      }
    }
    return bins;
  }

  // A finger's best two neighbouring rotation bins' votes over its triangle count; 0 without votes.
  std::vector<float> Score(const std::vector<uint32_t>& probe_keys) const {
    std::vector<float> affinity(keys_.size(), 0.f);
    for (uint32_t f = 0; f < keys_.size(); ++f) {
      const auto bins = RotationVotes(probe_keys, f);
      int best = 0;
      for (uint32_t r = 0; r < kRotationBins; ++r) best = std::max(best, bins[r] + bins[(r + 1) % kRotationBins]);
      if (best > 0) affinity[f] = static_cast<float>(best) / static_cast<float>(triangles(f));
    }
    return affinity;
  }

 private:
  std::vector<std::vector<uint32_t>> keys_;  // by finger; empty for a number never added
};

// What a run of CheckTripletIndexAgainstNaive found: the first disagreement in words (empty when
// the two always agreed), and how often the paths that can lose postings were taken.
struct TripletCheck {
  std::string disagreement;
  int merges = 0;          // Builds (asked for, or by a Prepare) that merged pending postings
  int counted_apart = 0;   // Prepares that left the additions apart (Score counts them separately)
  int scores = 0;          // probes compared
};

// Drives a TripletIndex and a NaiveTripletIndex through the operations `ops` spells out. The
// first byte's bit 0 picks 32- or 64-bit list offsets, its bit 1 finger numbers 1,111 apart (so
// that fingers fall in two of Score's blocks of 65,536) instead of consecutive; then each
// operation is a byte and its arguments:
//   0-3 AddKeys: a finger number (0-63 times the spacing), a key count, two bytes a key (a shape
//       bucket from a few spread over the whole range, first and last included, and a rotation
//       bin); a number already added is skipped;
//   4 Build; 5 Prepare; 6 the index replaced by a copy of itself (its postings copied);
//   7-8 Score: a probe key count and its keys, compared for every finger with Score and, for the
//       fingers added, RotationVotes (after a Prepare when the index is not ready).
// A truncated operation ends the run. Built() and ready() are checked after Build and Prepare.
inline TripletCheck CheckTripletIndexAgainstNaive(std::span<const uint8_t> ops) {
  TripletCheck check;
  auto fail = [&](std::string why) {
    check.disagreement = std::move(why);
    return check;
  };
  size_t at = 0;
  auto next = [&](int* byte) {
    if (at >= ops.size()) return false;
    *byte = ops[at++];
    return true;
  };
  int b = 0;
  if (!next(&b)) return check;
  TripletIndex index = (b & 1) != 0 ? TripletIndex(1) : TripletIndex();
  const uint32_t spacing = (b & 2) != 0 ? 1111 : 1;
  NaiveTripletIndex naive;
  std::vector<uint32_t> added;
  constexpr uint32_t kLastBucket = (1u << kShapeBucketBits) - 1;
  constexpr uint32_t kBuckets[8] = {0, 1, 2, 977, 65535, 1u << 21, kLastBucket - 1, kLastBucket};
  auto read_keys = [&](size_t most, std::vector<uint32_t>* keys) {
    int count = 0, shape = 0, rotation = 0;
    if (!next(&count)) return false;
    keys->clear();
    for (size_t k = 0; k < static_cast<size_t>(count) % most; ++k) {
      if (!next(&shape) || !next(&rotation)) return false;
      keys->push_back(kBuckets[shape % 8] << kRotationBits | static_cast<uint32_t>(rotation) % kRotationBins);
    }
    std::sort(keys->begin(), keys->end());
    keys->erase(std::unique(keys->begin(), keys->end()), keys->end());
    return true;
  };
  std::vector<uint32_t> keys;
  for (int step = 0; next(&b); ++step) {
    const std::string where = "operation " + std::to_string(step) + ": ";
    const int op = b % 9;
    if (op <= 3) {
      int f = 0;
      if (!next(&f) || !read_keys(24, &keys)) break;
      const uint32_t finger = static_cast<uint32_t>(f % 64) * spacing;
      if (std::find(added.begin(), added.end(), finger) != added.end()) continue;
      added.push_back(finger);
      index.AddKeys(finger, keys);
      naive.AddKeys(finger, keys);
    } else if (op == 4) {
      check.merges += index.built() ? 0 : 1;
      index.Build();
      if (!index.built() || !index.ready()) return fail(where + "not built after Build");
    } else if (op == 5) {
      const bool pending = !index.ready();
      index.Prepare();
      if (!index.ready()) return fail(where + "not ready after Prepare");
      check.merges += pending && index.built() ? 1 : 0;
      check.counted_apart += pending && !index.built() ? 1 : 0;
    } else if (op == 6) {
      const TripletIndex copy = index;
      index = copy;
    } else {
      if (!read_keys(40, &keys)) break;
      if (!index.ready()) index.Prepare();
      ++check.scores;
      std::vector<float> affinity;
      index.Score(keys, &affinity);
      const std::vector<float> expected = naive.Score(keys);
      if (affinity.size() != expected.size()) {
        return fail(where + std::to_string(affinity.size()) + " affinities, expected " + std::to_string(expected.size()));
      }
      for (size_t f = 0; f < expected.size(); ++f) {
        if (affinity[f] != expected[f]) {
          return fail(where + "finger " + std::to_string(f) + " scores " + std::to_string(affinity[f]) +
                      ", expected " + std::to_string(expected[f]));
        }
      }
      for (const uint32_t finger : added) {
        if (index.RotationVotes(keys, finger) != naive.RotationVotes(keys, finger)) {
          return fail(where + "finger " + std::to_string(finger) + ": rotation votes differ");
        }
        if (index.triangles(finger) != naive.triangles(finger)) {
          return fail(where + "finger " + std::to_string(finger) + ": triangle count differs");
        }
      }
    }
  }
  return check;
}

}  // namespace openpact::biometrics::testing
