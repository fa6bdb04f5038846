// The simulator's kernel: simulated time, interrupt-level events and the thread scheduler.
// Shared by every target; the target-specific parts are behind sim/port.h. See sim/sim.h
// (time and interrupts) and sim/kernel.h (scheduling rules) for the semantics.
#include <stdio.h>
#include <string.h>

#include <new>

#include "sim/internal.h"
#include "sim/port.h"
#include "sim/sim.h"

// The virtual clock's budget: nanoseconds of simulated time left before the next event is
// due. Basic blocks of the app (instrumented with -fsanitize-coverage=trace-pc) and HAL calls
// subtract their cost; when it runs out, sim_tick() delivers what fell due.
extern "C" {
int64_t sim_budget_ns = 0;
void sim_tick(void);
}

namespace sim {

struct Tcb {
  port::Context ctx;
  const char* name = "";
  int base_prio = 24;
  int prio = 24;
  ThreadState state = kInactive;
  Tcb* next = nullptr;             // in the ready list or a wait list
  WaitList* wait_list = nullptr;   // the list it waits in
  Tcb* tnext = nullptr;            // in the timeout list
  uint64_t wake_ns = kForever;
  int wait_result = kWaitOk;
  uintptr_t wdata[2] = {0, 0};
  uint32_t flags = 0;
  ThreadEntry entry = nullptr;
  void* arg = nullptr;
  uint32_t stack_size = 0;
  unsigned char* user_stack = nullptr;
  WaitList joiners;
  MutexState* owned = nullptr;
  uint64_t last_active_ns = 0;  // last HAL call: a thread without any for a while is "idle in a loop"
  Tcb* all_next = nullptr;
  bool has_context = false;
  bool spinning = false;  // parked in an endless `while (1);` (Cortex-M4, see park_spinning)
  uint32_t hal_calls = 0;       // Cortex-M4: HAL calls counted by hal_call ...
  uint32_t hal_calls_seen = 0;  // ... and the count when the timer interrupt last looked
};

namespace {

constexpr int kPrioIdle = 1;
constexpr int kPrioNormal = 24;
constexpr uint64_t kSliceNs = 5000000;         // RTX round-robin: 5 ticks of 1 ms
constexpr uint64_t kIdleLoopNs = 100000000;    // no HAL call for 100 ms: "idle in a loop"
constexpr int64_t kRealtimeCheckNs = 200000;   // browser: look at the clock every 200 us of work
constexpr uint32_t kMainStack = 4096;          // MBED_CONF_RTOS_MAIN_THREAD_STACK_SIZE
constexpr uint32_t kIdleStack = 1024;
constexpr uint64_t kSpinCheckNs = 10000000;    // Cortex-M4: how often a running thread is looked at

port::Clock g_clock = port::Clock::kVirtual;
uint64_t g_deadline = 0;  // virtual: now == g_deadline - sim_budget_ns
uint64_t g_until = kForever;

Tcb* g_current = nullptr;
Tcb* g_idle = nullptr;
Tcb* g_main = nullptr;
Tcb* g_ready = nullptr;     // highest priority first, FIFO among equals
Tcb* g_timeouts = nullptr;  // earliest first
Tcb* g_all = nullptr;
TimerEvent* g_timers = nullptr;  // earliest first
int g_threads = 0;

int g_lock_depth = 0;      // host/wasm kernel lock
int g_isr_depth = 0;       // host/wasm simulated interrupt context
int g_critical = 0;        // user critical sections
uint32_t g_critical_irq = 0;
int g_sched_lock = 0;      // defer_enter: no thread switch (Cortex-M4) inside the C library
bool g_resched = false;    // a switch is due when the lock is released
bool g_rotate = false;     // ... even to a thread of equal priority (yield, time slice)
bool g_in_process = false;
bool g_main_done = false;
bool g_finishing = false;
uint64_t g_slice_end = kForever;
uint64_t g_busy_until = kForever;  // Cortex-M4: a thread busy-waits (wait_us) until then
uint64_t g_end_at = kForever;      // the time the end is reported at, if not now
uint64_t g_switches = 0;
void (*g_idle_hook)() = nullptr;
uint64_t g_idle_ns = 0;  // time the CPU slept in the idle thread (mbed_stats_cpu_get)
uint64_t g_idle_since = kForever;  // when the idle thread started sleeping (hardware and page clocks)
void (*g_terminate_hook)(void*) = nullptr;

bool virtual_clock() { return g_clock == port::Clock::kVirtual; }
// Another ready thread has the running thread's priority: time slices matter.
// Can interrupts be delivered right now (host/wasm)?
bool delivery_blocked() { return g_isr_depth > 0 || g_critical > 0 || g_lock_depth > 0 || g_in_process; }
bool competitor() { return g_ready && g_current && g_current->state == kRunning && g_ready->prio == g_current->prio; }

// ---- lists -----------------------------------------------------------------------------------------
void list_insert(Tcb** head, Tcb* t) {  // by priority, after equals
  Tcb** p = head;
  while (*p && (*p)->prio >= t->prio) p = &(*p)->next;
  t->next = *p;
  *p = t;
}
bool list_remove(Tcb** head, Tcb* t) {
  for (Tcb** p = head; *p; p = &(*p)->next) {
    if (*p == t) {
      *p = t->next;
      t->next = nullptr;
      return true;
    }
  }
  return false;
}
void timeout_insert(Tcb* t) {
  Tcb** p = &g_timeouts;
  while (*p && (*p)->wake_ns <= t->wake_ns) p = &(*p)->tnext;
  t->tnext = *p;
  *p = t;
}
void timeout_remove(Tcb* t) {
  if (t->wake_ns == kForever) return;
  for (Tcb** p = &g_timeouts; *p; p = &(*p)->tnext) {
    if (*p == t) {
      *p = t->tnext;
      break;
    }
  }
  t->tnext = nullptr;
  t->wake_ns = kForever;
}

void make_ready(Tcb* t) {
  t->state = kReady;
  list_insert(&g_ready, t);
  if (g_current && (g_current->state != kRunning || t->prio > g_current->prio)) g_resched = true;
}

// Pick the thread that should run and switch to it. Lock held (or interrupts masked).
void schedule() {
  if (g_sched_lock > 0) return;  // stays due: defer_exit switches
  g_resched = false;
  Tcb* cur = g_current;
  const bool rotate = g_rotate;
  g_rotate = false;
  Tcb* best = g_ready;
  if (cur->state == kRunning) {
    if (!best || best->prio < cur->prio || (best->prio == cur->prio && !rotate)) return;
    cur->state = kReady;
    list_insert(&g_ready, cur);
  }
  best = g_ready;
  g_ready = best->next;
  best->next = nullptr;
  best->state = kRunning;
  if (best == cur) return;
  g_current = best;
  ++g_switches;
  if (cur == g_idle && g_idle_since != kForever) {  // the CPU leaves the idle thread: count its sleep
    g_idle_ns += now_ns() - g_idle_since;
    g_idle_since = kForever;
  }
  g_slice_end = now_ns() + kSliceNs;
  internal::rearm();
  port::context_switch(&cur->ctx, &best->ctx);
}

void set_prio(Tcb* t, int prio) {
  if (t->prio == prio) return;
  t->prio = prio;
  if (t->state == kReady) {
    list_remove(&g_ready, t);
    list_insert(&g_ready, t);
  } else if (t->wait_list) {
    list_remove(&t->wait_list->head, t);
    list_insert(&t->wait_list->head, t);
  }
  if (g_current && g_ready && g_ready->prio > g_current->prio) g_resched = true;
}

// A thread's priority: its own, or the highest of the threads waiting for its mutexes.
void recompute_prio(Tcb* t) {
  int p = t->base_prio;
  for (MutexState* m = t->owned; m; m = m->next_owned)
    if (m->waiters.head && m->waiters.head->prio > p) p = m->waiters.head->prio;
  set_prio(t, p);
}

void unlink_owned(Tcb* t, MutexState* m) {
  for (MutexState** p = &t->owned; *p; p = &(*p)->next_owned) {
    if (*p == m) {
      *p = m->next_owned;
      break;
    }
  }
  m->next_owned = nullptr;
}

// Hand a mutex to its next waiter, or free it.
void mutex_pass(MutexState& m) {
  Tcb* old = m.owner;
  unlink_owned(old, &m);
  m.owner = nullptr;
  m.count = 0;
  if (Tcb* t = m.waiters.head) {
    wake(t, kWaitOk);
    m.owner = t;
    m.count = 1;
    m.next_owned = t->owned;
    t->owned = &m;
    recompute_prio(t);
  }
  recompute_prio(old);
}

void thread_trampoline() {
  Tcb* t = g_current;
  t->entry(t->arg);
  thread_exit();
}

void remove_everywhere(Tcb* t) {
  if (t->state == kReady) list_remove(&g_ready, t);
  if (t->wait_list) {
    list_remove(&t->wait_list->head, t);
    t->wait_list = nullptr;
  }
  timeout_remove(t);
}

void end_thread(Tcb* t) {
  remove_everywhere(t);
  while (t->owned) mutex_pass(*t->owned);  // robust mutexes: the next waiter gets them
  t->state = kDeleted;
  wake_all(t->joiners, kWaitOk);
  if (g_terminate_hook) g_terminate_hook(t);
}

const char* end_status() {
  if (g_main_done) return "finished";
  if (g_main && g_main->spinning) return "idle";
  const uint64_t end = g_end_at != kForever ? g_end_at : now_ns();
  if (g_main && (g_main->state == kRunning || g_main->state == kReady) && end - g_main->last_active_ns >= kIdleLoopNs)
    return "idle";
  return "time_limit";
}

[[noreturn]] void idle_loop() {
  for (;;) {
    if (g_idle_hook) g_idle_hook();
    if (g_main_done && !internal::busy() && !internal::io_inputs_pending() &&
        (g_clock != port::Clock::kRealtime || !internal::io_handlers_attached()))
      internal::finish("finished", nullptr);
    const uint64_t next = internal::next_event_ns();
    if (virtual_clock()) {
      const uint64_t now = now_ns();
      if (next > now) {  // nothing to run: simulated time jumps to the next event
        g_idle_ns += next - now;
        g_deadline = next;
        sim_budget_ns = 0;
      }
    } else {
      internal::io_flush_display();
      // Counted until the kernel switches away from the idle thread (an interrupt may wake a
      // thread that runs before port::idle returns here).
      if (g_idle_since == kForever) g_idle_since = now_ns();
      port::idle(next);
      if (g_idle_since != kForever) {
        g_idle_ns += now_ns() - g_idle_since;
        g_idle_since = kForever;
      }
    }
    if (g_clock != port::Clock::kHardware) internal::process_due();
  }
}


void main_entry() {
  const int code = internal::call_app_main();
  main_returned(code);
}

}  // namespace

// ---- time ---------------------------------------------------------------------------------------
// The page's clock (kRealtime): a browser's clock is coarse (performance.now() in a worker
// moves in steps of 100 us or more), so a short busy wait (an SPI frame of 400 ns) would spin
// a whole step. Short waits move this floor instead; real time catches up with it.
static uint64_t g_realtime_floor_ns = 0;
constexpr uint64_t kShortWaitNs = 1000000;

uint64_t now_ns() {
  if (g_clock == port::Clock::kVirtual) return g_deadline - static_cast<uint64_t>(sim_budget_ns);
  const uint64_t real = port::now_ns();
  return real > g_realtime_floor_ns ? real : g_realtime_floor_ns;
}

void hal_call() {
  // A thread that makes HAL calls is not "idle in a loop"; interrupt handlers do not count.
  Tcb* t = g_isr_depth == 0 ? g_current : nullptr;
  switch (g_clock) {
    case port::Clock::kVirtual:
      sim_budget_ns -= kHalCallNs;
      if (t) t->last_active_ns = g_deadline - static_cast<uint64_t>(sim_budget_ns);
      if (sim_budget_ns <= 0) sim_tick();
      break;
    case port::Clock::kRealtime:
      sim_budget_ns -= kHalCallNs;
      if (sim_budget_ns <= 0) sim_tick();
      if (t) t->last_active_ns = port::now_ns();
      break;
    case port::Clock::kHardware:
      // No clock read here (a timer read is slow under QEMU -icount): the timer interrupt,
      // at least every 10 ms, turns the count into last_active_ns (note_activity).
      if (t) ++t->hal_calls;
      break;
  }
}

void hal_touch() {
  Tcb* t = g_isr_depth == 0 ? g_current : nullptr;
  if (!t) return;
  if (g_clock == port::Clock::kHardware) {
    ++t->hal_calls;
  } else {
    t->last_active_ns = now_ns();
  }
}

void busy_wait_ns(uint64_t ns) {
  const uint64_t end = now_ns() + ns;
  switch (g_clock) {
    case port::Clock::kVirtual:
      for (uint64_t now = now_ns(); now < end; now = now_ns()) {
        uint64_t step = end - now;
        if (!delivery_blocked() && g_deadline > now && g_deadline - now < step) step = g_deadline - now;
        if (step == 0) step = 1000;
        sim_budget_ns -= static_cast<int64_t>(step);
        if (sim_budget_ns <= 0) sim_tick();
      }
      break;
    case port::Clock::kRealtime:
      if (ns < kShortWaitNs) {
        g_realtime_floor_ns = end;
        sim_tick();
        break;
      }
      while (now_ns() < end) sim_tick();
      break;
    case port::Clock::kHardware:
      if (port::in_isr() || g_critical > 0 || g_busy_until != kForever) {
        while (port::now_ns() < end) {  // a handler, or interrupts masked: really spin
        }
        break;
      }
      // The thread keeps the CPU (no other thread runs, interrupts do) but the core waits for
      // the timer instead of executing a loop: the same behaviour in far fewer instructions.
      g_busy_until = end;
      while (port::now_ns() < end) {
        const uint32_t k = port::irq_disable();
        internal::rearm();
        port::irq_restore(k);
        port::wait_for_interrupt();
      }
      g_busy_until = kForever;
      break;
  }
  if (g_current) g_current->last_active_ns = now_ns();
}

// ---- interrupt-level timers ------------------------------------------------------------------------
void timer_add(TimerEvent* e) {
  const uint32_t k = lock();
  if (e->active) timer_remove(e);
  e->active = true;
  TimerEvent** p = &g_timers;
  while (*p && (*p)->due_ns <= e->due_ns) p = &(*p)->next;
  e->next = *p;
  *p = e;
  if (g_timers == e) internal::rearm();
  unlock(k);
}

void timer_remove(TimerEvent* e) {
  const uint32_t k = lock();
  if (e->active) {
    for (TimerEvent** p = &g_timers; *p; p = &(*p)->next) {
      if (*p == e) {
        *p = e->next;
        break;
      }
    }
    e->active = false;
    e->next = nullptr;
  }
  unlock(k);
}

// ---- critical sections --------------------------------------------------------------------------------
void critical_enter() {
  if (g_clock == port::Clock::kHardware) {
    const uint32_t state = port::irq_disable();
    if (g_critical++ == 0) g_critical_irq = state;
    return;
  }
  ++g_critical;
}

void critical_exit() {
  if (g_critical == 0) return;
  if (g_clock == port::Clock::kHardware) {
    if (--g_critical == 0) port::irq_restore(g_critical_irq);
    return;
  }
  if (--g_critical == 0 && sim_budget_ns <= 0) sim_tick();
}

bool in_critical() { return g_critical > 0; }

void defer_enter() {
  if (g_clock == port::Clock::kHardware) {
    ++g_sched_lock;
    return;
  }
  ++g_critical;
}

void defer_exit() {
  if (g_clock == port::Clock::kHardware) {
    if (--g_sched_lock == 0 && g_resched) unlock(lock());
    return;
  }
  --g_critical;  // what fell due meanwhile is delivered at the next HAL call or basic block
}


// ---- kernel lock ------------------------------------------------------------------------------------
uint32_t lock() {
  if (g_clock == port::Clock::kHardware) return port::irq_disable();
  ++g_lock_depth;
  return 0;
}

void unlock(uint32_t state) {
  if (g_clock == port::Clock::kHardware) {
    if (g_resched && !port::in_isr()) schedule();
    port::irq_restore(state);
    return;
  }
  if (--g_lock_depth == 0 && g_resched && g_isr_depth == 0 && !g_in_process) schedule();
}

bool in_isr() { return g_clock == port::Clock::kHardware ? port::in_isr() : g_isr_depth > 0; }

// ---- waiting ------------------------------------------------------------------------------------------
int wait(WaitList* list, ThreadState why, uint64_t timeout_ns, uint32_t k) {
  Tcb* cur = g_current;
  if (in_isr()) {
    unlock(k);
    rtos_error("a blocking RTOS call (wait, lock, sleep) was made from an interrupt handler");
  }
  if (timeout_ns == 0) {
    unlock(k);
    return kWaitTimeout;
  }
  cur->state = why;
  cur->wait_result = kWaitOk;
  if (list) {
    list_insert(&list->head, cur);
    cur->wait_list = list;
  }
  if (timeout_ns != kForever) {
    const uint64_t now = now_ns();
    cur->wake_ns = timeout_ns > kForever - now ? kForever - 1 : now + timeout_ns;
    timeout_insert(cur);
    internal::rearm();
  }
  g_resched = true;
  unlock(k);
  return cur->wait_result;
}

void wake(Tcb* t, int result) {
  if (t->wait_list) {
    list_remove(&t->wait_list->head, t);
    t->wait_list = nullptr;
  }
  timeout_remove(t);
  t->wait_result = result;
  make_ready(t);
}

Tcb* wake_one(WaitList& list, int result) {
  Tcb* t = list.head;
  if (t) wake(t, result);
  return t;
}

int wake_all(WaitList& list, int result) {
  int n = 0;
  while (list.head) {
    wake(list.head, result);
    ++n;
  }
  return n;
}

uintptr_t& wait_data(Tcb* t, int index) { return t->wdata[index & 1]; }
int priority_of(Tcb* t) { return t->prio; }

// ---- threads ------------------------------------------------------------------------------------------
Tcb* thread_create(const char* name, int priority, uint32_t stack_size, unsigned char* stack_mem) {
  Tcb* t = new (std::nothrow) Tcb();
  if (!t) return nullptr;
  t->name = name ? name : "";
  t->base_prio = t->prio = priority;
  t->stack_size = stack_size;
  t->user_stack = stack_mem;
  const uint32_t k = lock();
  t->all_next = g_all;
  g_all = t;
  ++g_threads;
  unlock(k);
  return t;
}

bool thread_start(Tcb* t, ThreadEntry entry, void* arg) {
  if (t->state != kInactive) return false;
  t->entry = entry;
  t->arg = arg;
  if (!port::context_init(&t->ctx, thread_trampoline, t->stack_size, t->user_stack)) return false;
  t->has_context = true;
  t->last_active_ns = now_ns();
  const uint32_t k = lock();
  make_ready(t);
  unlock(k);
  return true;
}

Tcb* thread_self() { return g_current; }

int thread_join(Tcb* t) {
  if (t == g_current) return -1;
  const uint32_t k = lock();
  if (t->state == kDeleted || t->state == kInactive) {
    unlock(k);
    return 0;
  }
  wait(&t->joiners, kWaitingJoin, kForever, k);
  return 0;
}

void thread_exit() {
  const uint32_t k = lock();
  Tcb* cur = g_current;
  end_thread(cur);
  g_resched = true;
  unlock(k);
  // Never resumed: the scheduler does not run deleted threads.
  for (;;) {
  }
}

int thread_terminate(Tcb* t) {
  if (t == g_current) thread_exit();
  const uint32_t k = lock();
  if (t->state == kInactive || t->state == kDeleted) {
    unlock(k);
    return -1;
  }
  end_thread(t);
  unlock(k);
  return 0;
}

void thread_destroy(Tcb* t) {
  if (!t) return;
  if (t->state != kInactive && t->state != kDeleted) thread_terminate(t);
  const uint32_t k = lock();
  for (Tcb** p = &g_all; *p; p = &(*p)->all_next) {
    if (*p == t) {
      *p = t->all_next;
      break;
    }
  }
  --g_threads;
  unlock(k);
  if (t->has_context && t != g_current) port::context_free(&t->ctx);
  delete t;
}

int thread_priority(Tcb* t) { return t->prio; }

int thread_set_priority(Tcb* t, int priority) {
  const uint32_t k = lock();
  t->base_prio = priority;
  recompute_prio(t);
  if (t == g_current && g_ready && g_ready->prio > t->prio) g_resched = true;
  unlock(k);
  return 0;
}

ThreadState thread_state(Tcb* t) { return t->state; }
const char* thread_name(Tcb* t) { return t->name; }
uint32_t thread_stack_size(Tcb* t) { return t->stack_size; }
uint32_t thread_stack_used(Tcb* t) { return t->has_context ? port::stack_used(&t->ctx, t->stack_size) : 0; }
int thread_count() { return g_threads; }
Tcb* thread_at(int index) {
  Tcb* t = g_all;
  while (t && index-- > 0) t = t->all_next;
  return t;
}

namespace {
constexpr uint32_t kFlagsErrorTimeout = 0xFFFFFFFEu;
constexpr uint32_t kFlagsErrorResource = 0xFFFFFFFDu;
constexpr uint32_t kFlagsErrorParameter = 0xFFFFFFFCu;
constexpr uint32_t kWaitAll = 1, kNoClear = 2;

bool satisfied(uint32_t have, uint32_t want, uint32_t options) {
  return (options & kWaitAll) ? (have & want) == want : (have & want) != 0;
}
}  // namespace

uint32_t flags_set(Tcb* t, uint32_t flags) {
  if (!t || (flags & 0x80000000u)) return kFlagsErrorParameter;
  const uint32_t k = lock();
  t->flags |= flags;
  const uint32_t after = t->flags;
  if (t->state == kWaitingThreadFlag && satisfied(t->flags, static_cast<uint32_t>(t->wdata[0]),
                                                  static_cast<uint32_t>(t->wdata[1]))) {
    const uint32_t want = static_cast<uint32_t>(t->wdata[0]);
    t->wdata[0] = t->flags;
    if (!(t->wdata[1] & kNoClear)) t->flags &= ~want;
    wake(t, kWaitOk);
  }
  unlock(k);
  return after;
}

uint32_t flags_clear(uint32_t flags) {
  const uint32_t k = lock();
  const uint32_t before = g_current->flags;
  g_current->flags &= ~flags;
  unlock(k);
  return before;
}

uint32_t flags_get() { return g_current->flags; }

namespace {
// Wait until `have` satisfies (flags, options): a thread's own flags (list nullptr) or an
// EventFlags object's. Returns the flags that satisfied the wait, or an osFlagsError code.
uint32_t flags_wait_on(uint32_t& have, WaitList* list, ThreadState why, uint32_t flags, uint32_t options,
                       uint64_t timeout_ns) {
  const uint32_t k = lock();
  if (satisfied(have, flags, options)) {
    const uint32_t got = have;
    if (!(options & kNoClear)) have &= ~flags;
    unlock(k);
    return got;
  }
  if (timeout_ns == 0) {
    unlock(k);
    return kFlagsErrorResource;
  }
  Tcb* cur = g_current;
  cur->wdata[0] = flags;
  cur->wdata[1] = options;
  const int r = wait(list, why, timeout_ns, k);
  return r == kWaitOk ? static_cast<uint32_t>(cur->wdata[0]) : kFlagsErrorTimeout;
}
}  // namespace

uint32_t flags_wait(uint32_t flags, uint32_t options, uint64_t timeout_ns) {
  return flags_wait_on(g_current->flags, nullptr, kWaitingThreadFlag, flags, options, timeout_ns);
}

void sleep_until_ns(uint64_t deadline_ns) {
  hal_call();
  const uint32_t k = lock();
  const uint64_t now = now_ns();
  if (deadline_ns <= now) {
    unlock(k);
    return;
  }
  wait(nullptr, kWaitingDelay, deadline_ns - now, k);
}

void yield() {
  hal_call();
  const uint32_t k = lock();
  g_rotate = true;
  g_resched = true;
  unlock(k);
}

void set_idle_hook(void (*hook)()) { g_idle_hook = hook; }
void set_terminate_hook(void (*hook)(void*)) { g_terminate_hook = hook; }

// ---- mutexes --------------------------------------------------------------------------------------------
bool mutex_lock(MutexState& m, uint64_t timeout_ns) {
  const uint32_t k = lock();
  Tcb* cur = g_current;
  if (in_isr()) {
    unlock(k);
    rtos_error("Mutex::lock was called from an interrupt handler");
  }
  if (!m.owner) {
    m.owner = cur;
    m.count = 1;
    m.next_owned = cur->owned;
    cur->owned = &m;
    unlock(k);
    return true;
  }
  if (m.owner == cur) {
    ++m.count;
    unlock(k);
    return true;
  }
  if (timeout_ns == 0) {
    unlock(k);
    return false;
  }
  Tcb* owner = m.owner;
  if (owner->prio < cur->prio) set_prio(owner, cur->prio);  // priority inheritance
  const int r = wait(&m.waiters, kWaitingMutex, timeout_ns, k);
  if (r == kWaitOk) return true;
  const uint32_t k2 = lock();
  if (m.owner) recompute_prio(m.owner);
  unlock(k2);
  return false;
}

int mutex_unlock(MutexState& m) {
  const uint32_t k = lock();
  if (m.owner != g_current) {
    unlock(k);
    return -1;
  }
  if (--m.count == 0) mutex_pass(m);
  unlock(k);
  return 0;
}

void mutex_destroy(MutexState& m) {
  const uint32_t k = lock();
  if (m.owner) unlink_owned(m.owner, &m);
  wake_all(m.waiters, kWaitResource);
  m.owner = nullptr;
  unlock(k);
}

// ---- semaphores ------------------------------------------------------------------------------------
bool semaphore_acquire(SemaphoreState& s, uint64_t timeout_ns) {
  const uint32_t k = lock();
  if (s.count > 0) {
    --s.count;
    unlock(k);
    return true;
  }
  if (timeout_ns == 0) {
    unlock(k);
    return false;
  }
  return wait(&s.waiters, kWaitingSemaphore, timeout_ns, k) == kWaitOk;  // a release hands the token over
}

int semaphore_release(SemaphoreState& s) {
  const uint32_t k = lock();
  int r = 0;
  if (!wake_one(s.waiters, kWaitOk)) {
    if (s.count < s.max)
      ++s.count;
    else
      r = -1;
  }
  unlock(k);
  return r;
}

void semaphore_destroy(SemaphoreState& s) {
  const uint32_t k = lock();
  wake_all(s.waiters, kWaitResource);
  unlock(k);
}

// ---- event flags --------------------------------------------------------------------------------------
uint32_t eventflags_set(EventFlagsState& e, uint32_t flags) {
  if (flags & 0x80000000u) return kFlagsErrorParameter;
  const uint32_t k = lock();
  e.flags |= flags;
  const uint32_t after = e.flags;
  Tcb* t = e.waiters.head;
  while (t) {
    Tcb* next = t->next;
    const uint32_t want = static_cast<uint32_t>(t->wdata[0]);
    const uint32_t options = static_cast<uint32_t>(t->wdata[1]);
    if (satisfied(e.flags, want, options)) {
      t->wdata[0] = e.flags;
      if (!(options & kNoClear)) e.flags &= ~want;
      wake(t, kWaitOk);
    }
    t = next;
  }
  unlock(k);
  return after;
}

uint32_t eventflags_clear(EventFlagsState& e, uint32_t flags) {
  const uint32_t k = lock();
  const uint32_t before = e.flags;
  e.flags &= ~flags;
  unlock(k);
  return before;
}

uint32_t eventflags_wait(EventFlagsState& e, uint32_t flags, uint32_t options, uint64_t timeout_ns) {
  return flags_wait_on(e.flags, &e.waiters, kWaitingEventFlag, flags, options, timeout_ns);
}

void eventflags_destroy(EventFlagsState& e) {
  const uint32_t k = lock();
  wake_all(e.waiters, kWaitResource);
  unlock(k);
}

// ---- message queues --------------------------------------------------------------------------------------
namespace {
void queue_insert(QueueState& q, void* item, uint8_t prio) {
  uint32_t i = q.count++;
  while (i > 0 && q.prios[i - 1] < prio) {
    q.items[i] = q.items[i - 1];
    q.prios[i] = q.prios[i - 1];
    --i;
  }
  q.items[i] = item;
  q.prios[i] = prio;
}
}  // namespace

int queue_put(QueueState& q, void* item, uint8_t prio, uint64_t timeout_ns) {
  const uint32_t k = lock();
  if (Tcb* t = q.getters.head) {  // a thread waits for a message: hand it over
    t->wdata[0] = reinterpret_cast<uintptr_t>(item);
    wake(t, kWaitOk);
    unlock(k);
    return 0;
  }
  if (q.count < q.capacity) {
    queue_insert(q, item, prio);
    unlock(k);
    return 0;
  }
  if (timeout_ns == 0) {
    unlock(k);
    return -1;
  }
  Tcb* cur = g_current;
  cur->wdata[0] = reinterpret_cast<uintptr_t>(item);
  cur->wdata[1] = prio;
  return wait(&q.putters, kWaitingMessagePut, timeout_ns, k) == kWaitOk ? 0 : -1;
}

int queue_get(QueueState& q, void** item, uint64_t timeout_ns) {
  const uint32_t k = lock();
  if (q.count > 0) {
    *item = q.items[0];
    for (uint32_t i = 1; i < q.count; ++i) {
      q.items[i - 1] = q.items[i];
      q.prios[i - 1] = q.prios[i];
    }
    --q.count;
    if (Tcb* t = q.putters.head) {  // room again: the first blocked sender's message goes in
      queue_insert(q, reinterpret_cast<void*>(t->wdata[0]), static_cast<uint8_t>(t->wdata[1]));
      wake(t, kWaitOk);
    }
    unlock(k);
    return 0;
  }
  if (timeout_ns == 0) {
    unlock(k);
    return -1;
  }
  Tcb* cur = g_current;
  if (wait(&q.getters, kWaitingMessageGet, timeout_ns, k) != kWaitOk) return -1;
  *item = reinterpret_cast<void*>(cur->wdata[0]);
  return 0;
}

void queue_destroy(QueueState& q) {
  const uint32_t k = lock();
  wake_all(q.getters, kWaitResource);
  wake_all(q.putters, kWaitResource);
  unlock(k);
}

// ---- memory pools -----------------------------------------------------------------------------------------
void pool_init(PoolState& p, unsigned char* memory, uint32_t block_size, uint32_t blocks) {
  p.memory = memory;
  p.block_size = block_size < sizeof(void*) ? sizeof(void*) : block_size;
  p.blocks = blocks;
  p.used = 0;
  p.free_list = nullptr;
  for (uint32_t i = blocks; i-- > 0;) {
    void* b = memory + static_cast<size_t>(i) * p.block_size;
    *static_cast<void**>(b) = p.free_list;
    p.free_list = b;
  }
}

void* pool_alloc(PoolState& p, uint64_t timeout_ns) {
  const uint32_t k = lock();
  if (p.free_list) {
    void* b = p.free_list;
    p.free_list = *static_cast<void**>(b);
    ++p.used;
    unlock(k);
    return b;
  }
  if (timeout_ns == 0) {
    unlock(k);
    return nullptr;
  }
  Tcb* cur = g_current;
  if (wait(&p.waiters, kWaitingMemoryPool, timeout_ns, k) != kWaitOk) return nullptr;
  return reinterpret_cast<void*>(cur->wdata[0]);
}

int pool_free(PoolState& p, void* block) {
  auto* b = static_cast<unsigned char*>(block);
  if (!b || b < p.memory || b >= p.memory + static_cast<size_t>(p.blocks) * p.block_size ||
      (b - p.memory) % p.block_size != 0)
    return -1;
  const uint32_t k = lock();
  if (Tcb* t = p.waiters.head) {  // hand the block to a waiting allocator
    t->wdata[0] = reinterpret_cast<uintptr_t>(block);
    wake(t, kWaitOk);
  } else {
    *static_cast<void**>(block) = p.free_list;
    p.free_list = block;
    --p.used;
  }
  unlock(k);
  return 0;
}

void pool_destroy(PoolState& p) {
  const uint32_t k = lock();
  wake_all(p.waiters, kWaitResource);
  unlock(k);
}

// ---- condition variables ------------------------------------------------------------------------------------
bool cond_wait(CondState& c, MutexState& m, uint64_t timeout_ns) {
  const uint32_t k = lock();
  if (m.owner != g_current) {
    unlock(k);
    rtos_error("ConditionVariable::wait called without holding its mutex");
  }
  const uint32_t count = m.count;
  m.count = 1;
  mutex_pass(m);
  const int r = wait(&c.waiters, kWaitingSemaphore, timeout_ns, k);
  mutex_lock(m, kForever);
  m.count = count;
  return r == kWaitOk;
}

void cond_notify(CondState& c, bool all) {
  const uint32_t k = lock();
  if (all)
    wake_all(c.waiters, kWaitOk);
  else
    wake_one(c.waiters, kWaitOk);
  unlock(k);
}

void rtos_error(const char* what) {
  char msg[200];
  snprintf(msg, sizeof msg, "CMSIS-RTOS error in thread '%s': %s", g_current ? g_current->name : "?", what);
  crash(msg);
}

// ---- the end ------------------------------------------------------------------------------------------------
void main_returned(int code) {
  (void)code;
  g_main_done = true;
  thread_exit();
  for (;;) {
  }
}

void crash(const char* message) { internal::finish("crashed", message); }

namespace internal {

void finish(const char* status, const char* message) {
  if (g_finishing) port::exit(status, message);  // a crash while finishing: stop now
  g_finishing = true;
  if (!report_started()) {  // a fatal error in a global constructor, before start(): report it too
    io_init(port::init());
    report_start();
  }
  if (strcmp(status, "crashed") != 0) {
    if (const char* fault = port::fault_check()) {
      status = "crashed";
      message = fault;
    }
  }
  ++g_isr_depth;  // nothing may run any more
  io_flush_display();
  io_end_of_run(status, message, g_end_at != kForever ? g_end_at : now_ns());
  port::exit(status, message);
}

void finish_at_time_limit(bool jump) {
  if (g_clock == port::Clock::kHardware) note_activity();
  if (jump) g_end_at = g_until;
  finish(end_status(), nullptr);
}

uint64_t next_event_ns() {
  uint64_t next = g_until;
  if (g_timers && g_timers->due_ns < next) next = g_timers->due_ns;
  if (g_timeouts && g_timeouts->wake_ns < next) next = g_timeouts->wake_ns;
  const uint64_t io = io_next_ns();
  if (io < next) next = io;
  if (g_slice_end < next && competitor()) next = g_slice_end;
  if (g_busy_until < next) next = g_busy_until;
  if (g_clock == port::Clock::kHardware && g_current && g_current != g_idle) {
    // Look at the running thread every 10 ms: an endless `while (1);` is parked (park_spinning).
    const uint64_t check = port::now_ns() + kSpinCheckNs;
    if (check < next) next = check;
  }
  return next;
}

void rearm() {
  switch (g_clock) {
    case port::Clock::kVirtual: {
      const uint64_t now = now_ns();
      uint64_t next = next_event_ns();
      if (next <= now) next = now + (delivery_blocked() ? 10000 : 1);  // overdue but deferred: look again soon
      g_deadline = next;
      sim_budget_ns = static_cast<int64_t>(next - now);
      break;
    }
    case port::Clock::kRealtime:
      sim_budget_ns = kRealtimeCheckNs;
      break;
    case port::Clock::kHardware:
      port::arm(next_event_ns());
      break;
  }
}

void isr_enter() { ++g_isr_depth; }
void isr_exit() { --g_isr_depth; }

void process_due() {
  if (g_in_process || g_lock_depth > 0) return;
  const bool hardware = g_clock == port::Clock::kHardware;
  if (!hardware && (g_isr_depth > 0 || g_critical > 0)) return;
  g_in_process = true;
  for (;;) {
    const uint64_t now = now_ns();
    if (now >= g_until) {
      g_in_process = false;
      if (hardware) note_activity();
      finish(end_status(), nullptr);
    }
    if (io_next_ns() <= now) {
      ++g_isr_depth;
      io_process(now);
      --g_isr_depth;
      continue;
    }
    const uint32_t k = port::irq_disable();
    if (g_timers && g_timers->due_ns <= now) {
      TimerEvent* e = g_timers;
      g_timers = e->next;
      e->next = nullptr;
      e->active = false;
      mbed::Callback<void()> cb = e->callback;
      if (e->period_ns) {  // periodic: next period from the due time (no drift)
        e->due_ns += e->period_ns;
        if (e->due_ns + e->period_ns < now) e->due_ns = now;  // far behind (interrupts masked): catch up once
        e->active = true;
        TimerEvent** p = &g_timers;
        while (*p && (*p)->due_ns <= e->due_ns) p = &(*p)->next;
        e->next = *p;
        *p = e;
      }
      port::irq_restore(k);
      ++g_isr_depth;
      if (cb) cb();
      --g_isr_depth;
      continue;
    }
    bool woke = false;
    while (g_timeouts && g_timeouts->wake_ns <= now) {
      Tcb* t = g_timeouts;
      wake(t, kWaitTimeout);
      woke = true;
    }
    if (g_busy_until <= now) g_busy_until = kForever;  // the busy-waiting thread sees the time itself
    if (g_slice_end <= now && competitor()) {  // round robin among equal priorities
      g_slice_end = now + kSliceNs;
      g_rotate = true;
      g_resched = true;
    }
    port::irq_restore(k);
    if (!woke) break;
  }
  g_in_process = false;
  rearm();
  if (g_resched) {
    const uint32_t k = port::irq_disable();
    if (hardware || g_lock_depth == 0) schedule();
    port::irq_restore(k);
  }
}

bool busy() {
  if (g_timers || g_timeouts) return true;
  for (Tcb* t = g_all; t; t = t->all_next)
    if (t != g_idle && t->state != kDeleted && t->state != kInactive) return true;
  return false;
}

bool idle_running() { return g_current == g_idle; }
uint64_t idle_ns() { return g_idle_ns; }

void note_activity() {
  Tcb* t = g_current;
  if (!t || t->hal_calls == t->hal_calls_seen) return;
  t->hal_calls_seen = t->hal_calls;
  t->last_active_ns = port::now_ns();
}

void park_spinning() {
  Tcb* t = g_current;
  if (!t || t == g_idle || t->state != kRunning) return;
  t->spinning = true;
  t->state = kWaitingDelay;  // never woken: nothing can make `b .` stop
  g_resched = true;
}
uint64_t context_switches() { return g_switches; }

void start() {
  const char* config = port::init();
  g_clock = port::clock();
  g_deadline = 0;
  sim_budget_ns = 0;
  io_init(config);
  report_start();
  // The console is a UART: every byte goes out when written and stdin takes only what a read
  // needs, the same with glibc, musl and newlib.
  setvbuf(stdout, nullptr, _IONBF, 0);
  setvbuf(stderr, nullptr, _IONBF, 0);
  setvbuf(stdin, nullptr, _IONBF, 0);
  g_until = io_until_ns();
  port::set_time_limit(g_until);
  devices_init();

  g_idle = thread_create("idle", kPrioIdle, kIdleStack, nullptr);
  g_main = thread_create("main", kPrioNormal, kMainStack, nullptr);
  if (!g_idle || !g_main) port::exit("crashed", "out of memory at start-up");
  port::context_adopt(&g_idle->ctx);
  g_idle->has_context = true;
  g_current = g_idle;
  g_idle->state = kRunning;
  g_main->entry = nullptr;
  if (!port::context_init(&g_main->ctx, main_entry, g_main->stack_size, nullptr))
    port::exit("crashed", "cannot create the main thread");
  g_main->has_context = true;
  rearm();
  const uint32_t k = lock();
  make_ready(g_main);
  unlock(k);  // switches to main; we continue here as the idle thread
  idle_loop();
}

}  // namespace internal

namespace {
// Before the program's global constructors (which may create DigitalOuts, attach Tickers or
// print): the board's inputs and the port's stdio.
__attribute__((constructor(101))) void early_init() {
  internal::io_board_init();
  port::early_init();
}
}  // namespace
}  // namespace sim

