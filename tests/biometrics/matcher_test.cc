#include "biometrics/matcher.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <numeric>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <tuple>

#include "biometrics/evaluation.h"
#include "biometrics/identify.h"
#include "biometrics/synthetic.h"
#include "biometrics/triplet_index.h"
#include "test_util.h"

namespace openpact::biometrics {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Rotates and shifts a view rigidly (image coordinates, y down).
FingerView Moved(const FingerView& v, double rot, double dx, double dy) {
  FingerView out = v;
  const double c = std::cos(rot), s = std::sin(rot);
  for (Minutia& m : out.minutiae) {
    const double x = m.x - 150.0, y = m.y - 200.0;
    m.x = static_cast<uint16_t>(std::lround(c * x - s * y + 150 + dx));
    m.y = static_cast<uint16_t>(std::lround(s * x + c * y + 200 + dy));
    m.angle = Minutia::AngleFromRadians(m.AngleRadians() - rot);
  }
  return out;
}

TEST(Matcher, InvariantToRotationAndTranslation) {
  const FingerprintTemplate t = MakeImpression(MakeMasterFinger(5), 11);
  const FingerView& v = t.views[0];
  Matcher m;
  const PreparedFinger a = PreparedFinger::FromView(v);
  const double self = m.RawScore(a, a);
  EXPECT_GT(self, 0.9);
  for (double rot : {0.3, -0.5, 1.2}) {
    const PreparedFinger b = PreparedFinger::FromView(Moved(v, rot, 17, -9));
    EXPECT_GT(m.RawScore(a, b), 0.8 * self) << rot;
  }
}

// Minutiae that an alignment carries far outside the other finger's area (here 16,000 px away, at
// the edge of what a record can hold) are left unpaired, in both directions, with or without the
// probe index; the rest still match.
TEST(Matcher, MinutiaeFarOutsideTheOtherFingerStayUnpaired) {
  const FingerView v = MakeImpression(MakeMasterFinger(7), 21).views[0];
  FingerView far = v;
  for (auto [x, y] : {std::pair{16000, 16000}, std::pair{0, 16383}, std::pair{16383, 0}}) {
    Minutia m;
    m.x = static_cast<uint16_t>(x);
    m.y = static_cast<uint16_t>(y);
    m.angle = 12345;
    m.type = 1;
    far.minutiae.push_back(m);
  }
  PreparedFinger a = PreparedFinger::FromView(v), b = PreparedFinger::FromView(far);
  const double self = Matcher().RawScore(a, a);
  for (bool indexed : {false, true}) {
    if (indexed) a.BuildIndex(), b.BuildIndex();
    // A fresh matcher each time: scratch space grown by a larger comparison would hide an
    // out-of-range read from the sanitizers.
    EXPECT_GT(Matcher().RawScore(b, a), 0.8 * self) << indexed;
    EXPECT_GT(Matcher().RawScore(a, b), 0.8 * self) << indexed;
  }
}

// A symmetric finger (four minutiae on a square, each pointing at its centre) has identical local
// structures: each candidate minutia's neighbours vote for every probe minutia several times. The
// pairing's vote lists must hold that (under ASan: no write past them). The rigid consolidation
// pairs all four minutiae with themselves, so its half of the score is full; the relaxation cannot
// tell the square's rotations apart.
TEST(Matcher, SymmetricFingersVoteForEveryMinutiaRepeatedly) {
  FingerView v;
  for (auto [x, y] : {std::pair{140, 190}, std::pair{160, 190}, std::pair{160, 210}, std::pair{140, 210}}) {
    Minutia m;
    m.x = static_cast<uint16_t>(x);
    m.y = static_cast<uint16_t>(y);
    m.angle = Minutia::AngleFromRadians(std::atan2(-(200.0 - y), 150.0 - x));  // y grows downwards
    m.type = 1;
    v.minutiae.push_back(m);
  }
  PreparedFinger probe = PreparedFinger::FromView(v);
  probe.BuildIndex();
  const PreparedFinger candidate = PreparedFinger::FromView(v);
  EXPECT_GE(Matcher().RawScore(probe, candidate), 0.5);
}

// The probe index only skips local structures that cannot agree: scores with it equal the scores
// of comparing every pair, for mates and impostors alike.
TEST(Matcher, ProbeIndexGivesTheScoresOfComparingEveryPair) {
  std::vector<PreparedFinger> plain, indexed;
  for (uint64_t f = 0; f < 8; ++f) {
    for (uint64_t k = 0; k < 3; ++k) {
      plain.push_back(PreparedFinger::FromView(MakeImpression(MakeMasterFinger(300 + f), 50 * f + k).views[0]));
      indexed.push_back(plain.back());
      indexed.back().BuildIndex();
    }
  }
  Matcher m;
  int positive = 0;
  for (size_t a = 0; a < plain.size(); ++a) {
    for (size_t b = 0; b < plain.size(); ++b) {
      const double without = m.RawScore(plain[a], plain[b]);
      EXPECT_EQ(m.RawScore(indexed[a], plain[b]), without) << a << " " << b;
      positive += without > 0;
    }
  }
  EXPECT_GT(positive, 200);  // most of the 576 pairs have candidate pairs to compare
}

// The same across the index's word boundaries (a bit per probe minutia, 64 to a word) and for
// fingers so small that their minutiae have fewer than six neighbours (fewer agreeing neighbours
// are needed then): fingers of 3 to 200 minutiae, cut from or pieced together from impressions,
// each also with its last minutia moved 60 px (some neighbours then agree, some do not).
TEST(Matcher, ProbeIndexGivesTheScoresOfComparingEveryPairAtAnySize) {
  std::vector<PreparedFinger> plain, indexed;
  for (size_t size : {3u, 4u, 5u, 6u, 7u, 40u, 63u, 64u, 65u, 127u, 128u, 130u, 200u}) {
    for (uint64_t k = 0; k < 2; ++k) {
      FingerView v;
      for (uint64_t piece = 0; v.minutiae.size() < size; ++piece) {
        // Impressions of one finger, each moved by 120 px, so pieces overlap a little.
        const FingerView part = MakeImpression(MakeMasterFinger(77), piece).views[0];
        for (Minutia m : part.minutiae) {
          if (v.minutiae.size() == size) break;
          m.x = static_cast<uint16_t>(m.x + 120 * (piece % 3));
          m.y = static_cast<uint16_t>(m.y + 120 * (piece / 3));
          v.minutiae.push_back(m);
        }
      }
      if (k == 1) v.minutiae.back().x = static_cast<uint16_t>(v.minutiae.back().x + 60);
      plain.push_back(PreparedFinger::FromView(v));
      indexed.push_back(plain.back());
      indexed.back().BuildIndex();
      ASSERT_EQ(indexed.back().mask_words, (size + 63) / 64);
    }
  }
  Matcher m;
  int positive = 0;
  for (size_t a = 0; a < plain.size(); ++a) {
    for (size_t b = 0; b < plain.size(); ++b) {
      const double without = m.RawScore(plain[a], plain[b]);
      EXPECT_EQ(m.RawScore(indexed[a], plain[b]), without) << plain[a].minutiae.size() << " " << plain[b].minutiae.size();
      positive += without > 0;
    }
  }
  EXPECT_GT(positive, 300);  // of 676 pairs
}

TEST(Matcher, GenuineImpressionsScoreAboveImpostors) {
  Matcher m;
  const MasterFinger f1 = MakeMasterFinger(101), f2 = MakeMasterFinger(202);
  int wins = 0, trials = 0;
  for (uint64_t i = 0; i < 10; ++i) {
    const PreparedFinger a = PreparedFinger::FromView(MakeImpression(f1, 1000 + i).views[0]);
    const PreparedFinger b = PreparedFinger::FromView(MakeImpression(f1, 2000 + i).views[0]);
    const PreparedFinger c = PreparedFinger::FromView(MakeImpression(f2, 3000 + i).views[0]);
    wins += m.Score(a, b) > m.Score(a, c);
    ++trials;
  }
  EXPECT_GE(wins, 9) << "of " << trials;
}

// The local structures against a plain reference: neighbours by (squared distance, index) from a
// full sort, directions from libm's atan2. Coordinates on a coarse grid make equal distances
// common, so the tie order is exercised; 300 minutiae take the path for more than 256, and
// coordinates of 2^14 or more the 64-bit keys.
TEST(Matcher, LocalStructuresMatchAPlainReference) {
  uint64_t state = 12345;
  auto next = [&](uint32_t range) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>((state >> 33) % range);
  };
  PreparedFinger reused;
  for (size_t n : {1, 2, 5, 7, 40, 255, 300}) {
    std::vector<Minutia> ms(n);
    for (Minutia& m : ms) {
      m.x = static_cast<uint16_t>(10 * next(30));
      m.y = static_cast<uint16_t>(10 * next(40));
      m.angle = static_cast<uint16_t>(next(65536));
      m.type = 1;
    }
    if (n == 5) ms[4].x = 16000, ms[4].y = 16000;  // far apart: distances beyond 2,896 px
    if (n == 7) {
      for (Minutia& m : ms) m.x = static_cast<uint16_t>(m.x + 16300);  // coordinates across 2^14, close together
    }
    PreparedFinger::FromMinutiae(ms, &reused);
    const PreparedFinger fresh = PreparedFinger::FromMinutiae(ms);
    ASSERT_EQ(reused.minutiae.size(), n);
    auto raw_weight = [&](size_t i) {
      int near = 0;
      for (size_t j = 0; j < n; ++j) {
        const int64_t dx = ms[j].x - ms[i].x, dy = ms[j].y - ms[i].y;
        near += j != i && dx * dx + dy * dy < kDensityRadius * kDensityRadius;
      }
      return 1.0 / (1.0 + kDensityDamping * near);
    };
    double mean_weight = 0, weight_sum = 0;
    for (size_t i = 0; i < n; ++i) mean_weight += raw_weight(i) / static_cast<double>(n);
    for (const PreparedMinutia& m : reused.minutiae) weight_sum += m.weight;
    EXPECT_NEAR(weight_sum, static_cast<double>(n), 1e-4 * static_cast<double>(n));  // a typical minutia weighs 1
    for (size_t i = 0; i < n; ++i) {
      std::vector<std::pair<int64_t, size_t>> order;
      for (size_t j = 0; j < n; ++j) {
        if (j == i) continue;
        const int64_t dx = ms[j].x - ms[i].x, dy = ms[j].y - ms[i].y;
        order.emplace_back(dx * dx + dy * dy, j);
      }
      std::sort(order.begin(), order.end());
      const size_t k = std::min<size_t>(kNeighbours, order.size());
      const PreparedMinutia& got = reused.minutiae[i];
      ASSERT_EQ(got.neighbour_count, k) << "n " << n << " minutia " << i;
      for (size_t t = 0; t < k; ++t) {
        const size_t j = order[t].second;
        EXPECT_EQ(got.neighbour[t], j)
            << n << " " << i << " " << t;  // the pre-selection's triangles use them
        EXPECT_FLOAT_EQ(got.nd[t], std::sqrt(static_cast<float>(order[t].first))) << n << " " << i << " " << t;
        const double own = ms[i].AngleRadians();
        const double to = std::atan2(-(static_cast<double>(ms[j].y) - ms[i].y), static_cast<double>(ms[j].x) - ms[i].x);
        const double na = std::remainder(to - own - got.na[t], 2 * kPi);
        const double nr = std::remainder(ms[j].AngleRadians() - own - got.nr[t], 2 * kPi);
        EXPECT_LT(std::fabs(na), 1e-4) << n << " " << i << " " << t;
        EXPECT_LT(std::fabs(nr), 1e-4) << n << " " << i << " " << t;
        EXPECT_GE(got.na[t], 0);
        EXPECT_LT(got.na[t], 2 * kPi);
        EXPECT_GE(got.nr[t], 0);
        EXPECT_LT(got.nr[t], 2 * kPi);
      }
      // The weight against chance: the other minutiae within kDensityRadius damp it, relative to
      // the finger's mean.
      EXPECT_FLOAT_EQ(got.weight, static_cast<float>(raw_weight(i) / mean_weight)) << n << " " << i;
      // Storage reused across fingers holds exactly what a fresh preparation does.
      EXPECT_EQ(got.weight, fresh.minutiae[i].weight);
      EXPECT_EQ(got.neighbour_count, fresh.minutiae[i].neighbour_count);
      for (int t = 0; t < kNeighbourSlots; ++t) EXPECT_EQ(got.nd[t], fresh.minutiae[i].nd[t]);
      for (size_t t = k; t < kNeighbourSlots; ++t) EXPECT_EQ(got.nd[t], 1e9f);  // unused slots never match
    }
  }
}

// The same seed gives the same templates in every build: the generator draws in an order C++
// fixes (a constructor's arguments are evaluated in an unspecified order, and the clang sanitizer
// build once made other fingers than the GCC release build from the same seed). The hash is of the
// GCC release build's records, which the shipped calibration table and every synthetic figure
// come from; the sanitizer build runs this test too.
TEST(Synthetic, TheSameSeedGivesTheSameTemplatesInEveryBuild) {
  uint64_t hash = 1469598103934665603ull;  // FNV-1a, 64 bits
  auto add = [&](const FingerprintTemplate& t) {
    auto bytes = WriteIso19794_2(t);
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    for (unsigned char c : *bytes) hash = (hash ^ c) * 1099511628211ull;
  };
  SyntheticOptions related;
  related.overlapping_streams = true;
  SyntheticOptions archetypes;
  archetypes.flow_archetypes = 3;
  std::set<int> patterns;
  for (uint64_t seed = 1; seed <= 24; ++seed) {
    for (const SyntheticOptions& o : {SyntheticOptions{}, related, archetypes}) {
      const MasterFinger master = MakeMasterFinger(seed, o);
      patterns.insert(master.pattern);
      for (uint64_t k = 0; k < 2; ++k) add(MakeImpression(master, seed * 10 + k, 2, static_cast<uint8_t>(k + 1), o));
    }
  }
  EXPECT_EQ(patterns, (std::set<int>{0, 1, 2})) << "every ridge-flow pattern drawn";
  EXPECT_EQ(hash, 0xe8ccb21552f5efc2ull);
}

