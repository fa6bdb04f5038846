#include "events/EventQueue.h"

namespace events {

int EventQueue::post(uint64_t delay_us, uint64_t period_us, mbed::Callback<void()> fn) {
  for (auto& s : slots_) {
    if (s.used) continue;
    s.used = true;
    s.ready = false;
    s.fn = fn;
    s.id = next_id_++;
    Slot* slot = &s;
    s.timer.callback = mbed::Callback<void()>([slot]() {
      slot->ready = true;
      mbed::sim::wake();
    });
    s.timer.period_us = period_us;
    s.timer.due_us = mbed::sim::now_us() + delay_us;
    mbed::sim::add_timer(&s.timer);
    if (delay_us == 0) mbed::sim::wake();
    return s.id;
  }
  return 0;  // queue full, as Mbed returns 0 when out of event memory
}

void EventQueue::dispatch(int ms) {
  break_ = false;
  const uint64_t deadline = ms < 0 ? UINT64_MAX : mbed::sim::now_us() + static_cast<uint64_t>(ms) * 1000;
  for (;;) {
    mbed::sim::dispatch_due();
    bool ran = false;
    for (auto& s : slots_) {
      if (!s.used || !s.ready) continue;
      s.ready = false;
      mbed::Callback<void()> fn = s.fn;
      if (!s.timer.active) release(s);  // one-shot: free the slot before running (it may re-post)
      fn();
      ran = true;
      if (break_) return;
    }
    if (ran) continue;
    if (mbed::sim::now_us() >= deadline) return;
    mbed::sim::wait_until_or_wake(deadline, true);
  }
}

}  // namespace events

namespace mbed {
EventQueue* mbed_event_queue() {
  static EventQueue queue;
  return &queue;
}
}  // namespace mbed
