// mbed::events::EventQueue: deferred and periodic calls, run by dispatch in thread context.
// Fixed capacity, no heap: each event holds an inline mbed::Callback.
#pragma once
#include <chrono>
#include <cstdint>
#include <utility>

#include "platform/Callback.h"
#include "platform/sim_core.h"

#ifndef EVENTS_EVENT_SIZE
#define EVENTS_EVENT_SIZE 64
#endif
#ifndef EVENTS_QUEUE_SIZE
#define EVENTS_QUEUE_SIZE (32 * EVENTS_EVENT_SIZE)
#endif

namespace events {

class EventQueue {
 public:
  static constexpr int kSlots = 32;

  explicit EventQueue(unsigned size = EVENTS_QUEUE_SIZE, unsigned char* buffer = nullptr) {
    (void)size;
    (void)buffer;
  }
  EventQueue(const EventQueue&) = delete;
  EventQueue& operator=(const EventQueue&) = delete;
  ~EventQueue() {
    for (auto& s : slots_) release(s);
  }

  template <typename F, typename... Args>
  int call(F f, Args... args) {
    return post(0, 0, bind(f, args...));
  }
  template <typename Rep, typename Period, typename F, typename... Args>
  int call_in(std::chrono::duration<Rep, Period> delay, F f, Args... args) {
    return post(to_us(delay), 0, bind(f, args...));
  }
  template <typename Rep, typename Period, typename F, typename... Args>
  int call_every(std::chrono::duration<Rep, Period> period, F f, Args... args) {
    const uint64_t us = to_us(period);
    return post(us, us ? us : 1, bind(f, args...));
  }
  // Mbed OS 5 style integer milliseconds.
  template <typename F>
  int call_in(int ms, F f) {
    return call_in(std::chrono::milliseconds(ms), f);
  }
  template <typename F>
  int call_every(int ms, F f) {
    return call_every(std::chrono::milliseconds(ms), f);
  }

  bool cancel(int id) {
    for (auto& s : slots_)
      if (s.used && s.id == id) {
        release(s);
        return true;
      }
    return false;
  }

  // Run events for `ms` milliseconds (-1: forever, 0: what is ready now).
  void dispatch(int ms = -1);
  void dispatch_forever() { dispatch(-1); }
  template <typename Rep, typename Period>
  void dispatch_for(std::chrono::duration<Rep, Period> t) {
    dispatch(static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(t).count()));
  }
  void dispatch_once() { dispatch(0); }
  void break_dispatch() { break_ = true; }

 private:
  struct Slot {
    mbed::sim::TimerEvent timer;
    mbed::Callback<void()> fn;
    bool used = false;
    bool ready = false;
    int id = 0;
  };
  template <typename Rep, typename Period>
  static uint64_t to_us(std::chrono::duration<Rep, Period> d) {
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(d).count());
  }
  template <typename F>
  static mbed::Callback<void()> bind(F f) {
    return mbed::Callback<void()>(f);
  }
  template <typename F, typename A0, typename... Args>
  static mbed::Callback<void()> bind(F f, A0 a0, Args... args) {
    return mbed::Callback<void()>([f, a0, args...]() { f(a0, args...); });
  }
  int post(uint64_t delay_us, uint64_t period_us, mbed::Callback<void()> fn);
  void release(Slot& s) {
    mbed::sim::remove_timer(&s.timer);
    s.used = s.ready = false;
    s.fn = nullptr;
  }

  Slot slots_[kSlots];
  int next_id_ = 1;
  bool break_ = false;
};

}  // namespace events

using events::EventQueue;

namespace mbed {
using events::EventQueue;
// The shared queue Mbed OS provides.
EventQueue* mbed_event_queue();
}  // namespace mbed
