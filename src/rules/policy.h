// Policy as data: the dated, referenced values the rules read (data/policy/*.csv).
//
// Every entry has effective_from/effective_to dates (inclusive; an empty effective_to is open),
// a legal basis and a status (in_force, proposal, uncertain), in the style of OpenFisca
// parameters: a change in the law is a new row, so any past decision can be recomputed. Loading
// refuses malformed rows and overlapping periods with an error naming the file, line and column.
//
// A Policy is immutable after loading and may be shared between threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/countries.h"
#include "core/date.h"
#include "core/status.h"
#include "core/time_limits.h"

namespace openpact::rules {

enum class PolicyStatus { kInForce, kProposal, kUncertain };
const char* PolicyStatusName(PolicyStatus s);

struct DatedEntry {
  Date effective_from;
  std::optional<Date> effective_to;
  std::string legal_basis;
  PolicyStatus status = PolicyStatus::kInForce;
  std::string note;
  std::string where;  // "data/policy/parameters.csv:12", for explanations and errors

  bool ActiveOn(Date d) const {
    return effective_from <= d && (!effective_to || d <= *effective_to);
  }
};

struct Parameter : DatedEntry {
  std::string id;
  std::string value;
  std::optional<Period> period;  // parsed once at load, for period-valued parameters
};

struct Designation : DatedEntry {
  std::string country;
  std::string level;         // "EU" or "national"
  std::string member_state;  // for national designations
  std::vector<std::string> excluded_regions;
  std::vector<std::string> excluded_categories;
};

struct CandidateCountry : DatedEntry {
  std::string country;
  Date candidate_since;
};

struct CandidateException : DatedEntry {
  std::string country;
  std::string exception;  // "armed_conflict" | "restrictive_measures"
};

struct StcLinkRule : DatedEntry {
  std::string link;  // "connection" | "transit" | "agreement"
  bool allowed_for_unaccompanied_minors = true;
};

struct StcAgreement : DatedEntry {
  std::string country;
  std::string level;  // "union" | "member_state"
  std::string member_state;
  std::string persons_covered;
  bool notified = false;
};

// A Commission recommendation for an expedited procedure (Regulation (EU) 2024/1359, Art. 14(1)):
// the group of applicants whose applications could be well-founded (a country of origin or of
// former habitual residence, a part of one, or criteria of Regulation (EU) 2024/1347), as the
// recommendation words it. Which applicant belongs to the group is the determining authority's
// finding, not the engine's.
struct CrisisRecommendation : DatedEntry {
  std::string reference;  // as the case document cites it
  std::string scope;
};

struct MemberStateSetting : DatedEntry {
  std::string member_state;
  std::string setting;
  bool value = true;
};

struct RecognitionRate : DatedEntry {
  std::string nationality;
  int year = 0;
  std::string scope;  // "EU27" | "EU+"
  std::optional<double> rate_pct;
  std::optional<double> upper_bound_pct;
  std::string source;
  std::string source_status;  // reported, derived, bound only, approximate

  // The rate is at or below `pct`: a reported rate, else an upper bound at or below it (a bound
  // above it says nothing).
  bool AtOrBelow(double pct) const { return rate_pct ? *rate_pct <= pct : (upper_bound_pct && *upper_bound_pct <= pct); }
};

class Policy {
 public:
  // Loads every file of `dir`; country codes are checked against `countries`.
  static Result<Policy> Load(const std::string& dir, const CountryRegistry& countries);

  // "2026.11-1 (b2:0123456789ab)": the VERSION file and a hash of every policy file.
  const std::string& version() const { return version_; }

  const Parameter* ParameterAt(std::string_view id, Date d) const;
  // The parameter as a period; an error if it is missing on `d` (a policy gap, never guessed).
  Result<Period> PeriodAt(std::string_view id, Date d, const Parameter** which = nullptr) const;
  Result<double> NumberAt(std::string_view id, Date d, const Parameter** which = nullptr) const;
  Result<Date> DateAt(std::string_view id, Date d) const;

  // EU and `member_state`'s national designations of `country` active on `d`.
  std::vector<const Designation*> SafeCountryOfOriginDesignations(std::string_view country,
                                                                  std::string_view member_state,
                                                                  Date d) const;
  std::vector<const Designation*> SafeThirdCountryDesignations(std::string_view country,
                                                               std::string_view member_state,
                                                               Date d) const;
  const CandidateCountry* CandidateAt(std::string_view country, Date d) const;
  std::vector<const CandidateException*> CandidateExceptionsAt(std::string_view country,
                                                               Date d) const;
  const StcLinkRule* StcLinkAt(std::string_view link, Date d) const;
  std::vector<const StcAgreement*> StcAgreementsAt(std::string_view country,
                                                   std::string_view member_state, Date d) const;
  // The recommendation `reference` adopted (in force) on `d`, or null.
  const CrisisRecommendation* CrisisRecommendationAt(std::string_view reference, Date d) const;
  // The setting's value on `d`, or `default_value` when no row applies (`which` is then null).
  bool SettingAt(std::string_view member_state, std::string_view setting, Date d,
                 bool default_value, const MemberStateSetting** which = nullptr) const;
  // The latest yearly rate for `nationality` available on `d`: the highest year; within a year,
  // Eurostat's EU27 before EUAA's EU+. Null if none is known.
  const RecognitionRate* LatestRecognitionRate(std::string_view nationality, Date d) const;

  const std::vector<RecognitionRate>& RecognitionRates() const { return rates_; }

  // Everything in force on `d`, as JSON (for `openpact policy show --at`).
  std::string ToJson(Date d) const;
  // Counts of loaded entries, for `openpact policy validate`.
  std::map<std::string, size_t> Counts() const;

 private:
  std::string version_;
  std::vector<Parameter> parameters_;
  // Indexes built after loading, so that the per-decision lookups compare no strings.
  std::map<std::string, std::vector<size_t>, std::less<>> parameters_by_id_;
  std::map<uint32_t, std::vector<size_t>> rates_by_country_;
  std::vector<Designation> sco_;
  std::vector<Designation> stc_;
  std::vector<CandidateCountry> candidates_;
  std::vector<CandidateException> candidate_exceptions_;
  std::vector<StcLinkRule> stc_links_;
  std::vector<StcAgreement> stc_agreements_;
  std::vector<CrisisRecommendation> crisis_recommendations_;
  std::vector<MemberStateSetting> settings_;
  std::vector<RecognitionRate> rates_;
};

}  // namespace openpact::rules
