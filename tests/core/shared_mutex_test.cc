#include "core/shared_mutex.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <vector>

namespace openpact {
namespace {

using namespace std::chrono_literals;

TEST(WriterPreferringSharedMutex, ReadersShareAndExcludeWriters) {
  WriterPreferringSharedMutex mu;
  {
    std::shared_lock<WriterPreferringSharedMutex> a(mu);
    EXPECT_TRUE(mu.try_lock_shared());  // a second reader beside the first
    mu.unlock_shared();
    EXPECT_FALSE(mu.try_lock());  // no writer while a reader holds it
  }
  {
    std::unique_lock<WriterPreferringSharedMutex> w(mu);
    EXPECT_FALSE(mu.try_lock_shared());  // no reader while a writer holds it
  }
  EXPECT_TRUE(mu.try_lock());
  mu.unlock();
}

// The property the registry needs: once a writer waits, a reader that comes after it waits too
// (glibc's default rwlock, behind std::shared_mutex, lets it in and can starve the writer).
TEST(WriterPreferringSharedMutex, AWaitingWriterGoesBeforeNewReaders) {
  WriterPreferringSharedMutex mu;
  mu.lock_shared();  // a search in flight
  std::atomic<bool> written{false};
  std::thread writer([&] {
    std::unique_lock<WriterPreferringSharedMutex> w(mu);  // a registry change
    written = true;
  });
  // Until the writer is queued a new reader may still enter; from then on it may not.
  bool queued_behind = false;
  for (auto until = std::chrono::steady_clock::now() + 10s; std::chrono::steady_clock::now() < until;) {
    if (!mu.try_lock_shared()) {
      queued_behind = true;
      break;
    }
    mu.unlock_shared();
    std::this_thread::sleep_for(1ms);
  }
  EXPECT_TRUE(queued_behind) << "a new reader still got in 10 s after the writer started waiting";
  EXPECT_FALSE(written.load());  // the reader in flight still holds it
  mu.unlock_shared();
  writer.join();
  EXPECT_TRUE(written.load());
  EXPECT_TRUE(mu.try_lock_shared());
  mu.unlock_shared();
}

// Readers that overlap without pause (each search starting before the last one ends) do not keep
// a writer out: it gets in as soon as the readers already inside leave.
TEST(WriterPreferringSharedMutex, OverlappingReadersDoNotStarveAWriter) {
  WriterPreferringSharedMutex mu;
  std::atomic<bool> stop{false};
  std::atomic<int> reads{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([&, i] {
      std::this_thread::sleep_for(std::chrono::milliseconds(i));  // staggered: always one inside
      while (!stop) {
        std::shared_lock<WriterPreferringSharedMutex> r(mu);
        ++reads;
        std::this_thread::sleep_for(3ms);
      }
    });
  }
  while (reads < 20) std::this_thread::sleep_for(1ms);
  std::atomic<bool> written{false};
  std::thread writer([&] {
    std::unique_lock<WriterPreferringSharedMutex> w(mu);
    written = true;
  });
  // The readers go on for at most 20 s; the writer must get in while they do.
  const auto until = std::chrono::steady_clock::now() + 20s;
  while (!written && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(1ms);
  const bool in_while_reading = written.load();
  stop = true;
  writer.join();
  for (std::thread& t : readers) t.join();
  EXPECT_TRUE(in_while_reading) << "the writer waited until the readers stopped";
}

}  // namespace
}  // namespace openpact
