// Strict reading of JSON objects for the case documents: every field is checked for its type,
// unknown fields are refused, and every error names the field by its path ("applicant.nationality").
// Built on simdjson's DOM (case documents are parsed in batch mode, where the parser is the cost).
// Private to the rules module.
#pragma once

#include <simdjson.h>

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/countries.h"
#include "core/date.h"
#include "core/status.h"

namespace openpact::rules {

// Parses a document with a thread-local parser; InvalidArgument (field "body") if malformed.
// The returned element lives until the calling thread parses the next document.
Result<simdjson::dom::element> ParseJsonDocument(std::string_view text);

class ObjectReader {
 public:
  // `path` is the object's own path ("" for the document, "applicant" for a member).
  ObjectReader(simdjson::dom::element j, std::string path) : j_(j), path_(std::move(path)) {}

  Status CheckIsObject() const;
  std::string Field(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  bool Has(const std::string& key) const;  // present and not null

  // Omitted or null booleans take `default_value`.
  Result<bool> Bool(const std::string& key, bool default_value = false);
  // "" when omitted or null and !required.
  Result<std::string> String(const std::string& key, bool required);
  Result<std::optional<Date>> DateField(const std::string& key, bool required);
  // An ISO alpha-3 code known to the registry; "" when omitted or null and !required.
  Result<std::string> Country(const std::string& key, const CountryRegistry& countries, bool required);
  Result<std::string> Enum(const std::string& key, const std::vector<std::string>& allowed, bool required);
  Result<std::vector<std::string>> StringList(const std::string& key);
  // An integer in [min, max]; nullopt when omitted or null.
  Result<std::optional<int>> Integer(const std::string& key, int min, int max);
  // The member's elements, each an object ([] when omitted or null); errors name "key[i]".
  Result<std::vector<simdjson::dom::element>> ObjectList(const std::string& key);
  // The member object, or nullopt when omitted or null (an error if present and not an object).
  Result<std::optional<simdjson::dom::element>> Object(const std::string& key);
  // The same for a member the document must have: "is required", naming it, when omitted or null.
  Result<simdjson::dom::element> RequiredObject(const std::string& key);
  // Refuses any field that was not read.
  Status Finish() const;

 private:
  // The member, or nullopt when omitted or null; remembers that `key` was read.
  std::optional<simdjson::dom::element> Get(const std::string& key);
  simdjson::dom::element j_;
  std::string path_;
  std::set<std::string, std::less<>> seen_;
};

// The members a case document opens with: decision_date, and member_state, an EU Member State.
Status ReadDecisionHeader(ObjectReader& r, const CountryRegistry& countries, Date* decision_date,
                          std::string* member_state);

// A case's facts happened by its decision date: the first given date after it is refused, naming
// its field ("is after decision_date ...").
struct DatedField {
  std::optional<Date> date;
  const char* field;
};
Status CheckNotAfterDecisionDate(Date decision_date, std::initializer_list<DatedField> facts);

// A country code (already known to the registry) that may not be an EU Member State: refused
// naming `field` ("'FRA' is an EU Member State: <why>"). An empty code passes.
Status NotAMemberState(const CountryRegistry& countries, const std::string& code, const std::string& field,
                       const std::string& why);

// Two dates of a case in their order: `later` may not precede `earlier` (both given), refused
// naming `later_field` ("cannot precede <earlier_field> <date>").
Status NotBefore(const std::optional<Date>& later, const char* later_field, const std::optional<Date>& earlier,
                 const char* earlier_field);

}  // namespace openpact::rules
