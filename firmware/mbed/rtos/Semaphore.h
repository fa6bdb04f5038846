// rtos::Semaphore: a counting semaphore; release() may be called from interrupts.
#pragma once
#include <cstdint>

#include "rtos/Kernel.h"

namespace rtos {

/** A counting semaphore.
 *  @code
 *  Semaphore slots(2);
 *  slots.acquire(); ... slots.release();
 *  @endcode */
class Semaphore {
 public:
  explicit Semaphore(int32_t count = 0) { state_.count = count; }
  Semaphore(int32_t count, uint16_t max_count) {
    state_.count = count;
    state_.max = max_count;
  }
  Semaphore(const Semaphore&) = delete;
  Semaphore& operator=(const Semaphore&) = delete;
  ~Semaphore() { sim::semaphore_destroy(state_); }

  void acquire() { sim::semaphore_acquire(state_, sim::kForever); }
  bool try_acquire() { return sim::semaphore_acquire(state_, 0); }
  bool try_acquire_for(Kernel::Clock::duration_u32 rel_time) {
    return sim::semaphore_acquire(state_, impl::ms_to_ns(rel_time));
  }
  [[deprecated("Pass a chrono duration, not an integer millisecond count. For example use `5s` rather than `5000` (Mbed OS 6).")]]
  bool try_acquire_for(uint32_t millisec) { return sim::semaphore_acquire(state_, impl::ms_to_ns(millisec)); }
  bool try_acquire_until(Kernel::Clock::time_point abs_time) {
    return sim::semaphore_acquire(state_, impl::until_ns(abs_time));
  }
  /** Mbed OS 5: wait for a token; returns the tokens that were available (>0) or 0 on timeout. */
  [[deprecated("Semaphore::wait is removed in Mbed OS 6: use acquire(), try_acquire() or try_acquire_for(duration).")]]
  int32_t wait(uint32_t millisec = osWaitForever) {
    if (!sim::semaphore_acquire(state_, impl::ms_to_ns(millisec))) return 0;
    return state_.count + 1;
  }
  [[deprecated("Semaphore::wait_until is removed in Mbed OS 6: use try_acquire_until(time_point).")]]
  int32_t wait_until(uint64_t millisec) {
    const uint64_t now = Kernel::get_ms_count();
    if (!sim::semaphore_acquire(state_, millisec <= now ? 0 : (millisec - now) * 1000000u)) return 0;
    return state_.count + 1;
  }
  osStatus release() { return sim::semaphore_release(state_) == 0 ? osOK : osErrorResource; }

 private:
  sim::SemaphoreState state_;
};

}  // namespace rtos
