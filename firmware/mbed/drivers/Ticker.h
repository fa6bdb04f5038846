#pragma once
#include <chrono>

#include "platform/Callback.h"
#include "platform/sim_core.h"

namespace mbed {

// Calls a function periodically (Ticker) or once (Timeout), from "interrupt" context: at the
// program's next wait point after the time is due.
class Ticker {
 public:
  Ticker() = default;
  Ticker(const Ticker&) = delete;
  Ticker& operator=(const Ticker&) = delete;
  ~Ticker() { detach(); }

  template <typename Rep, typename Period>
  void attach(Callback<void()> func, std::chrono::duration<Rep, Period> t) {
    schedule(func, std::chrono::duration_cast<std::chrono::microseconds>(t).count());
  }
  // Mbed OS 5 style: seconds as a float (deprecated in Mbed 6, still accepted).
  void attach(Callback<void()> func, float seconds) { schedule(func, static_cast<uint64_t>(seconds * 1e6f)); }
  void attach_us(Callback<void()> func, uint64_t us) { schedule(func, us); }
  void detach() { sim::remove_timer(&event_); }

 protected:
  explicit Ticker(bool one_shot) : one_shot_(one_shot) {}
  void schedule(Callback<void()> func, uint64_t us) {
    detach();
    event_.callback = func;
    event_.period_us = one_shot_ ? 0 : (us ? us : 1);
    event_.due_us = sim::now_us() + us;
    sim::add_timer(&event_);
  }

 private:
  sim::TimerEvent event_;
  bool one_shot_ = false;
};

class Timeout : public Ticker {
 public:
  Timeout() : Ticker(true) {}
};

}  // namespace mbed
