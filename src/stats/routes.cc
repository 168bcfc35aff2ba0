// Irregular border crossings by route: period totals, shares, year-on-year and period-on-period
// changes, least-squares trend and the most significant change of level.
// GCC 12 reports a false -Wfree-nonheap-object inside std::vector here (its known false positive
// with inlined vector growth); the code frees only what std::vector allocated.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wfree-nonheap-object"
#endif
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/json_writer.h"

#include "core/csv.h"
#include "stats/stats.h"

namespace openpact::stats {
namespace {

using json = nlohmann::ordered_json;

std::string Fixed(double v, int decimals) { return FormatFixed(v, decimals); }

// Median of absolute values.
double MedianAbs(std::vector<double> v) {
  for (double& x : v) x = std::fabs(x);
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n == 0 ? 0 : (n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]));
}

std::optional<double> PctChange(double now, std::optional<double> before) {
  if (!before || *before == 0) return std::nullopt;
  return 100.0 * (now - *before) / *before;
}

}  // namespace

Result<Month> Month::Parse(const std::string& text, const std::string& field) {
  if (text.size() != 7 || text[4] != '-') {
    return Status::InvalidArgument("'" + text + "' is not a month (want YYYY-MM)", field);
  }
  auto d = Date::Parse(text + "-01", field);
  if (!d.ok()) return Status::InvalidArgument("'" + text + "' is not a month (want YYYY-MM)", field);
  return Month{d->year() * 12 + d->month() - 1};
}

std::string Month::ToString() const { return Date::FromYmd(year(), month(), 1)->ToString().substr(0, 7); }

