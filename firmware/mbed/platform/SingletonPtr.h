// SingletonPtr<T> (platform/SingletonPtr.h): a global object built on first use, so it costs
// nothing (no constructor at start-up, no RAM beyond its storage) until the program needs it.
// Mbed OS uses it for drivers' shared mutexes; declare it static or global (it must start zeroed).
//
// @code
// static SingletonPtr<PlatformMutex> lock;
// lock->lock();   // constructed here, the first time
// @endcode
#pragma once
#include <new>
#include <stdint.h>

#include "platform/mbed_assert.h"
#include "platform/mbed_critical.h"

template <class T>
struct SingletonPtr {
  constexpr SingletonPtr() noexcept : _ptr(), _data() {}

  /** The object, constructed (T()) on the first call from any thread. */
  T* get() const {
    T* p = _ptr;
    if (p == nullptr) {
      core_util_critical_section_enter();  // Mbed OS: singleton_lock()
      p = _ptr;
      if (p == nullptr) {
        p = new (_data) T();  // T() must not block: it runs with interrupts off here
        _ptr = p;
      }
      core_util_critical_section_exit();
    }
    MBED_ASSERT(p == reinterpret_cast<T*>(&_data));
    return p;
  }
  T* operator->() const { return get(); }
  T& operator*() const { return *get(); }
  /** The object if it was made, else nullptr (no construction). */
  T* get_no_init() const { return _ptr; }
  /** Run the destructor (the storage stays). */
  void destroy() {
    if (_ptr) _ptr->~T();
  }

  mutable T* _ptr;
  alignas(T) mutable char _data[sizeof(T)];
};
