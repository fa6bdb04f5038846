// mbed::LowPowerTimer: a Timer on the low-power clock (does not lock deep sleep). Same API as Timer.
#pragma once
#include "drivers/Timer.h"

namespace mbed {
class LowPowerTimer : public Timer {
 public:
  LowPowerTimer() = default;
};
}  // namespace mbed
