#pragma once
#include "PinNames.h"
#include "sim/sim.h"

namespace mbed {

/** A digital output.
 *  @code
 *  DigitalOut led(LED1);
 *  led = !led;   // toggle
 *  @endcode
 *  The simulator reports the initial level when the object is created and every change. */
class DigitalOut {
 public:
  DigitalOut(PinName pin) : pin_(pin) { sim::pin_output(pin_, 0, true); }
  DigitalOut(PinName pin, int value) : pin_(pin), value_(value ? 1 : 0) { sim::pin_output(pin_, value_, true); }
  void write(int value) {
    value_ = value ? 1 : 0;
    sim::pin_output(pin_, value_, false);
  }
  /** The level the pin drives (as the hardware's output register reads back). */
  int read() {
    sim::hal_call();
    return value_;
  }
  int is_connected() { return pin_ != NC; }
  DigitalOut& operator=(int value) {
    write(value);
    return *this;
  }
  DigitalOut& operator=(DigitalOut& rhs) {
    write(rhs.read());
    return *this;
  }
  operator int() { return read(); }

 private:
  PinName pin_;
  int value_ = 0;
};

}  // namespace mbed