// Synthetic fingers from nearby seeds must be unrelated: a generator whose streams for seed and
// seed + 1 overlap makes master fingers a few seeds apart share minutiae, which makes impostors
// look like mates in every synthetic set, calibration and benchmark.
TEST(Synthetic, FingersFromNearbySeedsShareNoMinutiae) {
  int shared = 0, total = 0;
  for (uint64_t seed = 1000; seed < 1040; ++seed) {
    const MasterFinger a = MakeMasterFinger(seed);
    for (uint64_t d = 1; d <= 8; ++d) {
      const MasterFinger b = MakeMasterFinger(seed + d);
      for (const Minutia& m : a.minutiae) {
        ++total;
        for (const Minutia& q : b.minutiae) {
          if (m.x == q.x && m.y == q.y) {
            ++shared;
            break;
          }
        }
      }
    }
  }
  // Chance alone: about 40 minutiae over some 90,000 pixel positions, so a position recurs with
  // probability ~0.05 %.
  EXPECT_LT(static_cast<double>(shared) / total, 0.005) << shared << " of " << total;
  // The calibration's related population keeps the old overlapping streams on purpose: there,
  // fingers two seeds apart do share minutiae.
  SyntheticOptions related;
  related.overlapping_streams = true;
  shared = total = 0;
  for (uint64_t seed = 1000; seed < 1040; ++seed) {
    const MasterFinger a = MakeMasterFinger(seed, related), b = MakeMasterFinger(seed + 2, related);
    for (const Minutia& m : a.minutiae) {
      ++total;
      shared += std::any_of(b.minutiae.begin(), b.minutiae.end(), [&](const Minutia& q) { return m.x == q.x && m.y == q.y; });
    }
  }
  EXPECT_GT(static_cast<double>(shared) / total, 0.1) << shared << " of " << total;
}

// The flow-archetype experiment: fingers K seeds apart share their ridge flow (pattern class),
// not their minutiae; the shipped calibration's population refuses the option.
TEST(Synthetic, FlowArchetypesShareTheFlowNotTheMinutiae) {
  SyntheticOptions o;
  o.flow_archetypes = 5;
  int same_pattern = 0, shared = 0, total = 0;
  for (uint64_t seed = 0; seed < 20; ++seed) {
    const MasterFinger a = MakeMasterFinger(seed, o), b = MakeMasterFinger(seed + 5, o);
    same_pattern += a.pattern == b.pattern;
    for (const Minutia& m : a.minutiae) {
      ++total;
      shared += std::any_of(b.minutiae.begin(), b.minutiae.end(), [&](const Minutia& q) { return m.x == q.x && m.y == q.y; });
    }
  }
  EXPECT_EQ(same_pattern, 20);
  EXPECT_LT(static_cast<double>(shared) / total, 0.005);
  EXPECT_FALSE(FitCalibration(100, 1, 1, CalibrationPopulation::kRelated, 5).ok());
  EXPECT_FALSE(FitCalibration(100, 1, 1, CalibrationPopulation::kIndependent, -1).ok());
}

TEST(Matcher, TinyTemplatesScoreZero) {
  FingerView v;
  v.minutiae = {{10, 10, 1, 0, 0}, {50, 50, 1, 100, 0}};
  Matcher m;
  const PreparedFinger a = PreparedFinger::FromView(v);
  EXPECT_EQ(m.RawScore(a, a), 0);
}

TEST(Calibration, MonotoneAndShipped) {
  const Calibration& c = Calibration::Default();
  ASSERT_GE(c.points().size(), 40u) << "data/biometrics/calibration.csv not found or too short";
  double last = -1;
  for (double raw = 0; raw <= 1.0; raw += 0.01) {
    const double v = c.Apply(raw);
    EXPECT_GE(v, last);
    last = v;
  }
  EXPECT_EQ(c.Apply(0), 0);
  EXPECT_EQ(c.Apply(1), 100);
}

TEST(Calibration, TablesAreReadStrictly) {
  openpact::testing::TempDir dir;
  auto table = [&](const std::string& body) {
    const std::string path = dir.File("t.csv");
    std::ofstream(path) << "raw,calibrated\n" << body;
    return Calibration::FromCsv(path);
  };
  auto good = table("0,0\n0.5,20\n1,60\n");
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_DOUBLE_EQ(good->Apply(0.25), 10);
  for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
           {"0,0\n0.5,nan\n1,60\n", "calibrated"},   // a NaN would break the candidates' order
           {"0,0\n0.5,20x\n1,60\n", "calibrated"},   // trailing garbage, read as 20 before
           {"0,0\n,20\n1,60\n", "raw"},              // empty, read as 0 before
           {"0,0\n0.5,inf\n1,60\n", "calibrated"},
           {"0,0\n0.5,30\n1,20\n", "calibrated"},    // decreasing
           {"0,0\n0.5,20\n0.4,30\n", "raw"}}) {
    auto bad = table(body);
    ASSERT_FALSE(bad.ok()) << body;
    EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(bad.status().ToString().find(field), std::string::npos) << bad.status().ToString();
  }
}

TEST(ErrorRates, ComputedOnAKnownDistribution) {
  // Genuine 0.1 .. 1.0 (10 scores), impostors 0.0 .. 0.45: at threshold 0.5 FNMR = 4/10, FMR = 0.
  std::vector<double> g, imp;
  for (int i = 1; i <= 10; ++i) g.push_back(i / 10.0);
  for (int i = 0; i < 10; ++i) imp.push_back(i * 0.05);
  ErrorRates r = ComputeErrorRates(g, imp, 0.5);
  EXPECT_DOUBLE_EQ(r.fnmr_at_threshold, 0.4);
  EXPECT_DOUBLE_EQ(r.fmr_at_threshold, 0.0);
  // At threshold 0.35: FNMR = 3/10 (0.1, 0.2, 0.3) and FMR = 3/10 (0.35, 0.4, 0.45): EER 0.3.
  EXPECT_NEAR(r.eer, 0.3, 1e-9);
  ErrorRates perfect = ComputeErrorRates({0.9, 0.8}, {0.1, 0.2}, 0.5);
  EXPECT_EQ(perfect.eer, 0);
  EXPECT_EQ(perfect.fmr1000, 0);
}

// The accuracy on the real development templates, as a regression guard (the target and the
// measured figures are in docs/biometrics.md; the guard is looser so noise does not fail CI).
// Three fingers, two impressions each; each template has its own impostor level (30, 5 and 15),
// so raw scores overlap (finger B's genuine 15 is below finger A's impostors) while scores
// standardised against each template's background of other fingers separate completely.
TEST(Evaluation, BackgroundNormalisationRemovesProbeSpecificLevels) {
  const std::vector<int> finger = {1, 1, 2, 2, 3, 3};
  const double level[] = {30, 30, 5, 5, 15, 15};
  const size_t n = finger.size();
  std::vector<double> score(n * n, 0);
  for (size_t a = 0; a < n; ++a) {
    int k = 0;
    for (size_t b = 0; b < n; ++b) {
      if (a == b) continue;
      score[a * n + b] = finger[a] == finger[b] ? level[a] + 10 : level[a] + k++;  // background: +0..+3
    }
  }
  std::vector<double> genuine, impostor;
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = a + 1; b < n; ++b) {
      (finger[a] == finger[b] ? genuine : impostor).push_back(std::max(score[a * n + b], score[b * n + a]));
    }
  }
  EXPECT_GT(ComputeErrorRates(genuine, impostor, kDefaultThreshold).eer, 0.1);
  EXPECT_EQ(BackgroundNormalisedEer(finger, score), 0.0);
  // Without a background of at least two other-finger templates there is nothing to report.
  EXPECT_EQ(BackgroundNormalisedEer({1, 1, 2}, std::vector<double>(9, 1.0)), -1);
  EXPECT_EQ(BackgroundNormalisedEer(finger, std::vector<double>(5, 1.0)), -1);  // wrong matrix size
}

TEST(Evaluation, RealDevelopmentTemplates) {
  const std::string dir = std::string(OPENPACT_SOURCE_DIR) + "/../shared/testdata/fingerprints/fvc2004-b";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "skipped: test data not found (" << dir << ")";
  auto r = EvaluateDirectory(dir, Calibration::Default(), EvaluationOptions{.threads = 2});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->databases.size(), 4u);
  for (const auto& d : r->databases) {
    EXPECT_EQ(d.templates, 80);
    EXPECT_EQ(d.genuine_pairs, 280);
    EXPECT_EQ(d.impostor_pairs, 2880);
  }
  EXPECT_LT(r->mean.eer, 0.07);        // measured 6.36 %: better than bozorth3 (10.8 %) and OpenAFIS (12.1 %)
  EXPECT_GT(r->mean_rank1, 0.95);      // measured 97.8 %
  EXPECT_GT(r->mean_preselect_recall, 0.85);  // measured 94.1 % (DB1 80 %, DB2-4 96-100 %)
  EXPECT_LT(r->mean.fmr_at_threshold, 0.001);
  // The calibration checked on the real impostors: 23,040 ordered pairs; measured 0.93 % reach 20
  // (nominal 1 %) and none reach 30 or 40 (the shipped table is conservative there).
  EXPECT_EQ(r->impostor_comparisons, 4 * 2 * 2880);
  ASSERT_EQ(r->calibration_check.size(), 5u);
  EXPECT_EQ(r->calibration_check[3].score, 40);
  EXPECT_LE(r->calibration_check[3].reached, 3) << "the default threshold lets real impostors through";
  EXPECT_LT(r->calibration_check[1].reached, r->impostor_comparisons / 50);  // under 2 % at nominal 1 %
  EXPECT_NE(EvaluationToText(*r).find("calibration check"), std::string::npos);
  // The background-normalisation experiment: measured 5.52 % with the same scores.
  EXPECT_GE(r->mean_eer_background_normalised, 0);
  EXPECT_LT(r->mean_eer_background_normalised, r->mean.eer);
  // Source geometry: DB1's templates come from 640 x 480 images resized to 300 x 400 (x squeezed
  // 1.77 times against y); its minutiae say so (measured median aspect 0.35, stretch 1.78), the
  // others' do not (0.59-0.66). Stretching DB1 back lowers its EER (measured 12.92 -> 10.72 %).
  const DatabaseResult& db1 = r->databases[0];
  EXPECT_EQ(db1.name, "DB1_B");
  EXPECT_TRUE(db1.geometry.suspect);
  EXPECT_GT(db1.geometry.x_scale, 1.6);
  EXPECT_LT(db1.geometry.x_scale, 1.95);
  EXPECT_GE(db1.eer_x_stretched, 0);
  EXPECT_LT(db1.eer_x_stretched, db1.rates.eer);
  for (size_t i = 1; i < 4; ++i) {
    EXPECT_FALSE(r->databases[i].geometry.suspect) << r->databases[i].name;
    EXPECT_EQ(r->databases[i].eer_x_stretched, kUnmeasured);
  }
  EXPECT_LT(r->mean_eer_x_stretched, r->mean.eer);
  EXPECT_NE(EvaluationToText(*r).find("source geometry: DB1_B"), std::string::npos);
  // Each EER lies in its bootstrap interval, which is wide for ten fingers (measured: mean
  // 4.81-8.49 %, DB1 10.03-16.70 %, DB3 0.00-3.23 %).
  for (const auto& d : r->databases) {
    EXPECT_LE(d.eer_interval.low, d.rates.eer) << d.name;
    EXPECT_GE(d.eer_interval.high, d.rates.eer) << d.name;
    EXPECT_GT(d.eer_interval.high - d.eer_interval.low, 0.02) << d.name;
  }
  EXPECT_LE(r->mean_eer_interval.low, r->mean.eer);
  EXPECT_GE(r->mean_eer_interval.high, r->mean.eer);
  // DB1's mates and impostors overlap: its genuine median (measured 23.7) barely clears its
  // impostors' 99th percentile (22.7), where DB3's (47.2) lies far above its own (19.2).
  EXPECT_LT(db1.spread.genuine_median - db1.spread.impostor_p99, 5);
  const DatabaseResult& db3 = r->databases[2];
  EXPECT_GT(db3.spread.genuine_median - db3.spread.impostor_p99, 20);
  EXPECT_NE(EvaluationToText(*r).find("pair scores (calibrated"), std::string::npos);
}

