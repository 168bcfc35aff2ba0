#include "api/openapi.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <iterator>
#include <set>

#include <nlohmann/json.hpp>

#include "api/server.h"
#include "auth/auth.h"
#include "core/version.h"
#include "rules/decisions.h"
#include "test_util.h"

namespace openpact::api {
namespace {

using json = nlohmann::json;

// The description and the route table the server enforces name the same routes: a route added
// without a description, or a description left behind, fails here.
TEST(OpenApi, EveryRouteIsDescribedAndNothingElse) {
  std::set<std::string> routes, described;
  for (const RouteInfo& r : Server::Routes()) routes.insert(r.method + " " + r.path);
  for (const RouteDoc& d : RouteDocs()) {
    EXPECT_TRUE(described.insert(std::string(d.method) + " " + d.path).second) << "described twice: " << d.path;
  }
  EXPECT_EQ(routes, described);
}

TEST(OpenApi, TheDocumentFollowsTheRouteTableAndTheRoleMatrix) {
  const json doc = json::parse(OpenApiDocument(Version()));
  EXPECT_EQ(doc["openapi"], "3.0.3");
  EXPECT_EQ(doc["info"]["version"], Version());
  std::set<std::string> ids;
  for (const RouteInfo& r : Server::Routes()) {
    SCOPED_TRACE(r.method + " " + r.path);
    std::string method = r.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(doc["paths"].contains(r.path));
    ASSERT_TRUE(doc["paths"][r.path].contains(method));
    const json& op = doc["paths"][r.path][method];
    EXPECT_TRUE(ids.insert(op["operationId"].get<std::string>()).second);
    bool success = false;
    for (auto it = op["responses"].begin(); it != op["responses"].end(); ++it) success |= it.key()[0] == '2';
    EXPECT_TRUE(success);
    EXPECT_EQ(op.contains("security"), r.needs_token);
    if (r.needs_token) {
      EXPECT_TRUE(op["responses"].contains("401"));
      EXPECT_TRUE(op["responses"].contains("403"));
      // Who may call it comes from the matrix: each allowed role is named, no other.
      const std::string description = op["description"];
      for (auth::Role role : auth::AllRoles()) {
        const std::string name(auth::RoleName(role));
        bool named = false;
        for (size_t at = description.find(name); at != std::string::npos; at = description.find(name, at + 1)) {
          const char after = at + name.size() < description.size() ? description[at + name.size()] : '.';
          named |= (after == ',' || after == '.') && description.rfind("Roles:", at) != std::string::npos;
        }
        EXPECT_EQ(named, auth::Allowed(role, r.action)) << name;
      }
    }
    // A body over the server's limit is refused before any route runs (413), so every route that
    // takes a body says so.
    if (op.contains("requestBody")) {
      EXPECT_TRUE(op["responses"].contains("413"));
    }
    if (r.path.find("{id}") != std::string::npos) {
      ASSERT_TRUE(op.contains("parameters"));
      bool declared = false;
      for (const json& p : op["parameters"]) declared |= p["in"] == "path" && p["name"] == "id" && p["required"] == true;
      EXPECT_TRUE(declared);
    }
  }
  // Every reference resolves.
  std::function<void(const json&)> check = [&](const json& j) {
    if (j.is_object()) {
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.key() == "$ref") {
          const std::string ref = it.value();
          ASSERT_EQ(ref.rfind("#/components/schemas/", 0), 0u) << ref;
          EXPECT_TRUE(doc["components"]["schemas"].contains(ref.substr(21))) << ref;
        } else {
          check(it.value());
        }
      }
    } else if (j.is_array()) {
      for (const json& x : j) check(x);
    }
  };
  check(doc);
  // The token request's roles are the roles there are.
  EXPECT_EQ(doc["components"]["schemas"]["TokenRequest"]["properties"]["role"]["enum"].size(), auth::AllRoles().size());
}

// The check the scenario and server tests run on every decision's answer finds each way an answer
// can depart from its schema, and passes the answer as the engine writes it.
TEST(OpenApi, TheAnswerSchemaCheckFindsEachDeparture) {
  const json doc = json::parse(OpenApiDocument(Version()));
  const json& schema = testing::OpenApiResponseSchema(doc, "post", "/v1/decisions/procedure");
  EXPECT_EQ(schema["$ref"], "#/components/schemas/ProcedureDecision");
  std::ifstream in(std::string(OPENPACT_SOURCE_DIR) + "/examples/procedure-case.json");
  const std::string kase((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto answer = rules::DecideDocument(rules::DecisionKind::kProcedure, kase, testing::SharedRules(), std::nullopt);
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  const json good = json::parse(*answer);
  EXPECT_TRUE(testing::OpenApiViolations(doc, schema, good).empty());
  ASSERT_FALSE(good["grounds"].empty());
  ASSERT_FALSE(good["deadlines"].empty());

  auto departs = [&](json answer, const std::string& expected) {
    const auto v = testing::OpenApiViolations(doc, schema, answer);
    EXPECT_EQ(v.size(), 1u) << expected;
    if (!v.empty()) {
      EXPECT_EQ(v[0], expected);
    }
  };
  json extra = good;
  extra["surprise"] = 1;
  departs(extra, "$.surprise: not in the schema");
  json missing = good;
  missing.erase("border_procedure");
  departs(missing, "$.border_procedure: missing");
  json unknown = good;
  unknown["procedure"] = "fast";
  departs(unknown, R"($.procedure: "fast" is not one of ["border","accelerated","regular"])");
  json not_a_date = good;
  not_a_date["deadlines"][0]["date"] = "20/07/2026";
  departs(not_a_date, R"($.deadlines[0].date: "20/07/2026" is not a date (YYYY-MM-DD))");
  json null = good;
  null["grounds"][0]["rule"] = nullptr;
  departs(null, "$.grounds[0].rule: null, which the schema does not allow");
  json wrong_type = good;
  wrong_type["flags"] = "none";
  departs(wrong_type, R"($.flags: expected array, got "none")");
  // A keyword the check cannot read is a departure, not a pass.
  const auto unread = testing::OpenApiViolations(doc, json{{"type", "string"}, {"pattern", "^[A-Z]{3}$"}}, "ITA");
  ASSERT_EQ(unread.size(), 1u);
  EXPECT_EQ(unread[0], "$: the schema uses 'pattern', which this check does not read");
}

}  // namespace
}  // namespace openpact::api
