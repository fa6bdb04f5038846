#pragma once
#include <cstdint>

#include "PinNames.h"
#include "sim/sim.h"

#ifndef MBED_CONF_TARGET_DEFAULT_ADC_VREF
#define MBED_CONF_TARGET_DEFAULT_ADC_VREF 3.3f
#endif

namespace mbed {

/** An analog input, 0.0 to 1.0 of the reference voltage. The board's potentiometers start at
 *  0.5; `sim run --set pot1=0.25@2s` (or the page's knob) turns them. */
class AnalogIn {
 public:
  AnalogIn(PinName pin, float vref = MBED_CONF_TARGET_DEFAULT_ADC_VREF) : pin_(pin), vref_(vref) {}
  float read() { return sim::pin_analog(pin_); }
  /** 16-bit reading; the LPC1768's and K64F's ADCs have 12 and 16 bits. */
  unsigned short read_u16() { return static_cast<unsigned short>(read() * 65535.0f + 0.5f); }
  float read_voltage() { return read() * vref_; }
  void set_reference_voltage(float vref) { vref_ = vref; }
  float get_reference_voltage() const { return vref_; }
  operator float() { return read(); }

 private:
  PinName pin_;
  float vref_;
};

}  // namespace mbed
