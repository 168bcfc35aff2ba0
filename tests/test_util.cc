#include "test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/openapi.h"
#include "core/date.h"
#include "core/version.h"

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

namespace {

using json = nlohmann::json;

void CheckSchema(const json& doc, const json& schema, const json& value, const std::string& path,
                 std::vector<std::string>* out) {
  static const char* const kRead[] = {"$ref", "type", "nullable", "enum", "format", "properties", "required",
                                      "additionalProperties", "items", "minItems", "maxItems", "description",
                                      "externalDocs"};
  for (auto it = schema.begin(); it != schema.end(); ++it) {
    if (std::find(std::begin(kRead), std::end(kRead), it.key()) == std::end(kRead)) {
      out->push_back(path + ": the schema uses '" + it.key() + "', which this check does not read");
    }
  }
  if (schema.contains("$ref")) {
    const std::string ref = schema["$ref"];
    const std::string prefix = "#/components/schemas/";
    if (ref.rfind(prefix, 0) != 0 || !doc["components"]["schemas"].contains(ref.substr(prefix.size()))) {
      out->push_back(path + ": unresolved $ref " + ref);
      return;
    }
    CheckSchema(doc, doc["components"]["schemas"][ref.substr(prefix.size())], value, path, out);
    return;
  }
  if (value.is_null()) {
    if (!schema.value("nullable", false)) out->push_back(path + ": null, which the schema does not allow");
    return;
  }
  const std::string type = schema.value("type", "");
  const bool type_ok = type == "object"    ? value.is_object()
                       : type == "array"   ? value.is_array()
                       : type == "string"  ? value.is_string()
                       : type == "integer" ? value.is_number_integer()
                       : type == "number"  ? value.is_number()
                       : type == "boolean" ? value.is_boolean()
                                           : false;
  if (!type_ok) {
    out->push_back(path + ": expected " + (type.empty() ? std::string("a declared type") : type) + ", got " +
                   value.dump());
    return;
  }
  if (schema.contains("enum") && std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
    out->push_back(path + ": " + value.dump() + " is not one of " + schema["enum"].dump());
  }
  if (schema.value("format", "") == "date" && !Date::Parse(value.get<std::string>()).ok()) {
    out->push_back(path + ": " + value.dump() + " is not a date (YYYY-MM-DD)");
  }
  if (value.is_object()) {
    const json properties = schema.value("properties", json::object());
    for (const json& name : schema.value("required", json::array())) {
      if (!value.contains(name.get<std::string>())) out->push_back(path + "." + name.get<std::string>() + ": missing");
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (properties.contains(it.key())) {
        CheckSchema(doc, properties[it.key()], it.value(), path + "." + it.key(), out);
      } else if (schema.contains("additionalProperties") && schema["additionalProperties"] == false) {
        out->push_back(path + "." + it.key() + ": not in the schema");
      }
    }
  }
  if (value.is_array()) {
    if (schema.contains("minItems") && value.size() < schema["minItems"].get<size_t>()) {
      out->push_back(path + ": fewer than " + schema["minItems"].dump() + " items");
    }
    if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<size_t>()) {
      out->push_back(path + ": more than " + schema["maxItems"].dump() + " items");
    }
    if (schema.contains("items")) {
      for (size_t i = 0; i < value.size(); ++i) {
        CheckSchema(doc, schema["items"], value[i], path + "[" + std::to_string(i) + "]", out);
      }
    }
  }
}

}  // namespace

std::vector<std::string> OpenApiViolations(const json& doc, const json& schema, const json& value) {
  std::vector<std::string> out;
  CheckSchema(doc, schema, value, "$", &out);
  return out;
}

const json& ApiDocument() {
  static const json* doc = new json(json::parse(api::OpenApiDocument(Version())));
  return *doc;
}

const json& OpenApiResponseSchema(const json& doc, const std::string& method, const std::string& path, int status) {
  return doc.at("paths").at(path).at(method).at("responses").at(std::to_string(status)).at("content").at(
      "application/json").at("schema");
}

}  // namespace openpact::testing
