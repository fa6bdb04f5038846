// mbed::LowPowerTimer: a Timer on the low-power clock (does not lock deep sleep). Same API as Timer.
#pragma once
#include "drivers/Timer.h"

// As in Mbed OS, only boards with a low-power ticker (DEVICE_LPTICKER: the K64F, not the LPC1768)
// have it.
#if DEVICE_LPTICKER
namespace mbed {
class LowPowerTimer : public Timer {
 public:
  LowPowerTimer() = default;
};
}  // namespace mbed
#endif
