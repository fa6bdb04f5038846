// mbed::PortOut: the pins of one GPIO port written at once, as one number (bit n is pin n of
// the port; PinName P1_18 is bit 18 of Port1 on the LPC1768, PTB22 bit 22 of PortB on the K64F).
// Only the pins in `mask` are touched.
//
// @code
// // LPC1768: LED1..LED4 are P1_18, P1_20, P1_21, P1_23
// #define LED_MASK 0x00B40000
// PortOut leds(Port1, LED_MASK);
// leds = LED_MASK;   // all four on
// leds = 0;          // all off
// @endcode
#pragma once
#include "drivers/internal/SimPort.h"

namespace mbed {

class PortOut {
 public:
  /** The pins of `port` selected by `mask`, as outputs (driving 0). */
  PortOut(PortName port, int mask = 0xFFFFFFFF) : port_(port, mask, PIN_OUTPUT) {}
  /** Drive the masked pins: bit n of `value` to pin n. */
  void write(int value) { port_.write(value); }
  /** The value written, masked. */
  int read() { return port_.read(); }
  PortOut& operator=(int value) {
    write(value);
    return *this;
  }
  PortOut& operator=(PortOut& rhs) {
    write(rhs.read());
    return *this;
  }
  operator int() { return read(); }

 private:
  internal::SimPort port_;
};

}  // namespace mbed
