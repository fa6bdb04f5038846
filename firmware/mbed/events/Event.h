// events::Event<void(Args...)>: a reusable event bound to a queue, with its own delay and period.
// post(args...) queues one call; an Event can be posted many times (each post is a separate
// pending call); cancel() cancels the most recent post. Copies share the same settings.
//
// @code
// EventQueue queue;
// Event<void(int)> ev(&queue, handler);
// ev.delay(100ms);
// ev.period(200ms);
// ev.post(1);          // handler(1) at 100 ms, 300 ms, 500 ms, ...
// @endcode
//
// An Event converts to a Callback, so an interrupt handler can post it:
// `button.fall(queue.event(handler));` runs handler in the queue's thread.
#pragma once
#include <chrono>
#include <cstdint>
#include <tuple>
#include <utility>

#include "platform/Callback.h"
#include "platform/mbed_assert.h"
#include "events/EventQueue.h"
#include "platform/mbed_toolchain.h"

namespace events {

template <typename... ArgTs>
class Event<void(ArgTs...)> {
 public:
  using duration = std::chrono::duration<int, std::milli>;

  /** An event calling f(args...) on queue q. */
  template <typename F>
  Event(EventQueue* q, F f) : data_(new Data{1, q, 0, 0, -1, mbed::Callback<void(ArgTs...)>(f)}) {}
  /** An event calling f(context..., args...): the context arguments are bound now. */
  template <typename F, typename C0, typename... Cs>
  Event(EventQueue* q, F f, C0 c0, Cs... cs)
      : data_(new Data{1, q, 0, 0, -1, mbed::Callback<void(ArgTs...)>([f, c0, cs...](ArgTs... args) {
                         f(c0, cs..., args...);
                       })}) {}
  Event(const Event& e) : data_(e.data_) {
    if (data_) ++data_->refs;
  }
  Event& operator=(const Event& that) {
    if (this != &that) {
      release();
      data_ = that.data_;
      if (data_) ++data_->refs;
    }
    return *this;
  }
  ~Event() { release(); }

  /** Delay before the first call after a post. */
  void delay(duration d) { data_->delay_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(d).count(); }
  template <typename Rep, typename Period>
  void delay(std::chrono::duration<Rep, Period> d) {
    data_->delay_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
  }
  MBED_DEPRECATED_SINCE("mbed-os-6.0.0",
                        "Pass a chrono duration, not an integer millisecond count. For example use `5s` rather than `5000`.")
  void delay(int d) { data_->delay_ns = int64_t(d) * 1000000; }

  /** Period of repeated calls (non_periodic: once). */
  void period(duration p) { data_->period_ns = p.count() < 0 ? -1 : int64_t(p.count()) * 1000000; }
  template <typename Rep, typename Period>
  void period(std::chrono::duration<Rep, Period> p) {
    const int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(p).count();
    data_->period_ns = ns < 0 ? -1 : ns;
  }
  MBED_DEPRECATED_SINCE("mbed-os-6.0.0",
                        "Pass a chrono duration, not an integer millisecond count. For example use `5s` rather than `5000`.")
  void period(int p) { data_->period_ns = p < 0 ? -1 : int64_t(p) * 1000000; }

  /** Queue one call with these arguments; returns its id, or 0 when the queue is full. */
  int post(ArgTs... args) const;
  /** Post, asserting that the queue had room. */
  void call(ArgTs... args) const {
    MBED_UNUSED int id = post(args...);
    MBED_ASSERT(id);
  }
  void operator()(ArgTs... args) const { call(args...); }
  static void thunk(void* func, ArgTs... args) { static_cast<Event*>(func)->call(args...); }
  /** Cancel the most recent post (if it has not run yet). */
  void cancel() const;

 private:
  struct Data {
    int refs;
    EventQueue* queue;
    int id;  // of the most recent post
    int64_t delay_ns;
    int64_t period_ns;
    mbed::Callback<void(ArgTs...)> fn;
  };
  void release() {
    if (data_ && --data_->refs == 0) delete data_;
    data_ = nullptr;
  }
  Data* data_;
};

}  // namespace events

namespace events {

template <typename... ArgTs>
int Event<void(ArgTs...)>::post(ArgTs... args) const {
  if (!data_ || !data_->queue) return 0;
  detail::Node* n = data_->queue->alloc_node();
  if (!n) return 0;
  mbed::Callback<void(ArgTs...)> fn = data_->fn;
  n->emplace([fn, args...]() { fn(args...); });
  data_->id = data_->queue->post_node(n, data_->delay_ns, data_->period_ns);
  return data_->id;
}

template <typename... ArgTs>
void Event<void(ArgTs...)>::cancel() const {
  if (data_ && data_->queue && data_->id) data_->queue->cancel(data_->id);
}

}  // namespace events
