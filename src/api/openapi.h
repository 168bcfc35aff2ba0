// The API described as an OpenAPI 3.0 document (GET /v1/openapi.json, `openpact openapi`).
//
// Built from the route table the server enforces (Server::Routes(): method, path, action, whether
// a token is needed) and the role x action matrix (auth::Allowed), so that who may call a route is
// never written twice; what each route is for, its parameters and bodies are described here
// (RouteDocs), and a test checks that every route is described and nothing else.
#pragma once

#include <string>
#include <vector>

namespace openpact::api {

struct ParamDoc {
  const char* name;
  const char* in;  // "query" or "header" ({id} path segments are declared from the path)
  const char* type;  // "string", "integer", "boolean"
  const char* format;  // "date", "" ...
  bool required;
  const char* description;
};

struct RouteDoc {
  const char* method;
  const char* path;
  const char* summary;
  const char* description;  // what it does and the law behind it
  std::vector<ParamDoc> params;
  const char* body_schema;  // a components/schemas name, or "" for no body
  int success;              // the status of a successful answer
  const char* success_description;
  const char* success_type;  // "application/json" or "text/plain"
  std::vector<int> errors;  // problem statuses beyond 401/403 (added for routes that need a token)
  int other_success = 0;    // a second successful status, if any
  const char* other_success_description = "";
  const char* success_schema = "";  // the successful answer's components/schemas name; "" for a bare object
};

const std::vector<RouteDoc>& RouteDocs();

// The OpenAPI 3.0.3 document (JSON, pretty-printed), `version` as info.version.
std::string OpenApiDocument(const std::string& version);

}  // namespace openpact::api
