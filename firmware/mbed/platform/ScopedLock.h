// mbed::ScopedLock<Lockable>: lock() in the constructor, unlock() in the destructor, for any
// class with lock/unlock (Mutex, PlatformMutex, CriticalSectionLock, ...).
//
// @code
// Mutex m;
// void f() { ScopedLock<Mutex> lock(m); /* m is held here */ }
// @endcode
#pragma once
#include "platform/NonCopyable.h"

namespace mbed {

template <typename Lockable>
class ScopedLock : private NonCopyable<ScopedLock<Lockable>> {
 public:
  explicit ScopedLock(Lockable& lockable) : lockable_(lockable) { lockable_.lock(); }
  ~ScopedLock() { lockable_.unlock(); }

 private:
  Lockable& lockable_;
};

}  // namespace mbed
