// JSON Lines batches of the CLI (`decide procedure --batch`, `registry enrol --batch`): one
// document per line in, one answer or error per line out, in order. Private to the cli module.
#pragma once

#include <istream>
#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"

namespace openpact::cli {

// One line of `in` into *line, without its end. False at the end of the input, and for a line
// longer than `max_bytes` (*too_long then says so; the read stops there), so that a line without
// an end (a device, a corrupt file) can neither exhaust memory nor keep the batch reading.
inline bool ReadBoundedLine(std::istream& in, size_t max_bytes, std::string* line, bool* too_long) {
  line->clear();
  *too_long = false;
  bool any = false;
  for (int ch; (ch = in.get()) != std::char_traits<char>::eof();) {
    any = true;
    if (ch == '\n') return true;
    if (line->size() == max_bytes) {
      *too_long = true;
      return false;
    }
    line->push_back(static_cast<char>(ch));
  }
  return any;
}

// The answer line for a refused document: {"line": N, "error": {code, message, field}}.
inline std::string ErrorLine(long long line, const Status& s) {
  nlohmann::json e = {{"code", StatusCodeName(s.code())}, {"message", s.message()}};
  if (!s.field().empty()) e["field"] = s.field();
  return nlohmann::json{{"line", line}, {"error", e}}.dump();
}

}  // namespace openpact::cli