// BootstrapEers sweeps one sorted list with each resample's multiplicities; the same resamples
// made by hand (the draws of the same generator, each drawn finger's pairs concatenated, and
// ComputeErrorRates) give the same EERs, on random scores with many ties.
TEST(Evaluation, BootstrapEqualsConcatenatedResamples) {
  std::mt19937_64 data(11);
  for (int trial = 0; trial < 400; ++trial) {
    const int fingers = 2 + static_cast<int>(data() % 6);
    std::vector<int> finger;
    for (int x = 0; x < fingers; ++x) {
      for (int k = 0, views = 1 + static_cast<int>(data() % 4); k < views; ++k) finger.push_back(100 + 7 * x);
    }
    const size_t n = finger.size();
    std::vector<double> score(n * n);
    for (size_t a = 0; a < n; ++a) {
      for (size_t b = 0; b < n; ++b) {
        // Some scores sit exactly at an integer + 1e-9: the threshold tried above the highest
        // impostor (its score + 1e-9) then coincides with a score a resample may or may not hold.
        score[a * n + b] = static_cast<double>(data() % 6) + (finger[a] == finger[b] ? 2.0 : 0.0);
        if (data() % 3 == 0) score[a * n + b] += 1e-9;
      }
    }
    const uint64_t seed = 1000 + static_cast<uint64_t>(trial);
    const std::vector<double> eers = BootstrapEers(finger, score, 30, seed);
    std::mt19937_64 rng(seed);
    for (int r = 0; r < 30; ++r) {
      std::vector<int> draw(static_cast<size_t>(fingers));
      for (int& d : draw) d = 100 + 7 * static_cast<int>(rng() % static_cast<uint64_t>(fingers));
      std::vector<double> genuine, impostor;
      for (size_t x = 0; x < draw.size(); ++x) {
        for (size_t y = x; y < draw.size(); ++y) {
          if (x != y && draw[x] == draw[y]) continue;
          for (size_t a = 0; a < n; ++a) {
            for (size_t b = a + 1; b < n; ++b) {
              const bool fits = (finger[a] == draw[x] && finger[b] == draw[y]) || (finger[a] == draw[y] && finger[b] == draw[x]);
              if (!fits) continue;
              (x == y ? genuine : impostor).push_back(std::max(score[a * n + b], score[b * n + a]));
            }
          }
        }
      }
      ASSERT_EQ(eers[static_cast<size_t>(r)], ComputeErrorRates(genuine, impostor, 40).eer)
          << "trial " << trial << " resample " << r;
    }
  }
}

// The subsets bootstrap resamples fingers: with two fingers half the resamples draw one finger
// twice and hold no impostor pair, too few measured resamples for an interval; perfectly
// separated fingers give [0, 0]; the seed makes it repeat.
TEST(Evaluation, BootstrapResamplesFingers) {
  // Three templates of finger 7, three of finger 9, two of finger 4: mates score 50, others 1.
  const std::vector<int> finger = {7, 7, 7, 9, 9, 9, 4, 4};
  const size_t n = finger.size();
  std::vector<double> score(n * n);
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = 0; b < n; ++b) score[a * n + b] = finger[a] == finger[b] ? 50 : 1;
  }
  const std::vector<double> eers = BootstrapEers(finger, score, 200, 3);
  ASSERT_EQ(eers.size(), 200u);
  EXPECT_EQ(eers, BootstrapEers(finger, score, 200, 3));
  const Interval separated = PercentileInterval95(eers);
  EXPECT_EQ(separated.low, 0);
  EXPECT_EQ(separated.high, 0);
  // Resamples of one finger drawn three times have no impostor pair: 3 of 27 draws (11 %).
  const auto unmeasured = std::count(eers.begin(), eers.end(), kUnmeasured);
  EXPECT_GT(unmeasured, 5);
  EXPECT_LT(unmeasured, 45);
  const std::vector<int> two = {1, 1, 2, 2};
  std::vector<double> two_scores(16, 1.0);
  const std::vector<double> halves = BootstrapEers(two, two_scores, 400, 3);
  const auto lacking = std::count(halves.begin(), halves.end(), kUnmeasured);
  EXPECT_GT(lacking, 150);  // half of them, by chance
  EXPECT_LT(lacking, 250);
  EXPECT_EQ(PercentileInterval95(halves).low, kUnmeasured);
  // Nearest-rank percentiles of 1..100: the 3rd and the 98th value.
  std::vector<double> ramp(100);
  std::iota(ramp.begin(), ramp.end(), 1.0);
  EXPECT_EQ(PercentileInterval95(ramp).low, 3);
  EXPECT_EQ(PercentileInterval95(ramp).high, 98);
}

// Where the pair scores lie: nearest-rank quantiles of each side, unmeasured for an empty one.
TEST(Evaluation, ScoreSpreadGivesEachSidesQuantiles) {
  std::vector<double> impostor(200);
  std::iota(impostor.begin(), impostor.end(), 1.0);  // 1..200
  std::reverse(impostor.begin(), impostor.end());    // order does not matter
  const ScoreSpread s = SpreadOf({30, 10, 20, 40, 50, 60, 70, 80, 90, 100}, impostor);
  EXPECT_EQ(s.genuine_p10, 10);      // rank ceil(1.0) of 10
  EXPECT_EQ(s.genuine_median, 50);   // rank 5
  EXPECT_EQ(s.impostor_median, 100);  // rank 100 of 200
  EXPECT_EQ(s.impostor_p99, 198);    // rank 198
  EXPECT_EQ(s.impostor_max, 200);
  const ScoreSpread none = SpreadOf({}, {});
  EXPECT_EQ(none.genuine_median, kUnmeasured);
  EXPECT_EQ(none.impostor_max, kUnmeasured);
  EXPECT_EQ(NearestRank({5}, 0.99), 5);
}

// --correct-geometry measures a suspect database on its stretched templates (every figure of its
// row), leaves the others alone, and agrees with the plain run's experiment.
TEST(Evaluation, CorrectGeometryMeasuresTheStretchedTemplates) {
  const std::string dir = std::string(OPENPACT_SOURCE_DIR) + "/../shared/testdata/fingerprints/fvc2004-b";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "skipped: test data not found (" << dir << ")";
  auto plain = EvaluateDirectory(dir, Calibration::Default(), EvaluationOptions{.threads = 2});
  auto corrected = EvaluateDirectory(dir, Calibration::Default(), EvaluationOptions{.threads = 2, .correct_geometry = true});
  ASSERT_TRUE(plain.ok() && corrected.ok());
  const DatabaseResult &before = plain->databases[0], &after = corrected->databases[0];
  EXPECT_FALSE(before.geometry_corrected);
  EXPECT_TRUE(after.geometry_corrected);
  EXPECT_EQ(after.rates.eer, before.eer_x_stretched);  // measured 13.17 % (15.35 % as declared)
  EXPECT_LT(after.rates.eer, before.rates.eer);
  EXPECT_NE(after.rank1, kUnmeasured);
  for (size_t i = 1; i < 4; ++i) {
    EXPECT_FALSE(corrected->databases[i].geometry_corrected);
    EXPECT_EQ(corrected->databases[i].rates.eer, plain->databases[i].rates.eer);
  }
  EXPECT_EQ(corrected->mean.eer, plain->mean_eer_x_stretched);  // measured 6.60 %
  EXPECT_NE(EvaluationToText(*corrected).find("--correct-geometry"), std::string::npos);
}

// A source's geometry from its minutiae: synthetic fingers as generated are not suspect; the same
// fingers with x squeezed are, and the stretch that undoes it is found; a handful of templates,
// or templates of few minutiae, do not decide.
TEST(Evaluation, SourceGeometryFindsASqueezedSource) {
  std::vector<FingerView> views, squeezed;
  for (uint64_t s = 1; s <= 40; ++s) {
    views.push_back(MakeImpression(MakeMasterFinger(s), s * 7).views[0]);
    squeezed.push_back(StretchX(views.back(), 0.5));
  }
  const SourceGeometry plain = EstimateSourceGeometry(views);
  EXPECT_EQ(plain.templates, 40);
  EXPECT_FALSE(plain.suspect) << plain.median_aspect;
  const SourceGeometry narrow = EstimateSourceGeometry(squeezed);
  EXPECT_TRUE(narrow.suspect);
  EXPECT_NEAR(narrow.median_aspect, plain.median_aspect / 2, 0.03);
  EXPECT_NEAR(narrow.x_scale, 2 * plain.x_scale, 0.15);
  EXPECT_FALSE(EstimateSourceGeometry(std::span(squeezed).first(kMinGeometryTemplates - 1)).suspect);
  std::vector<FingerView> sparse = squeezed;
  for (FingerView& v : sparse) v.minutiae.resize(9);
  EXPECT_EQ(EstimateSourceGeometry(sparse).templates, 0);
  EXPECT_FALSE(EstimateSourceGeometry(sparse).suspect);
  // StretchX: x scaled, directions transformed with it (45 degrees under x2: atan(1/2)).
  FingerView one;
  one.minutiae.push_back(Minutia{100, 50, 1, Minutia::AngleFromRadians(0.7853981633974483), 0});
  one.minutiae.push_back(Minutia{10, 60, 1, Minutia::AngleFromRadians(1.5707963267948966), 0});
  const FingerView wide = StretchX(one, 2);
  EXPECT_EQ(wide.minutiae[0].x, 200);
  EXPECT_EQ(wide.minutiae[0].y, 50);
  EXPECT_NEAR(wide.minutiae[0].AngleRadians(), std::atan(0.5), 1e-3);
  EXPECT_NEAR(wide.minutiae[1].AngleRadians(), 1.5707963267948966, 1e-3);  // vertical stays vertical
}

// A change of the matcher measured against an earlier evaluation's scores (fp eval --scores, read
// back): the same scores change nothing in any resample; a baseline whose mates scored 15 points
// lower is worse finger for finger; a baseline missing a pair, or a malformed one, is refused.
TEST(Evaluation, ABaselineIsComparedFingerForFinger) {
  testing::TempDir dir, files;
  ASSERT_TRUE(WriteSyntheticSet(dir.path(), 12, 4, 78).ok());
  std::ostringstream csv;
  csv << "db,a,b,score\n";
  auto first = EvaluateDirectory(dir.path(), Calibration::Default(), EvaluationOptions{.threads = 2, .scores_csv = &csv});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto write = [&](const std::string& name, const std::string& text) {
    const std::string path = files.path() + "/" + name;
    std::ofstream(path) << text;
    return path;
  };
  auto same = BaselineScores::ReadCsv(write("same.csv", csv.str()));
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  auto r = EvaluateDirectory(dir.path(), Calibration::Default(), EvaluationOptions{.threads = 2, .baseline = &*same});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->baseline.has_value());
  EXPECT_EQ(r->baseline->baseline_mean_eer, r->mean.eer);  // every digit written, read back alike
  EXPECT_EQ(r->baseline->resamples, kBootstrapResamples);
  EXPECT_EQ(r->baseline->lower + r->baseline->higher, 0);
  EXPECT_EQ(r->baseline->median_change, 0);
  EXPECT_NE(EvaluationToText(*r).find("against the baseline scores"), std::string::npos);

  // The mates 15 points lower in the baseline (file stems: finger_impression).
  std::istringstream lines(csv.str());
  std::string line, worse = "db,a,b,score\n", missing = worse;
  std::getline(lines, line);
  bool dropped = false;
  while (std::getline(lines, line)) {
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
    ASSERT_EQ(f.size(), 4u) << line;
    const bool mates = f[1].substr(0, f[1].find('_')) == f[2].substr(0, f[2].find('_'));
    worse += f[0] + "," + f[1] + "," + f[2] + "," + std::to_string(std::stod(f[3]) - (mates ? 15 : 0)) + "\n";
    if (!dropped) {
      dropped = true;  // the first pair left out
    } else {
      missing += line + "\n";
    }
  }
  auto degraded = BaselineScores::ReadCsv(write("worse.csv", worse));
  ASSERT_TRUE(degraded.ok()) << degraded.status().ToString();
  r = EvaluateDirectory(dir.path(), Calibration::Default(), EvaluationOptions{.threads = 2, .baseline = &*degraded});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GT(r->baseline->baseline_mean_eer, r->mean.eer);
  EXPECT_LT(r->baseline->median_change, 0);
  EXPECT_LE(r->baseline->change_low, r->baseline->median_change);
  EXPECT_LE(r->baseline->median_change, r->baseline->change_high);
  EXPECT_GT(r->baseline->lower, kBootstrapResamples * 9 / 10);
  const auto json = nlohmann::json::parse(EvaluationToJson(*r));
  EXPECT_LT(json["baseline"]["change_median_points"].get<double>(), 0);
  EXPECT_EQ(json["baseline"]["resamples_lower"], r->baseline->lower);

  auto incomplete = BaselineScores::ReadCsv(write("missing.csv", missing));
  ASSERT_TRUE(incomplete.ok());
  auto refused = EvaluateDirectory(dir.path(), Calibration::Default(), EvaluationOptions{.threads = 2, .baseline = &*incomplete});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "--baseline-scores");
  EXPECT_NE(refused.status().message().find("no score for"), std::string::npos) << refused.status().ToString();

  auto bad = BaselineScores::ReadCsv(write("bad.csv", "db,a,b,score\nX,1_1,1_2,abc\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().ToString().find("score"), std::string::npos) << bad.status().ToString();
  auto twice = BaselineScores::ReadCsv(write("twice.csv", "db,a,b,score\nX,1_1,1_2,3\nX,1_1,1_2,4\n"));
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("given twice"), std::string::npos) << twice.status().ToString();
  EXPECT_FALSE(BaselineScores::ReadCsv(write("columns.csv", "db,a,score\nX,1_1,3\n")).ok());
}

TEST(Evaluation, SyntheticSetReportsPreselectionRecall) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteSyntheticSet(dir.path(), 12, 4, 77).ok());
  auto r = EvaluateDirectory(dir.path(), Calibration::Default(), EvaluationOptions{.threads = 2});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->databases.size(), 1u);
  EXPECT_EQ(r->databases[0].templates, 48);
  EXPECT_GE(r->databases[0].preselect_recall, 0.9);
  EXPECT_LE(r->databases[0].preselect_recall, 1.0);
  EXPECT_NE(EvaluationToText(*r).find("pre@10%"), std::string::npos);
  EXPECT_NE(EvaluationToText(*r).find("EER 95 % intervals (bootstrap over fingers"), std::string::npos);
  EXPECT_NE(EvaluationToJson(*r).find("eer_interval95_pct"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(EvaluationToJson(*r))["eer_interval95"]["resamples"], kBootstrapResamples);
  EXPECT_LE(r->databases[0].eer_interval.low, r->databases[0].rates.eer);
  EXPECT_GE(r->databases[0].eer_interval.high, r->databases[0].rates.eer);
  EXPECT_NE(EvaluationToJson(*r).find("preselect_recall_at_10pct_pct"), std::string::npos);
  EXPECT_GE(r->databases[0].eer_background_normalised, 0);
  EXPECT_LE(r->databases[0].eer_background_normalised, 1);
  EXPECT_EQ(r->mean_eer_background_normalised, r->databases[0].eer_background_normalised);
  EXPECT_NE(EvaluationToText(*r).find("EER bg"), std::string::npos);
  EXPECT_NE(EvaluationToJson(*r).find("eer_background_normalised_pct"), std::string::npos);
  // 12 fingers x 4 impressions: 48 x 44 impostor comparisons, counted for the calibration check.
  EXPECT_EQ(r->impostor_comparisons, 48 * 44);
  EXPECT_NE(EvaluationToJson(*r).find("calibration_check"), std::string::npos);
}

