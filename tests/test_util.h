// Helpers shared by the tests: temporary directories, the data directory, the store backends
// under test (SQLite always; PostgreSQL when OPENPACT_TEST_PG names a server).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

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

// How `value` departs from `schema`, a schema object of the OpenAPI document `doc`, one message
// per departure naming the path (empty when it conforms). Reads the subset of OpenAPI 3.0 the API's
// document uses: $ref, type, nullable, enum, format "date", properties, required,
// additionalProperties false, items, minItems, maxItems. A keyword outside it is reported as a
// departure, so that a schema this check cannot read never passes unread.
std::vector<std::string> OpenApiViolations(const nlohmann::json& doc, const nlohmann::json& schema,
                                           const nlohmann::json& value);

// The API's OpenAPI document (api::OpenApiDocument), parsed once for every test that checks an
// answer against it.
const nlohmann::json& ApiDocument();

// The schema of `method path`'s answer with `status` in the OpenAPI document `doc`.
const nlohmann::json& OpenApiResponseSchema(const nlohmann::json& doc, const std::string& method,
                                            const std::string& path, int status = 200);

// Runs a shell command; returns its exit code and fills `out` with stdout+stderr.
int RunCommand(const std::string& command, std::string* out);

}  // namespace openpact::testing
