// The matcher's comparison (Matcher::RawScore) written a second time, for accelerators: scalar,
// no allocation, fixed-size scratch, every function callable from a CUDA kernel. It computes
// what the CPU matcher computes, in the same order of floating-point operations; a test compares
// the two bit for bit on the host (tests/biometrics/portable_matcher_test.cc), and the GPU bench
// compares the GPU's scores with the CPU matcher's (bench/gpu_scan.cu, docs/biometrics.md).
//
// What differs from matcher.cc, and why the result is the same:
//   - candidate pairs are kept as the best kMaxPairs by the same total order, not all of them
//     sorted: the consolidation reads the first kSeeds and the relaxation the first kMaxPairs;
//   - a candidate finger's minutiae are held in order of x (each keeps its index, which breaks
//     ties as before), and the consolidation looks for each probe minutia's partner among those
//     whose x lies within its tolerance, found by bisection, not through a grid: the pick is the
//     smallest (squared distance, index) key either way;
//   - a pair's local similarity is recomputed instead of memoised (the same function);
//   - nothing else: cos, sin, exp and atan2 are this file's own, used by matcher.cc too.
// Fingers of more than kMaxMinutiae minutiae are not handled (the caller compares them on the CPU;
// ISO and ANSI records count a view's minutiae in a byte, so parsed templates never have more).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

#if defined(__CUDACC__)
#define OPENPACT_HD __host__ __device__
#else
#define OPENPACT_HD
#endif