// A file name's finger number is compared as a number (leading zeros aside) of any length: a
// number longer than any integer type was an uncaught exception that aborted fp eval.
TEST(Evaluation, FingerNumbersOfAnyLength) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteSyntheticSet(dir.path(), 2, 2, 5).ok());
  namespace fs = std::filesystem;
  const std::string huge = "123456789012345678901234567890";
  fs::rename(dir.path() + "/1_1.iso", dir.path() + "/0001_1.iso");  // still finger 1
  fs::rename(dir.path() + "/2_1.iso", dir.path() + "/" + huge + "_1.iso");
  fs::rename(dir.path() + "/2_2.iso", dir.path() + "/" + huge + "_2.iso");
  auto r = EvaluateDirectory(dir.path(), Calibration::Default(), EvaluationOptions{.threads = 1});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->databases.size(), 1u);
  EXPECT_EQ(r->databases[0].genuine_pairs, 2);  // 0001_1 with 1_2, and the two long-numbered ones
  EXPECT_EQ(r->databases[0].impostor_pairs, 4);
}

// Closed-set rank-1 counts only the probes that have a mate in the database: a lone template
// cannot be found, so it neither hits nor misses (two lone templates of different fingers have
// no rank-1 rate at all, rather than 0 %).
TEST(Evaluation, RankOneCountsProbesWithAMate) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteSyntheticSet(dir.path(), 3, 2, 5).ok());
  namespace fs = std::filesystem;
  fs::remove(dir.path() + "/3_2.iso");  // finger 3 keeps one impression: no mate
  auto r = EvaluateDirectory(dir.path(), Calibration::Default(), EvaluationOptions{.threads = 1});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->databases.size(), 1u);
  EXPECT_EQ(r->databases[0].templates, 5);
  EXPECT_EQ(r->databases[0].rank1, 1.0);  // the four with a mate find it; 3_1 is not counted
  fs::create_directories(dir.path() + "/lone");
  fs::rename(dir.path() + "/1_1.iso", dir.path() + "/lone/1_1.iso");
  fs::rename(dir.path() + "/3_1.iso", dir.path() + "/lone/3_1.iso");
  r = EvaluateDirectory(dir.path() + "/lone", Calibration::Default(), EvaluationOptions{.threads = 1});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->databases[0].rank1, kUnmeasured);
}

// Rates nothing measures are reported as such, not as 0 % (which reads as perfect): a database of
// one finger has no impostor pairs, one template no pair at all.
TEST(Evaluation, RatesWithoutPairsAreUnmeasured) {
  ErrorRates no_impostors = ComputeErrorRates({0.9, 0.3}, {}, 0.5);
  EXPECT_EQ(no_impostors.eer, kUnmeasured);
  EXPECT_EQ(no_impostors.fmr100, kUnmeasured);
  EXPECT_EQ(no_impostors.fmr_at_threshold, kUnmeasured);
  EXPECT_DOUBLE_EQ(no_impostors.fnmr_at_threshold, 0.5);  // genuine pairs alone measure this one
  ErrorRates no_genuine = ComputeErrorRates({}, {0.9, 0.3, 0.2, 0.1}, 0.5);
  EXPECT_EQ(no_genuine.eer, kUnmeasured);
  EXPECT_EQ(no_genuine.fnmr_at_threshold, kUnmeasured);
  EXPECT_DOUBLE_EQ(no_genuine.fmr_at_threshold, 0.25);

  testing::TempDir dir;
  ASSERT_TRUE(WriteSyntheticSet(dir.path(), 3, 2, 5).ok());
  namespace fs = std::filesystem;
  fs::create_directories(dir.path() + "/A_one_finger");
  fs::create_directories(dir.path() + "/B_full");
  fs::create_directories(dir.path() + "/C_one_template");
  for (const char* f : {"1_1.iso", "1_2.iso"}) fs::copy_file(dir.path() + "/" + f, dir.path() + "/A_one_finger/" + f);
  for (const char* f : {"1_1.iso", "1_2.iso", "2_1.iso", "2_2.iso", "3_1.iso", "3_2.iso"}) {
    fs::rename(dir.path() + "/" + f, dir.path() + "/B_full/" + f);
  }
  fs::copy_file(dir.path() + "/B_full/2_1.iso", dir.path() + "/C_one_template/2_1.iso");
  std::ofstream(dir.path() + "/C_one_template/2_1.iso", std::ios::binary | std::ios::app) << std::string(4, '\0');
  auto r = EvaluateDirectory(dir.path(), Calibration::Default(), EvaluationOptions{.threads = 1});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // The padding is ignored, and reported with the file's name.
  ASSERT_EQ(r->template_warnings.size(), 1u);
  EXPECT_NE(r->template_warnings[0].find("C_one_template/2_1.iso: 4 byte(s) after the declared record length"),
            std::string::npos) << r->template_warnings[0];
  ASSERT_EQ(r->databases.size(), 3u);
  const DatabaseResult &one_finger = r->databases[0], &full = r->databases[1], &one = r->databases[2];
  EXPECT_EQ(one_finger.rates.eer, kUnmeasured);
  EXPECT_EQ(one_finger.rates.fmr_at_threshold, kUnmeasured);
  EXPECT_GE(one_finger.rates.fnmr_at_threshold, 0);
  EXPECT_EQ(one_finger.rank1, 1.0);  // each impression's only candidate is its mate
  EXPECT_GE(full.rates.eer, 0);
  EXPECT_GE(full.rates.fmr_at_threshold, 0);
  EXPECT_EQ(one.rank1, kUnmeasured);
  EXPECT_EQ(one.preselect_recall, kUnmeasured);
  // A mean over fewer databases would be another figure under the same name.
  EXPECT_EQ(r->mean.eer, kUnmeasured);
  EXPECT_EQ(r->mean_rank1, kUnmeasured);
  const auto json = nlohmann::json::parse(EvaluationToJson(*r));
  EXPECT_TRUE(json["databases"][0]["eer_pct"].is_null());
  EXPECT_TRUE(json["databases"][1]["eer_pct"].is_number());
  // One finger: genuine scores, no impostor ones.
  EXPECT_TRUE(json["databases"][0]["scores"]["genuine_median"].is_number());
  EXPECT_TRUE(json["databases"][0]["scores"]["impostor_p99"].is_null());
  EXPECT_TRUE(json["databases"][1]["scores"]["impostor_max"].is_number());
  EXPECT_TRUE(json["mean"]["eer_pct"].is_null());
  const std::string text = EvaluationToText(*r);
  const std::string row = text.substr(text.find("A_one_finger"), text.find('\n', text.find("A_one_finger")) - text.find("A_one_finger"));
  std::istringstream fields(row);
  std::string name, templates, eer, fmr100;
  fields >> name >> templates >> eer >> fmr100;
  EXPECT_EQ(eer, "-") << "no rate shown as 0 % that nothing measured: " << row;
  EXPECT_EQ(fmr100, "-") << row;
}

// A template that does not parse stops the evaluation, naming the file and the byte; with
// skip_invalid it is left out, listed and counted, and the figures are the others'.
TEST(Evaluation, AnInvalidTemplateStopsTheEvaluationOrIsSkippedAndListed) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteSyntheticSet(dir.path(), 3, 2, 5).ok());
  namespace fs = std::filesystem;
  fs::create_directories(dir.path() + "/DB_A");
  fs::create_directories(dir.path() + "/DB_B");
  for (const char* f : {"1_1.iso", "1_2.iso", "2_1.iso", "2_2.iso", "3_1.iso", "3_2.iso"}) {
    fs::copy_file(dir.path() + "/" + f, dir.path() + "/DB_A/" + f);
    fs::rename(dir.path() + "/" + f, dir.path() + "/DB_B/" + f);
  }
  fs::resize_file(dir.path() + "/DB_B/2_2.iso", 40);  // truncated
  auto strict = EvaluateDirectory(dir.path(), Calibration::Default(), EvaluationOptions{.threads = 1});
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.status().ToString().find("DB_B/2_2.iso"), std::string::npos) << strict.status().ToString();
  EXPECT_NE(strict.status().ToString().find("truncated"), std::string::npos) << strict.status().ToString();

  auto r = EvaluateDirectory(dir.path(), Calibration::Default(), EvaluationOptions{.threads = 1, .skip_invalid = true});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->databases.size(), 2u);
  EXPECT_EQ(r->databases[0].templates, 6);
  EXPECT_EQ(r->databases[0].skipped, 0);
  EXPECT_EQ(r->databases[1].templates, 5);
  EXPECT_EQ(r->databases[1].skipped, 1);
  EXPECT_EQ(r->databases[1].genuine_pairs, 2);  // fingers 1 and 3; finger 2 lost its mate
  ASSERT_EQ(r->skipped_templates.size(), 1u);
  EXPECT_NE(r->skipped_templates[0].find("DB_B/2_2.iso"), std::string::npos) << r->skipped_templates[0];
  EXPECT_NE(EvaluationToText(*r).find("skipped 1 template(s) that do not parse"), std::string::npos);
  const auto json = nlohmann::json::parse(EvaluationToJson(*r));
  EXPECT_EQ(json["databases"][1]["skipped"], 1);
  EXPECT_EQ(json["skipped_templates"].size(), 1u);
  // Every template of a database skipped: the database has nothing to measure and is left out.
  for (const char* f : {"1_1.iso", "1_2.iso", "2_1.iso", "3_1.iso", "3_2.iso"}) fs::resize_file(dir.path() + "/DB_B/" + f, 10);
  r = EvaluateDirectory(dir.path(), Calibration::Default(), EvaluationOptions{.threads = 1, .skip_invalid = true});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->databases.size(), 1u);
  EXPECT_EQ(r->databases[0].name, "DB_A");
  EXPECT_EQ(r->skipped_templates.size(), 6u);
}

TEST(Evaluation, RefusesAFolderWithoutTemplates) {
  testing::TempDir dir;
  EXPECT_EQ(EvaluateDirectory(dir.path(), Calibration::Default(), EvaluationOptions{.threads = 1}).status().field(), "DIR");
}

}  // namespace
}  // namespace openpact::biometrics

namespace openpact::biometrics {
namespace {

TEST(Identify, ExhaustiveSearchFindsTheMateAndPreselectionIsMeasured) {
  Gallery gallery;
  for (uint64_t i = 0; i < 300; ++i) ASSERT_TRUE(gallery.Add("f" + std::to_string(i), MakeImpression(MakeMasterFinger(i), 10 + i)).ok());
  EXPECT_EQ(gallery.records(), 300u);
  int found = 0, kept = 0;
  for (uint64_t k = 0; k < 20; ++k) {
    const uint64_t finger = k * 15;
    const FingerprintTemplate probe = MakeImpression(MakeMasterFinger(finger), 5000 + k);
    SearchOptions all;
    all.top = 5;
    all.threads = 2;
    const auto exhaustive = gallery.Search(probe, all);
    ASSERT_EQ(exhaustive.size(), 5u);
    EXPECT_GE(exhaustive[0].score, exhaustive[4].score);
    found += exhaustive[0].id == "f" + std::to_string(finger);
    // A fraction of 1 is the exhaustive scan, exactly.
    SearchOptions same = all;
    same.preselect_fraction = 1.0;
    EXPECT_EQ(gallery.Search(probe, same)[0].id, exhaustive[0].id);
    SearchOptions pre = all;
    pre.preselect_fraction = 0.05;
    SearchStats stats;
    kept += gallery.Search(probe, pre, Calibration::Default(), &stats)[0].id == exhaustive[0].id;
    EXPECT_EQ(stats.records_preselected, 300u);
    EXPECT_EQ(stats.records_matched, 15u);  // 5 % of 300
  }
  EXPECT_GE(found, 18) << "rank-1 identification of synthetic mates";
  EXPECT_GE(kept, 19) << "pre-selection recall of the exhaustive rank-1 at 5 %";
}

// A gallery kept for exhaustive searches only holds no pre-selection keys: the same candidates and
// scores as a gallery with them, its pre-selected searches exhaustive, and less memory.
TEST(Identify, AnExhaustiveOnlyGalleryAnswersAlikeInLessMemory) {
  Gallery with, without(/*preselection=*/false);
  EXPECT_TRUE(with.preselection());
  EXPECT_FALSE(without.preselection());
  for (uint64_t i = 0; i < 60; ++i) {
    const FingerprintTemplate t = MakeImpression(MakeMasterFinger(i), 10 + i);
    ASSERT_TRUE(with.Add("f" + std::to_string(i), t).ok());
    ASSERT_TRUE(without.Add("f" + std::to_string(i), t).ok());
  }
  const FingerprintTemplate probe = MakeImpression(MakeMasterFinger(9), 777);
  SearchOptions o;
  o.top = 10;
  const auto a = with.Search(probe, o), b = without.Search(probe, o);
  ASSERT_EQ(a.size(), b.size());
  for (size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].id, b[k].id);
    EXPECT_EQ(a[k].score, b[k].score);
  }
  o.preselect_fraction = 0.1;
  SearchStats stats;
  const auto c = without.Search(probe, o, Calibration::Default(), &stats);
  EXPECT_EQ(stats.records_matched, 60u);  // every record: exhaustive
  EXPECT_EQ(stats.records_preselected, 0u);
  ASSERT_FALSE(c.empty());
  EXPECT_EQ(c[0].id, a[0].id);
  EXPECT_LT(without.MemoryBytes(), with.MemoryBytes() / 2);
}

