// mbed::LowPowerTicker: a Ticker on the low-power clock (it keeps running in deep sleep and
// does not lock deep sleep). Same API as Ticker.
#pragma once
#include "drivers/Ticker.h"

namespace mbed {
class LowPowerTicker : public Ticker {
 public:
  LowPowerTicker() = default;
};
}  // namespace mbed
