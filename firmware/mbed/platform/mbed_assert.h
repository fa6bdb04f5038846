// MBED_ASSERT (a failed assertion is a fatal Mbed error: the program stops with a report)
// and MBED_STATIC_ASSERT / MBED_STRUCT_STATIC_ASSERT.
#pragma once
#include "platform/mbed_toolchain.h"

#ifdef __cplusplus
extern "C" {
#endif
/** Report a failed assertion and halt (never returns): prints the expression, file and line. */
MBED_NORETURN void mbed_assert_internal(const char* expr, const char* file, int line);
#ifdef __cplusplus
}
#endif

#if defined(NDEBUG)
#define MBED_ASSERT(expr) ((void)0)
#else
#define MBED_ASSERT(expr)                                  \
  do {                                                     \
    if (!(expr)) {                                         \
      mbed_assert_internal(#expr, __FILE__, __LINE__);     \
    }                                                      \
  } while (0)
#endif

#ifdef __cplusplus
#define MBED_STATIC_ASSERT(expr, msg) static_assert(expr, msg)
#else
#define MBED_STATIC_ASSERT(expr, msg) _Static_assert(expr, msg)
#endif
#define MBED_STRUCT_STATIC_ASSERT(expr, msg) int : (expr) ? 0 : -1
