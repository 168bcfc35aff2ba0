// `openpact solidarity|capacity|stats|simulate`: planning on published figures. These read only
// the shipped reference and policy data (no stored personal data), so they need no role.
#include <cmath>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "core/csv.h"
#include "core/data_dir.h"
#include "solidarity/solidarity.h"
#include "stats/stats.h"

namespace openpact::cli {

Result<PlanningData> LoadPlanningData(const GlobalOptions& g) {
  PlanningData l;
  l.data_dir = ResolveDataDir(g.data_dir);
  OP_ASSIGN_OR_RETURN(rules::RulesData rules, rules::RulesData::Load(l.data_dir));
  l.rules = std::make_unique<rules::RulesData>(std::move(rules));
  OP_ASSIGN_OR_RETURN(solidarity::ReferenceData ref, solidarity::ReferenceData::Load(l.data_dir, l.rules->countries));
  l.ref = std::make_unique<solidarity::ReferenceData>(std::move(ref));
  return l;
}

namespace {

// Outputs the user named (a chart, a regenerated policy file): replaced whole or not at all, so
// an interrupted run never leaves a policy file cut in half for the rules engine to read.
Status WriteFile(const std::string& path, const std::string& text, const char* option) {
  if (Status written = WriteFileAtomically(path, text); !written.ok()) {
    return Status::InvalidArgument(written.message(), option);
  }
  std::cerr << "wrote " << path << "\n";
  return Status::OK();
}

int Print(const GlobalOptions& g, const PlanningOutput& o, const std::string& json, const std::string& csv,
          const std::string& text, const std::string& svg) {
  if (!o.svg_file.empty()) {
    if (Status s = WriteFile(o.svg_file, svg, "--svg"); !s.ok()) return Fail(s);
  }
  std::cout << (g.json ? json + "\n" : o.csv ? csv : text);
  return 0;
}

}  // namespace

int RunSolidarityReport(const GlobalOptions& g, const PlanningOutput& o, int year, const std::string& pledges,
                        double eur_per_relocation, const std::string& crisis_deductions) {
  auto l = LoadPlanningData(g);
  if (!l.ok()) return Fail(l.status());
  solidarity::SolidarityOptions opts;
  opts.year = year;
  if (!(eur_per_relocation > 0) || !std::isfinite(eur_per_relocation)) {  // NaN fails the first test
    return Fail(Status::InvalidArgument("must be a positive amount", "--eur-per-relocation"));
  }
  opts.eur_per_relocation = eur_per_relocation;
  if (!pledges.empty()) {
    auto p = solidarity::LoadPledges(pledges, l->rules->countries);
    if (!p.ok()) return Fail(p.status());
    opts.pledges = *p;
  }
  if (!crisis_deductions.empty()) {
    auto d = solidarity::LoadCrisisDeductions(crisis_deductions, l->rules->countries);
    if (!d.ok()) return Fail(d.status());
    opts.crisis_deductions = *d;
  }
  auto r = solidarity::ComputeSolidarity(*l->ref, *l->rules, opts);
  if (!r.ok()) return Fail(r.status());
  std::vector<std::string> labels;
  std::vector<double> values;
  for (const auto& m : r->member_states) {
    if (!m.takes_part) continue;
    labels.push_back(m.name);
    values.push_back(100 * m.share);
  }
  return Print(g, o, solidarity::SolidarityToJson(*r), solidarity::SolidarityToCsv(*r), solidarity::SolidarityToText(*r),
               stats::BarChartSvg("Fair share of the " + std::to_string(year) + " solidarity pool (AMMR Art. 66)",
                                  labels, values, "% of the reference key",
                                  r->population_series + "; " + r->gdp_series.substr(0, r->gdp_series.find(':'))));
}

int RunOffsetRequest(const GlobalOptions& g, const OffsetRequestArgs& a) {
  auto l = LoadPlanningData(g);
  if (!l.ok()) return Fail(l.status());
  solidarity::OffsetRequestOptions opts;
  opts.year = a.year;
  opts.requesting = a.requesting;
  opts.requested = a.requested;
  if (a.applications >= 0) opts.applications = a.applications;
  opts.offered = a.offered;
  auto received = OptionalDate(a.received_on, "--received-on");
  if (!received.ok()) return Fail(received.status());
  opts.received_on = *received;
  if (!a.pledges_file.empty()) {
    auto p = solidarity::LoadPledges(a.pledges_file, l->rules->countries);
    if (!p.ok()) return Fail(p.status());
    opts.pledges = *p;
  }
  auto r = solidarity::ComputeOffsetRequest(*l->ref, *l->rules, opts);
  if (!r.ok()) return Fail(AsOption(r.status()));  // the module names the request's fields
  std::cout << solidarity::OffsetRequestToJson(*r) << "\n";
  return 0;
}

int RunCrisisOffsets(const GlobalOptions& g, const PlanningOutput& o, const CrisisOffsetArgs& a) {
  auto l = LoadPlanningData(g);
  if (!l.ok()) return Fail(l.status());
  solidarity::CrisisOffsetOptions opts;
  opts.year = a.year;
  opts.member_state = a.member_state;
  opts.relocation_needs = a.relocation_needs;
  opts.financial_needs_eur = a.financial_needs_eur;
  opts.relocations_committed = a.relocations_committed;
  opts.eligible_applications = a.eligible_applications;
  opts.other_beneficiaries_uncovered = a.other_beneficiaries_uncovered;
  opts.not_contributing = a.not_contributing;
  opts.temporary_protection_article_11_disapplied = a.temporary_protection_article_11_disapplied;
  opts.article_13_authorised = a.article_13_authorised;
  auto ends = OptionalDate(a.decision_ends, "--decision-ends");
  if (!ends.ok()) return Fail(ends.status());
  opts.decision_ends = *ends;
  if (!a.commitments_file.empty()) {
    auto p = solidarity::LoadPledges(a.commitments_file, l->rules->countries);
    if (!p.ok()) return Fail(p.status());
    for (const auto& [code, pledge] : *p) opts.commitments[code] = static_cast<long long>(pledge.relocations);
  }
  if (!a.crisis_deductions_file.empty()) {
    auto d = solidarity::LoadCrisisDeductions(a.crisis_deductions_file, l->rules->countries);
    if (!d.ok()) return Fail(d.status());
    opts.crisis_deductions = *d;
  }
  auto r = solidarity::ComputeCrisisOffsets(*l->ref, *l->rules, opts);
  if (!r.ok()) return Fail(r.status());
  std::vector<std::string> labels;
  std::vector<double> values;
  for (const auto& row : r->contributors) {
    if (!row.offsets) continue;
    labels.push_back(row.name);
    values.push_back(static_cast<double>(*row.offsets));
  }
  return Print(g, o, solidarity::CrisisOffsetsToJson(*r), solidarity::CrisisOffsetsToCsv(*r),
               solidarity::CrisisOffsetsToText(*r),
               stats::BarChartSvg("Responsibility offsets in a crisis (Regulation (EU) 2024/1359, Art. 9), indicative",
                                  labels, values, "applications", "OpenPact's indicative split; " + r->allocation));
}

int RunCapacityReport(const GlobalOptions& g, const PlanningOutput& o, const std::string& at_text) {
  auto l = LoadPlanningData(g);
  if (!l.ok()) return Fail(l.status());
  auto given = OptionalDate(at_text, "--at");
  if (!given.ok()) return Fail(given.status());
  const Date at = given->value_or(*Date::Parse("2026-06-12"));
  auto r = solidarity::ComputeCapacity(*l->ref, *l->rules, at);
  if (!r.ok()) return Fail(r.status().code() == StatusCode::kFailedPrecondition
                               ? Status::InvalidArgument(r.status().message(), "--at")
                               : r.status());
  std::vector<std::string> labels;
  std::vector<double> values;
  for (const auto& m : r->member_states) {
    if (!m.published_capacity) continue;
    labels.push_back(m.name);
    values.push_back(*m.published_capacity);
  }
  return Print(g, o, solidarity::CapacityToJson(*r), solidarity::CapacityToCsv(*r), solidarity::CapacityToText(*r),
               stats::BarChartSvg("Adequate capacity for the border procedure (APR Art. 47)", labels, values,
                                  "places", "Commission Implementing Decision (EU) 2024/2150 as reported"));
}

int RunStatsRoutes(const GlobalOptions& g, const PlanningOutput& o, const std::string& from, const std::string& to) {
  auto f = stats::Month::Parse(from, "--from");
  if (!f.ok()) return Fail(f.status());
  auto t = stats::Month::Parse(to, "--to");
  if (!t.ok()) return Fail(t.status());
  auto r = stats::ComputeRoutes(ResolveDataDir(g.data_dir), *f, *t);
  if (!r.ok()) return Fail(r.status());
  std::vector<std::pair<std::string, std::vector<double>>> series;
  for (const auto& s : r->routes) {
    if (s.total > 0) series.emplace_back(s.route, s.values);
  }
  return Print(g, o, stats::RoutesToJson(*r), stats::RoutesToCsv(*r), stats::RoutesToText(*r),
               stats::LineChartSvg("Irregular border crossings by route, " + from + " to " + to, r->months, series,
                                   "detections per month", "Frontex (" + r->source + ")"));
}

int RunStatsIndicators(const GlobalOptions& g, const PlanningOutput& o, int year, int top) {
  auto l = LoadPlanningData(g);
  if (!l.ok()) return Fail(l.status());
  auto r = stats::ComputeIndicators(l->data_dir, *l->rules, *l->ref, year, top);
  if (!r.ok()) return Fail(r.status());
  std::vector<std::string> labels;
  std::vector<double> values;
  for (const auto& m : r->member_states) {
    if (!m.per_1000_inhabitants) continue;
    labels.push_back(m.name);
    values.push_back(*m.per_1000_inhabitants);
  }
  return Print(g, o, stats::IndicatorsToJson(*r), stats::IndicatorsToCsv(*r), stats::IndicatorsToText(*r),
               stats::BarChartSvg("Asylum applicants per 1,000 inhabitants, " + std::to_string(year), labels, values,
                                  "applicants per 1,000", "Eurostat migr_asyappctza; population 1 January 2024"));
}

int RunStatsLowRecognition(const GlobalOptions& g, const PlanningOutput& o, int year, const std::string& write_policy) {
  const std::string data_dir = ResolveDataDir(g.data_dir);
  if (!write_policy.empty()) {
    auto rows = stats::DeriveRecognitionRates(data_dir + "/reference/recognition_rates_by_citizenship.csv");
    if (!rows.ok()) return Fail(rows.status());
    if (Status s = WriteFile(write_policy, stats::RecognitionRatesPolicyCsv(*rows), "--write-policy"); !s.ok()) {
      return Fail(s);
    }
  }
  auto rules = rules::RulesData::Load(data_dir, write_policy.empty() ? "" : std::string());
  if (!rules.ok()) return Fail(rules.status());
  auto r = stats::ComputeLowRecognition(*rules, year);
  std::vector<std::string> labels;
  std::vector<double> values;
  for (const auto& e : r.at_or_below) {
    labels.push_back(e.name + (e.rate_pct ? "" : " (at most)"));
    values.push_back(e.rate_pct.value_or(e.upper_bound_pct.value_or(0)));
  }
  std::string text = "Nationalities at or below " + std::to_string(static_cast<int>(r.threshold_pct)) + " % in " +
                     std::to_string(year) + " (" + r.legal_basis + "):\n";
  auto pct = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g %%", v);
    return std::string(buf);
  };
  for (const auto& e : r.at_or_below) {
    text += "  " + e.nationality + "  " + e.name + "  " +
            (e.rate_pct ? pct(*e.rate_pct) : "at most " + pct(*e.upper_bound_pct)) + "  (" + e.scope + ", " +
            e.source + ")\n";
  }
  for (const auto& m : r.missing_inputs) text += "Missing: " + m + "\n";
  return Print(g, o, stats::LowRecognitionToJson(r), stats::LowRecognitionToCsv(r), text,
               stats::BarChartSvg("Recognition rates at or below 20 % (" + std::to_string(year) + ")", labels, values,
                                  "% of first-instance decisions (refugee + subsidiary protection)",
                                  "policy/recognition_rates.csv (EUAA, Eurostat; see data/reference/SOURCES.md)"));
}

int RunSimulate(const GlobalOptions& g, const PlanningOutput& o, const std::string& arrivals, int year,
                unsigned long long seed) {
  auto l = LoadPlanningData(g);
  if (!l.ok()) return Fail(l.status());
  stats::SimulationOptions opts;
  opts.year = year;
  opts.seed = seed;
  auto r = stats::Simulate(arrivals, *l->rules, *l->ref, opts);
  if (!r.ok()) return Fail(r.status().code() == StatusCode::kNotFound
                               ? Status::InvalidArgument(r.status().message(), "--arrivals")
                               : r.status());
  std::vector<std::string> labels;
  std::vector<double> values;
  for (const auto& m : r->member_states) {
    labels.push_back(m.code);
    values.push_back(static_cast<double>(m.border_entries));
  }
  return Print(g, o, stats::SimulationToJson(*r), stats::SimulationToCsv(*r), stats::SimulationToText(*r),
               stats::BarChartSvg("Simulated border-procedure entries, " + std::to_string(year), labels, values,
                                  "applicants", "OpenPact simulation of the user's scenario (seed " +
                                                    std::to_string(seed) + "): not data"));
}

}  // namespace openpact::cli
