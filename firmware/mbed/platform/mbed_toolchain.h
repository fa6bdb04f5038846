// Compiler attributes used by Mbed OS and by programs written for it (MBED_DEPRECATED_SINCE,
// MBED_UNUSED, MBED_PACKED, ...), for GCC and Clang.
#pragma once

#ifndef MBED_PACKED
#define MBED_PACKED(struct) struct __attribute__((packed))
#endif
#ifndef MBED_ALIGN
#define MBED_ALIGN(N) __attribute__((aligned(N)))
#endif
#ifndef MBED_UNUSED
#define MBED_UNUSED __attribute__((__unused__))
#endif
#ifndef MBED_USED
#define MBED_USED __attribute__((used))
#endif
#ifndef MBED_WEAK
#define MBED_WEAK __attribute__((weak))
#endif
#ifndef MBED_PURE
#define MBED_PURE __attribute__((const))
#endif
#ifndef MBED_NOINLINE
#define MBED_NOINLINE __attribute__((noinline))
#endif
#ifndef MBED_FORCEINLINE
#define MBED_FORCEINLINE inline __attribute__((always_inline))
#endif
#ifndef MBED_NORETURN
#define MBED_NORETURN __attribute__((noreturn))
#endif
#ifndef MBED_UNREACHABLE
#define MBED_UNREACHABLE __builtin_unreachable()
#endif
#ifndef MBED_FALLTHROUGH
#define MBED_FALLTHROUGH __attribute__((fallthrough))
#endif
#ifndef MBED_SECTION
#define MBED_SECTION(name) __attribute__((section(name)))
#endif
#ifndef MBED_PRINTF
#define MBED_PRINTF(format_index, first_param_index) __attribute__((__format__(__printf__, format_index, first_param_index)))
#endif
#ifndef MBED_PRINTF_METHOD
#define MBED_PRINTF_METHOD(format_index, first_param_index) \
  __attribute__((__format__(__printf__, format_index + 1, first_param_index == 0 ? 0 : first_param_index + 1)))
#endif
#ifndef MBED_COMPILER_BARRIER
#define MBED_COMPILER_BARRIER() asm volatile("" : : : "memory")
#endif
#ifndef MBED_BARRIER
#define MBED_BARRIER() __sync_synchronize()
#endif

/** Marks a declaration deprecated: using it gives a compiler warning with the message `M`. */
#ifndef MBED_DEPRECATED
#define MBED_DEPRECATED(M) __attribute__((deprecated(M)))
#endif
/** Deprecated since release `D` (e.g. "mbed-os-5.14"): the warning says which release, and the
 *  message `M` names the replacement. */
#ifndef MBED_DEPRECATED_SINCE
#define MBED_DEPRECATED_SINCE(D, M) MBED_DEPRECATED(M " [since " D "]")
#endif

#ifndef MBED_STRINGIFY
#define MBED_STRINGIFY2(...) #__VA_ARGS__
#define MBED_STRINGIFY(...) MBED_STRINGIFY2(__VA_ARGS__)
#endif
#ifndef MBED_CONCAT
#define MBED_CONCAT2(a, b) a##b
#define MBED_CONCAT(a, b) MBED_CONCAT2(a, b)
#endif
