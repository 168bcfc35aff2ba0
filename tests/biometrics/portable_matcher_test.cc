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

#include "biometrics/identify.h"
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

// A ScanAccelerator on the host: the portable matcher over the loaded fingers, as a GPU runs it.
// `fail` makes Score fail (a device lost mid-scan).
class HostAccelerator : public ScanAccelerator {
 public:
  explicit HostAccelerator(bool fail = false) : fail_(fail) {}
  Status Load(std::span<const portable::Minutia> minutiae, std::span<const uint32_t> offsets,
              std::span<const uint8_t> positions) override {
    minutiae_.assign(minutiae.begin(), minutiae.end());
    offsets_.assign(offsets.begin(), offsets.end());
    positions_.assign(positions.begin(), positions.end());
    return Status::OK();
  }
  Status Score(std::span<const PreparedFinger> probes, std::span<const uint8_t> positions,
               std::vector<double>* out) override {
    ++scans;
    if (fail_) return Status::Unavailable("device lost");
    const size_t n = positions_.size();
    out->assign(probes.size() * n, -1.0);  // poisoned: every comparable pair must be written
    auto scratch = std::make_unique<portable::Scratch>();
    for (size_t k = 0; k < probes.size(); ++k) {
      std::vector<portable::Minutia> probe_minutiae;
      EXPECT_TRUE(portable::AppendPortable(probes[k], &probe_minutiae, portable::Role::kProbe));
      const portable::Probe probe = portable::ProbeOf(probes[k], probe_minutiae);
      for (size_t g = 0; g < n; ++g) {
        if (!Comparable(positions[k], positions_[g])) continue;
        (*out)[k * n + g] = portable::RawScore(probe, minutiae_.data() + offsets_[g],
                                               static_cast<int>(offsets_[g + 1] - offsets_[g]), *scratch);
      }
    }
    return Status::OK();
  }
  int scans = 0;

 private:
  bool fail_;
  std::vector<portable::Minutia> minutiae_;
  std::vector<uint32_t> offsets_;
  std::vector<uint8_t> positions_;
};

void ExpectSameCandidates(const std::vector<Candidate>& a, const std::vector<Candidate>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].id, b[i].id);
    EXPECT_EQ(a[i].score, b[i].score);
    EXPECT_EQ(a[i].search_score, b[i].search_score);
    EXPECT_EQ(a[i].fingers_matched, b[i].fingers_matched);
    ASSERT_EQ(a[i].fingers.size(), b[i].fingers.size());
    for (size_t f = 0; f < a[i].fingers.size(); ++f) {
      EXPECT_EQ(a[i].fingers[f].evidence.score, b[i].fingers[f].evidence.score);
      EXPECT_EQ(a[i].fingers[f].evidence.compared, b[i].fingers[f].evidence.compared);
    }
  }
}

// A gallery of ten-print records (positions 1-10) and single fingers of unknown position.
Gallery MixedGallery(std::vector<FingerprintTemplate>* probes) {
  Gallery gallery;
  for (uint64_t r = 0; r < 12; ++r) {
    FingerprintTemplate t, probe;
    for (uint8_t f = 1; f <= 10; ++f) {
      const MasterFinger master = MakeMasterFinger(1000 + r * 10 + f);
      FingerprintTemplate one = MakeImpression(master, 2 * r + 1, f), other = MakeImpression(master, 99 + r, f);
      t.views.push_back(one.views[0]);
      if (f <= 4) probe.views.push_back(other.views[0]);
    }
    EXPECT_TRUE(gallery.Add("tenprint-" + std::to_string(r), t).ok());
    if (r < 3) probes->push_back(probe);
  }
  for (uint64_t r = 0; r < 25; ++r) {
    const MasterFinger master = MakeMasterFinger(5000 + r);
    EXPECT_TRUE(gallery.Add("single-" + std::to_string(r), MakeImpression(master, 7 + r)).ok());
    if (r < 3) probes->push_back(MakeImpression(master, 700 + r));
  }
  return gallery;
}

