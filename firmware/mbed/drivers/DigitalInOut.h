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
// model), or its pull resistor when nothing drives it.
#pragma once
#include "PinNames.h"
#include "sim/sim.h"

namespace mbed {

class DigitalInOut {
 public:
  /** An input on `pin`. */
  DigitalInOut(PinName pin) : pin_(pin) { sim::pin_mode(pin_, PullDefault); }
  /** Direction, mode and initial output value. */
  DigitalInOut(PinName pin, PinDirection direction, PinMode mode, int value) : pin_(pin), value_(value ? 1 : 0) {
    sim::pin_mode(pin_, mode);
    if (direction == PIN_OUTPUT) output();
  }
  /** Set the output value (drives the pin only in output mode; the output register keeps it
   *  otherwise, as the GPIO hardware does). */
  void write(int value) {
    value_ = value ? 1 : 0;
    if (output_) sim::pin_output(pin_, value_, false);
  }
  /** The level on the pin (in output mode, the level it drives). */
  int read() { return output_ ? (sim::hal_call(), value_) : sim::pin_read(pin_); }
  /** Drive the pin with the output register's value. */
  void output() {
    if (!output_) {
      output_ = true;
      sim::pin_output(pin_, value_, !created_);
      created_ = true;
    }
  }
  /** Stop driving the pin; it reads the external level (or its pull). */
  void input() {
    if (output_) sim::pin_release(pin_);
    output_ = false;
  }
  void mode(PinMode pull) { sim::pin_mode(pin_, pull); }
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
  bool created_ = false;
};

}  // namespace mbed
