// Run-time statistics (platform/mbed_stats.h). As in Mbed OS, each group returns data only
// when enabled in mbed_app.json ("platform.heap-stats-enabled": true, ... or
// "platform.all-stats-enabled"), which defines MBED_HEAP_STATS_ENABLED and so on; otherwise
// the structures are zero-filled. The values describe the simulated board: its memory map,
// CPU ID, the threads of the simulated RTOS, the heap the program really allocated.
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef MBED_ALL_STATS_ENABLED
#ifndef MBED_SYS_STATS_ENABLED
#define MBED_SYS_STATS_ENABLED 1
#endif
#ifndef MBED_STACK_STATS_ENABLED
#define MBED_STACK_STATS_ENABLED 1
#endif
#ifndef MBED_CPU_STATS_ENABLED
#define MBED_CPU_STATS_ENABLED 1
#endif
#ifndef MBED_HEAP_STATS_ENABLED
#define MBED_HEAP_STATS_ENABLED 1
#endif
#ifndef MBED_THREAD_STATS_ENABLED
#define MBED_THREAD_STATS_ENABLED 1
#endif
#endif

/** Maximum memory regions reported by the memory statistics. */
#define MBED_MAX_MEM_REGIONS 4

typedef uint64_t us_timestamp_t;

typedef struct {
  uint32_t current_size;    /**< Bytes currently allocated on the heap */
  uint32_t max_size;        /**< Maximum bytes allocated on the heap at one time since reset */
  uint32_t total_size;      /**< Cumulative sum of bytes allocated on the heap that have not been freed */
  uint32_t reserved_size;   /**< Current number of bytes reserved for the heap */
  uint32_t alloc_cnt;       /**< Current number of allocations that have not been freed since reset */
  uint32_t alloc_fail_cnt;  /**< Number of failed allocations since reset */
  uint32_t overhead_size;   /**< Bytes used to store heap statistics */
} mbed_stats_heap_t;


typedef struct {
  uint32_t thread_id;      /**< Thread owning the stack, or 0 for accumulated statistics */
  uint32_t max_size;       /**< Maximum bytes used on the stack since the thread started */
  uint32_t reserved_size;  /**< Bytes reserved for the stack */
  uint32_t stack_cnt;      /**< Number of stacks accumulated, or 1 */
} mbed_stats_stack_t;


typedef struct {
  us_timestamp_t uptime;           /**< Time since the system started */
  us_timestamp_t idle_time;        /**< Time spent in the idle thread since the system started */
  us_timestamp_t sleep_time;       /**< Time spent in sleep since the system started */
  us_timestamp_t deep_sleep_time;  /**< Time spent in deep sleep since the system started */
} mbed_stats_cpu_t;


typedef struct {
  uint32_t id;           /**< ID of the thread */
  uint32_t state;        /**< State of the thread (osThreadState_t) */
  uint32_t priority;     /**< Priority of the thread (higher number, higher priority) */
  uint32_t stack_size;   /**< Bytes reserved for the stack */
  uint32_t stack_space;  /**< Free bytes remaining on the stack */
  const char* name;      /**< Name of the thread */
} mbed_stats_thread_t;


typedef enum {
  ARM = 1,  /**< ARM */
  GCC_ARM,  /**< GNU ARM */
  IAR       /**< IAR */
} mbed_compiler_id_t;

typedef struct {
  uint32_t os_version;                       /**< Mbed OS version (MBED_VERSION) */
  uint32_t cpu_id;                           /**< CPUID register of the board's core */
  mbed_compiler_id_t compiler_id;            /**< Compiler ID */
  uint32_t compiler_version;                 /**< Compiler version */
  uint32_t ram_start[MBED_MAX_MEM_REGIONS];  /**< Start addresses of the internal RAMs */
  uint32_t ram_size[MBED_MAX_MEM_REGIONS];   /**< Sizes of the internal RAMs */
  uint32_t rom_start[MBED_MAX_MEM_REGIONS];  /**< Start addresses of the internal ROMs */
  uint32_t rom_size[MBED_MAX_MEM_REGIONS];   /**< Sizes of the internal ROMs */
} mbed_stats_sys_t;