// A mixed gallery, its probes and the CPU scan's answers, against which accelerated searches are
// checked.
class ScanAcceleratorTest : public testing::Test {
 protected:
  ScanAcceleratorTest() : gallery(MixedGallery(&probes)) {
    options.top = 6;
    options.threads = 2;
    cpu = gallery.SearchBatch(probes, options);
  }
  // The batch searched again must give the CPU scan's candidates; returns what the search did.
  SearchStats SearchAgainExpectingTheCpusCandidates() {
    SearchStats stats;
    const auto answered = gallery.SearchBatch(probes, options, Calibration::Default(), &stats);
    EXPECT_EQ(answered.size(), probes.size());
    for (size_t b = 0; b < probes.size() && b < answered.size(); ++b) ExpectSameCandidates(cpu[b], answered[b]);
    return stats;
  }
  std::vector<FingerprintTemplate> probes;
  Gallery gallery;
  SearchOptions options;
  std::vector<std::vector<Candidate>> cpu;
};

TEST_F(ScanAcceleratorTest, ExhaustiveSearchesGiveTheCpuScansCandidates) {
  auto accelerator = std::make_unique<HostAccelerator>();
  HostAccelerator* host = accelerator.get();
  ASSERT_TRUE(gallery.UseAccelerator(std::move(accelerator), 2).ok());
  ASSERT_TRUE(gallery.accelerated());
  SearchStats stats = SearchAgainExpectingTheCpusCandidates();
  EXPECT_TRUE(stats.accelerated);
  EXPECT_TRUE(stats.accelerator_error.empty());
  EXPECT_EQ(host->scans, 1);  // the batch's fingers in one scan
  for (size_t b = 0; b < probes.size(); ++b) EXPECT_GE(cpu[b][0].score, 20) << "the mate should lead";
  // Asked not to, an exhaustive search keeps to the CPU.
  options.use_accelerator = false;
  stats = SearchAgainExpectingTheCpusCandidates();
  EXPECT_FALSE(stats.accelerated);
  EXPECT_EQ(host->scans, 1);
  options.use_accelerator = true;
  // A pre-selected search keeps to the CPU.
  options.preselect_fraction = 0.3;
  gallery.Search(probes[0], options, Calibration::Default(), &stats);
  EXPECT_FALSE(stats.accelerated);
  EXPECT_EQ(host->scans, 1);
  // Adding a record drops the accelerator (it holds the fingers as they were).
  ASSERT_TRUE(gallery.Add("late", MakeImpression(MakeMasterFinger(9999), 1)).ok());
  EXPECT_FALSE(gallery.accelerated());
}

TEST_F(ScanAcceleratorTest, LargeBatchesAreScoredInScansWithinTheBudget) {
  auto accelerator = std::make_unique<HostAccelerator>();
  HostAccelerator* host = accelerator.get();
  // Room for the scores of three probe fingers per scan: the batch's 15 fingers take five.
  size_t probe_fingers = 0;
  for (const auto& p : probes) probe_fingers += p.views.size();
  ASSERT_EQ(probe_fingers, 15u);
  ASSERT_TRUE(gallery.UseAccelerator(std::move(accelerator), 1, 3 * sizeof(double) * gallery.fingers()).ok());
  EXPECT_TRUE(SearchAgainExpectingTheCpusCandidates().accelerated);
  EXPECT_EQ(host->scans, 5);
}

TEST_F(ScanAcceleratorTest, AFingerBeyondThePortsLimitKeepsTheGalleryOnTheCpu) {
  FingerprintTemplate big;
  big.views.emplace_back();
  for (int i = 0; i < portable::kMaxMinutiae + 1; ++i) {
    Minutia m;
    m.x = static_cast<uint16_t>(10 + 7 * (i % 40));
    m.y = static_cast<uint16_t>(10 + 7 * (i / 40));
    big.views[0].minutiae.push_back(m);
  }
  ASSERT_TRUE(gallery.Add("big", big).ok());
  const Status used = gallery.UseAccelerator(std::make_unique<HostAccelerator>(), 1);
  EXPECT_EQ(used.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(used.message().find("more than 255 minutiae"), std::string::npos) << used.ToString();
  EXPECT_FALSE(gallery.accelerated());
}

TEST_F(ScanAcceleratorTest, AFailingAcceleratorLeavesTheAnswerToTheCpu) {
  ASSERT_TRUE(gallery.UseAccelerator(std::make_unique<HostAccelerator>(/*fail=*/true), 1).ok());
  const SearchStats stats = SearchAgainExpectingTheCpusCandidates();
  EXPECT_FALSE(stats.accelerated);
  EXPECT_NE(stats.accelerator_error.find("device lost"), std::string::npos) << stats.accelerator_error;
}

}  // namespace
}  // namespace openpact::biometrics
