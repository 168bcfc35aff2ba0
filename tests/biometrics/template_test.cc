#include "biometrics/template.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "biometrics/evaluation.h"
#include "biometrics/identify.h"
#include "biometrics/synthetic.h"
#include "test_util.h"

namespace openpact::biometrics {
namespace {

std::span<const uint8_t> Bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

std::string TestData() { return std::string(OPENPACT_SOURCE_DIR) + "/../shared/testdata/fingerprints"; }

FingerprintTemplate Sample() {
  FingerprintTemplate t;
  t.capture_equipment = 0x1234;
  t.width = 300;
  t.height = 400;
  t.res_x = t.res_y = 197;
  FingerView v;
  v.position = 2;
  v.view_number = 1;
  v.impression_type = 0;
  v.quality = 80;
  v.minutiae = {{10, 20, 1, 0x4000, 50}, {299, 399, 2, 0xFF00, 0}, {0, 0, 0, 0, 100}};
  v.extended.push_back({0x0101, std::string("\x01\x02\x03", 3)});
  t.views.push_back(v);
  return t;
}

TEST(Iso19794, RoundTripKeepsEveryField) {
  auto bytes = WriteIso19794_2(Sample());
  ASSERT_TRUE(bytes.ok());
  // 24 header + 4 view + 3 x 6 minutiae + 2 extended length + 4 + 3 block = 55 bytes.
  EXPECT_EQ(bytes->size(), 55u);
  auto t = ParseIso19794_2(Bytes(*bytes));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->capture_equipment, 0x1234);
  EXPECT_EQ(t->width, 300);
  EXPECT_EQ(t->height, 400);
  EXPECT_EQ(t->res_x, 197);
  ASSERT_EQ(t->views.size(), 1u);
  const FingerView& v = t->views[0];
  EXPECT_EQ(v.position, 2);
  EXPECT_EQ(v.view_number, 1);
  EXPECT_EQ(v.quality, 80);
  ASSERT_EQ(v.minutiae.size(), 3u);
  EXPECT_EQ(v.minutiae[0].x, 10);
  EXPECT_EQ(v.minutiae[0].y, 20);
  EXPECT_EQ(v.minutiae[0].type, 1);
  EXPECT_EQ(v.minutiae[0].angle, 0x4000);  // a quarter turn
  EXPECT_NEAR(v.minutiae[0].AngleRadians(), 3.14159265 / 2, 1e-6);
  EXPECT_EQ(v.minutiae[1].type, 2);
  EXPECT_EQ(v.minutiae[1].angle, 0xFF00);
  EXPECT_EQ(v.minutiae[2].quality, 100);
  ASSERT_EQ(v.extended.size(), 1u);
  EXPECT_EQ(v.extended[0].type, 0x0101);
  EXPECT_EQ(v.extended[0].data, std::string("\x01\x02\x03", 3));
  EXPECT_EQ(*WriteIso19794_2(*t), *bytes);
}

TEST(Iso19794, EveryTruncationIsRefusedWithAByteOffset) {
  const std::string bytes = *WriteIso19794_2(Sample());
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto t = ParseIso19794_2(Bytes(bytes.substr(0, n)));
    ASSERT_FALSE(t.ok()) << n;
    EXPECT_EQ(t.status().field().rfind("byte ", 0), 0u) << t.status().ToString();
  }
}

TEST(Iso19794, TrailingPaddingIsIgnoredWithAWarning) {
  std::string bytes = *WriteIso19794_2(Sample());
  bytes.append(7, '\0');
  auto t = ParseIso19794_2(Bytes(bytes));
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->warnings.size(), 1u);
  EXPECT_NE(t->warnings[0].find("7 byte(s)"), std::string::npos);
}

TEST(Iso19794, InconsistentRecordsNameTheField) {
  std::string good = *WriteIso19794_2(Sample());
  auto expect = [](std::string b, const std::string& field_part) {
    auto t = ParseIso19794_2(Bytes(b));
    ASSERT_FALSE(t.ok());
    EXPECT_NE(t.status().field().find(field_part), std::string::npos) << t.status().ToString();
  };
  std::string b = good;
  b[0] = 'X';
  expect(b, "format identifier");
  b = good;
  b[5] = '3';
  expect(b, "version");
  b = good;
  b[11] = static_cast<char>(b[11] - 1);  // record length one byte short of the content
  expect(b, "extended data");              // the last block no longer fits in the record
  b = good;
  b[11] = static_cast<char>(b[11] + 1);  // record length longer than the input
  expect(b, "record length");
  b = good;
  b[24] = 11;  // finger position 11
  expect(b, "finger position");
  b = good;
  b[28] = static_cast<char>(0xC0 | (b[28] & 0x3F));  // minutia type 3
  expect(b, "minutia type");
  b = good;
  b[27] = 4;  // one more minutia than present: the extended data no longer fits
  expect(b, "byte ");
  b = good;
  b[50] = 0x00;
  b[51] = 0x02;  // extended block length 2 < its 4-byte header
  expect(b, "extended data block length");
}

