// rtos::Mutex: recursive, owned, with priority inheritance (as Mbed's RTX mutexes).
#pragma once
#include <cstdint>

#include "rtos/Kernel.h"

namespace rtos {

/** Mutual exclusion between threads (not usable from interrupts).
 *  @code
 *  Mutex m;
 *  m.lock(); shared = shared + 1; m.unlock();
 *  @endcode */
class Mutex {
 public:
  Mutex() = default;
  explicit Mutex(const char* name) { (void)name; }
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;
  ~Mutex() { sim::mutex_destroy(state_); }

  void lock() { sim::mutex_lock(state_, sim::kForever); }
  bool trylock() { return sim::mutex_lock(state_, 0); }
  bool trylock_for(Kernel::Clock::duration_u32 rel_time) { return sim::mutex_lock(state_, impl::ms_to_ns(rel_time)); }
  [[deprecated("Pass a chrono duration, not an integer millisecond count. For example use `5s` rather than `5000` (Mbed OS 6).")]]
  bool trylock_for(uint32_t millisec) { return sim::mutex_lock(state_, impl::ms_to_ns(millisec)); }
  bool trylock_until(Kernel::Clock::time_point abs_time) { return sim::mutex_lock(state_, impl::until_ns(abs_time)); }
  void unlock() {
    if (sim::mutex_unlock(state_) != 0) sim::rtos_error("Mutex::unlock by a thread that does not own the mutex");
  }
  osThreadId_t get_owner() { return state_.owner; }

  sim::MutexState& sim_state() { return state_; }

 private:
  sim::MutexState state_;
};

}  // namespace rtos
