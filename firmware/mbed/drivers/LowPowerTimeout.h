// mbed::LowPowerTimeout: a Timeout on the low-power clock. Same API as Timeout.
#pragma once
#include "drivers/Timeout.h"

// As in Mbed OS, only boards with a low-power ticker (DEVICE_LPTICKER: the K64F, not the LPC1768)
// have it.
#if DEVICE_LPTICKER
namespace mbed {
class LowPowerTimeout : public Timeout {
 public:
  LowPowerTimeout() = default;
};
}  // namespace mbed
#endif
