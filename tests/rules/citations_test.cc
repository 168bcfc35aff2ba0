// Every article the project cites of an act whose official text it holds exists there, with the
// paragraph and point cited: in the policy data, the role matrix and the API's description here;
// in every decision's answer in the scenario test. Skipped where the texts are absent.
#include "rules/citations.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "api/openapi.h"
#include "auth/auth.h"
#include "core/csv.h"
#include "core/version.h"

namespace openpact::testing {
namespace {

// The check itself finds what does not exist, and passes what does.
TEST(Citations, TheCheckFindsArticlesParagraphsAndPointsThatDoNotExist) {
  const LawTexts& law = LawTexts::Shared();
  if (!law.available()) GTEST_SKIP() << "shared/spec/law-it is not beside the checkout";
  size_t checked = 0;
  EXPECT_TRUE(law.Problems("Regulation (EU) 2024/1348, Art. 42(1)(e); Regulation (EU) 2024/1348, Art. 42(3)(b)",
                           &checked).empty());
  EXPECT_EQ(checked, 2u);
  // A definitions article's numbered point, as "Art. 3(9)" cites it.
  EXPECT_TRUE(law.Problems("Regulation (EU) 2024/1347, Art. 3(9)").empty());
  EXPECT_TRUE(law.Problems("Directive (EU) 2024/1346, Art. 17(1)").empty());
  // The short names stand for their acts: the APR has an Art. 43(4), the Eurodac Regulation no Art. 90.
  EXPECT_TRUE(law.Problems("APR Art. 43(4); Screening Regulation Art. 10(2); AMMR Art. 67(9)").empty());
  EXPECT_EQ(law.Problems("Eurodac Art. 90").size(), 1u);
  // An act whose text is not held is not checked.
  checked = 0;
  EXPECT_TRUE(law.Problems("Regulation (EU) 2016/679, Art. 999", &checked).empty());
  EXPECT_EQ(checked, 0u);
  const auto wrong = law.Problems(
      "Regulation (EU) 2024/1348, Art. 420 / Regulation (EU) 2024/1348, Art. 42(9) / "
      "Regulation (EU) 2024/1348, Art. 42(1)(z)");
  ASSERT_EQ(wrong.size(), 3u);
  EXPECT_EQ(wrong[0], "Regulation (EU) 2024/1348, Art. 420: the act has no Art. 420");
  EXPECT_EQ(wrong[1], "Regulation (EU) 2024/1348, Art. 42(9): Art. 42 has no paragraph (9)");
  EXPECT_EQ(wrong[2], "Regulation (EU) 2024/1348, Art. 42(1)(z): Art. 42(1) has no point (z)");
}

TEST(Citations, PolicyDataRoleMatrixAndApiCiteWhatTheTextsHold) {
  const LawTexts& law = LawTexts::Shared();
  if (!law.available()) GTEST_SKIP() << "shared/spec/law-it is not beside the checkout";
  size_t checked = 0;
  auto expect_none = [&](const std::string& text, const std::string& where) {
    for (const std::string& p : law.Problems(text, &checked)) ADD_FAILURE() << where << ": " << p;
  };
  for (const auto& entry : std::filesystem::directory_iterator(std::string(OPENPACT_TEST_DATA_DIR) + "/policy")) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    expect_none(text.str(), entry.path().filename().string());
  }
  expect_none(auth::MatrixMarkdown(), "the role matrix");
  expect_none(api::OpenApiDocument(Version()), "the OpenAPI document");
  EXPECT_GT(checked, 150u) << "the citations were found and checked";
}

// Each time limit of the policy data is the one the paragraph it cites states: its number (in
// figures or in words) before its unit, in the Italian text.
TEST(Citations, EveryTimeLimitIsTheOneItsParagraphStates) {
  const LawTexts& law = LawTexts::Shared();
  if (!law.available()) GTEST_SKIP() << "shared/spec/law-it is not beside the checkout";
  // The check itself: Art. 27(1) APR gives five days to register, not six, nor five weeks.
  const std::string registration = law.Text("2024/1348", 27, 1);
  ASSERT_FALSE(registration.empty());
  EXPECT_TRUE(LawTexts::StatesPeriod(registration, 5, "days"));
  EXPECT_FALSE(LawTexts::StatesPeriod(registration, 6, "days"));
  EXPECT_FALSE(LawTexts::StatesPeriod(registration, 5, "weeks"));

  auto table = CsvTable::ReadFile(std::string(OPENPACT_TEST_DATA_DIR) + "/policy/parameters.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const size_t c_id = *table->Column("id"), c_value = *table->Column("value"), c_basis = *table->Column("legal_basis");
  static const std::regex kPeriod(R"(^(\d+) (days?|working_days?|weeks?|months?|years?|hours?)$)");
  static const std::regex kBasis(R"((?:Regulation|Directive) \(EU\) (\d{4}/\d{4}), Arts?\. (\d+)(?:\((\d+)\))?)");
  size_t checked = 0;
  for (size_t i = 0; i < table->size(); ++i) {
    const auto& row = table->row(i);
    std::smatch period, basis;
    if (!std::regex_match(row[c_value], period, kPeriod) || !std::regex_search(row[c_basis], basis, kBasis)) continue;
    const std::string text = law.Text(basis[1], std::stoi(basis[2]), basis[3].matched ? std::stoi(basis[3]) : 0);
    if (text.empty()) continue;  // an act not held here; a missing article is the other tests' to report
    ++checked;
    std::string unit = period[2];
    if (unit.back() != 's') unit += 's';  // "1 month" is counted as months
    EXPECT_TRUE(LawTexts::StatesPeriod(text, std::stoi(period[1]), unit))
        << row[c_id] << ": " << row[c_value] << " is not what " << basis[0] << " states";
  }
  EXPECT_GT(checked, 100u) << "the time limits were found and checked";
}

// The other numbers of the policy data (shares, multipliers, counts, amounts) are the ones their
// paragraphs state; a value the data call derived is not in the text and is left out.
TEST(Citations, EveryThresholdAndAmountIsTheOneItsParagraphStates) {
  const LawTexts& law = LawTexts::Shared();
  if (!law.available()) GTEST_SKIP() << "shared/spec/law-it is not beside the checkout";
  // The check itself: APR Art. 47(1) multiplies by two from 2026, not by five.
  const std::string maximum = law.Text("2024/1348", 47, 1);
  EXPECT_TRUE(LawTexts::StatesNumber(maximum, 2, "apr.annual_maximum_multiplier"));
  EXPECT_FALSE(LawTexts::StatesNumber(maximum, 5, "apr.annual_maximum_multiplier"));
  EXPECT_TRUE(LawTexts::StatesNumber(law.Text("2024/1348", 46), 30000, "apr.union_adequate_capacity"));
  // A count written out in words: Screening Art. 13(5), "non più di trenta minori non accompagnati".
  EXPECT_TRUE(LawTexts::StatesNumber(law.Text("2024/1356", 13), 30, "screening.representative_max_minors_count"));
  EXPECT_FALSE(LawTexts::StatesNumber(law.Text("2024/1356", 13), 20, "screening.representative_max_minors_count"));
  EXPECT_FALSE(LawTexts::StatesNumber(law.Text("2024/1348", 46), 3000, "apr.union_adequate_capacity"));

  auto table = CsvTable::ReadFile(std::string(OPENPACT_TEST_DATA_DIR) + "/policy/parameters.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const size_t c_id = *table->Column("id"), c_value = *table->Column("value"), c_basis = *table->Column("legal_basis"),
               c_note = *table->Column("note");
  static const std::regex kNumber(R"(^\d+$)");
  static const std::regex kBasis(R"((?:Regulation|Directive) \(EU\) (\d{4}/\d{4}), Arts?\. (\d+)(?:\((\d+)\))?)");
  size_t checked = 0;
  for (size_t i = 0; i < table->size(); ++i) {
    const auto& row = table->row(i);
    std::smatch basis;
    if (!std::regex_match(row[c_value], kNumber) || !std::regex_search(row[c_basis], basis, kBasis)) continue;
    if (row[c_note].rfind("derived", 0) == 0) continue;
    const std::string text = law.Text(basis[1], std::stoi(basis[2]), basis[3].matched ? std::stoi(basis[3]) : 0);
    if (text.empty()) continue;
    ++checked;
    EXPECT_TRUE(LawTexts::StatesNumber(text, std::stoll(row[c_value]), row[c_id]))
        << row[c_id] << ": " << row[c_value] << " is not what " << basis[0] << " states";
  }
  EXPECT_GE(checked, 10u) << "the numbers were found and checked";
}

// The documentation, the sources' comments and the dashboard cite articles by the acts' short names
// too ("APR Art. 43(4)", "Eurodac Art. 40(1)"): each exists.
TEST(Citations, DocumentationAndSourcesCiteWhatTheTextsHold) {
  const LawTexts& law = LawTexts::Shared();
  if (!law.available()) GTEST_SKIP() << "shared/spec/law-it is not beside the checkout";
  namespace fs = std::filesystem;
  const fs::path root = OPENPACT_SOURCE_DIR;
  std::vector<fs::path> files = {root / "README.md"};
  for (const char* dir : {"docs", "src", "web"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      const std::string ext = entry.path().extension().string();
      if (ext == ".md" || ext == ".h" || ext == ".cc" || ext == ".js" || ext == ".html") files.push_back(entry.path());
    }
  }
  size_t checked = 0;
  for (const fs::path& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    for (const std::string& p : law.Problems(text.str(), &checked)) {
      ADD_FAILURE() << fs::relative(file, root).string() << ": " << p;
    }
  }
  EXPECT_GT(checked, 300u) << "the citations were found and checked";
}

}  // namespace
}  // namespace openpact::testing
