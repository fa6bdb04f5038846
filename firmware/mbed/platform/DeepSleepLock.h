// mbed::DeepSleepLock: forbids deep sleep while it exists (RAII over sleep_manager_lock_deep_sleep).
#pragma once
#include <stdint.h>

#include "platform/NonCopyable.h"
#include "platform/mbed_critical.h"
#include "platform/mbed_power_mgmt.h"

namespace mbed {

class DeepSleepLock : private NonCopyable<DeepSleepLock> {
 public:
  DeepSleepLock() { lock(); }
  ~DeepSleepLock() {
    while (count_ > 0) unlock();
  }
  /** Take the lock once more (nestable). */
  void lock() {
    core_util_critical_section_enter();
    if (count_ < UINT16_MAX) {
      ++count_;
      sleep_manager_lock_deep_sleep();
    }
    core_util_critical_section_exit();
  }
  /** Release one level. */
  void unlock() {
    core_util_critical_section_enter();
    if (count_ > 0) {
      --count_;
      sleep_manager_unlock_deep_sleep();
    }
    core_util_critical_section_exit();
  }

 private:
  uint16_t count_ = 0;
};

}  // namespace mbed