TEST(Ansi378, ReadsTheAnsiLayoutAndAngleUnits) {
  // Built by hand: header 26 bytes, one view with one minutia at (100, 200), angle 45 (= 90 degrees).
  std::string b("FMR\0 20\0", 8);
  auto u16 = [&](int v) {
    b += static_cast<char>(v >> 8);
    b += static_cast<char>(v & 0xFF);
  };
  u16(26 + 4 + 6 + 2);                     // record length
  b += std::string("\0\x01\0\x02", 4);     // CBEFF product id
  u16(0);                                  // capture equipment
  u16(300), u16(400), u16(197), u16(197);  // size, resolution
  b += '\x01';
  b += '\0';
  b += std::string("\x07\x10\x32\x01", 4);  // position 7, view 1, quality 50, 1 minutia
  u16(1 << 14 | 100);                       // ending at x = 100
  u16(200);
  b += static_cast<char>(45);
  b += static_cast<char>(60);
  u16(0);  // no extended data
  auto t = ParseAnsi378(Bytes(b));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->format, TemplateFormat::kAnsi378_2004);
  EXPECT_EQ(t->cbeff_product, 0x00010002u);
  EXPECT_EQ(t->views[0].position, 7);
  EXPECT_NEAR(t->views[0].minutiae[0].AngleRadians(), 3.14159265 / 2, 1e-4);
  // ParseTemplate falls back to ANSI when the ISO reading fails.
  EXPECT_TRUE(ParseTemplate(Bytes(b)).ok());
  // An ANSI angle above 179 is refused.
  std::string bad = b;
  bad[26 + 4 + 4] = static_cast<char>(200);
  auto r = ParseAnsi378(Bytes(bad));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().field().find("minutia angle"), std::string::npos);
}

TEST(Iso19794, RealTruncatedTemplatesAreRefused) {
  const std::string dir = TestData() + "/invalid/fvc2004/DB_1B";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "skipped: test data not found (" << dir << ")";
  int seen = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".iso") continue;
    ++seen;
    auto t = ReadTemplateFile(e.path().string());
    ASSERT_FALSE(t.ok()) << e.path();
    EXPECT_NE(t.status().message().find("truncated"), std::string::npos) << t.status().ToString();
  }
  EXPECT_EQ(seen, 3);
}

TEST(Iso19794, EveryRealDevelopmentTemplateParses) {
  const std::string dir = TestData() + "/fvc2004-b";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "skipped: test data not found (" << dir << ")";
  int n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".iso") continue;
    auto t = ReadTemplateFile(e.path().string());
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    EXPECT_GE(t->views[0].minutiae.size(), 6u);
    EXPECT_FALSE(t->IsSynthetic());
    ++n;
  }
  EXPECT_EQ(n, 320);
}

// SourceAFIS's ISO fixtures (real templates, 384-byte files): each record is followed by zero
// padding, which is ignored with a warning; the fields are those its README lists; writing a
// record back and reading it gives the same record; and the matcher tells the mate (here the
// same template: probe and "matching" are byte for byte identical) from the other finger.
TEST(Iso19794, SourceAfisFixturesWithTrailingPadding) {
  const std::string dir = TestData() + "/sourceafis";
  if (!std::filesystem::exists(dir + "/iso-probe.dat")) GTEST_SKIP() << "skipped: test data not found (" << dir << ")";
  struct Expected {
    const char* file;
    uint16_t width, height;
    size_t minutiae, declared;
  };
  std::vector<FingerprintTemplate> read;
  for (const Expected& e : {Expected{"iso-probe.dat", 224, 288, 38, 263}, Expected{"iso-matching.dat", 224, 288, 38, 263},
                            Expected{"iso-nonmatching.dat", 208, 320, 39, 269}}) {
    auto t = ReadTemplateFile(dir + "/" + e.file);
    ASSERT_TRUE(t.ok()) << e.file << ": " << t.status().ToString();
    EXPECT_EQ(t->format, TemplateFormat::kIso19794_2_2005) << e.file;
    EXPECT_EQ(t->width, e.width) << e.file;
    EXPECT_EQ(t->height, e.height) << e.file;
    EXPECT_EQ(t->res_x, 197);
    EXPECT_EQ(t->res_y, 197);
    ASSERT_EQ(t->views.size(), 1u);
    EXPECT_EQ(t->views[0].quality, 100);
    EXPECT_EQ(t->views[0].minutiae.size(), e.minutiae) << e.file;
    ASSERT_EQ(t->views[0].extended.size(), 1u) << "5 bytes of extended data: one block, kept";
    EXPECT_FALSE(t->IsSynthetic());
    ASSERT_EQ(t->warnings.size(), 1u) << e.file;
    EXPECT_EQ(t->warnings[0], std::to_string(384 - e.declared) + " byte(s) after the declared record length " +
                                  std::to_string(e.declared) + " ignored");
    auto written = WriteIso19794_2(*t);
    ASSERT_TRUE(written.ok());
    EXPECT_EQ(written->size(), e.declared) << "the record without its padding";
    auto again = ParseIso19794_2(Bytes(*written));
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->warnings.empty());
    EXPECT_EQ(*WriteIso19794_2(*again), *written);
    read.push_back(std::move(*t));
  }
  const TemplateMatch self = MatchTemplates(read[0], read[1]);
  const TemplateMatch other = MatchTemplates(read[0], read[2]);
  EXPECT_GE(self.score, kDefaultThreshold);
  EXPECT_LT(other.score, kDefaultThreshold);
}

