#include "core/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace openpact {
namespace {

TEST(ParallelFor, VisitsEveryIndexExactlyOnceWithWorkerIdsInRange) {
  for (int workers : {1, 2, 3, 8}) {
    for (size_t n : {0u, 1u, 2u, 7u, 1000u}) {
      std::vector<std::atomic<int>> visits(n);
      std::atomic<int> bad_worker{0};
      ParallelFor(n, workers, [&](int w, size_t k) {
        if (w < 0 || w >= workers) ++bad_worker;
        ++visits[k];
      });
      EXPECT_EQ(bad_worker.load(), 0) << workers << " workers, n " << n;
      for (size_t k = 0; k < n; ++k) EXPECT_EQ(visits[k].load(), 1) << "index " << k << " of " << n;
    }
  }
}

TEST(ParallelFor, InterleavesIndicesOverWorkers) {
  // Worker w gets w, w + workers, ...: per-worker scratch space indexed by w is never shared.
  std::vector<std::vector<size_t>> seen(3);
  std::mutex mu;
  ParallelFor(10, 3, [&](int w, size_t k) {
    std::lock_guard<std::mutex> lock(mu);
    seen[static_cast<size_t>(w)].push_back(k);
  });
  EXPECT_EQ(seen[0], (std::vector<size_t>{0, 3, 6, 9}));
  EXPECT_EQ(seen[1], (std::vector<size_t>{1, 4, 7}));
  EXPECT_EQ(seen[2], (std::vector<size_t>{2, 5, 8}));
}

TEST(ParallelFor, RunsOnWorkerThreadsAndTreatsZeroWorkersAsOne) {
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<int> on_caller{0};
  ParallelFor(4, 2, [&](int, size_t) { on_caller += std::this_thread::get_id() == caller; });
  EXPECT_EQ(on_caller.load(), 0);
  int calls = 0;
  ParallelFor(5, 0, [&](int w, size_t) {
    EXPECT_EQ(w, 0);
    ++calls;  // one worker: no data race
  });
  EXPECT_EQ(calls, 5);
  EXPECT_GE(HardwareThreads(), 1);
}

}  // namespace
}  // namespace openpact
