// Debug checks in the kernels, as TensorFlow Lite Micro's TFLITE_DCHECK: shapes that do not
// agree, null parameters and tensors (an arena offset past its end makes Arena::at() return
// null), values out of a kernel's range. A failed check prints the condition, file and line
// and aborts.
//
// On in host and test builds; compiled out (no code, no strings) in release builds (NDEBUG)
// and on Cortex-M (__ARM_ARCH), where flash and cycles are the budget. UTENSOR_DEBUG_CHECKS=0
// or =1 on the command line overrides both.
#pragma once

#ifndef UTENSOR_DEBUG_CHECKS
#if defined(NDEBUG) || defined(__ARM_ARCH)
#define UTENSOR_DEBUG_CHECKS 0
#else
#define UTENSOR_DEBUG_CHECKS 1
#endif
#endif

namespace utensor {
// Prints "utensor: debug check failed: COND (FILE:LINE)" to stderr and aborts.
[[noreturn]] void debug_check_failed(const char* condition, const char* file, int line);
}  // namespace utensor

#if UTENSOR_DEBUG_CHECKS
#define UTENSOR_DCHECK(condition) \
  ((condition) ? static_cast<void>(0) : ::utensor::debug_check_failed(#condition, __FILE__, __LINE__))
#else
#define UTENSOR_DCHECK(condition) static_cast<void>(0)
#endif