// A search returns only eligible records, counts only them on its search scale, and never returns
// a removed record, whose minutiae are gone; exhaustive and pre-selected alike.
TEST(Identify, EligibleAndRemovedRecords) {
  Gallery gallery;
  for (uint64_t i = 0; i < 40; ++i) ASSERT_TRUE(gallery.Add("f" + std::to_string(i), MakeImpression(MakeMasterFinger(i), 10 + i)).ok());
  const FingerprintTemplate probe = MakeImpression(MakeMasterFinger(7), 999);
  for (double share : {1.0, 0.25}) {
    SCOPED_TRACE(share);
    SearchOptions o;
    o.top = 40;
    o.preselect_fraction = share;
    const auto all = gallery.Search(probe, o);
    ASSERT_EQ(all[0].id, "f7");
    std::vector<uint8_t> eligible(40, 1);
    for (size_t r = 0; r < 40; r += 2) eligible[r] = 0;  // the even records, f7's neighbours f6, f8 among them
    o.eligible = eligible;
    SearchStats stats;
    const auto odd = gallery.Search(probe, o, Calibration::Default(), &stats);
    ASSERT_FALSE(odd.empty());
    EXPECT_EQ(odd[0].id, "f7");
    for (const Candidate& c : odd) EXPECT_EQ(std::stoi(c.id.substr(1)) % 2, 1) << c.id;
    EXPECT_EQ(odd.size(), 20u);
    EXPECT_EQ(stats.records_matched, 20u);
    if (share < 1.0) {
      EXPECT_EQ(stats.records_preselected, 20u);  // only the pool is ranked
    }
    EXPECT_NEAR(odd[0].search_score, SearchScore(odd[0].score, 20), 1e-9);  // 20 records could be returned
    eligible[7] = 0;
    for (const Candidate& c : gallery.Search(probe, o)) EXPECT_NE(c.id, "f7");
  }
  gallery.Remove(7);
  gallery.Remove(7);  // once is enough
  EXPECT_EQ(gallery.live_records(), 39u);
  SearchOptions o;
  o.top = 40;
  const auto after = gallery.Search(probe, o);
  EXPECT_EQ(after.size(), 39u);
  for (const Candidate& c : after) EXPECT_NE(c.id, "f7");
  EXPECT_LT(after[0].score, 20.0);  // no mate left
}

// A record removed and added again under the same id (the registry's retransmission) is a new
// record, never more fingers of the removed one, even when it was the last added.
TEST(Identify, AnIdAddedAgainAfterItsRemovalIsANewRecord) {
  Gallery gallery;
  ASSERT_TRUE(gallery.Add("other", MakeImpression(MakeMasterFinger(700), 0)).ok());
  ASSERT_TRUE(gallery.Add("x", MakeImpression(MakeMasterFinger(701), 0)).ok());
  gallery.Remove(1);
  ASSERT_TRUE(gallery.Add("x", MakeImpression(MakeMasterFinger(702), 0)).ok());
  EXPECT_EQ(gallery.records(), 3u);
  EXPECT_EQ(gallery.live_records(), 2u);
  SearchOptions o;
  o.top = 3;
  const auto found = gallery.Search(MakeImpression(MakeMasterFinger(702), 1), o);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].id, "x");
  EXPECT_GT(found[0].score, 40.0);  // the new fingers' mate
  for (const Candidate& c : gallery.Search(MakeImpression(MakeMasterFinger(701), 1), o)) {
    EXPECT_LT(c.score, 40.0) << c.id;  // the removed fingers are gone
  }
}

// A gallery that grows between searches finds each record as it is added (recent additions counted
// apart, then added to again), and Compact (the triplet index merged, the minutiae trimmed by
// realloc) changes no answer; removals and additions after it work as before.
TEST(Identify, GrowingAndCompactedGalleriesAnswerAlike) {
  Gallery gallery;
  for (uint64_t i = 0; i < 30; ++i) ASSERT_TRUE(gallery.Add("g" + std::to_string(i), MakeImpression(MakeMasterFinger(800 + i), 3)).ok());
  SearchOptions o;
  o.top = 5;
  o.preselect_fraction = 0.2;
  auto best = [&](uint64_t m) {
    const auto c = gallery.Search(MakeImpression(MakeMasterFinger(800 + m), 4), o);
    return c.empty() ? std::string("-") : c[0].id;
  };
  EXPECT_EQ(best(4), "g4");  // the index prepared (so few postings: counted apart, not merged)
  for (uint64_t i = 30; i < 33; ++i) {
    // Each added after a search: the earlier additions already sorted apart, this one not yet.
    ASSERT_TRUE(gallery.Add("g" + std::to_string(i), MakeImpression(MakeMasterFinger(800 + i), 3)).ok());
    EXPECT_EQ(best(i), "g" + std::to_string(i));
  }
  std::vector<std::vector<Candidate>> before;
  for (uint64_t m : {0, 11, 31, 32}) before.push_back(gallery.Search(MakeImpression(MakeMasterFinger(800 + m), 5), o));
  gallery.Compact();
  size_t k = 0;
  for (uint64_t m : {0, 11, 31, 32}) {
    const auto after = gallery.Search(MakeImpression(MakeMasterFinger(800 + m), 5), o);
    ASSERT_EQ(after.size(), before[k].size()) << m;
    for (size_t r = 0; r < after.size(); ++r) {
      EXPECT_EQ(after[r].id, before[k][r].id) << m;
      EXPECT_DOUBLE_EQ(after[r].score, before[k][r].score) << m;
    }
    ++k;
  }
  gallery.Remove(11);
  EXPECT_NE(best(11), "g11");
  ASSERT_TRUE(gallery.Add("g33", MakeImpression(MakeMasterFinger(833), 3)).ok());
  EXPECT_EQ(best(33), "g33");
  EXPECT_EQ(best(0), "g0");
}

// Compact merges the finger positions' indexes several at once (a registry loads ten positions):
// galleries of four-finger records compacted on one thread and on three, and one left to its
// first search's preparation, give the same pre-selected answers.
TEST(Identify, PositionsCompactedInParallelAnswerAsOneAtATime) {
  Gallery sequential, parallel, uncompacted;
  for (uint64_t r = 0; r < 40; ++r) {
    FingerprintTemplate t;
    for (uint8_t position = 1; position <= 4; ++position) {
      t.views.push_back(MakeImpression(MakeMasterFinger(r * 4 + position), r, position).views[0]);
    }
    for (Gallery* g : {&sequential, &parallel, &uncompacted}) ASSERT_TRUE(g->Add("p" + std::to_string(r), t).ok());
  }
  sequential.Compact(1);
  parallel.Compact(3);
  SearchOptions o;
  o.top = 5;
  o.threads = 2;
  o.preselect_fraction = 0.25;
  for (uint64_t r : {3, 17, 38}) {
    FingerprintTemplate probe;
    for (uint8_t position : {2, 4}) {
      probe.views.push_back(MakeImpression(MakeMasterFinger(r * 4 + position), r + 500, position).views[0]);
    }
    const auto a = sequential.Search(probe, o), b = parallel.Search(probe, o), c = uncompacted.Search(probe, o);
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a[0].id, "p" + std::to_string(r));
    ASSERT_EQ(b.size(), a.size());
    ASSERT_EQ(c.size(), a.size());
    for (size_t k = 0; k < a.size(); ++k) {
      EXPECT_EQ(b[k].id, a[k].id) << r;
      EXPECT_EQ(c[k].id, a[k].id) << r;
      EXPECT_DOUBLE_EQ(b[k].score, a[k].score) << r;
      EXPECT_DOUBLE_EQ(c[k].score, a[k].score) << r;
    }
  }
}

TEST(Identify, BatchAddMatchesAddAndEmptyGalleriesAnswerNothing) {
  Gallery one, batch;
  std::vector<std::pair<std::string, FingerprintTemplate>> records;
  for (uint64_t i = 0; i < 60; ++i) {
    records.emplace_back("r" + std::to_string(i), MakeImpression(MakeMasterFinger(500 + i), i));
    ASSERT_TRUE(one.Add(records.back().first, records.back().second).ok());
  }
  ASSERT_TRUE(batch.AddBatch(records, 2).ok());
  EXPECT_EQ(one.records(), batch.records());
  EXPECT_EQ(one.MemoryBytes(), batch.MemoryBytes());
  const FingerprintTemplate probe = MakeImpression(MakeMasterFinger(510), 99);
  for (double share : {1.0, 0.1}) {
    SearchOptions o;
    o.top = 3;
    o.threads = 2;
    o.preselect_fraction = share;
    const auto a = one.Search(probe, o), b = batch.Search(probe, o);
    ASSERT_EQ(a.size(), 3u);
    ASSERT_EQ(b.size(), 3u);
    for (size_t k = 0; k < 3; ++k) {
      EXPECT_EQ(a[k].id, b[k].id);
      EXPECT_DOUBLE_EQ(a[k].score, b[k].score);
    }
    EXPECT_EQ(a[0].id, "r10") << share;
  }
  // Ties are broken by id: the same 20 of 60 equal scores whatever the thread count.
  SearchOptions one_thread, two_threads;
  one_thread.top = two_threads.top = 20;
  one_thread.threads = 1;
  two_threads.threads = 2;
  FingerprintTemplate tiny = probe;  // two minutiae: every record scores 0
  tiny.views[0].minutiae.resize(2);
  const auto x = one.Search(tiny, one_thread), y = one.Search(tiny, two_threads);
  ASSERT_EQ(x.size(), 20u);
  ASSERT_EQ(y.size(), 20u);
  for (size_t k = 0; k < 20; ++k) EXPECT_EQ(x[k].id, y[k].id) << k << " " << x[k].score;
  EXPECT_EQ(x.back().score, 0.0) << "the test needs ties at the cut";
  EXPECT_EQ(x.front().id, "r0");
  Gallery empty;
  SearchOptions o;
  o.preselect_fraction = 0.5;
  EXPECT_TRUE(empty.Search(probe, o).empty());
  o.preselect_fraction = 1.0;
  EXPECT_TRUE(empty.Search(probe, o).empty());
}

// A batch answers each search exactly as Search does (ids, scores, fingers matched), exhaustive
// (one shared pass over the gallery) and pre-selected, on records of one and of two fingers with
// probes of one and of two fingers, including an unknown position (0: compared with every finger).
TEST(Identify, SearchBatchAnswersEachSearchAsSearchDoes) {
  Gallery gallery;
  for (uint64_t r = 0; r < 120; ++r) {
    FingerprintTemplate t = MakeImpression(MakeMasterFinger(r * 2), r, 2);
    if (r % 3 == 0) t.views.push_back(MakeImpression(MakeMasterFinger(r * 2 + 1), r + 1000, 7).views[0]);
    ASSERT_TRUE(gallery.Add("p" + std::to_string(r), t).ok());
  }
  std::vector<FingerprintTemplate> probes;
  probes.push_back(MakeImpression(MakeMasterFinger(2 * 30), 7001, 2));
  probes.push_back(MakeImpression(MakeMasterFinger(2 * 31), 7002, 0));
  // Record p33's own impressions, so that both fingers surely clear the threshold: other synthetic
  // impressions' mates do not always (the fifteenth round moved the earlier pair's to 39.8).
  FingerprintTemplate two = MakeImpression(MakeMasterFinger(2 * 33), 33, 2);
  two.views.push_back(MakeImpression(MakeMasterFinger(2 * 33 + 1), 33 + 1000, 7).views[0]);
  probes.push_back(two);
  probes.push_back(MakeImpression(MakeMasterFinger(99999), 7005, 2));  // no mate
  for (double share : {1.0, 0.1}) {
    SearchOptions o;
    o.top = 4;
    o.threads = 2;
    o.preselect_fraction = share;
    SearchStats batch_stats;
    const auto batch = gallery.SearchBatch(probes, o, Calibration::Default(), &batch_stats);
    ASSERT_EQ(batch.size(), probes.size());
    size_t matched = 0;
    for (size_t b = 0; b < probes.size(); ++b) {
      SearchStats one;
      const auto single = gallery.Search(probes[b], o, Calibration::Default(), &one);
      matched += one.records_matched;
      ASSERT_EQ(batch[b].size(), single.size()) << share << " " << b;
      for (size_t k = 0; k < single.size(); ++k) {
        EXPECT_EQ(batch[b][k].id, single[k].id) << share << " " << b << " " << k;
        EXPECT_EQ(batch[b][k].score, single[k].score);
        EXPECT_EQ(batch[b][k].fingers_matched, single[k].fingers_matched);
        ASSERT_EQ(batch[b][k].fingers.size(), single[k].fingers.size());
        for (size_t f = 0; f < single[k].fingers.size(); ++f) {
          EXPECT_EQ(batch[b][k].fingers[f].position, single[k].fingers[f].position);
          EXPECT_EQ(batch[b][k].fingers[f].evidence.score, single[k].fingers[f].evidence.score);
          EXPECT_EQ(batch[b][k].fingers[f].evidence.compared, single[k].fingers[f].evidence.compared);
        }
      }
    }
    EXPECT_EQ(batch_stats.records_matched, matched) << "summed over the probes";
    EXPECT_EQ(batch[0][0].id, "p30");
    EXPECT_EQ(batch[2][0].id, "p33");
    EXPECT_EQ(batch[2][0].fingers_matched.size(), 2u) << "both fingers of the two-finger probe: "
                                                      << batch[2][0].fingers[0].evidence.score << " "
                                                      << (batch[2][0].fingers.size() > 1 ? batch[2][0].fingers[1].evidence.score : -1);
  }
  EXPECT_TRUE(gallery.SearchBatch({}, SearchOptions{}).empty());
}

