// A reader-writer lock under which a waiting writer goes before readers that come after it.
//
// std::shared_mutex is glibc's default rwlock, which prefers readers: while searches keep
// overlapping (each holding the lock shared), a registry change waiting for the lock exclusively
// can wait for ever. Here a writer waits only for the readers already inside; new readers queue
// behind it. It meets the standard's SharedMutex requirements, so std::shared_lock and
// std::unique_lock work with it. Errors of the underlying lock (a deadlock the system detects)
// throw std::system_error, as std::shared_mutex's do.
#pragma once

#include <pthread.h>

namespace openpact {

class WriterPreferringSharedMutex {
 public:
  WriterPreferringSharedMutex();
  ~WriterPreferringSharedMutex();
  WriterPreferringSharedMutex(const WriterPreferringSharedMutex&) = delete;
  WriterPreferringSharedMutex& operator=(const WriterPreferringSharedMutex&) = delete;

  void lock();
  bool try_lock();
  void unlock();
  void lock_shared();
  bool try_lock_shared();
  void unlock_shared();

 private:
  pthread_rwlock_t lock_;
};

}  // namespace openpact
