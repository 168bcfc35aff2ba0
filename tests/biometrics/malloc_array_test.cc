#include "biometrics/malloc_array.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>

#include "biometrics/template.h"

namespace openpact::biometrics {
namespace {

// Appended a record's worth at a time past glibc's mmap threshold (12 MB), the values are all
// kept and the block grows geometrically: a few dozen reallocations, not one per append.
TEST(MallocArray, AppendKeepsEveryValueAndGrowsGeometrically) {
  MallocArray<uint32_t> a;
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(a.data(), nullptr);
  std::set<size_t> capacities;
  uint32_t chunk[300];
  for (uint32_t first = 0; first < 3'000'000; first += 300) {
    for (uint32_t i = 0; i < 300; ++i) chunk[i] = first + i;
    a.Append(chunk, 300);
    capacities.insert(a.capacity());
    ASSERT_GE(a.capacity(), a.size());
  }
  ASSERT_EQ(a.size(), 3'000'000u);
  for (uint32_t i = 0; i < a.size(); ++i) ASSERT_EQ(a[i], i);
  EXPECT_LT(capacities.size(), 40u) << "grown by half at least each time";
  a.Append(chunk, 0);  // nothing
  EXPECT_EQ(a.size(), 3'000'000u);
}

TEST(MallocArray, ResizeKeepsThePrefixAndShrinkToFitTrimsWithoutLosingValues) {
  MallocArray<uint32_t> a;
  a.Resize(1000);
  EXPECT_EQ(a.capacity(), 1000u) << "Resize grows to exactly n";
  for (uint32_t i = 0; i < 1000; ++i) a[i] = i * 7;
  a.Resize(5000);
  for (uint32_t i = 0; i < 1000; ++i) ASSERT_EQ(a[i], i * 7);
  a.Resize(10);
  EXPECT_EQ(a.capacity(), 5000u) << "Resize never trims";
  a.ShrinkToFit();
  EXPECT_EQ(a.capacity(), 10u);
  ASSERT_EQ(a.size(), 10u);
  for (uint32_t i = 0; i < 10; ++i) EXPECT_EQ(a[i], i * 7);
  EXPECT_EQ(a.end() - a.begin(), 10);
  a.Resize(0);
  a.ShrinkToFit();
  EXPECT_EQ(a.data(), nullptr) << "freed when empty";
  EXPECT_EQ(a.capacity(), 0u);
}

TEST(MallocArray, CopiesAreIndependentAndMovesTakeTheBlock) {
  MallocArray<uint32_t> a;
  const uint32_t values[] = {4, 8, 15, 16, 23, 42};
  a.Append(values, 6);
  MallocArray<uint32_t> b = a;
  b[0] = 99;
  EXPECT_EQ(a[0], 4u);
  ASSERT_EQ(b.size(), 6u);
  EXPECT_EQ(b[5], 42u);
  MallocArray<uint32_t> c;
  c.Append(values, 2);
  c = a;  // a larger array copied over a smaller one
  ASSERT_EQ(c.size(), 6u);
  EXPECT_EQ(c[5], 42u);
  c = b;
  EXPECT_EQ(c[0], 99u);
  const uint32_t* block = a.data();
  MallocArray<uint32_t> d = std::move(a);
  EXPECT_EQ(d.data(), block);
  EXPECT_EQ(d.size(), 6u);
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
}

// The gallery's minutiae (a struct with default member values) go through it as bytes.
TEST(MallocArray, HoldsMinutiae) {
  MallocArray<Minutia> m;
  Minutia one;
  one.x = 120;
  one.y = 340;
  one.type = 2;
  one.angle = 40000;
  one.quality = 80;
  for (int i = 0; i < 1000; ++i) m.Append(&one, 1);
  m.ShrinkToFit();
  ASSERT_EQ(m.size(), 1000u);
  EXPECT_EQ(m[999].x, 120);
  EXPECT_EQ(m[999].y, 340);
  EXPECT_EQ(m[999].angle, 40000);
  EXPECT_EQ(m[999].quality, 80);
}

}  // namespace
}  // namespace openpact::biometrics
