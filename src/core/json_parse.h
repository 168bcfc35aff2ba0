// Parsing JSON from outside (request bodies, form files) with nlohmann::json, bounded in depth.
// nlohmann parses iteratively, but dumping, comparing and walking a value recurse: a document of
// 300,000 nested arrays, well under any size limit, overflowed the stack when it was stored. The
// parse refuses anything nested deeper than `max_depth` before such a value exists.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/status.h"

namespace openpact {

// Objects and arrays inside one another: {"a": [1]} is 2 deep. Documents from operators and
// clients are shallow (a case or a form: 3-4).
inline constexpr int kMaxJsonDepth = 32;

// The document as a value, or InvalidArgument naming `field`: malformed, or nested too deeply.
Result<nlohmann::json> ParseBoundedJson(std::string_view text, const std::string& field, int max_depth = kMaxJsonDepth);

}  // namespace openpact
