// mbed::PortInOut: the pins of one GPIO port as a bidirectional register (bit n is pin n of the
// port), masked. It starts as an input; output() drives the value last written.
#pragma once
#include "drivers/internal/SimPort.h"

namespace mbed {

class PortInOut {
 public:
  PortInOut(PortName port, int mask = 0xFFFFFFFF) : port_(port, mask, PIN_INPUT) {}
  /** Set the output register (drives the pins in output mode). */
  void write(int value) { port_.write(value); }
  /** Masked levels: in output mode what the pins drive, in input mode what is on them. */
  int read() { return port_.read(); }
  void output() { port_.dir(PIN_OUTPUT); }
  void input() { port_.dir(PIN_INPUT); }
  void mode(PinMode pull) { port_.mode(pull); }
  PortInOut& operator=(int value) {
    write(value);
    return *this;
  }
  PortInOut& operator=(PortInOut& rhs) {
    write(rhs.read());
    return *this;
  }
  operator int() { return read(); }

 private:
  internal::SimPort port_;
};

}  // namespace mbed
