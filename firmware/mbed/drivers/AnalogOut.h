// mbed::AnalogOut: the DAC. write(0.0f..1.0f) sets the output voltage as a fraction of VCC
// (3.3 V on both boards); read() gives the value actually output (quantised to the DAC's
// 10 bits on the LPC1768, 12 bits on the K64F).
//
// @code
// AnalogOut aout(p18);
// aout = 0.5f;      // 1.65 V
// @endcode
//
// Only the board's DAC pin can be an AnalogOut (LPC1768: p18; K64F: DAC0_OUT); anywhere else the
// constructor stops the program with Mbed OS's fatal "pinmap not found for peripheral", as the
// real boards do. The report and the page show the level as a value 0..1 on the pin.
#pragma once
#include <cstdint>

#include "PinNames.h"
#include "drivers/internal/PinMaps.h"
#include "sim/sim.h"

#ifndef MBED_SIM_DAC_BITS
#define MBED_SIM_DAC_BITS 12
#endif

namespace mbed {

class AnalogOut {
 public:
  AnalogOut(PinName pin) : pin_(pin) {
    pinmap::require(pinmap::has_dac(pin));  // "pinmap not found for peripheral", as on the board
    sim::analog_output(pin_, 0.0f, true);
  }
  /** Output a level 0.0 (0 V) .. 1.0 (VCC); values outside are clamped. */
  void write(float value) {
    value = value < 0.0f ? 0.0f : value > 1.0f ? 1.0f : value;
    code_ = static_cast<uint32_t>(value * kMax + 0.5f);
    sim::analog_output(pin_, read(), false);
  }
  /** Output a 16-bit level (0..0xFFFF). */
  void write_u16(unsigned short value) { write(value / 65535.0f); }
  /** The level being output, 0.0 .. 1.0. */
  float read() { return static_cast<float>(code_) / kMax; }
  AnalogOut& operator=(float percent) {
    write(percent);
    return *this;
  }
  AnalogOut& operator=(AnalogOut& rhs) {
    write(rhs.read());
    return *this;
  }
  operator float() { return read(); }

 private:
  static constexpr float kMax = static_cast<float>((1u << MBED_SIM_DAC_BITS) - 1u);
  PinName pin_;
  uint32_t code_ = 0;
};

}  // namespace mbed
