// mbed::PortIn: the pins of one GPIO port read at once (bit n is pin n of the port), masked.
//
// @code
// PortIn switches(Port0, 0x000000F0);   // P0_4..P0_7
// int value = (switches.read() >> 4) & 0xF;
// @endcode
#pragma once
#include "drivers/internal/SimPort.h"

namespace mbed {

class PortIn {
 public:
  /** The pins of `port` selected by `mask`, as inputs. */
  PortIn(PortName port, int mask = 0xFFFFFFFF) : port_(port, mask, PIN_INPUT) {}
  /** The masked pin levels (bit n: pin n). */
  int read() { return port_.read(); }
  /** The pull resistor of the masked pins. */
  void mode(PinMode pull) { port_.mode(pull); }
  operator int() { return read(); }

 private:
  internal::SimPort port_;
};

}  // namespace mbed
