// mbed::DigitalInOut: a pin that switches between output and input, for bidirectional lines
// (one-wire buses, open-drain signals).
//
// @code
// DigitalInOut pin(LED1);
// pin.output(); pin = 1;       // drive it
// pin.input();  int v = pin;   // read what is on the line
// @endcode
//
// In the simulator an input pin reads the level set from outside (--set, the page, a device
// model); a pin nobody drives keeps the level it last had.
#pragma once
#include "PinNames.h"
#include "platform/sim_core.h"

namespace mbed {

class DigitalInOut {
 public:
  /** An input on `pin`. */
  DigitalInOut(PinName pin) : pin_(pin) {}
  /** Direction, mode and initial output value. */
  DigitalInOut(PinName pin, PinDirection direction, PinMode mode, int value) : pin_(pin), value_(value ? 1 : 0) {
    (void)mode;
    if (direction == PIN_OUTPUT) output();
  }
  /** Set the output value (drives the pin only in output mode; remembered otherwise). */
  void write(int value) {
    value_ = value ? 1 : 0;
    if (output_) sim::set_output(pin_, value_);
  }
  /** The level on the pin (in output mode, the level it drives). */
  int read() { return output_ ? value_ : sim::pin_level(pin_); }
  /** Drive the pin with the current output value. */
  void output() {
    if (!output_) {
      output_ = true;
      sim::set_output(pin_, value_);
    }
  }
  /** Stop driving the pin; it reads the external level. */
  void input() {
    if (output_) value_ = sim::pin_level(pin_);
    output_ = false;
  }
  void mode(PinMode pull) { (void)pull; }
  int is_connected() { return pin_ != NC; }
  DigitalInOut& operator=(int value) {
    write(value);
    return *this;
  }
  DigitalInOut& operator=(DigitalInOut& rhs) {
    write(rhs.read());
    return *this;
  }
  operator int() { return read(); }

 private:
  PinName pin_;
  int value_ = 0;
  bool output_ = false;
};

}  // namespace mbed
