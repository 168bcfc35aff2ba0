// Every article the project cites of an act whose official text it holds exists there, with the
// paragraph and point cited: in the policy data, the role matrix and the API's description here;
// in every decision's answer in the scenario test. Skipped where the texts are absent.
#include "rules/citations.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/openapi.h"
#include "auth/auth.h"
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