TEST(Identify, TenPrintRecordsArePreselectedByTheirFingersAtTheSamePosition) {
  // 200 records with fingers at positions 2 and 7; the probe holds two other impressions of
  // record 123's fingers. Fingers at other positions are never compared.
  Gallery gallery;
  for (uint64_t r = 0; r < 200; ++r) {
    FingerprintTemplate t = MakeImpression(MakeMasterFinger(r * 2), r, 2);
    t.views.push_back(MakeImpression(MakeMasterFinger(r * 2 + 1), r + 1000, 7).views[0]);
    ASSERT_TRUE(gallery.Add("p" + std::to_string(r), t).ok());
  }
  EXPECT_EQ(gallery.fingers(), 400u);
  FingerprintTemplate probe = MakeImpression(MakeMasterFinger(246), 5000, 2);
  probe.views.push_back(MakeImpression(MakeMasterFinger(247), 5001, 7).views[0]);
  SearchOptions o;
  o.top = 5;
  o.threads = 2;
  o.preselect_fraction = 0.02;  // 4 records scored in full
  SearchStats stats;
  const auto found = gallery.Search(probe, o, Calibration::Default(), &stats);
  EXPECT_EQ(stats.records_matched, 5u) << "at least `top`";
  // Each probe finger's votes are counted over the 200 fingers at its position only.
  EXPECT_EQ(stats.fingers_preselected, 400u);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].id, "p123");
  EXPECT_GE(found[0].score, kDefaultThreshold);
  ASSERT_FALSE(found[0].fingers_matched.empty());
  for (uint8_t pos : found[0].fingers_matched) EXPECT_TRUE(pos == 2 || pos == 7) << int(pos);
  // The same fingers filed under swapped positions are not compared with each other.
  FingerprintTemplate swapped = probe;
  swapped.views[0].position = 7;
  swapped.views[1].position = 2;
  const auto none = gallery.Search(swapped, o);
  ASSERT_FALSE(none.empty());
  EXPECT_LT(none[0].score, kDefaultThreshold);
  // A probe finger of unknown position is compared with, and pre-selected over, every finger; so
  // are gallery fingers of unknown position for any probe finger.
  FingerprintTemplate unknown = probe;
  unknown.views[0].position = 0;
  const auto any = gallery.Search(unknown, o, Calibration::Default(), &stats);
  EXPECT_EQ(stats.fingers_preselected, 400u + 200u);
  ASSERT_FALSE(any.empty());
  EXPECT_EQ(any[0].id, "p123");
  // The unknown finger had two chances against each record, the other one.
  ASSERT_EQ(any[0].fingers.size(), 2u);
  EXPECT_EQ(any[0].fingers[0].position, 0);
  EXPECT_EQ(any[0].fingers[0].evidence.compared, 2);
  EXPECT_EQ(any[0].fingers[1].position, 7);
  EXPECT_EQ(any[0].fingers[1].evidence.compared, 1);
  EXPECT_EQ(any[0].score, FuseFingerScores(std::vector<FingerEvidence>{any[0].fingers[0].evidence, any[0].fingers[1].evidence}));
  ASSERT_TRUE(gallery.Add("nowhere", MakeImpression(MakeMasterFinger(999), 3, 0)).ok());
  gallery.Search(probe, o, Calibration::Default(), &stats);
  EXPECT_EQ(stats.fingers_preselected, 2u * 201u);
  // Positions beyond 10 (templates built in code; the readers refuse them) are refused, naming the
  // view, and add nothing.
  FingerprintTemplate bad = MakeImpression(MakeMasterFinger(5), 1, 11);
  const Status refused = gallery.Add("bad", bad);
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.ToString().find("views[0].position"), std::string::npos) << refused.ToString();
  EXPECT_FALSE(gallery.AddBatch({{"good", probe}, {"bad", bad}}, 2).ok());
  EXPECT_EQ(gallery.records(), 201u);
}

// The fused score keeps the calibrated scale whatever the number of fingers: when every finger's
// score is an impostor's (p = 10^(-s/10) uniform), a fused score reaches t with probability
// 10^(-t/10). A sum of scores fails this by orders of magnitude from two fingers on (at ten, the
// mean impostor sum is 43), and so does a fusion that ignores how many fingers a probe finger
// was compared with.
TEST(Identify, FusedScoresKeepTheCalibratedScaleForAnyNumberOfFingers) {
  std::mt19937_64 rng(12345);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  auto impostor_score = [&] { return -10 * std::log10(1.0 - uniform(rng)); };  // 1 - u: never 0
  constexpr int kDraws = 40000;
  for (int fingers : {1, 2, 4, 10}) {
    for (int chances : {1, 3}) {
      std::array<int, 3> reached{};  // fused >= 10, 20, 30
      std::vector<FingerEvidence> evidence(static_cast<size_t>(fingers));
      for (int d = 0; d < kDraws; ++d) {
        for (FingerEvidence& e : evidence) {
          e.compared = chances;
          e.score = 0;
          for (int c = 0; c < chances; ++c) e.score = std::max(e.score, impostor_score());
        }
        const double fused = FuseFingerScores(evidence);
        for (int t = 0; t < 3; ++t) reached[static_cast<size_t>(t)] += fused >= 10.0 * (t + 1);
      }
      for (int t = 0; t < 3; ++t) {
        const double expected = kDraws * std::pow(10.0, -(t + 1.0)), sd = std::sqrt(expected);
        EXPECT_NEAR(reached[static_cast<size_t>(t)], expected, 5 * sd)
            << fingers << " fingers, " << chances << " chances each, threshold " << 10 * (t + 1);
      }
    }
  }
}

TEST(Identify, SearchScoresCountTheGallerysChances) {
  EXPECT_EQ(SearchScore(37.5, 1), 37.5);
  EXPECT_EQ(SearchScore(0.0, 1000), 0.0);
  EXPECT_EQ(SearchScore(-3.0, 1000), 0.0);
  // 50 over ten records: 1 - (1 - 1e-5)^10, just above 1e-4.
  EXPECT_NEAR(SearchScore(50, 10), -10 * std::log10(1 - std::pow(1 - 1e-5, 10)), 1e-9);
  EXPECT_NEAR(SearchScore(50, 10), 40.0, 0.001);
  // A hit at FPIR 0.01 % in a million records needs 100.
  EXPECT_NEAR(SearchScore(100, 1000000), 40.0, 0.001);
  // 60 over a million: p = 1e-6, a million chances: 1 - 1/e.
  EXPECT_NEAR(SearchScore(60, 1000000), -10 * std::log10(1 - std::exp(-1.0)), 1e-3);
  // The search score of a search result is its score for the gallery's size.
  Gallery gallery;
  for (uint64_t i = 0; i < 30; ++i) ASSERT_TRUE(gallery.Add("f" + std::to_string(i), MakeImpression(MakeMasterFinger(i), 10 + i)).ok());
  const auto found = gallery.Search(MakeImpression(MakeMasterFinger(4), 99), 3, 1);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].id, "f4");
  for (const Candidate& c : found) EXPECT_EQ(c.search_score, SearchScore(c.score, 30));
}

// Two views of one finger are not two fingers' evidence: a probe holding two impressions of a
// finger counts them as one finger with two chances (fused as independent fingers they would lift
// an impostor's score as well as a mate's).
TEST(Identify, ViewsOfOneFingerCountAsOneFinger) {
  Gallery gallery;
  for (uint64_t r = 0; r < 30; ++r) ASSERT_TRUE(gallery.Add("r" + std::to_string(r), MakeImpression(MakeMasterFinger(r), r, 2)).ok());
  FingerprintTemplate probe = MakeImpression(MakeMasterFinger(7), 500, 2);
  probe.views.push_back(MakeImpression(MakeMasterFinger(7), 501, 2).views[0]);
  const auto found = gallery.Search(probe, 3, 1);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].id, "r7");
  ASSERT_EQ(found[0].fingers.size(), 2u);
  const double best = std::max(found[0].fingers[0].evidence.score, found[0].fingers[1].evidence.score);
  ASSERT_GT(best, 20.0) << "the test wants two strong views";
  EXPECT_EQ(found[0].score, FuseFingerScores(std::vector<FingerEvidence>{{best, 2}}));
  EXPECT_LT(found[0].score, best);
  EXPECT_LT(found[0].score, FuseFingerScores(std::vector<FingerEvidence>{found[0].fingers[0].evidence, found[0].fingers[1].evidence}));
  EXPECT_EQ(found[0].score, FuseProbeFingers(found[0].fingers));
  // Unknown positions form one group too; different known positions stay apart.
  EXPECT_EQ(FuseProbeFingers(std::vector<FingerResult>{{0, {30, 1}}, {0, {35, 1}}}),
            FuseFingerScores(std::vector<FingerEvidence>{{35, 2}}));
  EXPECT_EQ(FuseProbeFingers(std::vector<FingerResult>{{1, {30, 1}}, {2, {35, 1}}}),
            FuseFingerScores(std::vector<FingerEvidence>{{30, 1}, {35, 1}}));
  EXPECT_EQ(FuseProbeFingers(std::vector<FingerResult>{{3, {37.5, 1}}}), 37.5);
  // A record whose fingers have no positions meets every probe finger: what the probe's fingers
  // find there is pooled, not fused as independent fingers.
  Gallery unplaced;
  for (uint64_t r = 0; r < 10; ++r) {
    FingerprintTemplate t = MakeImpression(MakeMasterFinger(100 + 2 * r), r, 0);
    t.views.push_back(MakeImpression(MakeMasterFinger(101 + 2 * r), r + 50, 0).views[0]);
    ASSERT_TRUE(unplaced.Add("u" + std::to_string(r), t).ok());
  }
  FingerprintTemplate placed = MakeImpression(MakeMasterFinger(104), 900, 2);
  placed.views.push_back(MakeImpression(MakeMasterFinger(105), 901, 7).views[0]);
  const auto pooled = unplaced.Search(placed, 1, 1);
  ASSERT_EQ(pooled.size(), 1u);
  EXPECT_EQ(pooled[0].id, "u2");
  ASSERT_EQ(pooled[0].fingers.size(), 2u);
  for (const FingerResult& f : pooled[0].fingers) {
    EXPECT_TRUE(f.evidence.shared);
    EXPECT_EQ(f.evidence.compared, 2);
  }
  const double top = std::max(pooled[0].fingers[0].evidence.score, pooled[0].fingers[1].evidence.score);
  EXPECT_EQ(pooled[0].score, FuseFingerScores(std::vector<FingerEvidence>{{top, 4}}));
  // The same for two templates.
  FingerprintTemplate stored = MakeImpression(MakeMasterFinger(7), 7, 2);
  const TemplateMatch m = MatchTemplates(probe, stored);
  ASSERT_EQ(m.fingers.size(), 2u);
  EXPECT_EQ(m.score, FuseFingerScores(std::vector<FingerEvidence>{
                         {std::max(m.fingers[0].evidence.score, m.fingers[1].evidence.score), 4}}));
}

TEST(Identify, FusedScoresOfKnownEvidence) {
  // One finger compared once keeps its score exactly; nothing compared is no evidence.
  EXPECT_EQ(FuseFingerScores(std::vector<FingerEvidence>{{37.5, 1}}), 37.5);
  EXPECT_EQ(FuseFingerScores(std::vector<FingerEvidence>{{37.5, 1}, {80.0, 0}}), 37.5);
  EXPECT_EQ(FuseFingerScores(std::vector<FingerEvidence>{}), 0.0);
  EXPECT_EQ(FuseFingerScores(std::vector<FingerEvidence>{{50.0, 0}}), 0.0);
  // Compared with ten fingers, a 30 is a 1 - (1 - 0.001)^10 chance: 20.02.
  EXPECT_NEAR(FuseFingerScores(std::vector<FingerEvidence>{{30.0, 10}}), -10 * std::log10(1 - std::pow(0.999, 10)), 1e-9);
  // Two fingers at 40 (w = 1e-8, tau = 0.01): P = 2 (1 - tau) w + w (1 + ln(tau^2 / w)) = 1.2190e-7.
  const double two = 2 * 0.99 * 1e-8 + 1e-8 * (1 + std::log(1e-4 / 1e-8));
  EXPECT_NEAR(FuseFingerScores(std::vector<FingerEvidence>{{40.0, 1}, {40.0, 1}}), -10 * std::log10(two), 1e-9);
  // No finger at the floor: the best of n chances. Ten fingers at 15: 1 - (1 - 10^-1.5)^10.
  const std::vector<FingerEvidence> weak(10, FingerEvidence{15.0, 1});
  EXPECT_NEAR(FuseFingerScores(weak), -10 * std::log10(1 - std::pow(1 - std::pow(10.0, -1.5), 10)), 1e-9);
  // Strong fingers add up, weak ones do not reach a hit however many there are, and more evidence
  // never lowers the score.
  std::vector<FingerEvidence> ten(10, FingerEvidence{9.0, 1});
  EXPECT_LT(FuseFingerScores(ten), kDefaultThreshold) << "ten typical impostor fingers (sum 90)";
  double previous = FuseFingerScores(ten);
  for (size_t k = 0; k < 10; ++k) {
    ten[k].score = 30;
    const double now = FuseFingerScores(ten);
    EXPECT_GT(now, previous) << k;
    previous = now;
  }
  EXPECT_GT(previous, 150.0) << "ten fingers at 30";
  // Very strong evidence stays finite (logarithms throughout).
  const double strongest = FuseFingerScores(std::vector<FingerEvidence>(255, FingerEvidence{100.0, 1}));
  EXPECT_TRUE(std::isfinite(strongest));
  EXPECT_GT(strongest, 20000.0);
}

