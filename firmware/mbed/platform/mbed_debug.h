// debug() and debug_if(): printf to the console, compiled out with NDEBUG (the release
// profile), as in Mbed OS (stderr goes to the same serial console as stdout).
#pragma once
#include <stdarg.h>
#include <stdio.h>

#include "platform/mbed_toolchain.h"

#ifdef __cplusplus
extern "C" {
#endif

void mbed_sim_vdebug(const char* format, va_list args);

/** Print a message to the console (nothing in a release build). */
static inline void debug(const char* format, ...) MBED_PRINTF(1, 2);
static inline void debug(const char* format, ...) {
#if !defined(NDEBUG)
  va_list args;
  va_start(args, format);
  mbed_sim_vdebug(format, args);
  va_end(args);
#else
  (void)format;
#endif
}

/** Print a message to the console when `condition` is non-zero (nothing in a release build). */
static inline void debug_if(int condition, const char* format, ...) MBED_PRINTF(2, 3);
static inline void debug_if(int condition, const char* format, ...) {
#if !defined(NDEBUG)
  if (condition) {
    va_list args;
    va_start(args, format);
    mbed_sim_vdebug(format, args);
    va_end(args);
  }
#else
  (void)condition;
  (void)format;
#endif
}

#ifdef __cplusplus
}
#endif