TEST(Synthetic, DeterministicMarkedAndRealistic) {
  const MasterFinger a = MakeMasterFinger(42), b = MakeMasterFinger(42);
  ASSERT_EQ(a.minutiae.size(), b.minutiae.size());
  EXPECT_GE(a.minutiae.size(), 20u);
  EXPECT_LE(a.minutiae.size(), 80u);
  const auto t1 = MakeImpression(a, 7), t2 = MakeImpression(a, 7), t3 = MakeImpression(a, 8);
  EXPECT_EQ(*WriteIso19794_2(t1), *WriteIso19794_2(t2));
  EXPECT_NE(*WriteIso19794_2(t1), *WriteIso19794_2(t3));
  EXPECT_TRUE(t1.IsSynthetic());
  auto parsed = ParseIso19794_2(Bytes(*WriteIso19794_2(t1)));
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->IsSynthetic());
  for (const Minutia& m : t1.views[0].minutiae) {
    EXPECT_LT(m.x, 300);
    EXPECT_LT(m.y, 400);
  }
  // Minutiae density: across 200 masters the mean count is 20..80 and they keep >= 11 px apart.
  double total = 0;
  for (uint64_t s = 1; s <= 200; ++s) total += MakeMasterFinger(s).minutiae.size();
  EXPECT_GT(total / 200, 30);
  EXPECT_LT(total / 200, 60);
}

TEST(Synthetic, WriteSetRefusesBadCounts) {
  testing::TempDir dir;
  EXPECT_EQ(WriteSyntheticSet(dir.path(), 0, 8, 1).field(), "--fingers");
  EXPECT_EQ(WriteSyntheticSet(dir.path(), 2, 0, 1).field(), "--impressions");
  ASSERT_TRUE(WriteSyntheticSet(dir.path(), 2, 3, 1).ok());
  EXPECT_TRUE(std::filesystem::exists(dir.File("2_3.iso")));
  // No file is ever replaced (a folder of real templates uses the same names), and a refused run
  // writes nothing: 3 fingers would add 3_1..3_3, but 1_1..2_3 exist.
  { std::ofstream(dir.File("1_2.iso"), std::ios::trunc) << "someone's template"; }
  const Status again = WriteSyntheticSet(dir.path(), 3, 3, 2);
  EXPECT_EQ(again.field(), "--out");
  EXPECT_NE(again.message().find("1_1.iso already exists (and 5 more"), std::string::npos) << again.message();
  EXPECT_FALSE(std::filesystem::exists(dir.File("3_1.iso")));
  std::ifstream kept(dir.File("1_2.iso"));
  std::string content((std::istreambuf_iterator<char>(kept)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "someone's template");
}

}  // namespace
}  // namespace openpact::biometrics

namespace openpact::biometrics {
namespace {

TEST(Minutia, AngleFromRadiansIsTheInverseOfAngleRadiansModuloATurn) {
  constexpr double kPi = 3.14159265358979323846;
  EXPECT_EQ(Minutia::AngleFromRadians(0), 0);
  EXPECT_EQ(Minutia::AngleFromRadians(kPi / 2), 16384);
  EXPECT_EQ(Minutia::AngleFromRadians(-kPi / 2), 49152);
  EXPECT_EQ(Minutia::AngleFromRadians(2 * kPi), 0);
  EXPECT_EQ(Minutia::AngleFromRadians(5 * kPi), 32768);
  for (uint16_t a : {uint16_t{1}, uint16_t{12345}, uint16_t{65535}}) {
    Minutia m;
    m.angle = a;
    EXPECT_EQ(Minutia::AngleFromRadians(m.AngleRadians()), a);
  }
}

}  // namespace
}  // namespace openpact::biometrics
