// Atomic operations (Mbed OS 6 platform/mbed_atomic.h): the core_util_atomic_* functions for
// the usual widths, implemented with the compiler's __atomic builtins (sequentially consistent).
#pragma once
#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct core_util_atomic_flag {
  uint8_t _flag;
} core_util_atomic_flag;
#define CORE_UTIL_ATOMIC_FLAG_INIT {0}

static inline bool core_util_atomic_flag_test_and_set(volatile core_util_atomic_flag* flagPtr) {
  return __atomic_test_and_set(&flagPtr->_flag, __ATOMIC_SEQ_CST);
}
static inline void core_util_atomic_flag_clear(volatile core_util_atomic_flag* flagPtr) {
  __atomic_clear(&flagPtr->_flag, __ATOMIC_SEQ_CST);
}

#define MBED_SIM_ATOMIC_OPS(T, fn)                                                                        \
  static inline T core_util_atomic_load_##fn(const volatile T* p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); } \
  static inline void core_util_atomic_store_##fn(volatile T* p, T v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); } \
  static inline T core_util_atomic_exchange_##fn(volatile T* p, T v) {                                    \
    return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);                                                    \
  }                                                                                                        \
  static inline bool core_util_atomic_cas_##fn(volatile T* p, T* expected, T desired) {                   \
    return __atomic_compare_exchange_n(p, expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);  \
  }                                                                                                        \
  static inline T core_util_atomic_incr_##fn(volatile T* p, T d) { return __atomic_add_fetch(p, d, __ATOMIC_SEQ_CST); } \
  static inline T core_util_atomic_decr_##fn(volatile T* p, T d) { return __atomic_sub_fetch(p, d, __ATOMIC_SEQ_CST); } \
  static inline T core_util_atomic_fetch_add_##fn(volatile T* p, T d) {                                   \
    return __atomic_fetch_add(p, d, __ATOMIC_SEQ_CST);                                                     \
  }                                                                                                        \
  static inline T core_util_atomic_fetch_sub_##fn(volatile T* p, T d) {                                   \
    return __atomic_fetch_sub(p, d, __ATOMIC_SEQ_CST);                                                     \
  }                                                                                                        \
  static inline T core_util_atomic_fetch_and_##fn(volatile T* p, T d) {                                   \
    return __atomic_fetch_and(p, d, __ATOMIC_SEQ_CST);                                                     \
  }                                                                                                        \
  static inline T core_util_atomic_fetch_or_##fn(volatile T* p, T d) {                                    \
    return __atomic_fetch_or(p, d, __ATOMIC_SEQ_CST);                                                      \
  }

MBED_SIM_ATOMIC_OPS(uint8_t, u8)
MBED_SIM_ATOMIC_OPS(uint16_t, u16)
MBED_SIM_ATOMIC_OPS(uint32_t, u32)
MBED_SIM_ATOMIC_OPS(uint64_t, u64)
MBED_SIM_ATOMIC_OPS(int8_t, s8)
MBED_SIM_ATOMIC_OPS(int16_t, s16)
MBED_SIM_ATOMIC_OPS(int32_t, s32)
MBED_SIM_ATOMIC_OPS(int64_t, s64)
#undef MBED_SIM_ATOMIC_OPS

static inline bool core_util_atomic_load_bool(const volatile bool* p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static inline void core_util_atomic_store_bool(volatile bool* p, bool v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }
static inline bool core_util_atomic_exchange_bool(volatile bool* p, bool v) {
  return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}
static inline void* core_util_atomic_load_ptr(void* const volatile* p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static inline void core_util_atomic_store_ptr(void* volatile* p, void* v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }
static inline void* core_util_atomic_exchange_ptr(void* volatile* p, void* v) {
  return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}

#ifdef __cplusplus
}
#endif
