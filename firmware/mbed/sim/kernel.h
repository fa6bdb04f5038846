// The simulator's RTOS kernel: priority-based preemptive scheduling with the semantics of
// RTX (Mbed OS's kernel) where a program can observe them:
//   - the highest-priority ready thread runs; a thread made ready by a release, a flag or an
//     interrupt runs at once if its priority is higher than the running thread's;
//   - threads of equal priority run first-come first-served and share the CPU in 5 ms
//     round-robin slices;
//   - waiters on a semaphore, mutex, queue or flags are woken highest priority first (FIFO
//     among equals); a mutex lends its owner the priority of its highest waiter.
// Exactly one thread runs at a time on every target: separate contexts (ucontext on the host,
// Emscripten fibers in wasm, PendSV-switched stacks on the Cortex-M4), switched only by this
// kernel, so runs are deterministic.
//
// The RTOS classes (rtos/*.h) are thin wrappers over these functions; their state (a count,
// a wait list) lives in the objects, the threads' state in the kernel.
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace sim {

constexpr uint64_t kForever = UINT64_MAX;

struct Tcb;  // a thread (opaque; src/sim_kernel.cpp)

// What a waiting thread waits for (values of rtos::Thread::State).
enum ThreadState : uint8_t {
  kInactive = 0,
  kReady = 1,
  kRunning = 2,
  kWaitingDelay = 3,
  kWaitingJoin = 4,
  kWaitingThreadFlag = 5,
  kWaitingEventFlag = 6,
  kWaitingMutex = 7,
  kWaitingSemaphore = 8,
  kWaitingMemoryPool = 9,
  kWaitingMessageGet = 10,
  kWaitingMessagePut = 11,
  kWaitingInterval = 12,
  kWaitingOr = 13,
  kWaitingAnd = 14,
  kWaitingMailbox = 15,
  kDeleted = 99,
};

// Results of wait().
constexpr int kWaitOk = 0;
constexpr int kWaitTimeout = -1;
constexpr int kWaitResource = -2;  // the object was deleted

// A list of threads waiting on one object, highest priority first.
struct WaitList {
  Tcb* head = nullptr;
  bool empty() const { return head == nullptr; }
};

// ---- Kernel lock: guards every kernel structure; on the Cortex-M4 it masks interrupts. ----------
uint32_t lock();
void unlock(uint32_t state);  // performs a context switch that became due, if any
bool in_isr();

// ---- Waiting ----------------------------------------------------------------------------------
// Called with the lock held: blocks the running thread on `list` (nullptr: just a delay) until
// it is woken or `timeout_ns` passes (kForever). Releases the lock; returns the wake result
// (kWaitOk, kWaitTimeout, or what the waker passed).
int wait(WaitList* list, ThreadState why, uint64_t timeout_ns, uint32_t lock_state);
// With the lock held: wake the first waiter / all waiters with `result`.
Tcb* wake_one(WaitList& list, int result);
int wake_all(WaitList& list, int result);
void wake(Tcb* thread, int result);
// Per-waiter data a waker can read and write (wanted flags, a message...).
uintptr_t& wait_data(Tcb* thread, int index);
int priority_of(Tcb* thread);

// ---- Threads -----------------------------------------------------------------------------------
using ThreadEntry = void (*)(void*);
Tcb* thread_create(const char* name, int priority, uint32_t stack_size, unsigned char* stack_mem);
bool thread_start(Tcb* thread, ThreadEntry entry, void* arg);
Tcb* thread_self();
int thread_join(Tcb* thread);          // 0 ok, -1 if joining itself
int thread_terminate(Tcb* thread);     // may be the running thread (then never returns)
void thread_destroy(Tcb* thread);      // terminate if needed and free
void thread_exit();                    // the running thread ends
int thread_priority(Tcb* thread);
int thread_set_priority(Tcb* thread, int priority);
ThreadState thread_state(Tcb* thread);
const char* thread_name(Tcb* thread);
uint32_t thread_stack_size(Tcb* thread);
uint32_t thread_stack_used(Tcb* thread);  // high-water mark on the Cortex-M4; estimate elsewhere
int thread_count();
Tcb* thread_at(int index);  // for stats: every live thread

// Thread flags (osThreadFlags*).
uint32_t flags_set(Tcb* thread, uint32_t flags);  // returns the flags after setting, or error code
uint32_t flags_clear(uint32_t flags);            // of the running thread; returns the previous flags
uint32_t flags_get();
// options: bit 0 = wait for all, bit 1 = do not clear. Returns the flags that satisfied the
// wait (before clearing) or osFlagsErrorTimeout (0xFFFFFFFE) / osFlagsErrorResource.
uint32_t flags_wait(uint32_t flags, uint32_t options, uint64_t timeout_ns);

// Delays.
void sleep_until_ns(uint64_t deadline_ns);
void yield();

// The idle hook (Kernel::attach_idle_hook) and the thread-terminate hook.
void set_idle_hook(void (*hook)());
void set_terminate_hook(void (*hook)(void* thread_id));

// ---- Mutexes (recursive, priority inheritance, owner-tracked) --------------------------------------
struct MutexState {
  Tcb* owner = nullptr;
  uint32_t count = 0;
  WaitList waiters;
  MutexState* next_owned = nullptr;  // in the owner's list of held mutexes
};
bool mutex_lock(MutexState& m, uint64_t timeout_ns);
// 0 ok, -1 not the owner.
int mutex_unlock(MutexState& m);
void mutex_destroy(MutexState& m);

// ---- Semaphores ---------------------------------------------------------------------------------------
struct SemaphoreState {
  int32_t count = 0;
  int32_t max = 0xFFFF;
  WaitList waiters;
};
bool semaphore_acquire(SemaphoreState& s, uint64_t timeout_ns);
int semaphore_release(SemaphoreState& s);  // 0 ok, -1 already at its maximum count
void semaphore_destroy(SemaphoreState& s);

// ---- Event flags (osEventFlags*) -------------------------------------------------------------------
struct EventFlagsState {
  uint32_t flags = 0;
  WaitList waiters;
};
uint32_t eventflags_set(EventFlagsState& e, uint32_t flags);
uint32_t eventflags_clear(EventFlagsState& e, uint32_t flags);
uint32_t eventflags_wait(EventFlagsState& e, uint32_t flags, uint32_t options, uint64_t timeout_ns);
void eventflags_destroy(EventFlagsState& e);

// ---- Message queues (osMessageQueue*: pointers, ordered by priority then FIFO) -----------------
struct QueueState {
  void** items = nullptr;
  uint8_t* prios = nullptr;
  uint32_t capacity = 0;
  uint32_t count = 0;
  WaitList getters;
  WaitList putters;
};
int queue_put(QueueState& q, void* item, uint8_t prio, uint64_t timeout_ns);  // 0 ok, -1 full/timeout
int queue_get(QueueState& q, void** item, uint64_t timeout_ns);              // 0 ok, -1 empty/timeout
void queue_destroy(QueueState& q);

// ---- Memory pools (osMemoryPool*: fixed-size blocks) ---------------------------------------------
struct PoolState {
  unsigned char* memory = nullptr;
  uint32_t block_size = 0;
  uint32_t blocks = 0;
  uint32_t used = 0;
  void* free_list = nullptr;
  WaitList waiters;
};
void pool_init(PoolState& p, unsigned char* memory, uint32_t block_size, uint32_t blocks);
void* pool_alloc(PoolState& p, uint64_t timeout_ns);
int pool_free(PoolState& p, void* block);  // 0 ok, -1 not a block of this pool
void pool_destroy(PoolState& p);

// ---- Condition variables ------------------------------------------------------------------------
struct CondState {
  WaitList waiters;
};
// Unlocks `m`, waits, locks `m` again. Returns false on timeout.
bool cond_wait(CondState& c, MutexState& m, uint64_t timeout_ns);
void cond_notify(CondState& c, bool all);

// Errors the RTOS reports the way Mbed OS does (mbed_error -> "crashed").
[[noreturn]] void rtos_error(const char* what);

}  // namespace sim
