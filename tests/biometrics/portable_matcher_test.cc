// The portable matcher (the accelerators' port) must compute exactly what the CPU matcher does:
// compared bit for bit, on the host, over synthetic fingers and the real development templates.
#include "biometrics/portable_matcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>

#include "biometrics/portable_export.h"
#include "biometrics/synthetic.h"

namespace openpact::biometrics {
namespace {

struct Ported {
  PreparedFinger prepared;
  std::vector<portable::Minutia> as_probe, as_candidate;  // the port's two layouts
};

Ported Port(const FingerView& view) {
  Ported p{PreparedFinger::FromView(view), {}, {}};
  p.prepared.BuildIndex();
  EXPECT_TRUE(portable::AppendPortable(p.prepared, &p.as_probe, portable::Role::kProbe));
  EXPECT_TRUE(portable::AppendPortable(p.prepared, &p.as_candidate));
  return p;
}

// Every ordered pair of `fingers` (with itself too): the port's raw score equals the matcher's.
// Returns how many pairs scored above zero, so a caller can check that the comparison meant
// something.
int ExpectSameScores(const std::vector<Ported>& fingers) {
  Matcher matcher;
  auto scratch = std::make_unique<portable::Scratch>();
  int nonzero = 0;
  for (const Ported& a : fingers) {
    const portable::Probe probe = portable::ProbeOf(a.prepared, a.as_probe);
    for (const Ported& b : fingers) {
      const double cpu = matcher.RawScore(a.prepared, b.prepared);
      const double port =
          portable::RawScore(probe, b.as_candidate.data(), static_cast<int>(b.as_candidate.size()), *scratch);
      EXPECT_EQ(cpu, port) << a.as_probe.size() << " x " << b.as_candidate.size() << " minutiae";
      if (cpu != port) return -1;
      nonzero += cpu > 0;
    }
  }
  return nonzero;
}

TEST(PortableMatcher, SameScoresAsTheMatcherOnSyntheticFingers) {
  std::vector<Ported> fingers;
  for (uint64_t f = 1; f <= 12; ++f) {
    const MasterFinger master = MakeMasterFinger(f);
    for (uint64_t k = 0; k < 3; ++k) fingers.push_back(Port(MakeImpression(master, f * 10 + k).views[0]));
  }
  const int nonzero = ExpectSameScores(fingers);
  EXPECT_GT(nonzero, 36 * 3);  // the mates and many impostors have candidate pairs
}

TEST(PortableMatcher, SameScoresForLargeTinyAndTiedFingers) {
  // Across the 64-minutia word boundaries and up to the port's limit; fingers of 0-3 minutiae.
  std::mt19937 rng(7);
  std::vector<Ported> fingers;
  for (int n : {0, 2, 3, 5, 63, 64, 65, 128, 200, 255}) {
    FingerView v;
    for (int i = 0; i < n; ++i) {
      Minutia m;
      m.x = static_cast<uint16_t>(rng() % 600);
      m.y = static_cast<uint16_t>(rng() % 800);
      m.angle = static_cast<uint16_t>(rng() % 65536);
      m.type = static_cast<uint8_t>(1 + rng() % 2);
      v.minutiae.push_back(m);
    }
    fingers.push_back(Port(v));
    // A distorted copy of the same finger, so that large fingers also meet a mate.
    for (Minutia& m : v.minutiae) m.x = static_cast<uint16_t>(m.x + rng() % 5), m.y = static_cast<uint16_t>(m.y + 3);
    fingers.push_back(Port(v));
  }
  // Minutiae in stacks at one position (equal distances: the ties the minutiae's indexes break)
  // and in columns of one x (ties in the port's x order).
  for (int shift : {0, 1}) {
    FingerView v;
    for (int i = 0; i < 60; ++i) {
      Minutia m;
      m.x = static_cast<uint16_t>(100 + 20 * (i / 12) + shift);
      m.y = static_cast<uint16_t>(100 + 25 * ((i / 3) % 4) + shift);
      m.angle = static_cast<uint16_t>(9000 * (i % 3) + 700 * (i / 12));
      v.minutiae.push_back(m);
    }
    fingers.push_back(Port(v));
  }
  // Two candidate minutiae at the same distance from a probe minutia, the right one listed first:
  // the consolidation must pick by index (the right one), not by the port's x order.
  {
    FingerView probe, candidate;
    for (int i = 0; i < 20; ++i) {
      Minutia m;
      m.x = static_cast<uint16_t>(40 + rng() % 220);
      m.y = static_cast<uint16_t>(40 + rng() % 320);
      m.angle = static_cast<uint16_t>(rng() % 65536);
      probe.minutiae.push_back(m);
      candidate.minutiae.push_back(m);
    }
    for (int i = 0; i < 6; ++i) {
      Minutia m;
      m.x = static_cast<uint16_t>(60 + 35 * i);
      m.y = static_cast<uint16_t>(70 + 50 * i);
      m.angle = static_cast<uint16_t>(rng() % 65536);
      probe.minutiae.push_back(m);
      Minutia right = m, left = m;
      right.x = static_cast<uint16_t>(m.x + 5);
      left.x = static_cast<uint16_t>(m.x - 5);
      right.angle = static_cast<uint16_t>(m.angle + 2000);
      candidate.minutiae.push_back(right);
      candidate.minutiae.push_back(left);
    }
    fingers.push_back(Port(probe));
    fingers.push_back(Port(candidate));
  }
  EXPECT_GT(ExpectSameScores(fingers), 10);
  // Beyond the limit the port declines instead of reading past its scratch.
  FingerView big;
  big.minutiae.resize(256);
  for (int i = 0; i < 256; ++i) big.minutiae[i].x = static_cast<uint16_t>(i * 3);
  std::vector<portable::Minutia> out;
  EXPECT_FALSE(portable::AppendPortable(PreparedFinger::FromView(big), &out));
  EXPECT_TRUE(out.empty());
}

TEST(PortableMatcher, SameScoresOnTheRealDevelopmentTemplates) {
  const std::string dir = std::string(OPENPACT_SOURCE_DIR) + "/../shared/testdata/fingerprints/fvc2004-b";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "skipped: test data not found (" << dir << ")";
  int databases = 0;
  for (const auto& db : std::filesystem::directory_iterator(dir)) {
    if (!db.is_directory()) continue;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(db.path())) {
      if (e.path().extension() == ".iso") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<Ported> fingers;
    for (const auto& path : files) {
      std::ifstream in(path, std::ios::binary);
      const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      auto t = ParseTemplate(bytes);
      ASSERT_TRUE(t.ok()) << path << ": " << t.status().ToString();
      fingers.push_back(Port(ViewAtReferenceResolution(*t, 0)));
    }
    ASSERT_EQ(fingers.size(), 80u) << db.path();
    EXPECT_GT(ExpectSameScores(fingers), 1000) << db.path();
    ++databases;
  }
  EXPECT_EQ(databases, 4);
}

}  // namespace
}  // namespace openpact::biometrics
