#include "events/EventQueue.h"

#include <cstdint>

#include "sim/kernel.h"
#include "sim/sim.h"

extern "C" unsigned equeue_tick(void) { return static_cast<unsigned>(sim::now_ns() / 1000000u); }

namespace events {

using detail::Node;

namespace {
// The kernel lock: interrupts and other threads stay out while a queue's lists change.
struct Critical {
  uint32_t state = sim::lock();
  ~Critical() { sim::unlock(state); }
};
}  // namespace

EventQueue::EventQueue(unsigned size, unsigned char* buffer) {
  (void)buffer;  // the simulator keeps its own (typed) event memory
  wake_.max = 1;
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
  sim::semaphore_destroy(wake_);
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
  while (*p && ((*p)->due_ns < n->due_ns || ((*p)->due_ns == n->due_ns && (*p)->seq < n->seq))) p = &(*p)->next;
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

int EventQueue::post_node(Node* n, int64_t delay_ns, int64_t period_ns) {
  {
    Critical lock;
    n->queue = this;
    n->due_ns = sim::now_ns() + static_cast<uint64_t>(delay_ns > 0 ? delay_ns : 0);
    n->period_ns = period_ns;
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
      // Cancelled while it runs (from its own call, as Mbed OS documents, "a call made from the
      // same thread as the dispatch loop will always succeed"): a periodic event stops repeating.
      const bool was_periodic = n->pending && n->period_ns >= 0;
      n->period_ns = -1;
      n->pending = false;
      return was_periodic;
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
    // Running now (a periodic event cancelling itself): it stops repeating.
    for (unsigned i = 0; i < pool_size_; ++i)
      if (pool_[i].running && pool_[i].id == id) return cancel_node(&pool_[i]);
    return false;
  }
  return cancel_node(found);
}

int EventQueue::time_left(int id) {
  Critical lock;
  const uint64_t now = sim::now_ns();
  for (Node* n = pending_; n; n = n->next)
    if (n->id == id) return n->due_ns > now ? static_cast<int>((n->due_ns - now + 999999) / 1000000) : 0;
  return -1;
}

void EventQueue::break_dispatch() {
  break_ = true;
  sim::semaphore_release(wake_);
}

void EventQueue::background(mbed::Callback<void(int)> update) {
  background_ = update;
  notify();
}

void EventQueue::notify() {
  sim::semaphore_release(wake_);
  if (background_) {
    const uint64_t now = sim::now_ns();
    background_(pending_ ? (pending_->due_ns > now ? static_cast<int>((pending_->due_ns - now) / 1000000) : 0) : -1);
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
  const uint64_t due = pending_->due_ns;
  if (parent_proxy_ && parent_proxy_due_ <= due) return;  // the parent will come round in time
  if (parent_proxy_) parent_->cancel(parent_proxy_);
  const uint64_t now = sim::now_ns();
  EventQueue* self = this;
  parent_proxy_due_ = due;
  parent_proxy_ = parent_->call_in(std::chrono::nanoseconds(due > now ? due - now : 0), [self] {
    self->parent_proxy_ = 0;
    self->dispatch(0);
    self->update_chain();
  });
}

void EventQueue::wait_for_work(uint64_t deadline_ns) {
  const uint64_t now = sim::now_ns();
  sim::semaphore_acquire(wake_, deadline_ns == sim::kForever ? sim::kForever : deadline_ns - now);
}

void EventQueue::dispatch(int ms) {
  break_ = false;
  sim::hal_call();  // interrupts that are due post first
  const uint64_t start = sim::now_ns();
  const uint64_t deadline = ms < 0 ? sim::kForever : start + static_cast<uint64_t>(ms) * 1000000u;
  for (;;) {
    for (;;) {
      Node* n;
      {
        Critical lock;
        n = pending_;
        if (!n || n->due_ns > sim::now_ns()) break;
        unlink(n);
        n->running = true;
      }
      n->call(n);
      bool again = false;
      {
        Critical lock;
        n->running = false;
        if (n->pending && n->period_ns >= 0) {
          n->due_ns += static_cast<uint64_t>(n->period_ns);  // equeue keeps the phase: target += period
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
    const uint64_t now = sim::now_ns();
    if (ms == 0 || now >= deadline) return;
    uint64_t next = deadline;
    {
      Critical lock;
      if (pending_ && pending_->due_ns < next) next = pending_->due_ns;
    }
    if (next > now) wait_for_work(next);
    if (break_) {
      break_ = false;
      return;
    }
  }
}

}  // namespace events

