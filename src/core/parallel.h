// Plain data parallelism over an index range: the project's one way to spread a loop over threads
// (a gallery scan, an evaluation's probes, a calibration's pairs, a benchmark's gallery build).
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace openpact {

// The machine's hardware threads, at least 1 (the default for --threads options).
inline int HardwareThreads() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

// Runs body(worker, index) for every index in [0, n) on `workers` threads (at least 1): worker w
// takes w, w + workers, w + 2 workers, ... so neighbouring indices, often of similar cost, are
// spread over the threads. `worker` lets the body use per-thread scratch space without locks.
// Returns when every index is done.
template <typename Body>
void ParallelFor(size_t n, int workers, Body body) {
  const size_t w_count = static_cast<size_t>(std::max(1, workers));
  if (w_count == 1 || n <= 1) {
    for (size_t k = 0; k < n; ++k) body(0, k);
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(w_count);
  for (size_t w = 0; w < w_count; ++w) {
    pool.emplace_back([&body, n, w, w_count] {
      for (size_t k = w; k < n; k += w_count) body(static_cast<int>(w), k);
    });
  }
  for (auto& t : pool) t.join();
}

}  // namespace openpact
