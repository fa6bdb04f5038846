#include "events/EventQueue.h"

#include <cstdint>

#include "platform/mbed_critical.h"
#include "platform/sim_core.h"

extern "C" unsigned equeue_tick(void) { return static_cast<unsigned>(mbed::sim::now_us() / 1000); }

namespace events {

using detail::Node;

namespace {
struct Critical {
  Critical() { core_util_critical_section_enter(); }
  ~Critical() { core_util_critical_section_exit(); }
};
}  // namespace

EventQueue::EventQueue(unsigned size, unsigned char* buffer) {
  (void)buffer;  // the simulator keeps its own (typed) event memory
  pool_size_ = size / EVENTS_EVENT_SIZE;
  if (pool_size_) {
    pool_ = new Node[pool_size_];
    for (unsigned i = 0; i < pool_size_; ++i) {
      pool_[i].next = free_;
      free_ = &pool_[i];
    }
  }
}

EventQueue::~EventQueue() {
  if (parent_) chain(nullptr);
  while (pending_) {
    Node* n = pending_;
    unlink(n);
    if (!n->user_allocated) free_node(n);
  }
  delete[] pool_;
}

Node* EventQueue::alloc_node() {
  Critical lock;
  Node* n = free_;
  if (n) {
    free_ = n->next;
    n->next = nullptr;
    n->queue = this;
    n->user_allocated = false;
    n->pending = n->running = false;
  }
  return n;
}

void EventQueue::free_node(Node* n) {
  n->clear();
  Critical lock;
  n->next = free_;
  free_ = n;
}

void EventQueue::insert(Node* n) {
  Node** p = &pending_;
  while (*p && ((*p)->due_us < n->due_us || ((*p)->due_us == n->due_us && (*p)->seq < n->seq))) p = &(*p)->next;
  n->next = *p;
  *p = n;
}

void EventQueue::unlink(Node* n) {
  for (Node** p = &pending_; *p; p = &(*p)->next) {
    if (*p == n) {
      *p = n->next;
      n->next = nullptr;
      return;
    }
  }
}

int EventQueue::post_node(Node* n, int64_t delay_us, int64_t period_us) {
  {
    Critical lock;
    n->queue = this;
    n->due_us = mbed::sim::now_us() + static_cast<uint64_t>(delay_us > 0 ? delay_us : 0);
    n->period_us = period_us;
    n->seq = ++seq_;
    n->id = next_id_++;
    if (next_id_ <= 0) next_id_ = 1;
    n->pending = true;
    insert(n);
  }
  notify();
  return n->id;
}

bool EventQueue::cancel_node(Node* n) {
  bool cancelled = false;
  {
    Critical lock;
    if (n->running) {
      n->period_us = -1;  // a periodic event cancelled from its own call stops repeating
      n->pending = false;
      return false;
    }
    if (!n->pending) return false;
    unlink(n);
    n->pending = false;
    cancelled = true;
  }
  if (!n->user_allocated) free_node(n);
  notify();
  return cancelled;
}

bool EventQueue::cancel(int id) {
  if (id <= 0) return false;
  Node* found = nullptr;
  {
    Critical lock;
    for (Node* n = pending_; n; n = n->next)
      if (n->id == id) found = n;
  }
  if (!found) {
    // Running now? Stop it repeating (equeue returns false: it already started).
    for (unsigned i = 0; i < pool_size_; ++i)
      if (pool_[i].running && pool_[i].id == id) pool_[i].period_us = -1;
    return false;
  }
  return cancel_node(found);
}

int EventQueue::time_left(int id) {
  Critical lock;
  const uint64_t now = mbed::sim::now_us();
  for (Node* n = pending_; n; n = n->next)
    if (n->id == id) return n->due_us > now ? static_cast<int>((n->due_us - now + 999) / 1000) : 0;
  return -1;
}

void EventQueue::break_dispatch() {
  break_ = true;
  mbed::sim::wake();
}

void EventQueue::background(mbed::Callback<void(int)> update) {
  background_ = update;
  notify();
}

void EventQueue::notify() {
  posted_ = true;
  mbed::sim::wake();
  if (background_) {
    const uint64_t now = mbed::sim::now_us();
    background_(pending_ ? (pending_->due_us > now ? static_cast<int>((pending_->due_us - now) / 1000) : 0) : -1);
  }
  if (parent_) update_chain();
}

int EventQueue::chain(EventQueue* target) {
  if (target == this) return -1;
  if (parent_ && parent_proxy_) parent_->cancel(parent_proxy_);
  parent_proxy_ = 0;
  parent_ = target;
  if (parent_) update_chain();
  return 0;
}

void EventQueue::update_chain() {
  if (!parent_ || !pending_) return;
  const uint64_t due = pending_->due_us;
  if (parent_proxy_ && parent_proxy_due_ <= due) return;  // the parent will come round in time
  if (parent_proxy_) parent_->cancel(parent_proxy_);
  const uint64_t now = mbed::sim::now_us();
  EventQueue* self = this;
  parent_proxy_due_ = due;
  parent_proxy_ = parent_->call_in(std::chrono::microseconds(due > now ? due - now : 0), [self] {
    self->parent_proxy_ = 0;
    self->dispatch(0);
    self->update_chain();
  });
}

void EventQueue::wait_for_work(uint64_t deadline_us) {
  posted_ = false;
  mbed::sim::wait_until_or_wake(deadline_us, true);
}

void EventQueue::dispatch(int ms) {
  break_ = false;
  const uint64_t start = mbed::sim::now_us();
  const uint64_t deadline = ms < 0 ? UINT64_MAX : start + static_cast<uint64_t>(ms) * 1000;
  for (;;) {
    mbed::sim::dispatch_due();  // interrupts that are due post first
    for (;;) {
      Node* n;
      {
        Critical lock;
        n = pending_;
        if (!n || n->due_us > mbed::sim::now_us()) break;
        unlink(n);
        n->running = true;
      }
      n->call(n);
      bool again = false;
      {
        Critical lock;
        n->running = false;
        if (n->pending && n->period_us >= 0) {
          n->due_us += static_cast<uint64_t>(n->period_us);  // equeue keeps the phase: target += period
          n->seq = ++seq_;
          insert(n);
          again = true;
        } else {
          n->pending = false;
        }
      }
      if (!again && !n->user_allocated) free_node(n);
      if (break_) {
        break_ = false;
        return;
      }
    }
    const uint64_t now = mbed::sim::now_us();
    if (now >= deadline) return;
    uint64_t next = deadline;
    {
      Critical lock;
      if (pending_ && pending_->due_us < next) next = pending_->due_us;
    }
    if (next > now) wait_for_work(next);
    if (break_) {
      break_ = false;
      return;
    }
  }
}

}  // namespace events

namespace mbed {
EventQueue* mbed_event_queue() {
  static EventQueue queue;
  return &queue;
}
}  // namespace mbed
