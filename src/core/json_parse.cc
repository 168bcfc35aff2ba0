#include "core/json_parse.h"

#include <nlohmann/json.hpp>

namespace openpact {

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
  if (value.is_discarded()) return Status::InvalidArgument("malformed JSON", field);
  return value;
}

}  // namespace openpact
