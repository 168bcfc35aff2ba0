// The situation picture of the European Annual Asylum and Migration Report (Regulation (EU)
// 2024/1351, Art. 9(3)(a)) on the project's published figures: what each point's figures say for a
// year, and which points they leave without figures.
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/json_writer.h"
#include "stats/stats.h"

namespace openpact::stats {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* kLegalBasis =
    "Regulation (EU) 2024/1351, Art. 9(3)(a) (the report's situation picture); Art. 66 and Annex I (the reference key)";

std::optional<double> Number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> PctChange(std::optional<double> now, std::optional<double> before) {
  if (!now || !before || *before == 0) return std::nullopt;
  return 100.0 * (*now - *before) / *before;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Which point of Art. 9(3)(a) a published metric informs, read from its wording; "" where it is
// context (cases pending, for example). The order matters: "decisions on incoming requests" are
// Dublin figures (x), not asylum decisions (iv).
std::string Art9Point(const std::string& metric) {
  const std::string m = Lower(metric);
  auto has = [&](const char* word) { return m.find(word) != std::string::npos; };
  if (has("unaccompanied")) return "ii";
  if (has("transfer")) return "xi";
  if (has("dublin") || has("take-back") || has("requests")) return "x";
  if (has("granted") || has("grants")) return "iii";
  if (has("decision") || has("recognition rate")) return "iv";
  if (has("resettle")) return "viii";
  if (has("temporary protection")) return "xv";
  if (has("applicant") || has("application")) return "i";
  return "";
}

// Where a table keeps its figures. Every table has status and source columns, and may have unit
// and note; the metric is a column or, for a table of one metric, given.
struct FigureColumns {
  const char* period = "year";
  const char* scope = "scope";  // EU27, EU+ or a Member State's Eurostat code
  const char* value = "value";
  const char* metric = "metric";     // nullptr: `fixed_metric`
  const char* fixed_metric = "";
  const char* ratio = nullptr;       // a per-1,000 column, added to the note
};

Result<std::vector<PublishedFigure>> ReadFigures(const std::string& path, const FigureColumns& columns) {
  OP_ASSIGN_OR_RETURN(CsvTable t, CsvTable::ReadFile(path));
  OP_ASSIGN_OR_RETURN(size_t c_period, t.Column(columns.period));
  OP_ASSIGN_OR_RETURN(size_t c_scope, t.Column(columns.scope));
  OP_ASSIGN_OR_RETURN(size_t c_value, t.Column(columns.value));
  OP_ASSIGN_OR_RETURN(size_t c_status, t.Column("status"));
  OP_ASSIGN_OR_RETURN(size_t c_source, t.Column("source"));
  std::optional<size_t> c_metric, c_ratio;
  if (columns.metric != nullptr) {
    OP_ASSIGN_OR_RETURN(c_metric, t.Column(columns.metric));
  }
  if (columns.ratio != nullptr) {
    OP_ASSIGN_OR_RETURN(c_ratio, t.Column(columns.ratio));
  }
  const auto c_unit = t.Column("unit");
  const auto c_note = t.Column("note");
  std::vector<PublishedFigure> figures;
  for (size_t i = 0; i < t.size(); ++i) {
    const auto& r = t.row(i);
    PublishedFigure f;
    f.period = r[c_period];
    f.scope = r[c_scope];
    f.metric = c_metric ? r[*c_metric] : columns.fixed_metric;
    f.point = Art9Point(f.metric);
    if (!r[c_value].empty()) {
      OP_ASSIGN_OR_RETURN(double v, t.FiniteNumber(i, c_value, columns.value));
      f.value = v;
    }
    f.unit = c_unit.ok() ? r[*c_unit] : "persons";
    f.status = r[c_status];
    f.source = r[c_source];
    f.note = c_note.ok() ? r[*c_note] : "";
    if (c_ratio && !r[*c_ratio].empty()) {
      f.note = r[*c_ratio] + " per 1,000 inhabitants" + (f.note.empty() ? "" : "; " + f.note);
    }
    figures.push_back(std::move(f));
  }
  return figures;
}

// Applicants per reporting country or citizenship: a code column and applicants_YYYY columns.
struct ApplicantTable {
  std::vector<int> years;
  std::vector<std::pair<std::string, std::map<int, double>>> rows;  // code -> year -> applicants
  std::string source;
};

Result<ApplicantTable> ReadApplicants(const std::string& path, std::string_view code_column) {
  OP_ASSIGN_OR_RETURN(CsvTable t, CsvTable::ReadFile(path));
  OP_ASSIGN_OR_RETURN(size_t c_code, t.Column(code_column));
  OP_ASSIGN_OR_RETURN(size_t c_source, t.Column("source"));
  ApplicantTable out;
  std::vector<std::pair<int, size_t>> year_columns;
  for (size_t c = 0; c < t.header().size(); ++c) {
    const std::string& h = t.header()[c];
    if (h.rfind("applicants_", 0) == 0) {
      if (auto y = Number(h.substr(11))) year_columns.emplace_back(static_cast<int>(*y), c);
    }
  }
  for (const auto& [y, c] : year_columns) out.years.push_back(y);
  for (size_t i = 0; i < t.size(); ++i) {
    std::map<int, double> by_year;
    for (const auto& [y, c] : year_columns) {
      if (t.row(i)[c].empty()) continue;
      OP_ASSIGN_OR_RETURN(double v, t.FiniteNumber(i, c, t.header()[c]));
      by_year[y] = v;
    }
    out.rows.emplace_back(t.row(i)[c_code], std::move(by_year));
    if (out.source.empty()) out.source = t.row(i)[c_source];
  }
  return out;
}

std::optional<double> At(const std::map<int, double>& m, int year) {
  auto it = m.find(year);
  return it == m.end() ? std::nullopt : std::optional<double>(it->second);
}

json Optional(const std::optional<double>& v) { return v ? json(*v) : json(); }

// Rates and shares with a decimal, counts without.
int Decimals(const PublishedFigure& f) { return f.unit == "percent" || f.unit == "per 1000" ? 1 : 0; }

json FigureJson(const PublishedFigure& f) {
  return json{{"point", f.point}, {"period", f.period}, {"scope", f.scope},   {"metric", f.metric},
              {"value", Optional(f.value)}, {"unit", f.unit}, {"status", f.status}, {"source", f.source},
              {"note", f.note}};
}

}  // namespace

Result<IndicatorsReport> ComputeIndicators(const std::string& data_dir, const rules::RulesData& rules,
                                           const solidarity::ReferenceData& ref, int year, int top) {
  if (top < 1 || top > 200) return Status::InvalidArgument("must be 1 to 200", "--top");
  const std::string dir = data_dir + "/reference/";
  OP_ASSIGN_OR_RETURN(ApplicantTable by_state, ReadApplicants(dir + "asylum_applicants_by_member_state.csv", "geo_iso3"));
  IndicatorsReport r;
  r.year = year;
  r.legal_basis = kLegalBasis;
  r.years_available = by_state.years;
  if (std::find(by_state.years.begin(), by_state.years.end(), year) == by_state.years.end()) {
    std::string years;
    for (int y : by_state.years) years += (years.empty() ? "" : ", ") + std::to_string(y);
    return Status::InvalidArgument("no published applicant figures for " + std::to_string(year) +
                                       " (the reference data hold " + years + ")",
                                   "--year");
  }
  r.sources.push_back(by_state.source);

  // The reference key of Art. 66 over the States taking part, as `solidarity report` computes it.
  OP_ASSIGN_OR_RETURN(solidarity::SolidarityReport key, solidarity::ComputeSolidarity(ref, rules, {}));
  std::map<std::string, const solidarity::MemberStateShare*> key_of;
  for (const auto& m : key.member_states) key_of[m.code] = &m;

  std::vector<std::string> left_out;
  for (const auto& [code, by_year] : by_state.rows) {
    if (code == "EU27") {
      r.applicants_published = At(by_year, year);
      continue;
    }
    const Country* c = rules.countries.Find(code);
    if (c == nullptr || !(c->eu_member_state || c->schengen_associated)) {
      left_out.push_back(code);
      continue;
    }
    MemberStateIndicators m;
    m.code = code;
    m.name = c->name;
    m.member_state = c->eu_member_state;
    m.applicants = At(by_year, year);
    m.applicants_previous_year = At(by_year, year - 1);
    m.change_pct = PctChange(m.applicants, m.applicants_previous_year);
    if (auto p = ref.population.find(code); p != ref.population.end() && p->second.value && *p->second.value > 0) {
      m.population = p->second.value;
      if (m.applicants) m.per_1000_inhabitants = 1000.0 * *m.applicants / *m.population;
    }
    if (m.member_state && m.applicants) r.applicants_member_states += *m.applicants;
    if (auto k = key_of.find(code); k != key_of.end()) m.pressure = k->second->pressure;
    r.member_states.push_back(std::move(m));
  }
  std::string no_population;
  for (const auto& m : r.member_states) {
    if (!m.population) no_population += (no_population.empty() ? "" : ", ") + m.name;
  }
  if (!no_population.empty()) {
    r.missing_inputs.push_back("population of " + no_population + " (the series covers the Member States): no rate per 1,000");
  }
  if (!left_out.empty()) {
    std::string codes;
    for (const std::string& c : left_out) codes += (codes.empty() ? "" : ", ") + c;
    r.notes.push_back("left out, not States of the system: " + codes);
  }

  // Shares of the Member States' applicants, and against the key.
  double participants_applicants = 0;
  const bool key_usable = key.key_complete();
  for (const auto& m : r.member_states) {
    auto k = key_of.find(m.code);
    if (key_usable && m.applicants && k != key_of.end() && k->second->takes_part) participants_applicants += *m.applicants;
  }
  for (auto& m : r.member_states) {
    if (!m.member_state || !m.applicants) continue;
    if (r.applicants_member_states > 0) m.share_pct = 100.0 * *m.applicants / r.applicants_member_states;
    auto k = key_of.find(m.code);
    if (!key_usable || k == key_of.end() || !k->second->takes_part) continue;
    m.key_share_pct = 100.0 * k->second->share;
    m.expected_under_key = k->second->share * participants_applicants;
    if (*m.expected_under_key > 0) m.relative_to_key = *m.applicants / *m.expected_under_key;
  }
  if (!key_usable) {
    for (const std::string& s : key.key_missing_inputs) r.missing_inputs.push_back("reference key: " + s);
  }
  std::stable_sort(r.member_states.begin(), r.member_states.end(), [](const auto& a, const auto& b) {
    return a.applicants.value_or(-1) > b.applicants.value_or(-1);
  });
  auto state = [&](const std::string& geo) -> MemberStateIndicators* {
    const std::string code = solidarity::GeoToAlpha3(geo, rules.countries);
    for (auto& m : r.member_states) {
      if (m.code == code) return &m;
    }
    return nullptr;
  };

  // (xiv) refusals of entry, per year.
  {
    FigureColumns columns;
    columns.period = "period";
    columns.scope = "geo";
    columns.value = "refused_entry_persons";
    columns.metric = nullptr;
    columns.fixed_metric = "refusals of entry";
    OP_ASSIGN_OR_RETURN(auto figures, ReadFigures(dir + "refusals_of_entry_by_member_state.csv", columns));
    bool any = false;
    for (const PublishedFigure& f : figures) {
      if (f.period != std::to_string(year) || !f.value) continue;
      if (MemberStateIndicators* m = state(f.scope)) {
        m->refusals_of_entry = f.value;
        if (!any) r.sources.push_back(f.source);
        any = true;
      }
    }
    if (!any) r.missing_inputs.push_back("(xiv) refusals of entry: no figures for " + std::to_string(year));
  }

  // (xv) temporary protection: the latest published figure of each State and of the Union (a row
  // with a ratio alone, or a figure not found, is passed over).
  {
    FigureColumns columns;
    columns.period = "date";
    columns.scope = "geo";
    columns.value = "beneficiaries";
    columns.metric = nullptr;
    columns.fixed_metric = "beneficiaries of temporary protection";
    columns.ratio = "per_1000_inhabitants";
    OP_ASSIGN_OR_RETURN(auto figures, ReadFigures(dir + "temporary_protection.csv", columns));
    std::optional<PublishedFigure> union_latest;
    for (const PublishedFigure& f : figures) {
      if (!f.value) continue;
      if (f.scope == "EU27") {
        if (!union_latest || f.period > union_latest->period) union_latest = f;
      } else if (MemberStateIndicators* m = state(f.scope)) {
        if (!m->temporary_protection || f.period > m->temporary_protection->period) m->temporary_protection = f;
      }
    }
    if (union_latest) r.union_figures.push_back(*union_latest);
  }

  // Union and Member State rows of the year: applicants, decisions, Dublin, resettlement.
  std::vector<PublishedFigure> rows;
  for (const char* name : {"asylum_totals_eu.csv", "asylum_decisions_eu.csv"}) {
    OP_ASSIGN_OR_RETURN(auto part, ReadFigures(dir + name, FigureColumns{}));
    rows.insert(rows.end(), part.begin(), part.end());
  }
  {
    FigureColumns dublin;
    dublin.scope = "geo";
    OP_ASSIGN_OR_RETURN(auto part, ReadFigures(dir + "dublin_2023.csv", dublin));
    rows.insert(rows.end(), part.begin(), part.end());
    FigureColumns resettlement;
    resettlement.value = "resettled_persons";
    resettlement.metric = nullptr;
    resettlement.fixed_metric = "resettled persons";
    OP_ASSIGN_OR_RETURN(part, ReadFigures(dir + "resettlement.csv", resettlement));
    rows.insert(rows.end(), part.begin(), part.end());
  }
  bool dublin_rows = false;
  for (const PublishedFigure& f : rows) {
    if (f.period != std::to_string(year)) continue;
    if (f.scope == "EU27" || f.scope == "EU+") {
      r.union_figures.push_back(f);
    } else if (MemberStateIndicators* m = state(f.scope)) {
      m->figures.push_back(f);
    } else {
      continue;
    }
    if (f.point == "x" || f.point == "xi") dublin_rows = true;
  }

  // (xvi) irregular crossings, all routes (Frontex counts them by route, not by Member State).
  {
    OP_ASSIGN_OR_RETURN(CsvTable t, CsvTable::ReadFile(dir + "frontex_ibc_by_route_annual.csv"));
    OP_ASSIGN_OR_RETURN(size_t c_route, t.Column("route"));
    OP_ASSIGN_OR_RETURN(size_t c_period, t.Column("period"));
    OP_ASSIGN_OR_RETURN(size_t c_value, t.Column("detections"));
    for (size_t i = 0; i < t.size(); ++i) {
      if (t.row(i)[c_period] != std::to_string(year) || t.row(i)[c_route].rfind("TOTAL", 0) != 0) continue;
      OP_ASSIGN_OR_RETURN(double v, t.FiniteNumber(i, c_value, "detections"));
      r.irregular_crossings = v;
    }
    if (!r.irregular_crossings) r.missing_inputs.push_back("(xvi) irregular crossings: no Frontex total for " + std::to_string(year));
  }

  // (i) the citizenships, with the year's recognition rate where the policy data hold one.
  {
    OP_ASSIGN_OR_RETURN(ApplicantTable by_citizenship,
                        ReadApplicants(dir + "asylum_applicants_by_citizenship_eu27.csv", "citizenship_iso3"));
    const LowRecognitionReport rates = ComputeLowRecognition(rules, year);
    r.recognition_threshold_pct = rates.threshold_pct;
    std::map<std::string, std::pair<const LowRecognitionEntry*, bool>> rate_of;
    for (const auto& e : rates.at_or_below) rate_of[e.nationality] = {&e, true};
    for (const auto& e : rates.above) rate_of[e.nationality] = {&e, false};
    double total = 0;
    for (const auto& [code, by_year] : by_citizenship.rows) total += At(by_year, year).value_or(0);
    for (const auto& [code, by_year] : by_citizenship.rows) {
      auto now = At(by_year, year);
      if (!now || *now <= 0) continue;
      CitizenshipIndicators c;
      c.code = code;
      c.name = rules.countries.NameOf(code);
      c.applicants = *now;
      c.applicants_previous_year = At(by_year, year - 1);
      c.change_pct = PctChange(now, c.applicants_previous_year);
      c.share_pct = total > 0 ? 100.0 * *now / total : 0;
      if (auto it = rate_of.find(code); it != rate_of.end()) {
        c.recognition_rate_pct = it->second.first->rate_pct;
        c.recognition_upper_bound_pct = it->second.first->upper_bound_pct;
        c.at_or_below_threshold = it->second.second;
      }
      r.citizenships.push_back(std::move(c));
    }
    std::stable_sort(r.citizenships.begin(), r.citizenships.end(),
                     [](const auto& a, const auto& b) { return a.applicants > b.applicants; });
    if (r.citizenships.size() > static_cast<size_t>(top)) r.citizenships.resize(static_cast<size_t>(top));
  }

  // What the figures do not cover, point by point.
  const std::string y = std::to_string(year);
  r.missing_inputs.push_back("(ii) unaccompanied minors and persons with special needs per Member State");
  r.missing_inputs.push_back("(iii) persons granted international protection per Member State (published for the largest only)");
  r.missing_inputs.push_back("(iv) first-instance and final decisions per Member State");
  r.missing_inputs.push_back("(v) reception capacity");
  r.missing_inputs.push_back("(vi) third-country nationals found not to fulfil the conditions of entry, stay or residence");
  r.missing_inputs.push_back("(vii) return decisions and departures under them");
  r.missing_inputs.push_back("(viii) resettlement and humanitarian admission per Member State");
  r.missing_inputs.push_back("(ix) applicants in the border procedure and their nationality");
  r.missing_inputs.push_back(dublin_rows ? "(x)-(xi) take charge requests, take back notifications, transfer decisions and "
                                           "transfers: the main Member States only"
                                         : "(x)-(xi) take charge requests, take back notifications, transfer decisions and "
                                           "transfers: no figures for " + y);
  r.missing_inputs.push_back("(xii) persons disembarked after search and rescue, and their applications");
  r.missing_inputs.push_back("(xiii) Member States with recurring arrivals by sea");
  r.missing_inputs.push_back("(xv) temporary protection for every Member State (latest figures for some only)");
  r.missing_inputs.push_back("(xvi) irregular crossings per Member State (Frontex counts detections by route: `stats routes`)");
  r.missing_inputs.push_back("(xvii) support given by Union bodies and agencies");
  r.notes.push_back("applicants: all applicants (first-time and subsequent), Eurostat migr_asyappctza; the published EU27 "
                    "total and the sum of the 27 rows differ by Eurostat's rounding of each cell");
  r.notes.push_back("per 1,000 inhabitants: population on 1 January 2024 (" + ref.population_series + ")" +
                    (year == 2024 ? "" : ", used for " + y + " too"));
  r.notes.push_back("reference key: 50 % population + 50 % GDP over the Member States taking part in the solidarity "
                    "mechanism, computed by this project (GDP: " + ref.gdp_series +
                    ", a proxy); relative_to_key = applicants / (key share x the participants' applicants), "
                    "above 1: more applicants than the key's share");
  r.notes.push_back("pressure: the Commission's finding for the current cycle (" + ref.pressure_act +
                    "), shown beside figures of " + y);
  r.notes.push_back("recognition rates: the Union-wide rate of APR Art. 42(1)(j) where the policy data hold one for " + y +
                    " (`stats low-recognition`)");
  return r;
}

std::string IndicatorsToJson(const IndicatorsReport& r) {
  json states = json::array();
  for (const auto& m : r.member_states) {
    json figures = json::array();
    for (const auto& f : m.figures) figures.push_back(FigureJson(f));
    states.push_back(json{{"code", m.code},
                          {"name", m.name},
                          {"member_state", m.member_state},
                          {"applicants", Optional(m.applicants)},
                          {"applicants_previous_year", Optional(m.applicants_previous_year)},
                          {"change_pct", Optional(m.change_pct)},
                          {"population", Optional(m.population)},
                          {"per_1000_inhabitants", Optional(m.per_1000_inhabitants)},
                          {"share_pct", Optional(m.share_pct)},
                          {"key_share_pct", Optional(m.key_share_pct)},
                          {"expected_under_key", Optional(m.expected_under_key)},
                          {"relative_to_key", Optional(m.relative_to_key)},
                          {"refusals_of_entry", Optional(m.refusals_of_entry)},
                          {"temporary_protection", m.temporary_protection ? FigureJson(*m.temporary_protection) : json()},
                          {"pressure", m.pressure},
                          {"figures", figures}});
  }
  json citizenships = json::array();
  for (const auto& c : r.citizenships) {
    citizenships.push_back(json{{"code", c.code},
                                {"name", c.name},
                                {"applicants", c.applicants},
                                {"applicants_previous_year", Optional(c.applicants_previous_year)},
                                {"change_pct", Optional(c.change_pct)},
                                {"share_pct", c.share_pct},
                                {"recognition_rate_pct", Optional(c.recognition_rate_pct)},
                                {"recognition_upper_bound_pct", Optional(c.recognition_upper_bound_pct)},
                                {"at_or_below_threshold",
                                 c.at_or_below_threshold ? json(*c.at_or_below_threshold) : json()}});
  }
  json figures = json::array();
  for (const auto& f : r.union_figures) figures.push_back(FigureJson(f));
  json out = {{"year", r.year},
              {"legal_basis", r.legal_basis},
              {"years_available", r.years_available},
              {"applicants_published", Optional(r.applicants_published)},
              {"applicants_member_states", r.applicants_member_states},
              {"irregular_crossings", Optional(r.irregular_crossings)},
              {"recognition_threshold_pct", r.recognition_threshold_pct},
              {"member_states", states},
              {"citizenships", citizenships},
              {"union_figures", figures},
              {"missing_inputs", r.missing_inputs},
              {"notes", r.notes},
              {"sources", r.sources}};
  return out.dump(2);
}

std::string IndicatorsToCsv(const IndicatorsReport& r) {
  auto opt = [](const std::optional<double>& v, int d) { return v ? FormatFixed(*v, d) : std::string(); };
  std::string out =
      "code,name,member_state,applicants,applicants_previous_year,change_pct,per_1000_inhabitants,share_pct,"
      "key_share_pct,expected_under_key,relative_to_key,refusals_of_entry,temporary_protection,"
      "temporary_protection_date,pressure\n";
  for (const auto& m : r.member_states) {
    const auto& tp = m.temporary_protection;
    out += m.code + ",\"" + m.name + "\"," + (m.member_state ? "true" : "false") + "," + opt(m.applicants, 0) +
           "," + opt(m.applicants_previous_year, 0) + "," + opt(m.change_pct, 1) + "," +
           opt(m.per_1000_inhabitants, 2) + "," + opt(m.share_pct, 2) + "," + opt(m.key_share_pct, 2) + "," +
           opt(m.expected_under_key, 0) + "," + opt(m.relative_to_key, 2) + "," + opt(m.refusals_of_entry, 0) + "," +
           (tp ? opt(tp->value, 0) : "") + "," + (tp ? tp->period : "") + "," + m.pressure + "\n";
  }
  return out;
}

std::string IndicatorsToText(const IndicatorsReport& r) {
  auto opt = [](const std::optional<double>& v, int d) { return v ? FormatFixed(*v, d) : std::string("-"); };
  std::string out = "Situation picture " + std::to_string(r.year) + " on published figures (" + r.legal_basis + ")\n";
  out += "Asylum applicants, EU27: " + opt(r.applicants_published, 0) + " published, " +
         FormatFixed(r.applicants_member_states, 0) + " the sum of the 27";
  if (r.irregular_crossings) out += "; irregular crossings (Frontex detections): " + opt(r.irregular_crossings, 0);
  out += "\n\n";
  char line[320];
  std::snprintf(line, sizeof line, "%-4s %-22s %9s %8s %8s %7s %7s %6s %9s  %s\n", "code", "name", "applicants",
                "change%", "per1000", "share%", "key%", "x key", "refusals", "pressure");
  out += line;
  for (const auto& m : r.member_states) {
    std::snprintf(line, sizeof line, "%-4s %-22.22s %9s %8s %8s %7s %7s %6s %9s  %s\n", m.code.c_str(), m.name.c_str(),
                  opt(m.applicants, 0).c_str(), opt(m.change_pct, 1).c_str(), opt(m.per_1000_inhabitants, 2).c_str(),
                  opt(m.share_pct, 2).c_str(), opt(m.key_share_pct, 2).c_str(), opt(m.relative_to_key, 2).c_str(),
                  opt(m.refusals_of_entry, 0).c_str(), m.pressure.empty() ? "-" : m.pressure.c_str());
    out += line;
  }
  out += "\nMain citizenships of applicants (EU27)\n";
  std::snprintf(line, sizeof line, "%-4s %-28s %9s %8s %7s  %s\n", "code", "name", "applicants", "change%", "share%",
                "recognition rate (APR Art. 42(1)(j))");
  out += line;
  for (const auto& c : r.citizenships) {
    std::string rate = "-";
    if (c.recognition_rate_pct) {
      rate = FormatFixed(*c.recognition_rate_pct, 1) + " %";
    } else if (c.recognition_upper_bound_pct) {
      rate = "at most " + FormatFixed(*c.recognition_upper_bound_pct, 1) + " %";
    }
    if (c.at_or_below_threshold && *c.at_or_below_threshold) rate += " (at or below " + FormatFixed(r.recognition_threshold_pct, 0) + " %)";
    std::snprintf(line, sizeof line, "%-4s %-28.28s %9.0f %8s %7.2f  %s\n", c.code.c_str(), c.name.c_str(), c.applicants,
                  opt(c.change_pct, 1).c_str(), c.share_pct, rate.c_str());
    out += line;
  }
  out += "\nUnion figures\n";
  for (const auto& f : r.union_figures) {
    out += "  (" + (f.point.empty() ? std::string("-") : f.point) + ") " + f.period + " " + f.scope + " " + f.metric +
           ": " + opt(f.value, Decimals(f)) + " " + f.unit + " [" +
           f.source + "]\n";
  }
  bool heading = false;
  for (const auto& m : r.member_states) {
    for (const auto& f : m.figures) {
      if (!heading) out += "\nMember State figures\n";
      heading = true;
      out += "  (" + (f.point.empty() ? std::string("-") : f.point) + ") " + f.period + " " + m.code + " " + f.metric +
             ": " + opt(f.value, Decimals(f)) + " " + f.unit + " [" + f.source + "]\n";
    }
  }
  for (const std::string& s : r.missing_inputs) out += "Missing: " + s + "\n";
  for (const std::string& n : r.notes) out += "Note: " + n + "\n";
  return out;
}

}  // namespace openpact::stats
