#include "api/metrics.h"

#include <cstdio>

namespace openpact::api {
namespace {

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

void Metrics::ObserveRequest(const std::string& method, const std::string& route, int status,
                             double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{method, route, status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < sizeof(kBuckets) / sizeof(double); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render(long long started_unix, const std::string& version) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::string out;
  out += "# HELP openpact_build_info Version of the running openpact binary.\n";
  out += "# TYPE openpact_build_info gauge\n";
  out += "openpact_build_info{version=\"" + Escape(version) + "\"} 1\n";
  out += "# HELP process_start_time_seconds Start time of the process since the Unix epoch.\n";
  out += "# TYPE process_start_time_seconds gauge\n";
  out += "process_start_time_seconds " + std::to_string(started_unix) + "\n";
  out += "# HELP openpact_http_requests_total HTTP requests by method, route and status.\n";
  out += "# TYPE openpact_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out += "openpact_http_requests_total{method=\"" + Escape(method) + "\",route=\"" +
           Escape(route) + "\",status=\"" + std::to_string(status) + "\"} " + std::to_string(n) +
           "\n";
  }
  out += "# HELP openpact_http_request_duration_seconds HTTP request latency by route.\n";
  out += "# TYPE openpact_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    const std::string label = "route=\"" + Escape(route) + "\"";
    for (size_t i = 0; i < sizeof(kBuckets) / sizeof(double); ++i) {
      out += "openpact_http_request_duration_seconds_bucket{" + label + ",le=\"" +
             Num(kBuckets[i]) + "\"} " + std::to_string(h.buckets[i]) + "\n";
    }
    out += "openpact_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " +
           std::to_string(h.count) + "\n";
    out += "openpact_http_request_duration_seconds_sum{" + label + "} " + Num(h.sum) + "\n";
    out += "openpact_http_request_duration_seconds_count{" + label + "} " +
           std::to_string(h.count) + "\n";
  }
  return out;
}

}  // namespace openpact::api
