// Parsing JSON from outside (request bodies, form files) with nlohmann::json, bounded in depth.
// nlohmann parses iteratively, but dumping, comparing and walking a value recurse: a document of
// 300,000 nested arrays, well under any size limit, overflowed the stack when it was stored. The
// parse refuses anything nested deeper than `max_depth` before such a value exists.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/status.h"

namespace openpact {

// Objects and arrays inside one another: {"a": [1]} is 2 deep. Documents from operators and
// clients are shallow (a case or a form: 3-4).
inline constexpr int kMaxJsonDepth = 32;

// The document as a value, or InvalidArgument naming `field`: malformed, or nested too deeply.
Result<nlohmann::json> ParseBoundedJson(std::string_view text, const std::string& field, int max_depth = kMaxJsonDepth);

// Where and why `text` is not JSON, for an operator to find the fault in a long document: "at line
// 3, column 1: syntax error while parsing object - unexpected '}'; expected string literal".
// A text of one line is located by its column alone ("at column 12: ..."). Empty when
// nlohmann::json accepts the text (another parser may still refuse it, e.g. for depth).
std::string DescribeJsonSyntaxError(std::string_view text);

// A request body: a JSON object (bounded depth) with no member but `fields`; otherwise
// InvalidArgument naming "body", or the member it does not know.
Result<nlohmann::json> ParseJsonObject(std::string_view text, std::initializer_list<std::string_view> fields);
// The optional string member `key` of `object`: "" when absent; InvalidArgument naming it when it
// is not a string.
Result<std::string> OptionalStringMember(const nlohmann::json& object, const char* key);
// The optional date member `key`: nullopt when absent or null; InvalidArgument naming it when it
// is not YYYY-MM-DD.
Result<std::optional<Date>> OptionalDateMember(const nlohmann::json& object, const char* key);
// The optional whole-number member `key`: nullopt when absent or null; InvalidArgument naming it
// for anything else than a whole number (12 or 12.0; not 12.5, "12" or true).
Result<std::optional<long long>> OptionalIntegerMember(const nlohmann::json& object, const char* key);

}  // namespace openpact
