// Critical sections (mbed_critical.h): interrupts are held off between enter and exit; they
// nest. In the simulator an interrupt that falls due meanwhile runs at exit.
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "sim/sim.h"

extern "C" {
inline void core_util_critical_section_enter(void) { sim::critical_enter(); }
inline void core_util_critical_section_exit(void) { sim::critical_exit(); }
inline bool core_util_in_critical_section(void) { return sim::in_critical(); }
inline bool core_util_is_isr_active(void) { return sim::in_isr(); }
inline bool core_util_are_interrupts_enabled(void) { return !sim::in_critical(); }

// Atomic operations: a critical section around a plain access is atomic on every target here.
#define SIM_ATOMIC_OPS(T, N)                                                                           \
  inline T core_util_atomic_load_##N(const volatile T* p) { return *p; }                               \
  inline void core_util_atomic_store_##N(volatile T* p, T v) { *p = v; }                               \
  inline T core_util_atomic_exchange_##N(volatile T* p, T v) {                                         \
    core_util_critical_section_enter();                                                                \
    T old = *p;                                                                                        \
    *p = v;                                                                                            \
    core_util_critical_section_exit();                                                                 \
    return old;                                                                                        \
  }                                                                                                    \
  inline bool core_util_atomic_cas_##N(volatile T* p, T* expected, T desired) {                         \
    core_util_critical_section_enter();                                                                \
    const bool ok = *p == *expected;                                                                   \
    if (ok) *p = desired; else *expected = *p;                                                         \
    core_util_critical_section_exit();                                                                 \
    return ok;                                                                                         \
  }                                                                                                    \
  inline T core_util_atomic_incr_##N(volatile T* p, T d) {                                             \
    core_util_critical_section_enter();                                                                \
    T v = static_cast<T>(*p + d);                                                                      \
    *p = v;                                                                                            \
    core_util_critical_section_exit();                                                                 \
    return v;                                                                                          \
  }                                                                                                    \
  inline T core_util_atomic_decr_##N(volatile T* p, T d) {                                             \
    core_util_critical_section_enter();                                                                \
    T v = static_cast<T>(*p - d);                                                                      \
    *p = v;                                                                                            \
    core_util_critical_section_exit();                                                                 \
    return v;                                                                                          \
  }                                                                                                    \
  inline T core_util_atomic_fetch_add_##N(volatile T* p, T d) {                                        \
    core_util_critical_section_enter();                                                                \
    T old = *p;                                                                                        \
    *p = static_cast<T>(old + d);                                                                      \
    core_util_critical_section_exit();                                                                 \
    return old;                                                                                        \
  }                                                                                                    \
  inline T core_util_atomic_fetch_sub_##N(volatile T* p, T d) {                                        \
    core_util_critical_section_enter();                                                                \
    T old = *p;                                                                                        \
    *p = static_cast<T>(old - d);                                                                      \
    core_util_critical_section_exit();                                                                 \
    return old;                                                                                        \
  }
SIM_ATOMIC_OPS(uint8_t, u8)
SIM_ATOMIC_OPS(uint16_t, u16)
SIM_ATOMIC_OPS(uint32_t, u32)
SIM_ATOMIC_OPS(uint64_t, u64)
SIM_ATOMIC_OPS(int8_t, s8)
SIM_ATOMIC_OPS(int16_t, s16)
SIM_ATOMIC_OPS(int32_t, s32)
SIM_ATOMIC_OPS(int64_t, s64)
#undef SIM_ATOMIC_OPS

typedef struct {
  uint8_t _flag;
} core_util_atomic_flag;
#define CORE_UTIL_ATOMIC_FLAG_INIT {0}
inline bool core_util_atomic_flag_test_and_set(volatile core_util_atomic_flag* f) {
  return core_util_atomic_exchange_u8(&f->_flag, 1) != 0;
}
inline void core_util_atomic_flag_clear(volatile core_util_atomic_flag* f) { f->_flag = 0; }
}
