// events::EventQueue: deferred and periodic calls, run in the context of whoever dispatches
// the queue (a thread running dispatch_forever, or main), as in Mbed OS 6.
//
// Events fall due in order of their time, and events due at the same time run in the order
// they were posted (like equeue). An id returned by call/call_in/call_every cancels the event.
// Memory: the queue holds `size / EVENTS_EVENT_SIZE` events, allocated once when it is created
// (as equeue mallocs its buffer); a post that finds no room returns 0. A UserAllocatedEvent
// brings its own memory, so even `EventQueue queue(0)` can run those.
//
// @code
// EventQueue queue;
// Thread t;
// void blink() { led = !led; }
// int main() {
//     queue.call_every(500ms, blink);
//     t.start(callback(&queue, &EventQueue::dispatch_forever));
// }
// @endcode
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <new>
#include <tuple>
#include <type_traits>
#include <utility>

#include "platform/Callback.h"
#include "platform/mbed_toolchain.h"
#include "rtos/Thread.h"
#include "sim/kernel.h"
#include "sim/sim.h"

#ifndef EVENTS_EVENT_SIZE
#define EVENTS_EVENT_SIZE 64  ///< bytes of queue memory one event takes (call() with a few arguments)
#endif
#ifndef EVENTS_QUEUE_SIZE
#define EVENTS_QUEUE_SIZE (32 * EVENTS_EVENT_SIZE)  ///< default queue size: 32 events
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

template <typename F>
class Event;
template <typename F, typename A>
class UserAllocatedEvent;
class EventQueue;

/** Milliseconds since start, the EventQueue's own clock (equeue_tick in Mbed OS). */
extern "C" unsigned equeue_tick(void);

/** non_periodic: the period of an event that runs once (Event::period(non_periodic)). */
constexpr std::chrono::duration<int, std::milli> non_periodic{-1};

namespace detail {

// One pending call: its time, its period and the call itself, stored inline (no heap).
struct Node {
  static constexpr size_t kStorage = 6 * sizeof(void*) + 2 * sizeof(uint64_t);
  uint64_t due_ns = 0;
  int64_t period_ns = -1;  // < 0: runs once
  uint64_t seq = 0;        // post order, for events due at the same time
  int id = 0;
  bool pending = false;
  bool user_allocated = false;
  bool running = false;
  Node* next = nullptr;
  EventQueue* queue = nullptr;
  void (*call)(Node*) = nullptr;
  void (*destroy)(Node*) = nullptr;
  alignas(std::max_align_t) unsigned char storage[kStorage];

  template <typename F>
  void emplace(F&& f) {
    using T = std::decay_t<F>;
    static_assert(sizeof(T) <= kStorage,
                  "too many or too large arguments for one EventQueue event: bind fewer arguments, or pass a pointer");
    new (storage) T(std::forward<F>(f));
    call = [](Node* n) { (*reinterpret_cast<T*>(n->storage))(); };
    destroy = [](Node* n) { reinterpret_cast<T*>(n->storage)->~T(); };
  }
  void clear() {
    if (destroy) destroy(this);
    call = nullptr;
    destroy = nullptr;
  }
};

// A callable plus bound trailing arguments, invoked with none.
template <typename F, typename... Args>
struct Bound {
  F f;
  std::tuple<Args...> args;
  void operator()() { std::apply(f, args); }
};

template <typename Rep, typename Period>
int64_t to_ns(std::chrono::duration<Rep, Period> d) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
}

}  // namespace detail

class EventQueue {
 public:
  using duration = std::chrono::duration<int, std::milli>;

  /** A queue with room for `size` bytes of events (size / EVENTS_EVENT_SIZE events). */
  explicit EventQueue(unsigned size = EVENTS_QUEUE_SIZE, unsigned char* buffer = nullptr);
  EventQueue(const EventQueue&) = delete;
  EventQueue& operator=(const EventQueue&) = delete;
  ~EventQueue();

