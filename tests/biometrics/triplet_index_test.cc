// TripletIndex against a naive index (triplet_reference.h): whatever the order of additions,
// merges (Build, in 32- or 64-bit list offsets), preparations that count recent additions apart
// and copies, every finger's pre-selection score and rotation votes are what comparing every
// stored key with every probe key gives. The fuzz target triplet_index_fuzz does the same from
// fuzz bytes; this runs fixed pseudo-random operation sequences in every `make test`.
#include "biometrics/triplet_index.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "biometrics/evaluation.h"
#include "biometrics/synthetic.h"
#include "biometrics/triplet_reference.h"

namespace openpact::biometrics {
namespace {

// An operation sequence in CheckTripletIndexAgainstNaive's bytes, shaped like a registry's life:
// fingers mostly appended in number order (some out of order, some numbers repeated and so
// skipped), Prepares between them (counted apart while appended, merged otherwise), now and then
// a Build or a copy, and probes scored throughout.
std::vector<uint8_t> RegistryLikeOperations(uint32_t seed) {
  std::mt19937 random(seed);
  // 32- and 64-bit list offsets, consecutive and far apart finger numbers, alike.
  std::vector<uint8_t> ops = {static_cast<uint8_t>(seed % 4)};
  auto keys = [&](uint32_t most) {
    const uint32_t count = random() % most;
    ops.push_back(static_cast<uint8_t>(count));
    for (uint32_t k = 0; k < 2 * count; ++k) ops.push_back(static_cast<uint8_t>(random()));
  };
  uint32_t next_finger = 0;
  for (int step = 0; step < 40; ++step) {
    const uint32_t roll = random() % 100;
    if (roll < 55) {
      ops.push_back(0);
      ops.push_back(static_cast<uint8_t>(random() % 5 == 0 ? random() % 64 : next_finger++ % 64));
      keys(24);
    } else if (roll < 70) {
      ops.push_back(5);
    } else if (roll < 74) {
      ops.push_back(4);
    } else if (roll < 76) {
      ops.push_back(6);
    } else {
      ops.push_back(7);
      keys(40);
    }
  }
  return ops;
}

TEST(TripletIndex, RandomAdditionsMergesAndPreparationsScoreAsANaiveIndex) {
  int merges = 0, counted_apart = 0, scores = 0;
  // Each merge walks all 4 M posting lists (and zeroes their 48 MB of offsets): 13
  // merges, 22 preparations counted apart and 78 probes in all.
  for (uint32_t seed = 1; seed <= 8; ++seed) {
    const testing::TripletCheck check = testing::CheckTripletIndexAgainstNaive(RegistryLikeOperations(seed));
    EXPECT_EQ(check.disagreement, "") << "seed " << seed;
    merges += check.merges;
    counted_apart += check.counted_apart;
    scores += check.scores;
  }
  // The sequences took every path that moves postings, and compared many probes.
  EXPECT_GT(merges, 0);
  EXPECT_GT(counted_apart, 0);
  EXPECT_GT(scores, 0);
}

// The naive index itself, on a case worked by hand: finger 0 holds keys of shape buckets 5 and
// 9, finger 2 one of bucket 5, finger 1 nothing. The probe's bucket-5 key, turned 3 bins from
// finger 0's, votes in bin 3; its bucket-9 key, turned one bin back, in bin 31. Bins 3 and 31
// are not neighbours, so finger 0's best two neighbouring bins hold 1 vote of its 2 triangles:
// 0.5. Finger 2's one triangle gets the bucket-5 vote (bin 7): 1.
TEST(TripletIndex, NaiveReferenceCountsVotesByTurn) {
  testing::NaiveTripletIndex naive;
  naive.AddKeys(0, {5u << kRotationBits | 4, 9u << kRotationBits | 1});
  naive.AddKeys(2, {5u << kRotationBits | 0});
  const std::vector<uint32_t> probe = {5u << kRotationBits | 7, 9u << kRotationBits | 0};
  const auto bins = naive.RotationVotes(probe, 0);
  EXPECT_EQ(bins[3], 1);
  EXPECT_EQ(bins[31], 1);
  EXPECT_EQ(naive.RotationVotes(probe, 2)[7], 1);
  const std::vector<float> affinity = naive.Score(probe);
  ASSERT_EQ(affinity.size(), 3u);
  EXPECT_FLOAT_EQ(affinity[0], 0.5f);
  EXPECT_FLOAT_EQ(affinity[1], 0.f);
  EXPECT_FLOAT_EQ(affinity[2], 1.f);
  // And the index agrees with it.
  TripletIndex index;
  index.AddKeys(0, {5u << kRotationBits | 4, 9u << kRotationBits | 1});
  index.AddKeys(2, {5u << kRotationBits | 0});
  index.Build();
  std::vector<float> scored;
  index.Score(probe, &scored);
  EXPECT_EQ(scored, affinity);
}

// TripletKeys against the plain computation (triplet_reference.h), stored and widened, key for key:
// synthetic impressions (partial captures, spurious minutiae), fingers on a coarse grid where
// many distances and sides are equal (the ties the neighbour order and the canonical vertex order
// break), tiny and crowded fingers, and the development set's real templates when present.
TEST(TripletKeys, AgreeWithThePlainComputation) {
  std::vector<PreparedFinger> fingers;
  for (uint64_t i = 0; i < 150; ++i) {
    const FingerprintTemplate t = MakeImpression(MakeMasterFinger(i / 3), i);
    fingers.push_back(PreparedFinger::FromView(ViewAtReferenceResolution(t, 0)));
  }
  std::mt19937 random(7);
  for (int i = 0; i < 60; ++i) {
    FingerView v;
    const int count = i < 8 ? i : 3 + static_cast<int>(random() % 60);
    const int step = i % 3 == 0 ? 10 : 1;  // every third on a 10 px grid: equal distances abound
    for (int k = 0; k < count; ++k) {
      Minutia m;
      m.x = static_cast<uint16_t>(step * static_cast<int>(random() % (i % 2 ? 12 : 30)));
      m.y = static_cast<uint16_t>(step * static_cast<int>(random() % (i % 2 ? 12 : 40)));
      m.angle = static_cast<uint16_t>(i % 5 == 0 ? 16384 * (random() % 4) : random());
      m.type = 1;
      v.minutiae.push_back(m);
    }
    fingers.push_back(PreparedFinger::FromView(v));
  }
  const std::string dir =
      std::string(OPENPACT_SOURCE_DIR) + "/../shared/testdata/fingerprints/fvc2004-b";
  size_t real = 0;
  if (std::filesystem::exists(dir)) {
    for (const auto& db : std::filesystem::directory_iterator(dir)) {
      if (!db.is_directory()) continue;
      for (const auto& file : std::filesystem::directory_iterator(db.path())) {
        auto t = ReadTemplateFile(file.path().string());
        if (!t.ok()) continue;
        fingers.push_back(PreparedFinger::FromView(ViewAtReferenceResolution(*t, 0)));
        ++real;
      }
    }
  }
  size_t keys = 0;
  for (size_t i = 0; i < fingers.size(); ++i) {
    for (bool widened : {false, true}) {
      const std::vector<uint32_t> expected = testing::ReferenceTripletKeys(fingers[i], widened);
      ASSERT_EQ(TripletKeys(fingers[i], widened), expected)
          << "finger " << i << (widened ? " widened" : " stored");
      keys += expected.size();
    }
  }
  EXPECT_GT(keys, 100000u) << "the fingers make many triangles";
  if (real == 0)
    GTEST_SKIP() << "compared synthetic fingers only: test data not found (" << dir << ")";
  EXPECT_EQ(real, 320u);
}

}  // namespace
}  // namespace openpact::biometrics
