#include "core/shared_mutex.h"

#include <cerrno>
#include <system_error>

namespace openpact {
namespace {

void Check(int rc, const char* what) {
  if (rc != 0) throw std::system_error(rc, std::generic_category(), what);
}

}  // namespace

WriterPreferringSharedMutex::WriterPreferringSharedMutex() {
  pthread_rwlockattr_t attr;
  Check(pthread_rwlockattr_init(&attr), "pthread_rwlockattr_init");
#ifdef __GLIBC__
  // glibc's writer preference holds only for locks nobody takes recursively as a reader, which
  // none of this program's callers does (a shared holder never asks again).
  Check(pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP),
        "pthread_rwlockattr_setkind_np");
#else
#error "WriterPreferringSharedMutex needs glibc's writer-preferring rwlock (Debian's libc)"
#endif
  const int rc = pthread_rwlock_init(&lock_, &attr);
  pthread_rwlockattr_destroy(&attr);
  Check(rc, "pthread_rwlock_init");
}

WriterPreferringSharedMutex::~WriterPreferringSharedMutex() { pthread_rwlock_destroy(&lock_); }

void WriterPreferringSharedMutex::lock() { Check(pthread_rwlock_wrlock(&lock_), "pthread_rwlock_wrlock"); }

bool WriterPreferringSharedMutex::try_lock() {
  const int rc = pthread_rwlock_trywrlock(&lock_);
  if (rc == EBUSY) return false;
  Check(rc, "pthread_rwlock_trywrlock");
  return true;
}

void WriterPreferringSharedMutex::unlock() { Check(pthread_rwlock_unlock(&lock_), "pthread_rwlock_unlock"); }

void WriterPreferringSharedMutex::lock_shared() { Check(pthread_rwlock_rdlock(&lock_), "pthread_rwlock_rdlock"); }

bool WriterPreferringSharedMutex::try_lock_shared() {
  const int rc = pthread_rwlock_tryrdlock(&lock_);
  if (rc == EBUSY) return false;
  Check(rc, "pthread_rwlock_tryrdlock");
  return true;
}

void WriterPreferringSharedMutex::unlock_shared() { Check(pthread_rwlock_unlock(&lock_), "pthread_rwlock_unlock"); }

}  // namespace openpact