  /** Run events: for `ms` milliseconds, or forever with -1, or only what is due now with 0. */
  void dispatch(int ms = -1);
  /** Run events for the given time, then return. */
  template <typename Rep, typename Period>
  void dispatch_for(std::chrono::duration<Rep, Period> ms) {
    dispatch(static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(ms).count()));
  }
  /** Run events until break_dispatch() is called; never returns otherwise. */
  void dispatch_forever() { dispatch(-1); }
  /** Run the events that are due now, then return. */
  void dispatch_once() { dispatch(0); }
  /** Make a running dispatch return (after the event it is running). */
  void break_dispatch();

  /** Milliseconds on the queue's clock. */
  unsigned tick() { return equeue_tick(); }

  /** Cancel a pending event by id: true if it had not started. */
  bool cancel(int id);
  /** Cancel a pending user-allocated event. */
  template <typename... Args>
  bool cancel(UserAllocatedEvent<Args...>* event) {
    return event && event->_queue == this && cancel_node(&event->_node);
  }
  /** Milliseconds until the event runs (0 if due or running; -1 if unknown). */
  int time_left(int id);

  /** Have `target` dispatch this queue's events (nullptr unchains). */
  int chain(EventQueue* target);
  /** Call `update(ms_until_next_event)` whenever that changes (-1: nothing pending). */
  void background(mbed::Callback<void(int)> update);

  /** Call f(args...) in the dispatch context as soon as possible. Returns an id, or 0 if full. */
  template <typename F, typename... Args>
  int call(F f, Args... args) {
    return post_callable(0, -1, make(f, args...));
  }
  template <typename T, typename R, typename... BoundArgs, typename... Args>
  int call(T* obj, R (T::*method)(BoundArgs...), Args... args) {
    return call(mbed::callback(obj, method), args...);
  }
  template <typename T, typename R, typename... BoundArgs, typename... Args>
  int call(const T* obj, R (T::*method)(BoundArgs...) const, Args... args) {
    return call(mbed::callback(obj, method), args...);
  }

  /** Call f(args...) after `ms`. */
  template <typename F, typename... Args>
  int call_in(duration ms, F f, Args... args) {
    return post_callable(detail::to_ns(ms), -1, make(f, args...));
  }
  template <typename Rep, typename Period, typename F, typename... Args>
  int call_in(std::chrono::duration<Rep, Period> ms, F f, Args... args) {
    return post_callable(detail::to_ns(ms), -1, make(f, args...));
  }
  /** Mbed OS 5 form: milliseconds as an int. */
  template <typename F, typename... Args>
  MBED_DEPRECATED_SINCE("mbed-os-6.0.0",
                        "Pass a chrono duration, not an integer millisecond count. For example use `5s` rather than `5000`.")
  int call_in(int ms, F f, Args... args) {
    return post_callable(int64_t(ms) * 1000000, -1, make(f, args...));
  }

  /** Call f(args...) every `ms`, the first time after `ms`. */
  template <typename F, typename... Args>
  int call_every(duration ms, F f, Args... args) {
    return post_callable(detail::to_ns(ms), detail::to_ns(ms), make(f, args...));
  }
  template <typename Rep, typename Period, typename F, typename... Args>
  int call_every(std::chrono::duration<Rep, Period> ms, F f, Args... args) {
    return post_callable(detail::to_ns(ms), detail::to_ns(ms), make(f, args...));
  }
  /** Mbed OS 5 form: milliseconds as an int. */
  template <typename F, typename... Args>
  MBED_DEPRECATED_SINCE("mbed-os-6.0.0",
                        "Pass a chrono duration, not an integer millisecond count. For example use `5s` rather than `5000`.")
  int call_every(int ms, F f, Args... args) {
    return post_callable(int64_t(ms) * 1000000, int64_t(ms) * 1000000, make(f, args...));
  }

  /** An Event that calls `func` (with `context_args` bound first) when posted. */
  template <typename R, typename... Args>
  Event<void(Args...)> event(R (*func)(Args...));
  template <typename R, typename B0, typename... Args, typename C0>
  Event<void(Args...)> event(R (*func)(B0, Args...), C0 c0);
  template <typename T, typename R, typename... Args>
  Event<void(Args...)> event(T* obj, R (T::*method)(Args...));
  template <typename T, typename R, typename... Args>
  Event<void(Args...)> event(const T* obj, R (T::*method)(Args...) const);
  template <typename R, typename... Args>
  Event<void(Args...)> event(mbed::Callback<R(Args...)> cb);

  /** A UserAllocatedEvent bound to this queue (see make_user_allocated_event). */
  template <typename F, typename... ArgTs>
  UserAllocatedEvent<F, void(ArgTs...)> make_user_allocated_event(F f, ArgTs... args);
  template <typename T, typename R, typename... ArgTs>
  UserAllocatedEvent<mbed::Callback<void(ArgTs...)>, void(ArgTs...)> make_user_allocated_event(
      T* obj, R (T::*method)(ArgTs...), ArgTs... args);

  // --- internals (used by Event and UserAllocatedEvent) ------------------------------------
  detail::Node* alloc_node();
  void free_node(detail::Node* n);
  int post_node(detail::Node* n, int64_t delay_ns, int64_t period_ns);
  bool cancel_node(detail::Node* n);

 private:
  template <typename F, typename... Args>
  static auto make(F f, Args... args) {
    return detail::Bound<F, Args...>{f, std::tuple<Args...>(args...)};
  }
  template <typename Fn>
  int post_callable(int64_t delay_ns, int64_t period_ns, Fn&& fn) {
    detail::Node* n = alloc_node();
    if (!n) return 0;
    n->emplace(std::forward<Fn>(fn));
    return post_node(n, delay_ns, period_ns);
  }
  void insert(detail::Node* n);
  void unlink(detail::Node* n);
  void notify();
  void update_chain();
  // Wait (the dispatching thread blocks) until `deadline_ns` or until something is posted.
  void wait_for_work(uint64_t deadline_ns);

  detail::Node* pool_ = nullptr;
  unsigned pool_size_ = 0;
  detail::Node* free_ = nullptr;
  detail::Node* pending_ = nullptr;  // sorted by (due_ns, seq)
  uint64_t seq_ = 0;
  int next_id_ = 1;
  volatile bool break_ = false;
  sim::SemaphoreState wake_;  // released by every post: the dispatcher looks again
  EventQueue* parent_ = nullptr;     // chain target
  int parent_proxy_ = 0;             // id of our "dispatch me" event in the parent
  uint64_t parent_proxy_due_ = 0;
  mbed::Callback<void(int)> background_;
};

}  // namespace events

