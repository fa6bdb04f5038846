// The figures behind mbed_stats_*_get: heap (counted by the allocator hooks below), CPU time
// (uptime, and idle/sleep time from the sleep manager), threads and stacks (the RTOS provides
// mbed_sim_thread_list; without threads there is the main thread), system information.
#include "platform/mbed_stats.h"

#include <cstdlib>
#include <cstring>

#include "platform/mbed_power_mgmt.h"
#include "platform/mbed_toolchain.h"
#include "platform/mbed_version.h"
#include "sim/kernel.h"

extern "C" {

// --- heap -----------------------------------------------------------------------------------
// Every allocation of the program goes through malloc (operator new included); the counters are
// kept by mbed_sim_heap_note_* from the allocator wrappers (src/mbed_alloc_stats.cpp).
static mbed_stats_heap_t g_heap = {};

void mbed_sim_heap_note_alloc(size_t size, int ok) {
  if (!ok) {
    ++g_heap.alloc_fail_cnt;
    return;
  }
  g_heap.current_size += static_cast<uint32_t>(size);
  g_heap.total_size += static_cast<uint32_t>(size);
  ++g_heap.alloc_cnt;
  if (g_heap.current_size > g_heap.max_size) g_heap.max_size = g_heap.current_size;
}
void mbed_sim_heap_note_free(size_t size) {
  // A block the C library allocated for itself before counting started is not subtracted twice.
  g_heap.current_size -= size <= g_heap.current_size ? static_cast<uint32_t>(size) : g_heap.current_size;
  if (g_heap.alloc_cnt) --g_heap.alloc_cnt;
}

MBED_WEAK uint32_t mbed_sim_heap_reserved(void) { return 0x4000; }

void mbed_sim_stats_heap(mbed_stats_heap_t* stats) {
  *stats = g_heap;
  stats->reserved_size = mbed_sim_heap_reserved();
  stats->overhead_size = 8 * g_heap.alloc_cnt;  // Mbed OS's per-allocation header
}

// --- threads --------------------------------------------------------------------------------
// The RTOS's threads, in the kernel's order, with CMSIS-RTOS2 states and priorities.
size_t mbed_sim_thread_list(mbed_stats_thread_t* stats, size_t count) {
  const int n = sim::thread_count();
  size_t filled = 0;
  for (int i = 0; i < n && filled < count; ++i) {
    sim::Tcb* t = sim::thread_at(i);
    if (!t) continue;
    const sim::ThreadState st = sim::thread_state(t);
    mbed_stats_thread_t& out = stats[filled++];
    out.id = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(t));
    // osThreadState_t: inactive 0, ready 1, running 2, blocked 3, terminated 4
    out.state = st == sim::kRunning ? 2 : st == sim::kReady ? 1 : st == sim::kInactive ? 0
              : st == sim::kDeleted ? 4 : 3;
    out.priority = static_cast<uint32_t>(sim::thread_priority(t));
    out.stack_size = sim::thread_stack_size(t);
    const uint32_t used = sim::thread_stack_used(t);
    out.stack_space = out.stack_size > used ? out.stack_size - used : 0;
    out.name = sim::thread_name(t);
  }
  return filled;
}

size_t mbed_sim_stats_thread_each(mbed_stats_thread_t* stats, size_t count) { return mbed_sim_thread_list(stats, count); }

size_t mbed_sim_stats_stack_each(mbed_stats_stack_t* stats, size_t count) {
  mbed_stats_thread_t threads[16];
  const size_t n = mbed_sim_thread_list(threads, count < 16 ? count : 16);
  for (size_t i = 0; i < n; ++i) {
    stats[i].thread_id = threads[i].id;
    stats[i].reserved_size = threads[i].stack_size;
    stats[i].max_size = threads[i].stack_size - threads[i].stack_space;
    stats[i].stack_cnt = 1;
  }
  return n;
}

// --- CPU ------------------------------------------------------------------------------------
void mbed_sim_stats_cpu(mbed_stats_cpu_t* stats) {
  stats->uptime = mbed_uptime();
  stats->idle_time = mbed_time_idle();
  stats->sleep_time = mbed_time_sleep();
  stats->deep_sleep_time = mbed_time_deepsleep();
}

// --- system ---------------------------------------------------------------------------------
void mbed_sim_stats_sys(mbed_stats_sys_t* stats) {
  stats->os_version = MBED_VERSION;
  stats->compiler_id = GCC_ARM;
#if defined(__GNUC__)
  stats->compiler_version = __GNUC__ * 10000 + __GNUC_MINOR__ * 100;  // as Mbed OS reports GCC
#endif
}

}  // extern "C"
