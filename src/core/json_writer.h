// A small streaming JSON writer for hot output paths (decision answers in batch mode), where
// building an nlohmann::json tree first costs more than the decision itself. Output is RFC 8259
// JSON: strings are escaped (quote, backslash, control characters); UTF-8 passes through.
// indent < 0 writes one line; indent >= 0 pretty-prints like nlohmann::json::dump(indent).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace openpact {

class JsonWriter {
 public:
  explicit JsonWriter(int indent = -1) : indent_(indent) {}

  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Bool(bool value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Double(double value);
  JsonWriter& Null();
  // Key + String in one call.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  JsonWriter& Open(char c);
  JsonWriter& Close(char c);
  void BeforeValue();
  void Newline();

  int indent_;
  std::string out_;
  std::vector<int> counts_;  // values written so far in each open container
  bool after_key_ = false;
};

// "%.*f" formatting as a string (reports and CSV output).
std::string FormatFixed(double value, int decimals);

}  // namespace openpact
