#include "rules/json_reader.h"

namespace openpact::rules {

using json = nlohmann::json;

Status ObjectReader::CheckIsObject() const {
  if (!j_.is_object()) return Status::InvalidArgument("must be a JSON object", path_.empty() ? "body" : path_);
  return Status::OK();
}

bool ObjectReader::Has(const std::string& key) const {
  auto it = j_.find(key);
  return it != j_.end() && !it->is_null();
}

const json* ObjectReader::Get(const std::string& key) {
  seen_.insert(key);
  auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) return nullptr;
  return &*it;
}

Result<bool> ObjectReader::Bool(const std::string& key, bool default_value) {
  const json* v = Get(key);
  if (v == nullptr) return default_value;
  if (!v->is_boolean()) return Status::InvalidArgument("must be true or false", Field(key));
  return v->get<bool>();
}

Result<std::string> ObjectReader::String(const std::string& key, bool required) {
  const json* v = Get(key);
  if (v == nullptr) {
    if (required) return Status::InvalidArgument("is required", Field(key));
    return std::string();
  }
  if (!v->is_string()) return Status::InvalidArgument("must be a string", Field(key));
  return v->get<std::string>();
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
  const json* v = Get(key);
  std::vector<std::string> out;
  if (v == nullptr) return out;
  if (!v->is_array()) return Status::InvalidArgument("must be an array of strings", Field(key));
  for (size_t i = 0; i < v->size(); ++i) {
    if (!(*v)[i].is_string()) {
      return Status::InvalidArgument("must be a string", Field(key) + "[" + std::to_string(i) + "]");
    }
    out.push_back((*v)[i].get<std::string>());
  }
  return out;
}

Result<const json*> ObjectReader::Object(const std::string& key) {
  const json* v = Get(key);
  if (v == nullptr) return static_cast<const json*>(nullptr);
  if (!v->is_object()) return Status::InvalidArgument("must be an object", Field(key));
  return v;
}

Status ObjectReader::Finish() const {
  for (auto it = j_.begin(); it != j_.end(); ++it) {
    if (seen_.count(it.key()) == 0) return Status::InvalidArgument("unknown field", Field(it.key()));
  }
  return Status::OK();
}

}  // namespace openpact::rules
