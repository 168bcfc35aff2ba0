#include "core/json_parse.h"

#include <climits>
#include <cmath>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace openpact {

namespace {

// Records the first syntax error; builds nothing, so any depth costs only the parser's own stack
// of states (nlohmann's SAX parser is iterative).
class SyntaxErrorFinder : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit SyntaxErrorFinder(bool single_line) : single_line(single_line) {}
  const bool single_line;
  std::string error;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::json::exception& ex) override {
    // what() reads "[json.exception.parse_error.101] parse error at line 1, column 2: ...";
    // the library's tag and the repeated "parse error" are noise to an operator.
    error = ex.what();
    const auto at = error.find(" at line ");
    if (at != std::string::npos) error = error.substr(at + 1);
    // A one-line document (a request body, a line of a batch whose own number is given beside
    // the error) is located by its column alone: "line 1" beside "line 7" of a batch misleads.
    constexpr std::string_view kFirstLine = "at line 1, column ";
    if (single_line && error.starts_with(kFirstLine)) error = "at column " + error.substr(kFirstLine.size());
    // The message quotes the bytes last read, which may be invalid UTF-8; an answer that carries
    // it is JSON itself, so bytes outside printable ASCII are written as \xNN.
    std::string printable;
    for (const unsigned char c : error) {
      if (c >= 0x20 && c < 0x7F) {
        printable += static_cast<char>(c);
      } else {
        static constexpr char kHex[] = "0123456789ABCDEF";
        printable += {'\\', 'x', kHex[c >> 4], kHex[c & 15]};
      }
    }
    error = std::move(printable);
    return false;
  }
};

}  // namespace

std::string DescribeJsonSyntaxError(std::string_view text) {
  SyntaxErrorFinder finder(text.find('\n') == std::string_view::npos);
  nlohmann::json::sax_parse(text, &finder, nlohmann::json::input_format_t::json, /*strict=*/true);
  return finder.error;
}

Result<nlohmann::json> ParseBoundedJson(std::string_view text, const std::string& field, int max_depth) {
  bool too_deep = false;
  // The callback sees each container open at the depth of its parent (0 for the document); a
  // container opened at max_depth would be the (max_depth + 1)-th level. Returning false there
  // drops it, so no deep value is ever built; the parse itself goes on, iteratively.
  const nlohmann::json::parser_callback_t bound = [&](int depth, nlohmann::json::parse_event_t event,
                                                      nlohmann::json&) {
    if ((event == nlohmann::json::parse_event_t::object_start ||
         event == nlohmann::json::parse_event_t::array_start) &&
        depth >= max_depth) {
      too_deep = true;
      return false;
    }
    return !too_deep;
  };
  nlohmann::json value = nlohmann::json::parse(text, bound, /*allow_exceptions=*/false);
  if (too_deep) {
    return Status::InvalidArgument("nested more than " + std::to_string(max_depth) + " levels deep", field);
  }
  if (value.is_discarded()) {
    const std::string where = DescribeJsonSyntaxError(text);
    return Status::InvalidArgument(where.empty() ? "malformed JSON" : "malformed JSON " + where, field);
  }
  return value;
}

Result<nlohmann::json> ParseJsonObject(std::string_view text, std::initializer_list<std::string_view> fields) {
  OP_ASSIGN_OR_RETURN(nlohmann::json body, ParseBoundedJson(text, "body"));
  if (!body.is_object()) return Status::InvalidArgument("the body is not a JSON object", "body");
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (std::find(fields.begin(), fields.end(), it.key()) == fields.end()) {
      // A member named "" is still named: the error's field would otherwise be empty.
      if (it.key().empty()) return Status::InvalidArgument("unknown field \"\" (a member with an empty name)", "body");
      return Status::InvalidArgument("unknown field", it.key());
    }
  }
  return body;
}

Result<std::string> OptionalStringMember(const nlohmann::json& object, const char* key) {
  if (!object.contains(key)) return std::string();
  if (!object[key].is_string()) return Status::InvalidArgument("must be a string", key);
  return object[key].get<std::string>();
}

Result<std::optional<Date>> OptionalDateMember(const nlohmann::json& object, const char* key) {
  if (!object.contains(key) || object[key].is_null()) return std::optional<Date>();
  if (!object[key].is_string()) return Status::InvalidArgument("must be a date YYYY-MM-DD", key);
  OP_ASSIGN_OR_RETURN(Date d, Date::Parse(object[key].get<std::string>(), key));
  return std::optional<Date>(d);
}

Result<std::optional<long long>> OptionalIntegerMember(const nlohmann::json& object, const char* key) {
  if (!object.contains(key) || object[key].is_null()) return std::optional<long long>();
  const nlohmann::json& v = object[key];
  // 12 and 12.0 are the same number in JSON; 12.5, "12" and true are not whole numbers.
  if (v.is_number_integer()) {
    if (v.is_number_unsigned() && v.get<unsigned long long>() > static_cast<unsigned long long>(LLONG_MAX)) {
      return Status::InvalidArgument("too large", key);
    }
    return std::optional<long long>(v.get<long long>());
  }
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9.0e15) {
      return std::optional<long long>(static_cast<long long>(d));
    }
  }
  return Status::InvalidArgument("must be a whole number", key);
}

}  // namespace openpact
