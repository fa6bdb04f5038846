#include "events/EventQueue.h"

namespace events {

EventQueue::~EventQueue() {
  for (auto& s : slots_)
    if (s.used) release(s);
  sim::semaphore_destroy(wake_);
}

void EventQueue::release(Slot& s) {
  sim::timer_remove(&s.timer);
  s.used = s.ready = s.periodic = false;
  s.fn = nullptr;
}

// A slot's time came (interrupt context): mark it ready and wake the dispatching thread.
void EventQueue::fire(Slot* s) {
  const uint32_t k = sim::lock();
  if (s->used && !s->ready) {
    s->ready = true;
    s->ready_ns = sim::now_ns();
    s->seq = s->queue->seq_++;
  }
  sim::unlock(k);
  sim::semaphore_release(s->queue->wake_);
}

int EventQueue::sim_post(uint64_t delay_ns, uint64_t period_ns, mbed::Callback<void()> fn) {
  const uint32_t k = sim::lock();
  Slot* slot = nullptr;
  for (auto& s : slots_) {
    if (!s.used) {
      slot = &s;
      break;
    }
  }
  if (!slot) {
    sim::unlock(k);
    return 0;  // out of event memory: Mbed returns 0
  }
  slot->used = true;
  slot->ready = false;
  slot->periodic = period_ns != 0;
  slot->fn = fn;
  slot->queue = this;
  slot->id = next_id_++;
  if (next_id_ <= 0) next_id_ = 1;
  const int id = slot->id;
  sim::unlock(k);
  if (delay_ns == 0 && period_ns == 0) {
    fire(slot);
    return id;
  }
  slot->timer.callback = mbed::Callback<void()>([slot] { fire(slot); });
  slot->timer.period_ns = period_ns;
  slot->timer.due_ns = sim::now_ns() + delay_ns;
  sim::timer_add(&slot->timer);
  return id;
}

bool EventQueue::cancel(int id) {
  const uint32_t k = sim::lock();
  for (auto& s : slots_) {
    if (s.used && s.id == id) {
      release(s);
      sim::unlock(k);
      return true;
    }
  }
  sim::unlock(k);
  return false;
}

int EventQueue::time_left(int id) {
  for (auto& s : slots_) {
    if (s.used && s.id == id) {
      if (s.ready || !s.timer.active) return 0;
      const uint64_t now = sim::now_ns();
      return s.timer.due_ns > now ? static_cast<int>((s.timer.due_ns - now) / 1000000u) : 0;
    }
  }
  return -1;
}

void EventQueue::break_dispatch() {
  break_ = true;
  sim::semaphore_release(wake_);
}

void EventQueue::dispatch(int ms) {
  sim::hal_call();
  const uint64_t deadline = ms < 0 ? sim::kForever : sim::now_ns() + static_cast<uint64_t>(ms) * 1000000u;
  for (;;) {
    for (;;) {  // the events that are ready, in the order they fell due
      const uint32_t k = sim::lock();
      Slot* best = nullptr;
      for (auto& s : slots_)
        if (s.used && s.ready &&
            (!best || s.ready_ns < best->ready_ns || (s.ready_ns == best->ready_ns && s.seq < best->seq)))
          best = &s;
      if (!best) {
        sim::unlock(k);
        break;
      }
      best->ready = false;
      mbed::Callback<void()> fn = best->fn;
      if (!best->periodic) release(*best);  // a one-shot event's slot is free before it runs (it may re-post)
      sim::unlock(k);
      fn();
      if (break_) {
        break_ = false;
        return;
      }
    }
    if (break_) {
      break_ = false;
      return;
    }
    const uint64_t now = sim::now_ns();
    if (ms == 0 || now >= deadline) return;
    sim::semaphore_acquire(wake_, deadline == sim::kForever ? sim::kForever : deadline - now);
  }
}

}  // namespace events
