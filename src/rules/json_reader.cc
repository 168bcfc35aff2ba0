#include "rules/json_reader.h"

#include "core/json_parse.h"

namespace openpact::rules {

using simdjson::dom::element;
using simdjson::dom::element_type;

Result<element> ParseJsonDocument(std::string_view text) {
  thread_local simdjson::dom::parser parser;
  element doc;
  const auto error = parser.parse(text.data(), text.size()).get(doc);
  if (error) {
    // simdjson says what is wrong but not where; nlohmann's parser, run only on this path, does.
    const std::string where = DescribeJsonSyntaxError(text);
    if (!where.empty()) return Status::InvalidArgument("malformed JSON " + where, "body");
    return Status::InvalidArgument(std::string("malformed JSON: ") + simdjson::error_message(error), "body");
  }
  return doc;
}

Status ObjectReader::CheckIsObject() const {
  if (!j_.is_object()) return Status::InvalidArgument("must be a JSON object", path_.empty() ? "body" : path_);
  return Status::OK();
}

bool ObjectReader::Has(const std::string& key) const {
  element v;
  return !j_.at_key(key).get(v) && !v.is_null();
}

std::optional<element> ObjectReader::Get(const std::string& key) {
  seen_.insert(key);
  element v;
  if (j_.at_key(key).get(v) || v.is_null()) return std::nullopt;
  return v;
}

Result<bool> ObjectReader::Bool(const std::string& key, bool default_value) {
  auto v = Get(key);
  if (!v) return default_value;
  if (!v->is_bool()) return Status::InvalidArgument("must be true or false", Field(key));
  bool b = false;
  if (v->get_bool().get(b)) return Status::InvalidArgument("must be true or false", Field(key));
  return b;
}

Result<std::string> ObjectReader::String(const std::string& key, bool required) {
  auto v = Get(key);
  if (!v) {
    if (required) return Status::InvalidArgument("is required", Field(key));
    return std::string();
  }
  if (!v->is_string()) return Status::InvalidArgument("must be a string", Field(key));
  std::string_view sv;
  if (v->get_string().get(sv)) return Status::InvalidArgument("must be a string", Field(key));
  return std::string(sv);
}

Result<std::optional<Date>> ObjectReader::DateField(const std::string& key, bool required) {
  OP_ASSIGN_OR_RETURN(std::string s, String(key, required));
  if (s.empty()) {
    if (Has(key)) return Status::InvalidArgument("must be a date YYYY-MM-DD", Field(key));
    return std::optional<Date>();
  }
  OP_ASSIGN_OR_RETURN(Date d, Date::Parse(s, Field(key)));
  return std::optional<Date>(d);
}

Result<std::string> ObjectReader::Country(const std::string& key, const CountryRegistry& countries,
                                          bool required) {
  OP_ASSIGN_OR_RETURN(std::string s, String(key, required));
  if (s.empty() && !required && !Has(key)) return s;
  OP_RETURN_IF_ERROR(countries.Validate(s, Field(key)));
  return s;
}

Result<std::string> ObjectReader::Enum(const std::string& key, const std::vector<std::string>& allowed,
                                       bool required) {
  OP_ASSIGN_OR_RETURN(std::string s, String(key, required));
  if (s.empty() && !required && !Has(key)) return s;
  for (const std::string& a : allowed) {
    if (s == a) return s;
  }
  std::string list;
  for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
  return Status::InvalidArgument("'" + s + "' is not one of: " + list, Field(key));
}

Result<std::vector<std::string>> ObjectReader::StringList(const std::string& key) {
  auto v = Get(key);
  std::vector<std::string> out;
  if (!v) return out;
  if (!v->is_array()) return Status::InvalidArgument("must be an array of strings", Field(key));
  simdjson::dom::array array;
  if (v->get_array().get(array)) return Status::InvalidArgument("must be an array of strings", Field(key));
  size_t i = 0;
  for (element item : array) {
    if (!item.is_string()) {
      return Status::InvalidArgument("must be a string", Field(key) + "[" + std::to_string(i) + "]");
    }
    std::string_view sv;
    if (item.get_string().get(sv)) return Status::InvalidArgument("must be a string", Field(key) + "[" + std::to_string(i) + "]");
    out.emplace_back(sv);
    ++i;
  }
  return out;
}

Result<std::optional<int>> ObjectReader::Integer(const std::string& key, int min, int max) {
  auto v = Get(key);
  if (!v) return std::optional<int>();
  int64_t n = 0;
  if (!v->is_int64() || v->get_int64().get(n) || n < min || n > max) {
    return Status::InvalidArgument("must be an integer from " + std::to_string(min) + " to " + std::to_string(max),
                                   Field(key));
  }
  return std::optional<int>(static_cast<int>(n));
}

Result<std::vector<element>> ObjectReader::ObjectList(const std::string& key) {
  auto v = Get(key);
  std::vector<element> out;
  if (!v) return out;
  simdjson::dom::array array;
  if (!v->is_array() || v->get_array().get(array)) return Status::InvalidArgument("must be an array of objects", Field(key));
  for (element item : array) {
    if (!item.is_object()) {
      return Status::InvalidArgument("must be an object", Field(key) + "[" + std::to_string(out.size()) + "]");
    }
    out.push_back(item);
  }
  return out;
}

Result<std::optional<element>> ObjectReader::Object(const std::string& key) {
  auto v = Get(key);
  if (!v) return std::optional<element>();
  if (!v->is_object()) return Status::InvalidArgument("must be an object", Field(key));
  return v;
}

Status ObjectReader::Finish() const {
  simdjson::dom::object object;
  if (j_.get_object().get(object)) return Status::InvalidArgument("must be a JSON object", path_.empty() ? "body" : path_);
  for (auto field : object) {
    if (seen_.find(field.key) == seen_.end()) {
      // A member with an empty name is named "" so that the refusal still points at something.
      return Status::InvalidArgument("unknown field", Field(field.key.empty() ? "\"\"" : std::string(field.key)));
    }
  }
  return Status::OK();
}

Result<simdjson::dom::element> ObjectReader::RequiredObject(const std::string& key) {
  OP_ASSIGN_OR_RETURN(auto member, Object(key));
  if (!member) return Status::InvalidArgument("is required", Field(key));
  return *member;
}

Status CheckNotAfterDecisionDate(Date decision_date, std::initializer_list<DatedField> facts) {
  for (const DatedField& f : facts) {
    if (f.date && decision_date < *f.date) {
      return Status::InvalidArgument("is after decision_date " + decision_date.ToString(), f.field);
    }
  }
  return Status::OK();
}

Status NotAMemberState(const CountryRegistry& countries, const std::string& code, const std::string& field,
                       const std::string& why) {
  if (!code.empty() && countries.Find(code)->eu_member_state) {
    return Status::InvalidArgument("'" + code + "' is an EU Member State: " + why, field);
  }
  return Status::OK();
}

Status NotBefore(const std::optional<Date>& later, const char* later_field, const std::optional<Date>& earlier,
                 const char* earlier_field) {
  if (later && earlier && *later < *earlier) {
    return Status::InvalidArgument(std::string("cannot precede ") + earlier_field + " " + earlier->ToString(),
                                   later_field);
  }
  return Status::OK();
}

Status ReadDecisionHeader(ObjectReader& r, const CountryRegistry& countries, Date* decision_date,
                          std::string* member_state) {
  OP_ASSIGN_OR_RETURN(auto date, r.DateField("decision_date", true));
  *decision_date = *date;
  OP_ASSIGN_OR_RETURN(*member_state, r.Country("member_state", countries, true));
  return countries.ValidateMemberState(*member_state, r.Field("member_state"));
}

}  // namespace openpact::rules
