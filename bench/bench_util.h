// Small helpers of the scale harnesses (openpact_identify_bench, openpact_registry_bench).
#pragma once

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>

namespace openpact::bench {

// Seconds on the steady clock.
inline double Now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

// A size field of /proc/self/status in KiB ("VmRSS:", "VmHWM:"), -1 if unknown.
inline long StatusKiB(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + field.size());
  }
  return -1;
}

// The process's resident set size in KiB, now and at its peak so far (what `/usr/bin/time -v`
// reports as the maximum resident set size).
inline long RssKiB() { return StatusKiB("VmRSS:"); }
inline long PeakRssKiB() { return StatusKiB("VmHWM:"); }

}  // namespace openpact::bench
