// events::UserAllocatedEvent<F, void(ArgTs...)>: an event whose memory is the object itself, so
// posting it never fails for lack of queue memory (works with EventQueue queue(0)). One object is
// one pending call: it can be posted again once its call has run or been cancelled.
//
// @code
// EventQueue queue(0);
// auto ev = make_user_allocated_event(handler, 1);   // bound later with call_on
// ev.delay(100);
// ev.period(200);
// ev.call_on(&queue);
// @endcode
#pragma once
#include <tuple>
#include <utility>

#include "platform/mbed_assert.h"
#include "events/EventQueue.h"

namespace events {

template <typename F, typename... ArgTs>
class UserAllocatedEvent<F, void(ArgTs...)> {
 public:
  /** An event not yet bound to a queue (bind with call_on/try_call_on). */
  constexpr UserAllocatedEvent(F f, ArgTs... args) : _f(f), _args(args...) { init(); }
  /** An event bound to queue q. */
  UserAllocatedEvent(EventQueue* q, F f, ArgTs... args) : _f(f), _args(args...), _queue(q) { init(); }
  UserAllocatedEvent(const UserAllocatedEvent&) = delete;
  UserAllocatedEvent& operator=(const UserAllocatedEvent&) = delete;
  ~UserAllocatedEvent();

  /** Post on the bound queue (asserts that it could). */
  void call() {
    MBED_UNUSED bool ok = try_call();
    MBED_ASSERT(ok);
  }
  /** Post on the bound queue: false if it is already pending or not bound. */
  bool try_call();
  /** Bind to `queue` and post (asserts that it could). */
  void call_on(EventQueue* queue) {
    MBED_UNUSED bool ok = try_call_on(queue);
    MBED_ASSERT(ok);
  }
  /** Bind to `queue` and post: false if it is already pending. */
  bool try_call_on(EventQueue* queue);
  void operator()() { call(); }
  /** Delay in milliseconds before the call after a post. */
  void delay(int delay_ms) { _delay_ns = int64_t(delay_ms) * 1000000; }
  /** Period in milliseconds of repeated calls (negative: once). */
  void period(int period_ms) { _period_ns = period_ms < 0 ? -1 : int64_t(period_ms) * 1000000; }
  /** Cancel the pending call: true if it had not run. */
  bool cancel();

  // Used by EventQueue.
  detail::Node _node;
  F _f;
  std::tuple<ArgTs...> _args;
  EventQueue* _queue = nullptr;
  int64_t _delay_ns = 0;
  int64_t _period_ns = -1;

 private:
  void init() {
    _node.user_allocated = true;
    _node.emplace([this]() { std::apply(_f, _args); });
  }
};

/** A user-allocated event not yet bound to a queue. */
template <typename F, typename... ArgTs>
UserAllocatedEvent<F, void(ArgTs...)> make_user_allocated_event(F f, ArgTs... args) {
  return UserAllocatedEvent<F, void(ArgTs...)>(f, args...);
}

}  // namespace events

namespace events {

template <typename F, typename... ArgTs>
UserAllocatedEvent<F, void(ArgTs...)>::~UserAllocatedEvent() {
  if (_queue) _queue->cancel_node(&_node);
  _node.clear();
}

template <typename F, typename... ArgTs>
bool UserAllocatedEvent<F, void(ArgTs...)>::try_call() {
  if (!_queue || _node.pending || _node.running) return false;
  return _queue->post_node(&_node, _delay_ns, _period_ns) != 0;
}

template <typename F, typename... ArgTs>
bool UserAllocatedEvent<F, void(ArgTs...)>::try_call_on(EventQueue* queue) {
  if (_node.pending || _node.running) return false;
  _queue = queue;
  return try_call();
}

template <typename F, typename... ArgTs>
bool UserAllocatedEvent<F, void(ArgTs...)>::cancel() {
  return _queue && _queue->cancel_node(&_node);
}

using events::make_user_allocated_event;

}  // namespace events
