// mbed::CriticalSectionLock: a critical section for the lifetime of an object (RAII).
//
// @code
// volatile int32_t counter = 0;
// void increment() {
//     CriticalSectionLock lock;   // interrupts and thread switches wait ...
//     counter += 1;
// }                               // ... until here
// @endcode
#pragma once
#include "platform/NonCopyable.h"
#include "platform/mbed_critical.h"
#include "platform/mbed_toolchain.h"

namespace mbed {

class CriticalSectionLock : private NonCopyable<CriticalSectionLock> {
 public:
  CriticalSectionLock() { core_util_critical_section_enter(); }
  ~CriticalSectionLock() { core_util_critical_section_exit(); }
  /** Enter the critical section once more (nests). */
  void lock() { core_util_critical_section_enter(); }
  /** Leave one level of the critical section. */
  void unlock() { core_util_critical_section_exit(); }
  /** Enter a critical section. */
  static void enable() { core_util_critical_section_enter(); }
  /** Leave a critical section. */
  static void disable() { core_util_critical_section_exit(); }
};

}  // namespace mbed
