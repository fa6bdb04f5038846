// rtos::ThisThread: what the running thread can do to itself (sleep, yield, wait for its flags).
#pragma once
#include <chrono>
#include <cstdint>

#include "rtos/Kernel.h"

namespace rtos {
namespace ThisThread {

/** Sleep for a time; other threads run meanwhile.
 *  @code
 *  while (true) { led = !led; ThisThread::sleep_for(500ms); }
 *  @endcode */
inline void sleep_for(Kernel::Clock::duration_u32 rel_time) {
  sim::sleep_until_ns(sim::now_ns() + impl::ms_to_ns(rel_time));
}
[[deprecated("Pass a chrono duration, not an integer millisecond count. For example use `5s` rather than `5000` (Mbed OS 6).")]]
inline void sleep_for(uint32_t millisec) { sleep_for(Kernel::Clock::duration_u32(millisec)); }

/** Sleep until a point of Kernel::Clock. */
inline void sleep_until(Kernel::Clock::time_point abs_time) {
  sim::sleep_until_ns(static_cast<uint64_t>(abs_time.time_since_epoch().count()) * 1000000u);
}
[[deprecated("Pass a chrono time_point, not an integer millisecond count. For example use `Kernel::Clock::now() + 5s` rather than `Kernel::get_ms_count() + 5000` (Mbed OS 6).")]]
inline void sleep_until(uint64_t millisec) { sim::sleep_until_ns(millisec * 1000000u); }

/** Let another ready thread of the same priority run. */
inline void yield() { sim::yield(); }

inline osThreadId_t get_id() { return sim::thread_self(); }
inline const char* get_name() { return sim::thread_name(sim::thread_self()); }

inline uint32_t flags_clear(uint32_t flags) { return sim::flags_clear(flags); }
inline uint32_t flags_get() { return sim::flags_get(); }

namespace flags_impl {
// As Mbed OS's ThisThread: a wait that times out returns the thread's current flags (0 when none
// is set), not osFlagsErrorTimeout, so `while (!flags_wait_any_for(STOP, 1s))` loops until STOP.
inline uint32_t flags_result(uint32_t r) { return (r & osFlagsError) ? sim::flags_get() : r; }
}  // namespace flags_impl

inline uint32_t flags_wait_all(uint32_t flags, bool clear = true) {
  return flags_impl::flags_result(sim::flags_wait(flags, osFlagsWaitAll | (clear ? 0 : osFlagsNoClear), sim::kForever));
}
inline uint32_t flags_wait_any(uint32_t flags, bool clear = true) {
  return flags_impl::flags_result(sim::flags_wait(flags, osFlagsWaitAny | (clear ? 0 : osFlagsNoClear), sim::kForever));
}
inline uint32_t flags_wait_all_for(uint32_t flags, Kernel::Clock::duration_u32 rel_time, bool clear = true) {
  return flags_impl::flags_result(sim::flags_wait(flags, osFlagsWaitAll | (clear ? 0 : osFlagsNoClear), impl::ms_to_ns(rel_time)));
}
inline uint32_t flags_wait_any_for(uint32_t flags, Kernel::Clock::duration_u32 rel_time, bool clear = true) {
  return flags_impl::flags_result(sim::flags_wait(flags, osFlagsWaitAny | (clear ? 0 : osFlagsNoClear), impl::ms_to_ns(rel_time)));
}
inline uint32_t flags_wait_all_until(uint32_t flags, Kernel::Clock::time_point abs_time, bool clear = true) {
  return flags_impl::flags_result(sim::flags_wait(flags, osFlagsWaitAll | (clear ? 0 : osFlagsNoClear), impl::until_ns(abs_time)));
}
inline uint32_t flags_wait_any_until(uint32_t flags, Kernel::Clock::time_point abs_time, bool clear = true) {
  return flags_impl::flags_result(sim::flags_wait(flags, osFlagsWaitAny | (clear ? 0 : osFlagsNoClear), impl::until_ns(abs_time)));
}
[[deprecated("Pass a chrono duration, not an integer millisecond count. For example use `5s` rather than `5000` (Mbed OS 6).")]]
inline uint32_t flags_wait_all_for(uint32_t flags, uint32_t millisec, bool clear = true) {
  return flags_wait_all_for(flags, Kernel::Clock::duration_u32(millisec), clear);
}
[[deprecated("Pass a chrono duration, not an integer millisecond count. For example use `5s` rather than `5000` (Mbed OS 6).")]]
inline uint32_t flags_wait_any_for(uint32_t flags, uint32_t millisec, bool clear = true) {
  return flags_wait_any_for(flags, Kernel::Clock::duration_u32(millisec), clear);
}

}  // namespace ThisThread
}  // namespace rtos