// 1:1 on whole templates: both directions of a pair count as two chances, fingers at different
// positions are not compared, and several fingers are fused.
TEST(Identify, MatchTemplatesComparesComparableFingersInBothDirections) {
  const FingerprintTemplate a = MakeImpression(MakeMasterFinger(31), 1), b = MakeImpression(MakeMasterFinger(31), 2);
  PreparedFinger pa = PreparedFinger::FromView(a.views[0]), pb = PreparedFinger::FromView(b.views[0]);
  pa.BuildIndex();
  pb.BuildIndex();
  Matcher m;
  const double both = std::max(m.Score(pa, pb), m.Score(pb, pa));
  ASSERT_GT(both, 20.0) << "the test wants a mate";
  const TemplateMatch ab = MatchTemplates(a, b), ba = MatchTemplates(b, a);
  ASSERT_EQ(ab.fingers.size(), 1u);
  EXPECT_EQ(ab.fingers[0].evidence.score, both);
  EXPECT_EQ(ab.fingers[0].evidence.compared, 2);
  EXPECT_NEAR(ab.score, -10 * std::log10(1 - std::pow(1 - std::pow(10.0, -both / 10), 2)), 1e-9);
  EXPECT_LT(ab.score, both) << "two chances weigh less than one";
  EXPECT_EQ(ab.score, ba.score) << "one view each: symmetric";
  // Two fingers each (positions 2 and 7): both fingers' evidence, fused; swapped positions: none.
  auto two = [](uint64_t person, uint64_t impression, uint8_t first, uint8_t second) {
    FingerprintTemplate t = MakeImpression(MakeMasterFinger(person * 2), impression, first);
    t.views.push_back(MakeImpression(MakeMasterFinger(person * 2 + 1), impression + 100, second).views[0]);
    return t;
  };
  const TemplateMatch mates = MatchTemplates(two(50, 1, 2, 7), two(50, 2, 2, 7));
  ASSERT_EQ(mates.fingers.size(), 2u);
  EXPECT_EQ(mates.fingers[0].position, 2);
  EXPECT_EQ(mates.fingers[1].position, 7);
  EXPECT_EQ(mates.score, FuseFingerScores(std::vector<FingerEvidence>{mates.fingers[0].evidence, mates.fingers[1].evidence}));
  EXPECT_GE(mates.score, kDefaultThreshold);
  // The same fingers filed under swapped positions: each compared with the other finger only.
  EXPECT_LT(MatchTemplates(two(50, 1, 2, 7), two(50, 2, 7, 2)).score, kDefaultThreshold);
  const TemplateMatch apart = MatchTemplates(two(50, 1, 2, 7), two(50, 2, 3, 4));
  EXPECT_EQ(apart.fingers[0].evidence.compared, 0);
  EXPECT_EQ(apart.fingers[1].evidence.compared, 0);
  EXPECT_EQ(apart.score, 0.0) << "no finger can be compared";
  EXPECT_LT(MatchTemplates(two(50, 1, 2, 7), two(51, 2, 2, 7)).score, kDefaultThreshold) << "another person";
}

// Ten-print records and probes: the mate's record is a hit, no other record is, although each of
// the 199 others collects ten impostor comparisons.
TEST(Identify, TenPrintSearchesHitTheMateAndNoImpostorRecord) {
  Gallery gallery;
  auto ten_print = [](uint64_t person, uint64_t impression) {
    FingerprintTemplate t;
    for (uint8_t pos = 1; pos <= 10; ++pos) {
      const FingerprintTemplate one = MakeImpression(MakeMasterFinger(person * 10 + pos), impression * 100 + pos, pos);
      if (t.views.empty()) t = one, t.views.clear();
      t.views.push_back(one.views[0]);
    }
    return t;
  };
  for (uint64_t r = 0; r < 200; ++r) ASSERT_TRUE(gallery.Add("p" + std::to_string(r), ten_print(r, 1)).ok());
  EXPECT_EQ(gallery.fingers(), 2000u);
  SearchOptions o;
  o.top = 200;
  o.threads = 2;
  const auto mate = gallery.Search(ten_print(42, 2), o);
  ASSERT_EQ(mate.size(), 200u);
  EXPECT_EQ(mate[0].id, "p42");
  EXPECT_GE(mate[0].score, kDefaultThreshold);
  // The fused score is computed from the evidence the candidate reports, finger by finger.
  ASSERT_EQ(mate[0].fingers.size(), 10u);
  std::vector<FingerEvidence> evidence;
  for (size_t f = 0; f < 10; ++f) {
    EXPECT_EQ(mate[0].fingers[f].position, f + 1);
    EXPECT_EQ(mate[0].fingers[f].evidence.compared, 1);
    evidence.push_back(mate[0].fingers[f].evidence);
  }
  EXPECT_EQ(mate[0].score, FuseFingerScores(evidence));
  for (size_t k = 1; k < mate.size(); ++k) EXPECT_LT(mate[k].score, kDefaultThreshold) << mate[k].id;
  const auto stranger = gallery.Search(ten_print(5000, 2), o);
  ASSERT_EQ(stranger.size(), 200u);
  EXPECT_LT(stranger[0].score, kDefaultThreshold) << stranger[0].id;
}

// The pre-selection leaves out triangles of crowded minutiae (their mean weight against chance
// below 0.7): a tight cluster that two fingers happen to share does not make them look alike,
// while a mate still collects its votes.
TEST(Identify, ACrowdedClusterDoesNotVoteInThePreselection) {
  auto with_cluster = [](uint64_t seed) {
    FingerView v = MakeImpression(MakeMasterFinger(seed), seed, 0).views[0];
    // Six minutiae within 12 px of (150, 200), the same in every finger.
    for (auto [dx, dy, a] : {std::array{0, 0, 1000}, {9, 2, 9000}, {3, 10, 20000}, {-7, 6, 30000}, {-4, -8, 41000},
                             {8, -7, 52000}}) {
      Minutia m;
      m.x = static_cast<uint16_t>(150 + dx);
      m.y = static_cast<uint16_t>(200 + dy);
      m.angle = static_cast<uint16_t>(a);
      m.type = 1;
      v.minutiae.push_back(m);
    }
    return v;
  };
  const FingerView stored = with_cluster(901);
  TripletIndex index;
  index.Add(0, PreparedFinger::FromView(stored));
  index.Build();
  const PreparedFinger prepared = PreparedFinger::FromView(stored);
  for (size_t i = stored.minutiae.size() - 6; i < stored.minutiae.size(); ++i) {
    EXPECT_LT(prepared.minutiae[i].weight, 0.7f) << "the cluster's minutiae are crowded";
  }
  auto votes_for = [&](const FingerView& probe) {
    const auto v = index.RotationVotes(TripletKeys(PreparedFinger::FromView(probe), true), 0);
    return *std::max_element(v.begin(), v.end());
  };
  // Another finger with the same cluster: no more votes than chance gives a finger without it.
  const int shared_cluster = votes_for(with_cluster(902));
  const int unrelated = votes_for(MakeImpression(MakeMasterFinger(902), 902, 0).views[0]);
  EXPECT_LE(shared_cluster, unrelated + 1) << "the cluster's own triangles voted";
  // The stored finger's mate (another impression of 901, with the cluster) collects many.
  FingerView mate = MakeImpression(MakeMasterFinger(901), 7901, 0).views[0];
  EXPECT_GT(votes_for(mate), 3 * std::max(1, shared_cluster));
}

TEST(Identify, TripletKeysOfDegenerateFingers) {
  auto finger = [](std::vector<std::array<int, 3>> points) {
    FingerView v;
    for (const auto& [x, y, a] : points) {
      Minutia m;
      m.x = static_cast<uint16_t>(x);
      m.y = static_cast<uint16_t>(y);
      m.angle = static_cast<uint16_t>(a);
      m.type = 1;
      v.minutiae.push_back(m);
    }
    return PreparedFinger::FromView(v);
  };
  EXPECT_TRUE(TripletKeys(finger({}), true).empty());
  EXPECT_TRUE(TripletKeys(finger({{10, 10, 0}, {40, 10, 0}}), true).empty()) << "no triangle from two minutiae";
  // Coincident and collinear minutiae make degenerate triangles: no keys, no crash.
  EXPECT_TRUE(TripletKeys(finger({{50, 50, 0}, {50, 50, 100}, {50, 50, 200}, {50, 50, 300}}), true).empty());
  EXPECT_TRUE(TripletKeys(finger({{10, 10, 0}, {10, 10, 9}, {60, 10, 0}}), false).empty()) << "a side under 8 px";
  // Sides over 160 px are left out; the far corners of the coordinate range stay in range.
  EXPECT_TRUE(TripletKeys(finger({{0, 0, 0}, {16383, 0, 0}, {0, 16383, 0}}), false).empty());
  const auto keys = TripletKeys(finger({{100, 100, 0}, {140, 100, 16384}, {120, 140, 32768}, {16383, 16383, 65535}}), true);
  EXPECT_FALSE(keys.empty());
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end()) << "no repeats";
  TripletIndex index;
  index.Add(0, finger({{100, 100, 0}, {140, 100, 16384}, {120, 140, 32768}}));
  index.Build();
  std::vector<float> affinity;
  index.Score(keys, &affinity);
  const auto votes = index.RotationVotes(keys, 0);
  ASSERT_EQ(affinity.size(), 1u);
  EXPECT_EQ(std::accumulate(votes.begin(), votes.end(), 0), 1);
  EXPECT_EQ(votes[0], 1) << "the same triangle, not turned";
  EXPECT_FLOAT_EQ(affinity[0], 1.0f) << "one vote for its one triangle";
}

// A finger's triangles are each minutia with pairs of its six nearest neighbours: a set, so the
// keys cannot depend on the order the minutiae are listed in, as long as no two distances are
// equal (the index breaks such ties, and orders a triangle's equal sides). Fingers of 30 random
// minutiae with all pairwise distances distinct, listed in two orders.
TEST(Identify, TripletKeysDoNotDependOnTheMinutiaeOrder) {
  uint64_t r = 99;
  auto next = [&] { return static_cast<uint32_t>((r = r * 6364136223846793005ull + 1442695040888963407ull) >> 33); };
  int fingers = 0;
  while (fingers < 20) {
    FingerView v;
    for (int i = 0; i < 30; ++i) {
      Minutia m;
      m.x = static_cast<uint16_t>(next() % 300);
      m.y = static_cast<uint16_t>(next() % 400);
      m.angle = static_cast<uint16_t>(next());
      m.type = 1;
      v.minutiae.push_back(m);
    }
    std::set<int64_t> distances;
    size_t pairs = 0;
    for (size_t i = 0; i < v.minutiae.size(); ++i) {
      for (size_t j = i + 1; j < v.minutiae.size(); ++j, ++pairs) {
        const int64_t dx = v.minutiae[i].x - v.minutiae[j].x, dy = v.minutiae[i].y - v.minutiae[j].y;
        distances.insert(dx * dx + dy * dy);
      }
    }
    if (distances.size() != pairs) continue;  // a tie somewhere: draw again
    ++fingers;
    const PreparedFinger listed = PreparedFinger::FromView(v);
    std::reverse(v.minutiae.begin(), v.minutiae.end());
    std::rotate(v.minutiae.begin(), v.minutiae.begin() + 11, v.minutiae.end());
    const PreparedFinger reordered = PreparedFinger::FromView(v);
    for (bool widened : {false, true}) {
      const auto keys = TripletKeys(listed, widened);
      EXPECT_FALSE(keys.empty());
      EXPECT_EQ(TripletKeys(reordered, widened), keys) << fingers << " " << widened;
    }
  }
}

TEST(Identify, TripletKeysAreInvariantToPlacementAndVotesFavourMates) {
  const FingerprintTemplate t = MakeImpression(MakeMasterFinger(8), 8);
  const PreparedFinger a = PreparedFinger::FromView(t.views[0]);
  // A shift keeps every key; a rotation keeps most shapes (quantisation may move a value across a
  // bin) and turns the keys' rotation bins.
  EXPECT_EQ(TripletKeys(a, false), TripletKeys(PreparedFinger::FromView(Moved(t.views[0], 0.0, 23, -11)), false));
  const auto stored = TripletKeys(a, false), widened = TripletKeys(PreparedFinger::FromView(Moved(t.views[0], 0.7, 5, 9)), true);
  ASSERT_FALSE(stored.empty());
  std::set<uint32_t> widened_shapes;
  for (uint32_t k : widened) widened_shapes.insert(k >> kRotationBits);
  size_t found = 0;
  for (uint32_t k : stored) found += widened_shapes.count(k >> kRotationBits);
  EXPECT_GE(found, stored.size() * 9 / 10) << "of " << stored.size();
  // Ten fingers indexed; each mate's other impression collects the most votes.
  TripletIndex index;
  for (uint32_t f = 0; f < 10; ++f) index.Add(f, PreparedFinger::FromView(MakeImpression(MakeMasterFinger(40 + f), 100 + f).views[0]));
  EXPECT_FALSE(index.built());
  index.Build();
  EXPECT_TRUE(index.built());
  int wins = 0;
  for (uint32_t f = 0; f < 10; ++f) {
    std::vector<float> affinity;
    index.Score(TripletKeys(PreparedFinger::FromView(MakeImpression(MakeMasterFinger(40 + f), 200 + f).views[0]), true), &affinity);
    wins += std::max_element(affinity.begin(), affinity.end()) - affinity.begin() == f;
  }
  EXPECT_GE(wins, 9);
  // Adding after a Build keeps what was there.
  index.Add(10, a);
  index.Build();
  EXPECT_EQ(index.RotationVotes(TripletKeys(a, true), 10)[0], index.triangles(10)) << "every stored key of a finger is among its own widened keys, not turned";
}

