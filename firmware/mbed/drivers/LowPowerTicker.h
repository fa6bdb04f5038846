// mbed::LowPowerTicker: a Ticker on the low-power clock (it keeps running in deep sleep and
// does not lock deep sleep). Same API as Ticker.
#pragma once
#include "drivers/Ticker.h"

// As in Mbed OS, only boards with a low-power ticker (DEVICE_LPTICKER: the K64F, not the LPC1768)
// have it.
#if DEVICE_LPTICKER
namespace mbed {
class LowPowerTicker : public Ticker {
 public:
  LowPowerTicker() = default;
};
}  // namespace mbed
#endif