#include "events/Event.h"
#include "events/UserAllocatedEvent.h"

namespace events {

template <typename R, typename... Args>
Event<void(Args...)> EventQueue::event(R (*func)(Args...)) {
  return Event<void(Args...)>(this, func);
}
template <typename R, typename B0, typename... Args, typename C0>
Event<void(Args...)> EventQueue::event(R (*func)(B0, Args...), C0 c0) {
  return Event<void(Args...)>(this, func, c0);
}
template <typename T, typename R, typename... Args>
Event<void(Args...)> EventQueue::event(T* obj, R (T::*method)(Args...)) {
  return Event<void(Args...)>(this, mbed::callback(obj, method));
}
template <typename T, typename R, typename... Args>
Event<void(Args...)> EventQueue::event(const T* obj, R (T::*method)(Args...) const) {
  return Event<void(Args...)>(this, mbed::callback(obj, method));
}
template <typename R, typename... Args>
Event<void(Args...)> EventQueue::event(mbed::Callback<R(Args...)> cb) {
  return Event<void(Args...)>(this, cb);
}
template <typename F, typename... ArgTs>
UserAllocatedEvent<F, void(ArgTs...)> EventQueue::make_user_allocated_event(F f, ArgTs... args) {
  return UserAllocatedEvent<F, void(ArgTs...)>(this, f, args...);
}
template <typename T, typename R, typename... ArgTs>
UserAllocatedEvent<mbed::Callback<void(ArgTs...)>, void(ArgTs...)> EventQueue::make_user_allocated_event(
    T* obj, R (T::*method)(ArgTs...), ArgTs... args) {
  return UserAllocatedEvent<mbed::Callback<void(ArgTs...)>, void(ArgTs...)>(this, mbed::callback(obj, method),
                                                                              args...);
}

}  // namespace events

using events::EventQueue;

namespace mbed {
using events::EventQueue;

/** The shared event queue. Mbed OS dispatches it on its own thread ("shared_event_queue"),
 *  unless the application dispatches it (mbed_app.json "events.shared-dispatch-from-application"). */
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