double LeastSquaresSlope(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  if (x.size() < 2) return 0;
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sx += i;
    sy += x[i];
    sxx += static_cast<double>(i) * i;
    sxy += i * x[i];
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

std::optional<ChangePoint> FindChangePoint(const std::vector<double>& x) {
  const size_t n = x.size();
  if (n < 6) return std::nullopt;
  // Noise scale from first differences (robust to the shift itself): MAD / 0.6745, / sqrt(2).
  std::vector<double> diffs;
  for (size_t i = 1; i < n; ++i) diffs.push_back(x[i] - x[i - 1]);
  const double sigma = MedianAbs(diffs) / 0.6745 / std::sqrt(2.0);
  if (sigma <= 0) return std::nullopt;
  std::vector<double> prefix(n + 1, 0);
  for (size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + x[i];
  ChangePoint best;
  for (size_t k = 2; k + 2 <= n; ++k) {
    const double before = prefix[k] / k, after = (prefix[n] - prefix[k]) / (n - k);
    const double t = std::fabs(after - before) / (sigma * std::sqrt(1.0 / k + 1.0 / (n - k)));
    if (t > best.statistic) best = ChangePoint{k, t, before, after};
  }
  return best;
}

Result<RoutesReport> ComputeRoutes(const std::string& data_dir, Month from, Month to) {
  if (to.index < from.index) return Status::InvalidArgument("ends before --from", "--to");
  OP_ASSIGN_OR_RETURN(CsvTable t, CsvTable::ReadFile(data_dir + "/reference/frontex_ibc_by_route_monthly.csv"));
  OP_ASSIGN_OR_RETURN(size_t c_month, t.Column("month"));
  OP_ASSIGN_OR_RETURN(size_t c_source, t.Column("source"));
  std::map<int, size_t> row_of;  // month index -> row
  for (size_t i = 0; i < t.size(); ++i) {
    OP_ASSIGN_OR_RETURN(Month m, Month::Parse(t.row(i)[c_month], t.Where(i, "month")));
    row_of[m.index] = i;
  }
  RoutesReport r;
  r.from = from;
  r.to = to;
  r.source = t.size() > 0 ? t.row(0)[c_source] : "";
  for (int m = from.index; m <= to.index; ++m) {
    if (row_of.count(m) == 0) {
      return Status::InvalidArgument("no Frontex figures for " + Month{m}.ToString() + " (the data cover " +
                                         Month{row_of.begin()->first}.ToString() + " to " +
                                         Month{row_of.rbegin()->first}.ToString() + ")",
                                     m == from.index ? "--from" : "--to");
    }
    r.months.push_back(Month{m}.ToString());
  }
  auto value = [&](size_t col, int m) -> std::optional<double> {
    auto it = row_of.find(m);
    if (it == row_of.end()) return std::nullopt;
    const std::string& s = t.row(it->second)[col];
    if (s.empty()) return std::nullopt;
    return std::strtod(s.c_str(), nullptr);
  };
  auto period_sum = [&](size_t col, int first, int last) -> std::optional<double> {
    double sum = 0;
    for (int m = first; m <= last; ++m) {
      auto v = value(col, m);
      if (!v) return std::nullopt;
      sum += *v;
    }
    return sum;
  };
  const int len = to.index - from.index + 1;
  auto fill = [&](size_t col, const std::string& name) {
    RouteStats s;
    s.route = name;
    for (int m = from.index; m <= to.index; ++m) s.values.push_back(value(col, m).value_or(0));
    for (double v : s.values) s.total += v;
    s.same_period_last_year = period_sum(col, from.index - 12, to.index - 12);
    s.year_on_year_pct = PctChange(s.total, s.same_period_last_year);
    s.previous_period = period_sum(col, from.index - len, from.index - 1);
    s.period_on_period_pct = PctChange(s.total, s.previous_period);
    s.trend_per_month = LeastSquaresSlope(s.values);
    if (auto cp = FindChangePoint(s.values)) {
      s.change_statistic = cp->statistic;
      s.mean_before = cp->mean_before;
      s.mean_after = cp->mean_after;
      if (cp->statistic >= 3.0) s.change_point = Month{from.index + static_cast<int>(cp->index)}.ToString();
    }
    return s;
  };
  for (size_t c = 0; c < t.header().size(); ++c) {
    const std::string& h = t.header()[c];
    if (h == "month" || h == "source") continue;
    if (h == "total") {
      r.total = fill(c, "total");
    } else {
      r.routes.push_back(fill(c, h));
    }
  }
  for (RouteStats& s : r.routes) s.share_pct = r.total.total > 0 ? 100.0 * s.total / r.total.total : 0;
  r.total.share_pct = 100;
  std::sort(r.routes.begin(), r.routes.end(), [](const RouteStats& a, const RouteStats& b) { return a.total > b.total; });
  if (!r.total.same_period_last_year) {
    r.missing_inputs.push_back("the same months a year earlier (" + Month{from.index - 12}.ToString() + " to " +
                               Month{to.index - 12}.ToString() + "): no year-on-year change");
  }
  if (!r.total.previous_period) {
    r.missing_inputs.push_back("the preceding period (" + Month{from.index - len}.ToString() + " to " +
                               Month{from.index - 1}.ToString() + "): no period-on-period change");
  }
  r.notes.push_back("Frontex counts detections of irregular border crossings, not persons");
  r.notes.push_back("change point: the most significant single shift of level in the period (statistic >= 3; "
                    "noise estimated from month-to-month differences)");
  return r;
}

std::string RoutesToJson(const RoutesReport& r) {
  auto one = [](const RouteStats& s) {
    auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(); };
    json j = {{"route", s.route},
              {"total", s.total},
              {"share_pct", s.share_pct},
              {"same_period_last_year", opt(s.same_period_last_year)},
              {"year_on_year_pct", opt(s.year_on_year_pct)},
              {"previous_period", opt(s.previous_period)},
              {"period_on_period_pct", opt(s.period_on_period_pct)},
              {"trend_per_month", s.trend_per_month},
              {"change_point", s.change_point ? json(*s.change_point) : json()},
              {"change_statistic", s.change_statistic},
              {"monthly", s.values}};
    if (s.change_point) {
      j["mean_before"] = s.mean_before;
      j["mean_after"] = s.mean_after;
    }
    return j;
  };
  json out = {{"from", r.from.ToString()}, {"to", r.to.ToString()}, {"months", r.months}, {"source", r.source}};
  json routes = json::array();
  for (const RouteStats& s : r.routes) routes.push_back(one(s));
  out["routes"] = routes;
  out["total"] = one(r.total);
  out["missing_inputs"] = r.missing_inputs;
  out["notes"] = r.notes;
  return out.dump(2);
}

std::string RoutesToCsv(const RoutesReport& r) {
  std::string out = "route,total,share_pct,same_period_last_year,year_on_year_pct,previous_period,period_on_period_pct,"
                    "trend_per_month,change_point";
  for (const std::string& m : r.months) out += "," + m;
  out += "\n";
  auto opt = [](const std::optional<double>& v, int d) { return v ? Fixed(*v, d) : std::string(); };
  auto row = [&](const RouteStats& s) {
    out += s.route + "," + Fixed(s.total, 0) + "," + Fixed(s.share_pct, 2) + "," + opt(s.same_period_last_year, 0) + "," +
           opt(s.year_on_year_pct, 1) + "," + opt(s.previous_period, 0) + "," + opt(s.period_on_period_pct, 1) + "," +
           Fixed(s.trend_per_month, 1) + "," + s.change_point.value_or("");
    for (double v : s.values) out += "," + Fixed(v, 0);
    out += "\n";
  };
  for (const RouteStats& s : r.routes) row(s);
  row(r.total);
  return out;
}

std::string RoutesToText(const RoutesReport& r) {
  std::string out = "Irregular border crossings (Frontex detections), " + r.from.ToString() + " to " + r.to.ToString() +
                    " (" + r.source + ")\n\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-38s %9s %7s %9s %9s %10s  %s\n", "route", "total", "share%", "y-o-y %",
                "p-o-p %", "trend/mo", "change point");
  out += line;
  auto opt = [](const std::optional<double>& v) { return v ? Fixed(*v, 1) : std::string("-"); };
  auto row = [&](const RouteStats& s) {
    std::snprintf(line, sizeof line, "%-38s %9.0f %7.2f %9s %9s %10.1f  %s\n", s.route.c_str(), s.total, s.share_pct,
                  opt(s.year_on_year_pct).c_str(), opt(s.period_on_period_pct).c_str(), s.trend_per_month,
                  s.change_point.value_or("-").c_str());
    out += line;
  };
  for (const RouteStats& s : r.routes) row(s);
  row(r.total);
  for (const std::string& m : r.missing_inputs) out += "Missing: " + m + "\n";
  for (const std::string& n : r.notes) out += "Note: " + n + "\n";
  return out;
}

}  // namespace openpact::stats