namespace openpact::biometrics::portable {

constexpr int kNeighbours = 6;
constexpr int kMaxMinutiae = 255;
constexpr int kMaxWords = (kMaxMinutiae + 63) / 64;
constexpr int kMaxPairs = 50;  // the relaxation's pairs (matcher.cc)
constexpr int kSeeds = 12;
constexpr int kCells = 32 * 16 * 16;  // the probe index's cells (matcher.cc)

// A prepared minutia as the port reads it (converted from PreparedMinutia by AppendPortable).
struct Minutia {
  float nd[kNeighbours], na[kNeighbours], nr[kNeighbours];
  float x, y, angle;
  float weight;  // PreparedMinutia::weight
  uint16_t cell[kNeighbours];
  uint8_t neighbour_count, type;
  uint8_t index;  // its position in the finger as prepared (candidates are held in order of x)
};

// A probe: its minutiae and its candidate-pair index (PreparedFinger::BuildIndex's sets).
struct Probe {
  const Minutia* minutiae;
  int count;
  int words;                  // 64-bit words per set
  const uint64_t* cell_masks;  // kCells sets
  const uint64_t* need_masks;  // (kNeighbours + 1) * 3 sets
};

struct Scratch {
  float sim[kMaxPairs];
  uint8_t pp[kMaxPairs], pc[kMaxPairs];
  float rho[kMaxPairs * (kMaxPairs - 1) / 2];
  float lambda[kMaxPairs], next[kMaxPairs];
  uint8_t order[kMaxPairs];
  uint8_t matched_p[kMaxMinutiae], matched_c[kMaxMinutiae];
};

constexpr float kPi = 3.14159265358979f;
constexpr float kTwoPi = 2 * kPi;
constexpr float kLocalDistTol = 10.0f;
constexpr float kLocalAngleTol = 0.35f;
constexpr float kMinLocalSimilarity = 0.34f;
constexpr float kGlobalDistTol = 12.0f;
constexpr float kGlobalDistGrowth = 0.06f;
constexpr float kGlobalAngleTol = 0.52f;

// Elementary functions in plain arithmetic, no libm: the matcher (matcher.cc) and this port both
// use them, so a score is the same on every processor and on a GPU. (glibc picks its float cos,
// exp and atan2 by processor at run time, fused multiply-add variants where there is FMA, and a
// GPU's differ again: with them 4 % of the scores of a GPU scan differed in their last bits from
// the CPU's, by up to 1 point on the calibrated scale.) Everything is compiled without fused
// multiply-add (-ffp-contract=off, nvcc --fmad=false), so each operation rounds the same way.

// cos and sin of a (|a| below about 1e6), to double accuracy before the final rounding: the
// quadrant taken out with pi/2 in two parts, then Taylor series on [-pi/4, pi/4] (the first term
// left out is below 1e-16).
OPENPACT_HD inline void CosSin(float a, float* c_out, float* s_out) {
  const double x = a;
  const double q = floor(x * 0.63661977236758134 + 0.5);
  const double r = (x - q * 1.5707963267948966) - q * 6.123233995736766e-17;
  const double r2 = r * r;
  const double s = r * (1 + r2 * (-1 / 6. + r2 * (1 / 120. + r2 * (-1 / 5040. + r2 * (1 / 362880. + r2 * (-1 / 39916800. +
                   r2 * (1 / 6227020800. + r2 * (-1 / 1307674368000.))))))));
  const double c = 1 + r2 * (-1 / 2. + r2 * (1 / 24. + r2 * (-1 / 720. + r2 * (1 / 40320. + r2 * (-1 / 3628800. +
                   r2 * (1 / 479001600. + r2 * (-1 / 87178291200. + r2 * (1 / 20922789888000.))))))));
  const long quadrant = (static_cast<long>(q) % 4 + 4) % 4;
  const double cos_x = quadrant == 0 ? c : quadrant == 1 ? -s : quadrant == 2 ? -c : s;
  const double sin_x = quadrant == 0 ? s : quadrant == 1 ? c : quadrant == 2 ? -s : -c;
  *c_out = static_cast<float>(cos_x);
  *s_out = static_cast<float>(sin_x);
}

// exp(x) for x up to 88; 0 below -87 (where float exp is denormal or 0: the matcher only weighs
// pair compatibilities with it). ln 2 in two parts, then a Taylor series on [-ln2/2, ln2/2].
OPENPACT_HD inline float Exp(float x) {
  if (!(x > -87.f)) return 0.f;
  if (x > 88.f) x = 88.f;
  const double k = floor(static_cast<double>(x) * 1.4426950408889634 + 0.5);
  const double r = (static_cast<double>(x) - k * 0.69314718036912382) - k * 1.9082149292705877e-10;
  const double p = 1 + r * (1 + r * (1 / 2. + r * (1 / 6. + r * (1 / 24. + r * (1 / 120. + r * (1 / 720. +
                   r * (1 / 5040. + r * (1 / 40320. + r * (1 / 362880. + r * (1 / 3628800. + r / 39916800.))))))))));
  return static_cast<float>(ldexp(p, static_cast<int>(k)));
}

// atan2 to within 1e-5 rad: matcher.cc's FastAtan2 for one float (a minimax polynomial for atan on
// [0, 1], then the octant), which prepares the local structures four at a time.
constexpr float kAtan1 = 0.99997726f, kAtan3 = -0.33262347f, kAtan5 = 0.19354346f, kAtan7 = -0.11643287f,
                kAtan9 = 0.05265332f, kAtan11 = 0.01172120f;
OPENPACT_HD inline float Atan2(float y, float x) {
  const float ax = fabsf(x), ay = fabsf(y);
  const float hi = ax < ay ? ay : ax, lo = ay < ax ? ay : ax;
  const float t = hi == 0.f ? 0.f : lo / hi, t2 = t * t;
  float a = t * (kAtan1 + t2 * (kAtan3 + t2 * (kAtan5 + t2 * (kAtan7 + t2 * (kAtan9 - t2 * kAtan11)))));
  a = ay > ax ? 3.14159265358979f / 2 - a : a;
  a = x < 0.f ? 3.14159265358979f - a : a;
  return y < 0.f ? -a : a;
}

OPENPACT_HD inline uint32_t FloatBits(float x) {
#ifdef __CUDA_ARCH__
  return __float_as_uint(x);
#else
  uint32_t bits;
  __builtin_memcpy(&bits, &x, sizeof bits);
  return bits;
#endif
}
OPENPACT_HD inline int LowestBit(uint64_t x) {  // x != 0
#ifdef __CUDA_ARCH__
  return __ffsll(static_cast<long long>(x)) - 1;
#else
  return __builtin_ctzll(x);
#endif
}

OPENPACT_HD inline float AngleDiff(float a, float b) {  // in [0, pi]
  float d = fabsf(a - b);
  if (d > kTwoPi) d = fmodf(d, kTwoPi);
  return d > kPi ? kTwoPi - d : d;
}
OPENPACT_HD inline float Wrap(float a) {
  while (a < 0) a += kTwoPi;
  while (a >= kTwoPi) a -= kTwoPi;
  return a;
}
OPENPACT_HD inline float WrappedDiff(float a, float b) {
  const float d = fabsf(a - b), w = kTwoPi - d;
  return w < d ? w : d;
}

// LocalSimilarity: greedy one-to-one matching of neighbours, nearest first.
OPENPACT_HD inline float LocalSimilarity(const Minutia& a, const Minutia& b) {
  const int na = a.neighbour_count, nb = b.neighbour_count;
  if (na == 0 || nb == 0) return 0;
  unsigned taken = 0;
  int matched = 0;
  for (int i = 0; i < na; ++i) {
    const float tol = kLocalDistTol + 0.1f * a.nd[i];
    for (int j = 0; j < nb; ++j) {
      if ((taken >> j) & 1u) continue;
      if (fabsf(a.nd[i] - b.nd[j]) <= tol && WrappedDiff(a.na[i], b.na[j]) <= kLocalAngleTol &&
          WrappedDiff(a.nr[i], b.nr[j]) <= kLocalAngleTol) {
        taken |= 1u << j;
        ++matched;
        break;
      }
    }
  }
  return static_cast<float>(matched) / (na > nb ? na : nb);
}

// The votes a pair needs (matcher.cc's NeededMatches) are folded into need_masks by BuildIndex.

// Pairs every probe minutia under "candidate = (bx, by) + R(rot) (probe - (ax, ay))"; returns the
// pairs found, their local similarities summed into *local, their weights (the product of both
// minutiae's) into *weighted, the pairs into s.matched_*.
OPENPACT_HD inline int PairAll(const Probe& probe, const Minutia* C, int nc, float ax, float ay, float bx, float by,
                               float rot, float* local, float* weighted, Scratch& s) {
  float cr, sr;
  CosSin(rot, &cr, &sr);
  uint64_t used[kMaxWords] = {};
  int matched = 0;
  float local_sum = 0, weighted_sum = 0;
  for (int i = 0; i < probe.count; ++i) {
    const Minutia& p = probe.minutiae[i];
    const float dx = p.x - ax, dy = p.y - ay;
    const float tx = bx + cr * dx - sr * dy;
    const float ty = by + sr * dx + cr * dy;
    float ta = p.angle + rot;
    ta = ta < 0.f ? ta + kTwoPi : ta;
    ta = ta >= kTwoPi ? ta - kTwoPi : ta;
    const float tol = kGlobalDistTol + kGlobalDistGrowth * sqrtf(dx * dx + dy * dy);
    const float reach = tol * tol;
    // Only candidates with |x - tx| <= tol can qualify (d2 <= reach); the window is a pixel wider
    // so that no rounding of the test below can reach past it.
    int lo = 0, hi = nc;
    const float x_from = tx - tol - 1.f, x_to = tx + tol + 1.f;
    while (lo < hi) {
      const int mid = (lo + hi) / 2;
      if (C[mid].x < x_from) lo = mid + 1; else hi = mid;
    }
    // Keys: (squared distance, the minutia's index) decide, as in matcher.cc; its position rides
    // in the low bits (indexes are unique, so it never decides).
    uint64_t best_key = ~uint64_t{0};
    for (int j = lo; j < nc && C[j].x <= x_to; ++j) {
      if ((used[j >> 6] >> (j & 63)) & 1u) continue;
      const float ex = C[j].x - tx, ey = C[j].y - ty;
      const float d2 = ex * ex + ey * ey;
      if (!(d2 <= reach) || !(WrappedDiff(C[j].angle, ta) <= kGlobalAngleTol)) continue;
      const uint64_t key = (uint64_t{FloatBits(d2)} << 32) | (uint64_t{C[j].index} << 8) | static_cast<uint64_t>(j);
      best_key = key < best_key ? key : best_key;
    }
    if (best_key != ~uint64_t{0}) {
      const int pick = static_cast<int>(best_key & 0xFF);
      used[pick >> 6] |= uint64_t{1} << (pick & 63);
      s.matched_p[matched] = static_cast<uint8_t>(i);
      s.matched_c[matched] = static_cast<uint8_t>(pick);
      ++matched;
      local_sum += LocalSimilarity(p, C[pick]);
      weighted_sum += p.weight * C[pick].weight;
    }
  }
  *local = local_sum;
  *weighted = weighted_sum;
  return matched;
}

// The probe minutiae (word w of their bits) that share enough neighbours with a candidate minutia
// to possibly form a candidate pair: how many of its neighbours each probe minutia shares (a cell
// per neighbour; cell_masks[cell * words + w]) is counted bit-parallel to 4 or more, ones, twos
// and fours being the bits of each count, and compared with what each needs (need: the probe's
// need_masks for the candidate's neighbour count). Shared with matcher.cc.
template <typename Cell>
OPENPACT_HD inline uint64_t VotedMinutiae(const uint64_t* cell_masks, const uint64_t* need, size_t words, size_t w,
                                          const Cell* cells, int neighbour_count) {
  uint64_t ones = 0, twos = 0, fours = 0;
  for (int u = 0; u < neighbour_count; ++u) {
    const uint64_t m = cell_masks[static_cast<size_t>(cells[u]) * words + w];
    const uint64_t carry = ones & m;
    ones ^= m;
    fours |= twos & carry;
    twos ^= carry;
  }
  const uint64_t at_least_two = twos | fours, at_least_three = fours | (twos & ones);
  return ((ones | at_least_two) & need[w]) | (at_least_two & need[words + w]) | (at_least_three & need[2 * words + w]);
}

// The raw score from the rigid consolidation's best alignment (`best` pairs, their local
// similarities summed to best_local, their weights to best_weighted) and the relaxation's score:
// consistent pairs relative to both sizes, weighted by how well their neighbourhoods agree,
// averaged with the relaxation (two views of the same evidence: the first rewards a large
// consistent overlap, the second pairs that agree with each other locally, which survives skin
// distortion better). In the coverage the pairs count by their weights (PreparedMinutia::weight:
// less in dense clusters, where chance partners are near, more where minutiae are sparse). Shared
// with matcher.cc.
OPENPACT_HD inline double FinalScore(int best, float best_local, float best_weighted, size_t probe_count,
                                     size_t candidate_count, double relaxed) {
  const double np = static_cast<double>(probe_count), nc = static_cast<double>(candidate_count);
  const double coverage = static_cast<double>(best_weighted) * best / (np * nc);
  const double support = best > 0 ? best_local / best : 0;
  const double rigid_raw = coverage * (0.5 + 0.5 * support);
  const double rigid = rigid_raw < 1.0 ? rigid_raw : 1.0;
  return 0.5 * rigid + 0.5 * relaxed;
}

// The least-squares rigid fit of `count` pairs, anchored at their centroids: each finger's centroid
// of its paired minutiae and the rotation from the probe's to the candidate's. pair_at(m) gives
// the m-th pair's minutia numbers. One pair's directions fix an alignment's rotation only
// roughly; this fit places far minutiae better under distortion. Shared with matcher.cc.
struct IndexPair {
  int p, c;
};
struct RigidFit {
  float px, py, qx, qy, rotation;
};
template <typename ProbeMinutia, typename CandidateMinutia, typename PairAt>
OPENPACT_HD inline RigidFit FitRigid(const ProbeMinutia* P, const CandidateMinutia* C, int count, PairAt pair_at) {
  float px = 0, py = 0, qx = 0, qy = 0;
  for (int m = 0; m < count; ++m) {
    const IndexPair k = pair_at(m);
    px += P[k.p].x, py += P[k.p].y, qx += C[k.c].x, qy += C[k.c].y;
  }
  const float n = static_cast<float>(count);
  px /= n, py /= n, qx /= n, qy /= n;
  float dot = 0, cross = 0;
  for (int m = 0; m < count; ++m) {
    const IndexPair k = pair_at(m);
    const float ux = P[k.p].x - px, uy = P[k.p].y - py, vx = C[k.c].x - qx, vy = C[k.c].y - qy;
    dot += ux * vx + uy * vy;
    cross += ux * vy - uy * vx;
  }
  return RigidFit{px, py, qx, qy, Atan2(cross, dot)};
}

// Whether a pairing of `matched` pairs, their local similarities summing to `local`, beats one of
// (best, best_local): more pairs, then better-agreeing ones. Shared with matcher.cc.
OPENPACT_HD inline bool BetterPairing(int matched, float local, int best, float best_local) {
  return matched > best || (matched == best && local > best_local);
}

// Whether candidate pair (s1, p1, c1) comes before (s2, p2, c2): similarity, then indices.
OPENPACT_HD inline bool PairBefore(float s1, int p1, int c1, float s2, int p2, int c2) {
  if (s1 != s2) return s1 > s2;
  return p1 != p2 ? p1 < p2 : c1 < c2;
}

OPENPACT_HD inline double RelaxationScore(const Probe& probe, const Minutia* C, int nc, int nr, Scratch& s) {
  const Minutia* P = probe.minutiae;
  if (nr < 2) return 0;
  auto tri = [nr](int u, int v) { return u * (2 * nr - u - 1) / 2 + (v - u - 1); };  // u < v
  for (int u = 0; u < nr; ++u) {
    const Minutia &a1 = P[s.pp[u]], &b1 = C[s.pc[u]];
    for (int v = u + 1; v < nr; ++v) {
      float& out = s.rho[tri(u, v)];
      out = 0.f;
      const Minutia &a2 = P[s.pp[v]], &b2 = C[s.pc[v]];
      if (s.pp[u] == s.pp[v] || s.pc[u] == s.pc[v]) continue;
      const float dax = a2.x - a1.x, day = a2.y - a1.y, dbx = b2.x - b1.x, dby = b2.y - b1.y;
      const float da = sqrtf(dax * dax + day * day), db = sqrtf(dbx * dbx + dby * dby);
      const float d1 = fabsf(da - db);
      const float tol = 8.0f + 0.08f * (da + db) * 0.5f;
      const float e1 = (d1 * d1) / (tol * tol);
      if (e1 > 20) continue;
      const float d2 = AngleDiff(Wrap(a1.angle - a2.angle), Wrap(b1.angle - b2.angle));
      const float turn = Atan2(dbx * day - dby * dax, dbx * dax + dby * day);
      const float d3 = AngleDiff(Wrap(a1.angle - b1.angle - turn), 0.f);
      out = Exp(-e1 - (d2 * d2 + d3 * d3) / 0.15f);
    }
  }
  float* lambda = s.lambda;
  float* next = s.next;
  for (int u = 0; u < nr; ++u) lambda[u] = s.sim[u];
  constexpr int kIterations = 5;
  constexpr float kW = 0.5f;
  for (int it = 0; it < kIterations; ++it) {
    for (int u = 0; u < nr; ++u) {
      float sum = 0;
      for (int v = 0; v < nr; ++v) {
        const float r = u == v ? 0.f : s.rho[u < v ? tri(u, v) : tri(v, u)];
        sum += r * lambda[v];
      }
      next[u] = kW * lambda[u] + (1 - kW) * sum / static_cast<float>(nr - 1);
    }
    float* t = lambda;
    lambda = next;
    next = t;
  }
  // The pairs by relaxed weight, then rank (matcher.cc's total order): an insertion sort.
  for (int u = 0; u < nr; ++u) {
    int k = u;
    while (k > 0 && lambda[s.order[k - 1]] < lambda[u]) {
      s.order[k] = s.order[k - 1];
      --k;
    }
    s.order[k] = static_cast<uint8_t>(u);
  }
  const int nprobe = probe.count;
  const double smaller = static_cast<double>(nprobe < nc ? nprobe : nc);
  const double grow = (smaller - 10) / 40.0;
  const long np = 4 + lround(8 * (grow < 0.0 ? 0.0 : grow > 1.0 ? 1.0 : grow));
  uint64_t used_p[kMaxWords] = {}, used_c[kMaxWords] = {};
  double sum = 0;
  long taken = 0;
  for (int k = 0; k < nr; ++k) {
    if (taken == np) break;
    const int u = s.order[k];
    const int p = s.pp[u], c = s.pc[u];
    if (((used_p[p >> 6] >> (p & 63)) & 1u) || ((used_c[c >> 6] >> (c & 63)) & 1u)) continue;
    used_p[p >> 6] |= uint64_t{1} << (p & 63);
    used_c[c >> 6] |= uint64_t{1} << (c & 63);
    sum += lambda[u];
    ++taken;
  }
  return taken == 0 ? 0 : sum / static_cast<double>(np);
}

// Matcher::RawScore for probe against candidate C (nc minutiae, at most kMaxMinutiae, in order of
// x: AppendPortable's candidate layout).
OPENPACT_HD inline double RawScore(const Probe& probe, const Minutia* C, int nc, Scratch& s) {
  const Minutia* P = probe.minutiae;
  if (probe.count < 3 || nc < 3) return 0;
  // 1-2. Candidate pairs through the probe's index; the best kMaxPairs kept in order.
  const int words = probe.words;
  int kept = 0;
  for (int j = 0; j < nc; ++j) {
    const Minutia& c = C[j];
    const uint64_t* need = probe.need_masks + static_cast<size_t>(c.neighbour_count) * 3 * words;
    for (int w = 0; w < words; ++w) {
      uint64_t voted = VotedMinutiae(probe.cell_masks, need, static_cast<size_t>(words), static_cast<size_t>(w),
                                     c.cell, c.neighbour_count);
      for (; voted != 0; voted &= voted - 1) {
        const int i = w * 64 + LowestBit(voted);
        const float sim = LocalSimilarity(P[i], c);
        if (!(sim >= kMinLocalSimilarity)) continue;
        // Ties by the candidate minutia's index, as matcher.cc orders them (s.pc holds positions).
        const int cj = c.index;
        if (kept == kMaxPairs && !PairBefore(sim, i, cj, s.sim[kept - 1], s.pp[kept - 1], C[s.pc[kept - 1]].index)) continue;
        int k = kept < kMaxPairs ? kept++ : kMaxPairs - 1;
        while (k > 0 && PairBefore(sim, i, cj, s.sim[k - 1], s.pp[k - 1], C[s.pc[k - 1]].index)) {
          s.sim[k] = s.sim[k - 1], s.pp[k] = s.pp[k - 1], s.pc[k] = s.pc[k - 1];
          --k;
        }
        s.sim[k] = sim, s.pp[k] = static_cast<uint8_t>(i), s.pc[k] = static_cast<uint8_t>(j);
      }
    }
  }
  if (kept == 0) return 0;
  const int seeds = kept < kSeeds ? kept : kSeeds;
  const double relaxed = RelaxationScore(probe, C, nc, kept, s);
  // 3. Rigid consolidation from each seed, refined by the least-squares fit of its pairs.
  int best = 0;
  float best_local = 0, best_weighted = 0;
  for (int k = 0; k < seeds; ++k) {
    const Minutia& a = P[s.pp[k]];
    const Minutia& b = C[s.pc[k]];
    float local = 0, weighted = 0;
    int matched = PairAll(probe, C, nc, a.x, a.y, b.x, b.y, b.angle - a.angle, &local, &weighted, s);
    if (matched >= 4) {
      const RigidFit fit = FitRigid(P, C, matched, [&](int m) { return IndexPair{s.matched_p[m], s.matched_c[m]}; });
      float refined_local = 0, refined_weighted = 0;
      const int refined =
          PairAll(probe, C, nc, fit.px, fit.py, fit.qx, fit.qy, fit.rotation, &refined_local, &refined_weighted, s);
      if (BetterPairing(refined, refined_local, matched, local)) {
        matched = refined;
        local = refined_local;
        weighted = refined_weighted;
      }
    }
    if (BetterPairing(matched, local, best, best_local)) {
      best = matched;
      best_local = local;
      best_weighted = weighted;
    }
  }
  return FinalScore(best, best_local, best_weighted, probe.count, nc, relaxed);
}

}  // namespace openpact::biometrics::portable
