#include "core/countries.h"

#include "core/csv.h"

namespace openpact {
namespace {

Result<bool> ParseFlag(const CsvTable& t, size_t row, size_t col, std::string_view name) {
  const std::string& v = t.row(row)[col];
  if (v == "1") return true;
  if (v == "0") return false;
  return Status::InvalidArgument(t.Where(row, name) + ": want 0 or 1, got '" + v + "'");
}

bool IsAlpha3(std::string_view s) {
  if (s.size() != 3) return false;
  for (char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace

Result<CountryRegistry> CountryRegistry::Load(const std::string& csv_path) {
  OP_ASSIGN_OR_RETURN(CsvTable t, CsvTable::ReadFile(csv_path));
  OP_ASSIGN_OR_RETURN(size_t c_a3, t.Column("alpha3"));
  OP_ASSIGN_OR_RETURN(size_t c_a2, t.Column("alpha2"));
  OP_ASSIGN_OR_RETURN(size_t c_name, t.Column("name"));
  OP_ASSIGN_OR_RETURN(size_t c_eu, t.Column("eu"));
  OP_ASSIGN_OR_RETURN(size_t c_sch, t.Column("schengen_associated"));
  OP_ASSIGN_OR_RETURN(size_t c_cand, t.Column("eu_candidate"));
  CountryRegistry reg;
  for (size_t i = 0; i < t.size(); ++i) {
    Country c;
    c.alpha3 = t.row(i)[c_a3];
    c.alpha2 = t.row(i)[c_a2];
    c.name = t.row(i)[c_name];
    if (!IsAlpha3(c.alpha3)) {
      return Status::InvalidArgument(t.Where(i, "alpha3") + ": '" + c.alpha3 +
                                     "' is not an upper-case alpha-3 code");
    }
    OP_ASSIGN_OR_RETURN(c.eu_member_state, ParseFlag(t, i, c_eu, "eu"));
    OP_ASSIGN_OR_RETURN(c.schengen_associated, ParseFlag(t, i, c_sch, "schengen_associated"));
    OP_ASSIGN_OR_RETURN(c.eu_candidate, ParseFlag(t, i, c_cand, "eu_candidate"));
    if (!reg.by_code_.emplace(PackCountryCode(c.alpha3), reg.countries_.size()).second) {
      return Status::InvalidArgument(t.Where(i, "alpha3") + ": duplicate code " + c.alpha3);
    }
    reg.countries_.push_back(std::move(c));
  }
  return reg;
}

const Country* CountryRegistry::Find(std::string_view alpha3) const {
  auto it = by_code_.find(PackCountryCode(alpha3));
  return it == by_code_.end() ? nullptr : &countries_[it->second];
}

Status CountryRegistry::Validate(std::string_view alpha3, const std::string& field) const {
  if (Find(alpha3) != nullptr) return Status::OK();
  return Status::InvalidArgument(
      "unknown country code '" + std::string(alpha3) + "' (want ISO 3166-1 alpha-3, XKX or XXA)",
      field);
}

Status CountryRegistry::ValidateMemberState(std::string_view alpha3,
                                            const std::string& field) const {
  OP_RETURN_IF_ERROR(Validate(alpha3, field));
  if (Find(alpha3)->eu_member_state) return Status::OK();
  return Status::InvalidArgument("'" + std::string(alpha3) + "' is not an EU Member State", field);
}

Status CountryRegistry::ValidateStateOfTheSystem(std::string_view alpha3, const std::string& field) const {
  OP_RETURN_IF_ERROR(Validate(alpha3, field));
  const Country* c = Find(alpha3);
  if (c->eu_member_state || c->schengen_associated) return Status::OK();
  return Status::InvalidArgument("'" + std::string(alpha3) +
                                     "' is neither an EU Member State nor a State associated with Dublin and Eurodac "
                                     "(Iceland, Norway, Switzerland, Liechtenstein)",
                                 field);
}

std::vector<const Country*> CountryRegistry::MemberStates() const {
  std::vector<const Country*> out;
  for (const Country& c : countries_) {
    if (c.eu_member_state) out.push_back(&c);
  }
  return out;
}

}  // namespace openpact
