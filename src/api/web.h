// The dashboard's files (web/), built into the binary (cmake/embed_web.cmake) and served by
// `openpact serve` at / with a Content-Security-Policy that allows only its own script and style.
#pragma once

#include <span>
#include <string_view>

namespace openpact::api {

struct WebAsset {
  const char* path;          // "/", "/app.js", "/style.css", "/v1/schemas/procedure-case.schema.json"
  const char* content_type;
  std::string_view body;
};

std::span<const WebAsset> WebAssets();

// The case documents' JSON Schemas (docs/schemas/*.schema.json, draft 2020-12), built in the same
// way and served openly at /v1/schemas/<file name>: what each decision endpoint accepts, field by
// field, for clients to validate against before they send a case.
std::span<const WebAsset> SchemaAssets();

}  // namespace openpact::api
