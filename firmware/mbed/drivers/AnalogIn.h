#pragma once
#include <cstdint>

#include "PinNames.h"
#include "hal/sim_hal.h"

namespace mbed {

class AnalogIn {
 public:
  explicit AnalogIn(PinName pin, float vref = 3.3f) : pin_(pin), vref_(vref) {}
  float read() { return sim_hal_analog_read(pin_); }
  uint16_t read_u16() { return static_cast<uint16_t>(read() * 65535.0f + 0.5f); }
  float read_voltage() { return read() * vref_; }
  operator float() { return read(); }

 private:
  PinName pin_;
  float vref_;
};

}  // namespace mbed