// ---- the virtual clock's slow path and the coverage hook ----------------------------------------------
extern "C" void sim_tick(void) {
  using namespace sim;
  if (g_clock == port::Clock::kRealtime) port::maybe_yield();
  if (const char* fault = port::fault_check()) internal::finish("crashed", fault);
  if (now_ns() >= g_until && !g_finishing) {
    if (g_in_process || g_isr_depth > 0 || g_critical > 0 || g_lock_depth > 0)
      internal::finish(end_status(), nullptr);
  }
  internal::process_due();
  if (sim_budget_ns <= 0) internal::rearm();
}

// Called by every basic block of code compiled with -fsanitize-coverage=trace-pc (the app's
// own sources on host and wasm): a block costs kBlockNs of simulated time, and interrupts
// fall due here, in the middle of busy loops, as they would on hardware.
extern "C" void __sanitizer_cov_trace_pc(void) {
  if ((sim_budget_ns -= sim::kBlockNs) <= 0) sim_tick();
}

extern "C" uint64_t sim_hal_now_us(void) { return sim::now_ns() / 1000; }

// The C library's way out, on every target (each links with -Wl,--wrap=exit,--wrap=abort;
// here, in an object that is always linked, because libstdc++ refers to them after libsim).
extern "C" {
// exit() and abort() from the program end the run like on a board (-Wl,--wrap=exit,--wrap=abort).
[[noreturn]] void __wrap_exit(int code) {
  if (code == 0) sim::main_returned(0);
  char msg[64];
  snprintf(msg, sizeof msg, "exit(%d) was called (Mbed OS halts with mbed_die)", code);
  sim::crash(msg);
}
[[noreturn]] void __wrap_abort(void) { sim::crash("abort() was called"); }
}
