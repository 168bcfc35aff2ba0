// Helpers shared by the tests: temporary directories, the data directory, the store backends
// under test (SQLite always; PostgreSQL when OPENPACT_TEST_PG names a server).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rules/procedure.h"
#include "store/store.h"

namespace openpact::testing {

// A fresh directory under $TMPDIR, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string DataDir();

// The shipped data (countries, holidays, policy) loaded once for all tests; a load failure fails
// the test that asked first.
const rules::RulesData& SharedRules();

// Backends the shared store suite runs on: "sqlite" and "postgresql" (skipped unless
// OPENPACT_TEST_PG names a server).
std::vector<std::string> StoreBackends();

// A database URL for `backend` that no other test uses: a file in `dir` for SQLite, a fresh
// schema for PostgreSQL. Returns "" if the backend is not available.
std::string FreshDatabaseUrl(const std::string& backend, const TempDir& dir);

// Runs a shell command; returns its exit code and fills `out` with stdout+stderr.
int RunCommand(const std::string& command, std::string* out);

}  // namespace openpact::testing
