// The dashboard's files (web/), built into the binary (cmake/embed_web.cmake) and served by
// `openpact serve` at / with a Content-Security-Policy that allows only its own script and style.
#pragma once

#include <span>
#include <string_view>

namespace openpact::api {

struct WebAsset {
  const char* path;          // "/", "/app.js", "/style.css"
  const char* content_type;
  std::string_view body;
};

std::span<const WebAsset> WebAssets();

}  // namespace openpact::api
