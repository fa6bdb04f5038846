// rtos::EventFlags: 31 flags that threads wait for; set() may be called from interrupts.
#pragma once
#include <cstdint>

#include "rtos/Kernel.h"

namespace rtos {

/** Event flags.
 *  @code
 *  EventFlags ready;
 *  // producer: ready.set(0x1);     consumer: ready.wait_any(0x1);
 *  @endcode
 *  wait_* return the flags before clearing, or an error code with bit 31 set (osFlagsError*). */
class EventFlags {
 public:
  EventFlags() = default;
  explicit EventFlags(const char* name) { (void)name; }
  EventFlags(const EventFlags&) = delete;
  EventFlags& operator=(const EventFlags&) = delete;
  ~EventFlags() { sim::eventflags_destroy(state_); }

  uint32_t set(uint32_t flags) { return sim::eventflags_set(state_, flags); }
  uint32_t clear(uint32_t flags = 0x7fffffff) { return sim::eventflags_clear(state_, flags); }
  uint32_t get() const { return state_.flags; }

  uint32_t wait_all(uint32_t flags = 0, bool clear = true) { return wait(flags, osFlagsWaitAll, clear, sim::kForever); }
  uint32_t wait_any(uint32_t flags = 0, bool clear = true) { return wait(flags, osFlagsWaitAny, clear, sim::kForever); }
  [[deprecated("Pass a chrono duration, not an integer millisecond count. For example use `5s` rather than `5000` (Mbed OS 6).")]]
  uint32_t wait_all(uint32_t flags, uint32_t millisec, bool clear = true) {
    return wait(flags, osFlagsWaitAll, clear, impl::ms_to_ns(millisec));
  }
  [[deprecated("Pass a chrono duration, not an integer millisecond count. For example use `5s` rather than `5000` (Mbed OS 6).")]]
  uint32_t wait_any(uint32_t flags, uint32_t millisec, bool clear = true) {
    return wait(flags, osFlagsWaitAny, clear, impl::ms_to_ns(millisec));
  }
  uint32_t wait_all_for(uint32_t flags, Kernel::Clock::duration_u32 rel_time, bool clear = true) {
    return wait(flags, osFlagsWaitAll, clear, impl::ms_to_ns(rel_time));
  }
  uint32_t wait_any_for(uint32_t flags, Kernel::Clock::duration_u32 rel_time, bool clear = true) {
    return wait(flags, osFlagsWaitAny, clear, impl::ms_to_ns(rel_time));
  }
  uint32_t wait_all_until(uint32_t flags, Kernel::Clock::time_point abs_time, bool clear = true) {
    return wait(flags, osFlagsWaitAll, clear, impl::until_ns(abs_time));
  }
  uint32_t wait_any_until(uint32_t flags, Kernel::Clock::time_point abs_time, bool clear = true) {
    return wait(flags, osFlagsWaitAny, clear, impl::until_ns(abs_time));
  }

 private:
  uint32_t wait(uint32_t flags, uint32_t mode, bool clear, uint64_t timeout_ns) {
    return sim::eventflags_wait(state_, flags, mode | (clear ? 0 : osFlagsNoClear), timeout_ns);
  }
  sim::EventFlagsState state_;
};

}  // namespace rtos