// The simulator's sources of the figures (firmware/mbed/src/mbed_stats.cpp).
void mbed_sim_stats_heap(mbed_stats_heap_t* stats);
size_t mbed_sim_stats_stack_each(mbed_stats_stack_t* stats, size_t count);
void mbed_sim_stats_cpu(mbed_stats_cpu_t* stats);
size_t mbed_sim_stats_thread_each(mbed_stats_thread_t* stats, size_t count);
void mbed_sim_stats_sys(mbed_stats_sys_t* stats);

// Whether a group is enabled is decided where the program is compiled (its mbed_app.json),
// so these are inline: a disabled group gives zeros, as in Mbed OS.

/** Fill `stats` with the heap statistics (zeros unless MBED_HEAP_STATS_ENABLED). */
static inline void mbed_stats_heap_get(mbed_stats_heap_t* stats) {
  memset(stats, 0, sizeof *stats);
#if defined(MBED_HEAP_STATS_ENABLED)
  mbed_sim_stats_heap(stats);
#endif
}

/** Stack statistics of every thread added together (thread_id 0, stack_cnt = thread count). */
static inline void mbed_stats_stack_get(mbed_stats_stack_t* stats) {
  memset(stats, 0, sizeof *stats);
#if defined(MBED_STACK_STATS_ENABLED) && defined(MBED_CONF_RTOS_PRESENT)
  mbed_stats_stack_t each[16];
  size_t n = mbed_sim_stats_stack_each(each, 16);
  for (size_t i = 0; i < n; ++i) {
    stats->max_size += each[i].max_size;
    stats->reserved_size += each[i].reserved_size;
  }
  stats->stack_cnt = (uint32_t)n;
#endif
}

/** Stack statistics per thread; returns how many entries were filled. */
static inline size_t mbed_stats_stack_get_each(mbed_stats_stack_t* stats, size_t count) {
  memset(stats, 0, count * sizeof *stats);
#if defined(MBED_STACK_STATS_ENABLED) && defined(MBED_CONF_RTOS_PRESENT)
  return mbed_sim_stats_stack_each(stats, count);
#else
  return 0;
#endif
}

/** Uptime and the time spent idle, asleep and in deep sleep (zeros unless MBED_CPU_STATS_ENABLED). */
static inline void mbed_stats_cpu_get(mbed_stats_cpu_t* stats) {
  memset(stats, 0, sizeof *stats);
#if defined(MBED_CPU_STATS_ENABLED) && DEVICE_LPTICKER && DEVICE_SLEEP  // as Mbed OS: needs both
  mbed_sim_stats_cpu(stats);
#endif
}

/** Every thread: id, state, priority, stack size and free stack (needs MBED_THREAD_STATS_ENABLED). */
static inline size_t mbed_stats_thread_get_each(mbed_stats_thread_t* stats, size_t count) {
  memset(stats, 0, count * sizeof *stats);
#if defined(MBED_THREAD_STATS_ENABLED) && defined(MBED_CONF_RTOS_PRESENT)
  return mbed_sim_stats_thread_each(stats, count);
#else
  return 0;
#endif
}

/** Mbed OS version, CPU ID, compiler and memory map of the board (zeros unless MBED_SYS_STATS_ENABLED). */
static inline void mbed_stats_sys_get(mbed_stats_sys_t* stats) {
  memset(stats, 0, sizeof *stats);
#if defined(MBED_SYS_STATS_ENABLED)
  mbed_sim_stats_sys(stats);
#if defined(TARGET_K64F)  // MK64FN1M0VLL12: Cortex-M4 r0p1, 1 MB flash, SRAM_L + SRAM_U
  stats->cpu_id = 0x410FC241;
  stats->ram_start[0] = 0x1FFF0000; stats->ram_size[0] = 0x10000;
  stats->ram_start[1] = 0x20000000; stats->ram_size[1] = 0x30000;
  stats->rom_start[0] = 0x0; stats->rom_size[0] = 0x100000;
#else  // LPC1768: Cortex-M3 r2p0, 512 KB flash, 32 KB local SRAM + 32 KB AHB SRAM
  stats->cpu_id = 0x412FC230;
  stats->ram_start[0] = 0x10000000; stats->ram_size[0] = 0x8000;
  stats->ram_start[1] = 0x2007C000; stats->ram_size[1] = 0x8000;
  stats->rom_start[0] = 0x0; stats->rom_size[0] = 0x80000;
#endif
#endif
}

#ifdef __cplusplus
}
#endif
