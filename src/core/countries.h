// The country registry: ISO 3166-1 alpha-3 codes (plus XKX Kosovo and XXA stateless) with
// their English names and the flags the rules need (EU Member State, Schengen associated
// country, EU candidate country). Loaded from data/countries.csv; immutable after loading,
// so it may be shared between threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace openpact {

// Packs an alpha-3 code into an integer key (0 for anything that is not three characters), so
// lookups on hot paths allocate nothing.
inline uint32_t PackCountryCode(std::string_view code) {
  if (code.size() != 3) return 0;
  return static_cast<uint32_t>(static_cast<unsigned char>(code[0])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(code[1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(code[2]));
}

struct Country {
  std::string alpha3;
  std::string alpha2;
  std::string name;
  bool eu_member_state = false;
  bool schengen_associated = false;
  bool eu_candidate = false;
};

class CountryRegistry {
 public:
  static Result<CountryRegistry> Load(const std::string& csv_path);

  // nullptr for an unknown code. Codes are upper-case alpha-3 ("DEU").
  const Country* Find(std::string_view alpha3) const;
  // The country's English name, or the code itself if unknown (for sentences in answers).
  std::string NameOf(std::string_view alpha3) const {
    const Country* c = Find(alpha3);
    return c != nullptr ? c->name : std::string(alpha3);
  }
  // OK, or InvalidArgument naming `field` ("unknown country code 'XYZ'").
  Status Validate(std::string_view alpha3, const std::string& field) const;
  // OK for an EU Member State, else InvalidArgument naming `field`.
  Status ValidateMemberState(std::string_view alpha3, const std::string& field) const;
  // OK for an EU Member State or a State associated with the Dublin and Eurodac systems by
  // agreement (Iceland, Norway, Switzerland, Liechtenstein: schengen_associated), else
  // InvalidArgument naming `field`.
  Status ValidateStateOfTheSystem(std::string_view alpha3, const std::string& field) const;
  std::vector<const Country*> MemberStates() const;
  size_t size() const { return countries_.size(); }

 private:
  std::vector<Country> countries_;
  std::unordered_map<uint32_t, size_t> by_code_;  // PackCountryCode -> index
};

}  // namespace openpact
