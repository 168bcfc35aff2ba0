// Helpers the registry's source files share (registry.cc, law_enforcement.cc); not part of the
// module's interface (registry.h is).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "biometrics/template.h"
#include "core/status.h"
#include "registry/registry.h"
#include "store/store.h"

namespace openpact::registry::internal {

using json = nlohmann::json;           // documents read
using ojson = nlohmann::ordered_json;  // answers written, fields in the contract's order

inline constexpr const char* kReg = "Regulation (EU) 2024/1358, ";

inline Status Bad(const std::string& message, const std::string& field) {
  return Status::InvalidArgument(message, field);
}

// Keyset paging over a list ordered by (`time_column`, id): validates `limit` (1..`max`) and, for a
// page after row `after` of `table` (one the caller sees: `visible` checks its Member State column
// `ms_column` against `acting_member_state` when that is set), appends the condition to `sql`.
Status AppendPageAfter(store::Store* store, const char* table, const char* time_column, const char* ms_column,
                       const std::string& acting_member_state, const std::string& after, size_t limit, size_t max,
                       std::string* sql, std::vector<store::Value>* params);

// A document sent to the registry (a record, a request), named `name` in refusals: at most
// kMaxRecordBytes, JSON of bounded depth, an object.
Result<json> ReadDocument(std::string_view text, const std::string& name);

// A string value (`v`: null or absent when nullptr) of at most `max_len` bytes, without control
// characters; "" when absent and not required.
Result<std::string> TextValue(const json* v, const std::string& field, bool required, size_t max_len);
// The string `key` of object `j`, as TextValue.
Result<std::string> Text(const json& j, const char* key, const std::string& field, bool required, size_t max_len);
// The "fingerprints" list of a document: each position, format and template checked (errors name
// "fingerprints[i]..."); `synthetic` tells whether every template carries the synthetic mark.
Result<std::vector<Fingerprint>> ParseFingerprints(const json& j, bool* synthetic);
// Fingerprints already checked by ParseFingerprints as one probe at the matcher's reference
// resolution (templates may come at different resolutions).
biometrics::FingerprintTemplate Probe(const std::vector<Fingerprint>& fingerprints);

}  // namespace openpact::registry::internal
