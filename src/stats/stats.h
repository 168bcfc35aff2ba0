// Statistics and planning on published figures: irregular crossings by route (Frontex), the list
// of nationalities at or below the 20 % recognition rate, what-if simulation of arrivals through
// the procedure engine, and SVG charts of every report.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "rules/procedure.h"
#include "solidarity/solidarity.h"

namespace openpact::stats {

// ---- Months ----
struct Month {
  int index = 0;  // year * 12 + (month - 1)
  static Result<Month> Parse(const std::string& text, const std::string& field);
  int year() const { return index / 12; }
  int month() const { return index % 12 + 1; }
  std::string ToString() const;
};

// ---- Routes (Frontex irregular border crossings, monthly detections) ----
struct RouteStats {
  std::string route;
  std::vector<double> values;  // one per month of the period
  double total = 0;
  double share_pct = 0;                         // of all routes in the period
  std::optional<double> same_period_last_year;  // total
  std::optional<double> year_on_year_pct;
  std::optional<double> previous_period;        // the equally long period just before
  std::optional<double> period_on_period_pct;
  double trend_per_month = 0;                   // least-squares slope, detections per month
  std::optional<std::string> change_point;      // first month of a new level, when significant
  double change_statistic = 0;
  double mean_before = 0, mean_after = 0;
};

struct RoutesReport {
  Month from, to;
  std::vector<std::string> months;
  std::vector<RouteStats> routes;  // largest first; "total" is separate
  RouteStats total;
  std::string source;
  std::vector<std::string> missing_inputs;
  std::vector<std::string> notes;
};

Result<RoutesReport> ComputeRoutes(const std::string& data_dir, Month from, Month to);
std::string RoutesToJson(const RoutesReport& r);
std::string RoutesToCsv(const RoutesReport& r);
std::string RoutesToText(const RoutesReport& r);

// The most significant single shift of level in `x` (binary segmentation, one split):
// returns the index of the first element after the shift and its statistic (a t-like ratio of the
// difference of means to the noise, estimated from first differences). Needs n >= 6.
struct ChangePoint {
  size_t index = 0;
  double statistic = 0;
  double mean_before = 0, mean_after = 0;
};
std::optional<ChangePoint> FindChangePoint(const std::vector<double>& x);
double LeastSquaresSlope(const std::vector<double>& x);

// ---- Recognition rates and the 20 % list (APR Art. 42(1)(j)) ----
struct RateRow {
  std::string nationality, year, scope, rate_pct, upper_bound_pct, source, status, note;
};
// Derives the APR-definition yearly rates from the reference collection
// (data/reference/recognition_rates_by_citizenship.csv): full years only; exact values of
// refugee + subsidiary protection over all first-instance decisions; upper bounds; never a rate
// that includes national humanitarian status.
Result<std::vector<RateRow>> DeriveRecognitionRates(const std::string& reference_csv);
// Writes them as the policy file the rules engine reads (data/policy/recognition_rates.csv).
std::string RecognitionRatesPolicyCsv(const std::vector<RateRow>& rows);

struct LowRecognitionEntry {
  std::string nationality, name, scope, source;
  int year = 0;
  std::optional<double> rate_pct, upper_bound_pct;
};
// Nationalities whose rate for `year` (exact, or an upper bound) is at or below the threshold in
// force on `at`; plus those with no usable figure for that year (reported, never guessed).
struct LowRecognitionReport {
  int year = 0;
  double threshold_pct = 20;
  std::string legal_basis;
  std::vector<LowRecognitionEntry> at_or_below;
  std::vector<LowRecognitionEntry> above;
  std::vector<std::string> missing_inputs;
};
LowRecognitionReport ComputeLowRecognition(const rules::RulesData& rules, int year);
std::string LowRecognitionToJson(const LowRecognitionReport& r);
std::string LowRecognitionToCsv(const LowRecognitionReport& r);

// ---- The situation picture of the annual report (AMMR Art. 9(3)(a)) on published figures ----
//
// The Commission's European Annual Asylum and Migration Report assesses, per Member State and for
// all routes, the points of Regulation (EU) 2024/1351, Art. 9(3)(a)(i)-(xvii), on data the Member
// States send by 1 June (Arts. 9(7), 10). This report gathers what the project's reference figures
// (data/reference/) say on those points for one year: asylum applicants per Member State with their
// weight against population and against the reference key of Art. 66 (Annex I), the main
// citizenships with the APR recognition rate, refusals of entry, temporary protection, Dublin
// requests and transfers, and the Union-level figures; every point the figures do not cover is
// listed as missing, never estimated.
struct PublishedFigure {
  std::string point;  // the Art. 9(3)(a) point it informs ("i", "x", ...), "" for context
  std::string period, scope, metric;
  std::optional<double> value;
  std::string unit, status, source, note;
};

struct MemberStateIndicators {
  std::string code, name;
  bool member_state = false;  // an EU Member State (else a State associated by agreement)
  std::optional<double> applicants, applicants_previous_year, change_pct;  // (i), all applicants
  std::optional<double> population, per_1000_inhabitants;
  std::optional<double> share_pct;             // of the Member States' applicants (their sum)
  std::optional<double> key_share_pct;         // Art. 66 reference key, the States taking part
  // Applicants the key would give the State out of the participants' applicants, and the
  // applicants received per such applicant (> 1: more than its share).
  std::optional<double> expected_under_key, relative_to_key;
  std::optional<double> refusals_of_entry;     // (xiv), Eurostat migr_eirfs, the year
  std::optional<PublishedFigure> temporary_protection;  // (xv), latest published
  std::string pressure;  // the Commission's latest finding (Implementing Decision (EU) 2025/2323)
  std::vector<PublishedFigure> figures;  // other published rows for the State and year
};

struct CitizenshipIndicators {
  std::string code, name;
  double applicants = 0;
  std::optional<double> applicants_previous_year, change_pct;
  double share_pct = 0;  // of all the EU27's applicants
  // The year's Union-wide recognition rate (APR Art. 42(1)(j)) where the policy data hold one.
  std::optional<double> recognition_rate_pct, recognition_upper_bound_pct;
  std::optional<bool> at_or_below_threshold;
};

struct IndicatorsReport {
  int year = 0;
  std::string legal_basis;
  std::vector<int> years_available;
  std::optional<double> applicants_published;  // EU27 (Eurostat)
  double applicants_member_states = 0;         // the sum of the 27 rows
  std::optional<double> irregular_crossings;   // (xvi) Frontex detections, all routes, the year
  std::vector<MemberStateIndicators> member_states;  // by applicants, most first
  std::vector<CitizenshipIndicators> citizenships;   // the `top` most frequent
  double recognition_threshold_pct = 20;
  std::vector<PublishedFigure> union_figures;  // EU27 / EU+ rows of the year
  std::vector<std::string> missing_inputs, notes, sources;
};

// `year`: one the applicant figures cover (refused naming "--year" otherwise); `top` citizenships
// (1-200, refused naming "--top").
Result<IndicatorsReport> ComputeIndicators(const std::string& data_dir, const rules::RulesData& rules,
                                           const solidarity::ReferenceData& ref, int year, int top);
std::string IndicatorsToJson(const IndicatorsReport& r);
std::string IndicatorsToCsv(const IndicatorsReport& r);
std::string IndicatorsToText(const IndicatorsReport& r);

// ---- What-if simulation ----
struct SimulationOptions {
  int year = 2026;
  uint64_t seed = 1;
  std::string default_context = "apprehended_irregular_crossing";
};
struct MemberStateSimulation {
  std::string code;
  long long applicants = 0, inadmissible = 0, border = 0, accelerated = 0, regular = 0;
  long long border_mandatory = 0, border_optional = 0, border_excluded = 0, relieved_by_capacity = 0;
  std::optional<double> adequate_capacity, annual_maximum;
  long long peak_in_border_procedure = 0;
  long long days_at_capacity = 0;
  long long border_entries = 0;  // flow, counted against the annual maximum
  std::string first_day_at_capacity, first_day_at_annual_maximum;
  double fair_share_relocations = 0;  // the Member State's share of the year's pool
  std::string solidarity_role;
};
struct SimulationReport {
  int year = 0;
  uint64_t seed = 0;
  long long applicants = 0;
  std::vector<MemberStateSimulation> member_states;
  std::vector<std::string> missing_inputs;
  std::vector<std::string> notes;
};
Result<SimulationReport> Simulate(const std::string& arrivals_csv, const rules::RulesData& rules,
                                  const solidarity::ReferenceData& ref, const SimulationOptions& options);
std::string SimulationToJson(const SimulationReport& r);
std::string SimulationToCsv(const SimulationReport& r);
std::string SimulationToText(const SimulationReport& r);

// ---- SVG charts ----
std::string BarChartSvg(const std::string& title, const std::vector<std::string>& labels,
                        const std::vector<double>& values, const std::string& unit, const std::string& source);
std::string LineChartSvg(const std::string& title, const std::vector<std::string>& x_labels,
                         const std::vector<std::pair<std::string, std::vector<double>>>& series,
                         const std::string& unit, const std::string& source);

}  // namespace openpact::stats
