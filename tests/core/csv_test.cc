#include "core/csv.h"

#include <gtest/gtest.h>

#include <filesystem>

#include <fstream>

#include "test_util.h"

namespace openpact {
namespace {

TEST(Csv, ParsesQuotedFieldsCommentsAndCrLf) {
  auto t = CsvTable::Parse("# source: test\n# more\na,b,c\r\n1,\"x, \"\"y\"\"\",3\n\n4,5,\"multi\nline\"\n",
                           "mem.csv");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->size(), 2u);
  EXPECT_EQ(t->header(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(t->row(0)[1], "x, \"y\"");
  EXPECT_EQ(t->row(1)[2], "multi\nline");
  EXPECT_EQ(t->line_of(0), 4);
  EXPECT_EQ(*t->Column("c"), 2u);
  EXPECT_EQ(t->Where(1, "c"), "mem.csv:6: column 'c'");
}

TEST(Csv, RefusesRaggedRowsNamingTheLine) {
  auto t = CsvTable::Parse("a,b\n1,2\n3\n", "f.csv");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("f.csv:3"), std::string::npos) << t.status().message();
}

TEST(Csv, RefusesUnterminatedQuoteAndMissingColumn) {
  EXPECT_FALSE(CsvTable::Parse("a\n\"open\n", "f.csv").ok());
  auto t = CsvTable::Parse("a\n1\n", "f.csv");
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->Column("zzz").ok());
}

// A numeric field is the whole field and finite: strtod alone would take "1x" as 1 and read
// "nan" and "inf"; the error names the file, line and column.
TEST(Csv, FiniteNumbersAreWholeAndFinite) {
  auto t = CsvTable::Parse("v\n-2.5\n1e3\nnan\ninf\n1x\n", "n.csv");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->size(), 5u);
  EXPECT_EQ(*t->FiniteNumber(0, 0, "v"), -2.5);
  EXPECT_EQ(*t->FiniteNumber(1, 0, "v"), 1000.0);
  auto empty = CsvTable::Parse("v,w\n,1\n", "e.csv");
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->FiniteNumber(0, 0, "v").ok()) << "an empty field is no number";
  for (size_t row = 2; row < 5; ++row) {
    auto bad = t->FiniteNumber(row, 0, "v");
    ASSERT_FALSE(bad.ok()) << row;
    EXPECT_NE(bad.status().ToString().find("not a finite number"), std::string::npos) << bad.status().ToString();
    EXPECT_NE(bad.status().ToString().find("n.csv:" + std::to_string(row + 2)), std::string::npos)
        << bad.status().ToString();
  }
}

TEST(Csv, ReadFileRefusesTooBigFiles) {
  testing::TempDir dir;
  std::ofstream(dir.File("big.csv")) << std::string(2000, 'x');
  auto r = ReadFileToString(dir.File("big.csv"), 1000);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("too big"), std::string::npos);
  EXPECT_EQ(ReadFileToString(dir.File("missing.csv")).status().code(), StatusCode::kNotFound);
  // Exactly at the limit is read whole.
  std::ofstream(dir.File("exact.csv")) << std::string(1000, 'y');
  auto exact = ReadFileToString(dir.File("exact.csv"), 1000);
  ASSERT_TRUE(exact.ok()) << exact.status().ToString();
  EXPECT_EQ(*exact, std::string(1000, 'y'));
}

TEST(Csv, WriteFileAtomicallyReplacesWholeWithItsMode) {
  testing::TempDir dir;
  const std::string path = dir.File("sub/secret.key");
  ASSERT_TRUE(WriteFileAtomically(path, "first", 0600).ok());  // the folder is created
  ASSERT_TRUE(WriteFileAtomically(path, "second version", 0600).ok());
  EXPECT_EQ(*ReadFileToString(path), "second version");
  const auto perms = std::filesystem::status(path).permissions();
  EXPECT_EQ(perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all), std::filesystem::perms::none);
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.File("sub"))) files += e.is_regular_file() ? 1 : 0;
  EXPECT_EQ(files, 1);  // no temporary file left behind
  EXPECT_FALSE(WriteFileAtomically(dir.File("sub/secret.key/below"), "x").ok());  // a file is no folder
}

TEST(Csv, ReadFileBoundsWhatItReadsNotWhatStatSays) {
  // A device reports size 0 and never ends: the read must stop at the limit, not exhaust memory.
  auto r = ReadFileToString("/dev/zero", 4096);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("too big: more than 4096 bytes"), std::string::npos) << r.status().ToString();
}

}  // namespace
}  // namespace openpact
