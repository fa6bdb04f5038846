// mbed::LowPowerTimeout: a Timeout on the low-power clock. Same API as Timeout.
#pragma once
#include "drivers/Timeout.h"

namespace mbed {
class LowPowerTimeout : public Timeout {
 public:
  LowPowerTimeout() = default;
};
}  // namespace mbed
