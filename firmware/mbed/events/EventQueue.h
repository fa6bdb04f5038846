// events::EventQueue: deferred and periodic calls, run by dispatch in thread context (any
// thread: main, or a Thread running dispatch_forever). call() may be used from interrupts.
// Fixed capacity, no heap: each event holds an inline mbed::Callback.
#pragma once
#include <chrono>
#include <cstdint>
#include <utility>

#include "platform/Callback.h"
#include "rtos/Thread.h"
#include "sim/kernel.h"
#include "sim/sim.h"

#ifndef EVENTS_EVENT_SIZE
#define EVENTS_EVENT_SIZE 64
#endif
#ifndef EVENTS_QUEUE_SIZE
#define EVENTS_QUEUE_SIZE (32 * EVENTS_EVENT_SIZE)
#endif
#ifndef MBED_CONF_EVENTS_SHARED_STACKSIZE
#define MBED_CONF_EVENTS_SHARED_STACKSIZE 2048
#endif
#ifndef MBED_CONF_EVENTS_SHARED_HIGHPRIO_STACKSIZE
#define MBED_CONF_EVENTS_SHARED_HIGHPRIO_STACKSIZE 1024
#endif
#ifndef MBED_CONF_EVENTS_SHARED_DISPATCH_FROM_APPLICATION
#define MBED_CONF_EVENTS_SHARED_DISPATCH_FROM_APPLICATION 0
#endif

namespace events {

/** A queue of events.
 *  @code
 *  EventQueue queue;
 *  queue.call_every(250ms, blink);
 *  button.fall([] { queue.call(handle_press); });   // from the interrupt to thread context
 *  queue.dispatch_forever();
 *  @endcode
 *  Events run in the order they fall due (FIFO for the same time). */
class EventQueue {
 public:
  static constexpr int kSlots = 32;

  explicit EventQueue(unsigned size = EVENTS_QUEUE_SIZE, unsigned char* buffer = nullptr) {
    (void)size;
    (void)buffer;
    wake_.max = 1;
  }
  EventQueue(const EventQueue&) = delete;
  EventQueue& operator=(const EventQueue&) = delete;
  ~EventQueue();

  template <typename F, typename... Args>
  int call(F f, Args... args) {
    return sim_post(0, 0, bind(f, args...));
  }
  template <typename Rep, typename Period, typename F, typename... Args>
  int call_in(std::chrono::duration<Rep, Period> delay, F f, Args... args) {
    return sim_post(to_ns(delay), 0, bind(f, args...));
  }
  template <typename Rep, typename Period, typename F, typename... Args>
  int call_every(std::chrono::duration<Rep, Period> period, F f, Args... args) {
    const uint64_t ns = to_ns(period);
    return sim_post(ns, ns ? ns : 1000, bind(f, args...));
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

  /** Cancel a pending event; false if it already ran or is running. */
  bool cancel(int id);
  /** Milliseconds until the event runs (0 if due or unknown). */
  int time_left(int id);

  /** Run events for `ms` milliseconds (-1: forever, 0: only those due now). */
  void dispatch(int ms = -1);
  void dispatch_forever() { dispatch(-1); }
  template <typename Rep, typename Period>
  void dispatch_for(std::chrono::duration<Rep, Period> t) {
    dispatch(static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(t).count()));
  }
  void dispatch_once() { dispatch(0); }
  /** Make a running dispatch return after the current event. */
  void break_dispatch();

  /** The simulator's primitive behind call/call_in/call_every (and Event<>): run `fn` after
   *  `delay_ns`, then every `period_ns` if not 0. Returns the event's id, 0 if the queue is full. */
  int sim_post(uint64_t delay_ns, uint64_t period_ns, mbed::Callback<void()> fn);

 private:
  struct Slot {
    sim::TimerEvent timer;
    mbed::Callback<void()> fn;
    EventQueue* queue = nullptr;
    uint64_t ready_ns = 0;
    uint32_t seq = 0;
    int id = 0;
    bool used = false;
    bool ready = false;
    bool periodic = false;
  };
  template <typename Rep, typename Period>
  static uint64_t to_ns(std::chrono::duration<Rep, Period> d) {
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
    return ns > 0 ? static_cast<uint64_t>(ns) : 0;
  }
  template <typename F>
  static mbed::Callback<void()> bind(F f) {
    return mbed::Callback<void()>(f);
  }
  template <typename F, typename A0, typename... Args>
  static mbed::Callback<void()> bind(F f, A0 a0, Args... args) {
    return mbed::Callback<void()>([f, a0, args...]() { f(a0, args...); });
  }
  static void fire(Slot* slot);
  void release(Slot& s);

  Slot slots_[kSlots];
  int next_id_ = 1;
  uint32_t seq_ = 0;
  bool break_ = false;
  sim::SemaphoreState wake_;
};

}  // namespace events

using events::EventQueue;

namespace mbed {
using events::EventQueue;

/** The shared event queue. Mbed OS dispatches it on its own thread ("shared_event_queue"),
 *  unless the application dispatches it (events.shared-dispatch-from-application). */
inline EventQueue* mbed_event_queue() {
  static EventQueue queue;
#if !MBED_CONF_EVENTS_SHARED_DISPATCH_FROM_APPLICATION
  static rtos::Thread thread(osPriorityNormal, MBED_CONF_EVENTS_SHARED_STACKSIZE, nullptr, "shared_event_queue");
  static bool started = (thread.start(callback(&queue, &EventQueue::dispatch_forever)), true);
  (void)started;
#endif
  return &queue;
}

/** The shared high-priority queue, dispatched at osPriorityHigh. */
inline EventQueue* mbed_highprio_event_queue() {
  static EventQueue queue;
  static rtos::Thread thread(osPriorityHigh, MBED_CONF_EVENTS_SHARED_HIGHPRIO_STACKSIZE, nullptr,
                             "shared_highprio_event_queue");
  static bool started = (thread.start(callback(&queue, &EventQueue::dispatch_forever)), true);
  (void)started;
  return &queue;
}
}  // namespace mbed
