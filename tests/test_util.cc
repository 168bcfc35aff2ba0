#include "test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>

#include <gtest/gtest.h>

namespace openpact::testing {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "openpact-test-XXXXXX").string();
  path_ = ::mkdtemp(tmpl.data());
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string DataDir() { return OPENPACT_TEST_DATA_DIR; }

const rules::RulesData& SharedRules() {
  static const rules::RulesData* data = [] {
    auto d = rules::RulesData::Load(DataDir());
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return new rules::RulesData(d.ok() ? std::move(*d) : rules::RulesData{});
  }();
  return *data;
}

std::vector<std::string> StoreBackends() {
  // Both are always instantiated (test discovery happens at build time); the PostgreSQL cases
  // skip when no server is given, and fail when OPENPACT_REQUIRE_PG says one must be.
  return {"sqlite", "postgresql"};
}

std::string FreshDatabaseUrl(const std::string& backend, const TempDir& dir) {
  if (backend == "sqlite") return dir.File("test.db");
  const char* pg = std::getenv("OPENPACT_TEST_PG");
  if (pg == nullptr || *pg == '\0') {
    if (std::getenv("OPENPACT_REQUIRE_PG") != nullptr) {
      ADD_FAILURE() << "OPENPACT_REQUIRE_PG is set but OPENPACT_TEST_PG names no server";
    }
    return "";
  }
  static std::atomic<int> counter{0};
  std::random_device rd;
  const std::string schema = "t" + std::to_string(::getpid()) + "_" + std::to_string(counter++) +
                             "_" + std::to_string(rd() % 100000);
  auto admin = store::Store::Open(pg);
  if (!admin.ok()) {
    ADD_FAILURE() << "OPENPACT_TEST_PG is set but unusable: " << admin.status().ToString();
    return "";
  }
  Status created = (*admin)->Exec("CREATE SCHEMA " + schema);
  if (!created.ok()) {
    ADD_FAILURE() << "cannot create a test schema: " << created.ToString();
    return "";
  }
  const std::string base = pg;
  return base + (base.find('?') == std::string::npos ? "?" : "&") +
         "options=-csearch_path%3D" + schema;
}

int RunCommand(const std::string& command, std::string* out) {
  out->clear();
  FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  if (p == nullptr) return -1;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out->append(buf, n);
  const int status = ::pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace openpact::testing
