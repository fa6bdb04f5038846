// Atomic operations (platform/mbed_atomic.h). The core_util_atomic_* functions for the integer
// widths are in mbed_critical.h (a critical section around a plain access is atomic on every
// target here); this header adds the bool, pointer and bitwise forms.
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "platform/mbed_critical.h"

extern "C" {
inline bool core_util_atomic_load_bool(const volatile bool* p) { return *p; }
inline void core_util_atomic_store_bool(volatile bool* p, bool v) { *p = v; }
inline bool core_util_atomic_exchange_bool(volatile bool* p, bool v) {
  core_util_critical_section_enter();
  const bool old = *p;
  *p = v;
  core_util_critical_section_exit();
  return old;
}
inline void* core_util_atomic_load_ptr(void* const volatile* p) { return *p; }
inline void core_util_atomic_store_ptr(void* volatile* p, void* v) { *p = v; }
inline void* core_util_atomic_exchange_ptr(void* volatile* p, void* v) {
  core_util_critical_section_enter();
  void* old = *p;
  *p = v;
  core_util_critical_section_exit();
  return old;
}
#define SIM_ATOMIC_BITWISE(T, N)                                          \
  inline T core_util_atomic_fetch_and_##N(volatile T* p, T v) {          \
    core_util_critical_section_enter();                                  \
    const T old = *p;                                                    \
    *p = static_cast<T>(old & v);                                        \
    core_util_critical_section_exit();                                   \
    return old;                                                          \
  }                                                                      \
  inline T core_util_atomic_fetch_or_##N(volatile T* p, T v) {           \
    core_util_critical_section_enter();                                  \
    const T old = *p;                                                    \
    *p = static_cast<T>(old | v);                                        \
    core_util_critical_section_exit();                                   \
    return old;                                                          \
  }
SIM_ATOMIC_BITWISE(uint8_t, u8)
SIM_ATOMIC_BITWISE(uint16_t, u16)
SIM_ATOMIC_BITWISE(uint32_t, u32)
SIM_ATOMIC_BITWISE(uint64_t, u64)
#undef SIM_ATOMIC_BITWISE
}