// Score walks each posting list in finger order, a block of fingers at a time: fingers added in
// any order, and more fingers than one block holds, score as fingers added in order do. Four
// impressions of each of three fingers, so that posting lists hold several fingers.
// Recent additions counted apart (Prepare) score exactly as merged ones (Build); an addition that
// is not appended after the merged fingers is merged.
TEST(Identify, RecentTripletAdditionsScoreAsMergedOnes) {
  std::vector<PreparedFinger> fingers;
  for (int m = 0; m < 40; ++m) fingers.push_back(PreparedFinger::FromView(MakeImpression(MakeMasterFinger(300 + m), 1).views[0]));
  TripletIndex merged, recent, fresh;
  for (uint32_t f = 0; f < fingers.size(); ++f) merged.Add(f, fingers[f]);
  merged.Build();
  for (uint32_t f = 0; f < 30; ++f) recent.Add(f, fingers[f]);
  recent.Build();
  for (uint32_t f = 30; f < fingers.size(); ++f) recent.Add(f, fingers[f]);
  recent.Prepare();
  EXPECT_TRUE(recent.ready());
  EXPECT_FALSE(recent.built()) << "10 fingers' postings are few against 30 fingers'? then they stay apart";
  for (uint32_t f = 0; f < 5; ++f) fresh.Add(f, fingers[f]);  // nothing merged yet at all
  fresh.Prepare();
  EXPECT_FALSE(fresh.built());
  for (int p = 0; p < 40; p += 3) {
    const auto keys = TripletKeys(PreparedFinger::FromView(MakeImpression(MakeMasterFinger(300 + p), 7).views[0]), true);
    std::vector<float> a, b, c;
    merged.Score(keys, &a);
    recent.Score(keys, &b);
    EXPECT_EQ(a, b) << p;
    EXPECT_EQ(std::max_element(b.begin(), b.end()) - b.begin(), p) << "a mate scores best";
    EXPECT_EQ(merged.RotationVotes(keys, static_cast<uint32_t>(p)), recent.RotationVotes(keys, static_cast<uint32_t>(p)));
    fresh.Score(keys, &c);
    EXPECT_EQ(std::vector<float>(a.begin(), a.begin() + 5), c);
  }
  // Finger 3 again, below the merged ones: merged in full.
  recent.Add(3, fingers[3]);
  recent.Prepare();
  EXPECT_TRUE(recent.built());
}

// Build merges pending postings into the stored lists in place (MallocArray grown by realloc,
// every list moved up from the last to the first): merged step by step, in 32- or 64-bit offsets,
// an index holds the same lists as one built at once.
TEST(Identify, TripletIndexMergedInStepsScoresAsOneBuiltAtOnce) {
  std::vector<PreparedFinger> fingers;
  for (int m = 0; m < 24; ++m) fingers.push_back(PreparedFinger::FromView(MakeImpression(MakeMasterFinger(500 + m), 1).views[0]));
  TripletIndex once, steps, wide_steps(1);
  for (uint32_t f = 0; f < fingers.size(); ++f) {
    once.Add(f, fingers[f]);
    steps.Add(f, fingers[f]);
    wide_steps.Add(f, fingers[f]);
    if (f % 5 == 4) {  // 5 fingers' postings merged into 0, 5, 10 and 15 stored fingers' (4 into 20 below)
      steps.Build();
      wide_steps.Build();
      EXPECT_TRUE(steps.built());
    }
  }
  once.Build();
  steps.Build();
  wide_steps.Build();
  steps.Build();  // nothing pending: changes nothing
  EXPECT_EQ(once.MemoryBytes(), steps.MemoryBytes()) << "no slack kept beyond the postings";
  TripletIndex copy = steps;  // a copy holds its own postings
  steps = TripletIndex();
  for (int p = 0; p < 24; p += 5) {
    const auto keys = TripletKeys(PreparedFinger::FromView(MakeImpression(MakeMasterFinger(500 + p), 6).views[0]), true);
    std::vector<float> a, b, c;
    once.Score(keys, &a);
    copy.Score(keys, &b);
    wide_steps.Score(keys, &c);
    EXPECT_EQ(a, b) << p;
    EXPECT_EQ(a, c) << p;
    EXPECT_EQ(std::max_element(a.begin(), a.end()) - a.begin(), p) << "a mate scores best";
    for (uint32_t f = 0; f < fingers.size(); ++f) {
      EXPECT_EQ(once.RotationVotes(keys, f), copy.RotationVotes(keys, f)) << p << " " << f;
      EXPECT_EQ(once.RotationVotes(keys, f), wide_steps.RotationVotes(keys, f)) << p << " " << f;
    }
  }
}

TEST(Identify, TripletScoresDoNotDependOnTheOrderFingersWereAdded) {
  std::vector<PreparedFinger> fingers;  // finger m's impressions at 4m..4m+3
  for (int m = 0; m < 3; ++m) {
    for (int i = 1; i <= 4; ++i) fingers.push_back(PreparedFinger::FromView(MakeImpression(MakeMasterFinger(60 + m), i).views[0]));
  }
  // Far numbers put the fingers in different blocks; the ones between have no triangles.
  const uint32_t spread = 30000;  // blocks hold 65,536 fingers
  // `reversed` also keeps its list offsets in 64 bits (as from 2^32 postings on), and is built in
  // two steps (a merge of stored and pending postings).
  TripletIndex in_order, reversed(1);
  for (uint32_t f = 0; f < fingers.size(); ++f) in_order.Add(f * spread, fingers[f]);
  for (uint32_t f = static_cast<uint32_t>(fingers.size()); f-- > 0;) {
    reversed.Add(f * spread, fingers[f]);
    if (f == 6) reversed.Build();
  }
  in_order.Build();
  reversed.Build();
  EXPECT_LT(in_order.MemoryBytes() + (size_t{1} << 22) * 3, reversed.MemoryBytes()) << "32-bit offsets: 16 MB less";
  for (int p = 0; p < 3; ++p) {
    const auto keys = TripletKeys(PreparedFinger::FromView(MakeImpression(MakeMasterFinger(60 + p), 5).views[0]), true);
    std::vector<float> a, b;
    in_order.Score(keys, &a);
    reversed.Score(keys, &b);
    ASSERT_EQ(a.size(), (fingers.size() - 1) * spread + 1);
    EXPECT_EQ(a, b);
    EXPECT_EQ((std::max_element(a.begin(), a.end()) - a.begin()) / static_cast<long>(spread) / 4, p) << "a mate scores best";
    for (uint32_t f = 0; f < fingers.size(); ++f) {
      const auto bins = in_order.RotationVotes(keys, f * spread);
      int best = 0;
      for (uint32_t r = 0; r < kRotationBins; ++r) best = std::max(best, bins[r] + bins[(r + 1) % kRotationBins]);
      EXPECT_FLOAT_EQ(a[f * spread], static_cast<float>(best) / in_order.triangles(f * spread)) << f;
    }
  }
}

// Each hit votes for the turn from the stored triangle to the probe's: a turned mate's votes
// gather in that turn's bin, and a finger holding the probe's triangles at four different turns
// (four turned copies of it, far apart) scores a quarter of a true mate, where counting hits
// alone would tie them.
TEST(Identify, TripletVotesGatherInTheRotationOfAMate) {
  const FingerprintTemplate t = MakeImpression(MakeMasterFinger(12), 3);
  const PreparedFinger a = PreparedFinger::FromView(t.views[0]);
  FingerView copies;
  for (int k = 0; k < 4; ++k) {
    const FingerView turned = Moved(t.views[0], k * 1.5707963, 1000 + 2000 * k, 1000);
    copies.minutiae.insert(copies.minutiae.end(), turned.minutiae.begin(), turned.minutiae.end());
  }
  TripletIndex index;
  index.Add(0, a);
  index.Add(1, PreparedFinger::FromView(copies));
  index.Build();
  for (double rot : {0.0, 0.7, 2.0, -1.3}) {
    const auto keys = TripletKeys(PreparedFinger::FromView(Moved(t.views[0], rot, 8, -5)), true);
    std::vector<float> affinity;
    index.Score(keys, &affinity);
    const auto votes = index.RotationVotes(keys, 0);
    // Moved turns the image clockwise by `rot` as the matcher sees it (y grows downwards).
    const double turn = std::fmod(-rot + 4 * 3.14159265358979, 2 * 3.14159265358979);
    const int expected = static_cast<int>(turn / (2 * 3.14159265358979) * kRotationBins);
    const auto peak = std::max_element(votes.begin(), votes.end()) - votes.begin();
    const int off = static_cast<int>((peak - expected + kRotationBins) % kRotationBins);
    EXPECT_TRUE(off <= 1 || off == static_cast<int>(kRotationBins) - 1) << rot << ": peak bin " << peak << ", expected " << expected;
    EXPECT_GT(affinity[0], 0.5f) << rot;
    EXPECT_LT(affinity[1], 0.5f * affinity[0]) << rot;
  }
}

}  // namespace
}  // namespace openpact::biometrics

namespace openpact::biometrics {
namespace {

// The same finger as captured at another resolution: positions scaled per axis, directions turned
// as that scaling turns them.
FingerprintTemplate Resampled(const FingerprintTemplate& t, uint16_t res_x, uint16_t res_y) {
  FingerprintTemplate out = t;
  out.res_x = res_x;
  out.res_y = res_y;
  const double fx = static_cast<double>(res_x) / kReferencePpcm, fy = static_cast<double>(res_y) / kReferencePpcm;
  for (Minutia& m : out.views[0].minutiae) {
    m.x = static_cast<uint16_t>(std::lround(m.x * fx));
    m.y = static_cast<uint16_t>(std::lround(m.y * fy));
    const double a = m.AngleRadians();
    m.angle = Minutia::AngleFromRadians(std::atan2(std::sin(a) * fy, std::cos(a) * fx));
  }
  return out;
}

TEST(Resolution, ViewsAreBroughtToTheReferenceResolutionPerAxis) {
  const FingerprintTemplate t = MakeImpression(MakeMasterFinger(31), 31);
  ASSERT_EQ(t.res_x, kReferencePpcm);
  EXPECT_EQ(ViewAtReferenceResolution(t, 0).minutiae.size(), t.views[0].minutiae.size());
  for (auto [rx, ry] : {std::pair<uint16_t, uint16_t>{394, 394}, {394, 197}, {197, 300}}) {
    const FingerView back = ViewAtReferenceResolution(Resampled(t, rx, ry), 0);
    ASSERT_EQ(back.minutiae.size(), t.views[0].minutiae.size());
    for (size_t i = 0; i < back.minutiae.size(); ++i) {
      const Minutia &a = back.minutiae[i], &b = t.views[0].minutiae[i];
      EXPECT_LE(std::abs(a.x - b.x), 1) << rx << "x" << ry;
      EXPECT_LE(std::abs(a.y - b.y), 1) << rx << "x" << ry;
      const int da = std::abs(static_cast<int>(a.angle) - static_cast<int>(b.angle));
      EXPECT_LE(std::min(da, 65536 - da), 200) << "within a degree";  // two roundings of 14-bit positions
    }
  }
  // A 1000 dpi capture of a finger is found by a search of the 500 dpi gallery, and scores as its
  // 500 dpi self does.
  Gallery gallery;
  for (uint64_t i = 0; i < 40; ++i) ASSERT_TRUE(gallery.Add("g" + std::to_string(i), MakeImpression(MakeMasterFinger(i), i)).ok());
  const FingerprintTemplate probe = MakeImpression(MakeMasterFinger(31), 777);
  SearchOptions o;
  o.top = 1;
  const auto at500 = gallery.Search(probe, o), at1000 = gallery.Search(Resampled(probe, 394, 394), o);
  ASSERT_EQ(at1000.size(), 1u);
  EXPECT_EQ(at1000[0].id, "g31");
  EXPECT_EQ(at500[0].id, "g31");
  EXPECT_NEAR(at1000[0].score, at500[0].score, 0.1 * at500[0].score);
}

TEST(Resolution, ImplausibleResolutionsAreMatchedAsReferenceWithAWarning) {
  FingerprintTemplate t = MakeImpression(MakeMasterFinger(3), 3);
  t.res_x = 5;
  t.res_y = 5;
  auto bytes = WriteIso19794_2(t);
  ASSERT_TRUE(bytes.ok());
  auto parsed = ParseIso19794_2(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size()));
  ASSERT_TRUE(parsed.ok());
  ASSERT_FALSE(parsed->warnings.empty());
  EXPECT_NE(parsed->warnings.back().find("implausible"), std::string::npos);
  EXPECT_EQ(ViewAtReferenceResolution(*parsed, 0).minutiae[0].x, t.views[0].minutiae[0].x);
}

// A long evaluation says where it stands: each database's start and end, in order, with its
// templates; folders without templates are not counted as databases.
TEST(Evaluation, ReportsEachDatabaseAsItGoes) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteSyntheticSet(dir.path() + "/DB1", 3, 2, 11).ok());
  ASSERT_TRUE(WriteSyntheticSet(dir.path() + "/DB2", 4, 2, 12).ok());
  std::filesystem::create_directories(dir.path() + "/empty");
  std::vector<DatabaseProgress> seen;
  EvaluationOptions options{.threads = 2};
  options.on_progress = [&](const DatabaseProgress& p) { seen.push_back(p); };
  auto r = EvaluateDirectory(dir.path(), Calibration::Default(), options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(seen.size(), 4u);
  const std::vector<std::tuple<std::string, size_t, size_t, bool>> expected = {
      {"DB1", 1, 6, false}, {"DB1", 1, 6, true}, {"DB2", 2, 8, false}, {"DB2", 2, 8, true}};
  for (size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].name, std::get<0>(expected[i])) << i;
    EXPECT_EQ(seen[i].index, std::get<1>(expected[i])) << i;
    EXPECT_EQ(seen[i].databases, 2u) << i;
    EXPECT_EQ(seen[i].templates, std::get<2>(expected[i])) << i;
    EXPECT_EQ(seen[i].done, std::get<3>(expected[i])) << i;
  }
  EXPECT_EQ(r->databases.size(), 2u);
}

}  // namespace
}  // namespace openpact::biometrics
