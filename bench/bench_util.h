// Small helpers of the scale harnesses (openpact_identify_bench, openpact_registry_bench).
#pragma once

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>

namespace openpact::bench {

// Seconds on the steady clock.
inline double Now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

// The process's resident set size in KiB (Linux /proc), -1 if unknown.
inline long RssKiB() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

}  // namespace openpact::bench
