#pragma once
#include <chrono>
#include <cstdint>
#include <utility>

#include "platform/Callback.h"
#include "sim/sim.h"

namespace mbed {

using us_timestamp_t = uint64_t;

/** Calls a function periodically, in interrupt context.
 *  @code
 *  Ticker flipper;
 *  flipper.attach(&flip, 500ms);
 *  @endcode */
class TickerBase {
 public:
  TickerBase(const TickerBase&) = delete;
  TickerBase& operator=(const TickerBase&) = delete;
  ~TickerBase() { detach(); }

  void attach(Callback<void()> func, std::chrono::microseconds t) { schedule(func, t.count()); }
  template <typename F>
  [[deprecated("Pass a chrono duration, not a float second count. For example use `10ms` rather than `0.01f` (Mbed OS 6).")]]
  void attach(F&& func, float t) {
    schedule(Callback<void()>(std::forward<F>(func)), static_cast<int64_t>(t * 1e6f));
  }
  [[deprecated("Pass a chrono duration, not an integer microsecond count. For example use `10ms` rather than `10000` (Mbed OS 6).")]]
  void attach_us(Callback<void()> func, us_timestamp_t t) { schedule(func, static_cast<int64_t>(t)); }
  void detach() { sim::timer_remove(&event_); }

 protected:
  explicit TickerBase(bool one_shot) : one_shot_(one_shot) {}
  void schedule(Callback<void()> func, int64_t us) {
    detach();
    if (us < 0) us = 0;
    const uint64_t ns = static_cast<uint64_t>(us) * 1000u;
    event_.callback = func;
    event_.period_ns = one_shot_ ? 0 : (ns ? ns : 1000);
    sim::hal_call();
    event_.due_ns = sim::now_ns() + ns;
    sim::timer_add(&event_);
  }
  sim::TimerEvent event_;

 private:
  bool one_shot_;
};

class Ticker : public TickerBase {
 public:
  Ticker() : TickerBase(false) {}
};
#if DEVICE_LPTICKER  // as in Mbed OS: only boards with a low-power ticker (the K64F, not the LPC1768)
/** The low-power ticker: the same clock in the simulator. */
class LowPowerTicker : public TickerBase {
 public:
  LowPowerTicker() : TickerBase(false) {}
};
#endif

/** Calls a function once, after a delay, in interrupt context. */
class TimeoutBase : public TickerBase {
 public:
  /** Time until the call, or 0 if none is pending. */
  std::chrono::microseconds remaining_time() const {
    if (!event_.active) return std::chrono::microseconds(0);
    const uint64_t now = sim::now_ns();
    return std::chrono::microseconds(event_.due_ns > now ? (event_.due_ns - now) / 1000 : 0);
  }

 protected:
  TimeoutBase() : TickerBase(true) {}
};

class Timeout : public TimeoutBase {};
#if DEVICE_LPTICKER
class LowPowerTimeout : public TimeoutBase {};
#endif

}  // namespace mbed
