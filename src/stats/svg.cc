// Plain SVG charts (no dependencies): horizontal bars for per-Member-State figures, lines for
// monthly series. Every chart carries its title and its source line.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "stats/stats.h"

namespace openpact::stats {
namespace {

std::string Xml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Num(double v) {
  char buf[64];
  if (std::fabs(v) >= 100 || v == std::floor(v)) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", v);
  }
  return buf;
}

constexpr const char* kColors[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                   "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

}  // namespace

std::string BarChartSvg(const std::string& title, const std::vector<std::string>& labels,
                        const std::vector<double>& values, const std::string& unit, const std::string& source) {
  const int width = 820, left = 170, right = 90, top = 50, bar = 18, gap = 6;
  const int height = top + static_cast<int>(labels.size()) * (bar + gap) + 50;
  double max = 0;
  for (double v : values) max = std::max(max, v);
  if (max <= 0) max = 1;
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) + "\" height=\"" +
                  std::to_string(height) + "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  s += "<text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">" + Xml(title) + "</text>\n";
  for (size_t i = 0; i < labels.size(); ++i) {
    const int y = top + static_cast<int>(i) * (bar + gap);
    const double w = (width - left - right) * std::max(0.0, values[i]) / max;
    s += "<text x=\"" + std::to_string(left - 8) + "\" y=\"" + std::to_string(y + bar - 4) +
         "\" text-anchor=\"end\">" + Xml(labels[i]) + "</text>\n";
    s += "<rect x=\"" + std::to_string(left) + "\" y=\"" + std::to_string(y) + "\" width=\"" + Num(w) +
         "\" height=\"" + std::to_string(bar) + "\" fill=\"" + kColors[0] + "\"><title>" + Xml(labels[i]) + ": " +
         Num(values[i]) + " " + Xml(unit) + "</title></rect>\n";
    s += "<text x=\"" + Num(left + w + 6) + "\" y=\"" + std::to_string(y + bar - 4) + "\">" + Num(values[i]) +
         "</text>\n";
  }
  s += "<text x=\"10\" y=\"" + std::to_string(height - 28) + "\" fill=\"#555\">Unit: " + Xml(unit) + "</text>\n";
  s += "<text x=\"10\" y=\"" + std::to_string(height - 10) + "\" fill=\"#555\">Source: " + Xml(source) + "</text>\n";
  s += "</svg>\n";
  return s;
}

std::string LineChartSvg(const std::string& title, const std::vector<std::string>& x_labels,
                         const std::vector<std::pair<std::string, std::vector<double>>>& series,
                         const std::string& unit, const std::string& source) {
  const int width = 960, height = 460, left = 70, right = 260, top = 50, bottom = 90;
  const int plot_w = width - left - right, plot_h = height - top - bottom;
  double max = 0;
  for (const auto& [_, v] : series) {
    for (double x : v) max = std::max(max, x);
  }
  if (max <= 0) max = 1;
  const size_t n = x_labels.size();
  auto px = [&](size_t i) { return left + (n <= 1 ? 0.0 : plot_w * static_cast<double>(i) / (n - 1)); };
  auto py = [&](double v) { return top + plot_h - plot_h * v / max; };
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) + "\" height=\"" +
                  std::to_string(height) + "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  s += "<text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">" + Xml(title) + "</text>\n";
  for (int k = 0; k <= 4; ++k) {
    const double v = max * k / 4;
    s += "<line x1=\"" + std::to_string(left) + "\" x2=\"" + std::to_string(left + plot_w) + "\" y1=\"" + Num(py(v)) +
         "\" y2=\"" + Num(py(v)) + "\" stroke=\"#ddd\"/>\n";
    s += "<text x=\"" + std::to_string(left - 6) + "\" y=\"" + Num(py(v) + 4) + "\" text-anchor=\"end\">" + Num(v) +
         "</text>\n";
  }
  for (size_t i = 0; i < n; ++i) {
    if (n > 12 && i % 3 != 0) continue;
    s += "<text x=\"" + Num(px(i)) + "\" y=\"" + std::to_string(top + plot_h + 16) +
         "\" text-anchor=\"middle\">" + Xml(x_labels[i]) + "</text>\n";
  }
  for (size_t k = 0; k < series.size(); ++k) {
    const char* color = kColors[k % 10];
    std::string points;
    for (size_t i = 0; i < series[k].second.size() && i < n; ++i) {
      points += Num(px(i)) + "," + Num(py(series[k].second[i])) + " ";
    }
    s += "<polyline fill=\"none\" stroke=\"" + std::string(color) + "\" stroke-width=\"2\" points=\"" + points +
         "\"><title>" + Xml(series[k].first) + "</title></polyline>\n";
    const int ly = top + static_cast<int>(k) * 18;
    s += "<rect x=\"" + std::to_string(left + plot_w + 14) + "\" y=\"" + std::to_string(ly) +
         "\" width=\"12\" height=\"12\" fill=\"" + color + "\"/>\n";
    s += "<text x=\"" + std::to_string(left + plot_w + 32) + "\" y=\"" + std::to_string(ly + 10) + "\">" +
         Xml(series[k].first) + "</text>\n";
  }
  s += "<text x=\"10\" y=\"" + std::to_string(height - 28) + "\" fill=\"#555\">Unit: " + Xml(unit) + "</text>\n";
  s += "<text x=\"10\" y=\"" + std::to_string(height - 10) + "\" fill=\"#555\">Source: " + Xml(source) + "</text>\n";
  s += "</svg>\n";
  return s;
}

}  // namespace openpact::stats
