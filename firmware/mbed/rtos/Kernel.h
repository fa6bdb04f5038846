// rtos::Kernel: the RTOS clock (1 ms ticks, as RTX's) and kernel hooks.
#pragma once
#include <chrono>
#include <cstdint>

#include "rtos/mbed_rtos_types.h"
#include "sim/kernel.h"
#include "sim/sim.h"

namespace rtos {
namespace Kernel {

/** Milliseconds since the kernel started (the simulator's reset). */
inline uint64_t get_ms_count() { return sim::now_ns() / 1000000u; }

/** A std::chrono clock of RTOS ticks (1 ms).
 *  @code
 *  auto deadline = Kernel::Clock::now() + 500ms;
 *  ThisThread::sleep_until(deadline);
 *  @endcode */
struct Clock {
  Clock() = delete;
  using rep = int64_t;
  using period = std::milli;
  using duration = std::chrono::duration<rep, period>;
  using time_point = std::chrono::time_point<Clock>;
  using duration_u32 = std::chrono::duration<uint32_t, period>;
  static constexpr bool is_steady = true;
  static time_point now() { return time_point(duration(static_cast<rep>(get_ms_count()))); }
  static void lock() {}
  static void unlock() {}
};

/** The longest finite wait, and "forever", as durations. */
constexpr Clock::duration_u32 wait_for_u32_max{osWaitForever - 1};
constexpr Clock::duration_u32 wait_for_u32_forever{osWaitForever};

/** A function run by the idle thread whenever no other thread can run (nullptr: none). */
inline void attach_idle_hook(void (*fptr)(void)) { sim::set_idle_hook(fptr); }
/** Called when a thread terminates. */
inline void attach_thread_terminate_hook(void (*fptr)(osThreadId_t id)) { sim::set_terminate_hook(fptr); }

}  // namespace Kernel

namespace impl {
// RTOS timeouts: milliseconds (osWaitForever = forever) -> the simulator's nanoseconds.
inline uint64_t ms_to_ns(uint32_t ms) { return ms == osWaitForever ? sim::kForever : uint64_t{ms} * 1000000u; }
inline uint64_t ms_to_ns(Kernel::Clock::duration_u32 d) { return ms_to_ns(d.count()); }
inline uint64_t until_ns(Kernel::Clock::time_point t) {
  const int64_t now = static_cast<int64_t>(Kernel::get_ms_count());
  const int64_t ms = t.time_since_epoch().count() - now;
  return ms <= 0 ? 0 : static_cast<uint64_t>(ms) * 1000000u;
}
}  // namespace impl
}  // namespace rtos
