// Prometheus text exposition (format 0.0.4) for a few counters and a latency histogram.
// Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace openpact::api {

class Metrics {
 public:
  void ObserveRequest(const std::string& method, const std::string& route, int status,
                      double seconds);
  std::string Render(long long started_unix, const std::string& version) const;

 private:
  static constexpr double kBuckets[] = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5};
  struct Histogram {
    unsigned long long buckets[sizeof(kBuckets) / sizeof(double)] = {};
    unsigned long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, unsigned long long> requests_;
  std::map<std::string, Histogram> latency_;
};

}  // namespace openpact::api
