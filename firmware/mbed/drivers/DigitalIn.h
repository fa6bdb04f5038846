#pragma once
#include "PinNames.h"
#include "sim/sim.h"

namespace mbed {

/** A digital input. The board's buttons read 0 while pressed (pull-ups), the application
 *  shield's joystick 1; a pin with nothing attached reads its pull (PullDefault: the
 *  LPC1768 pulls down, the K64F pulls up).
 *  @code
 *  DigitalIn button(BUTTON1);
 *  if (!button) printf("pressed\n");
 *  @endcode */
class DigitalIn {
 public:
  DigitalIn(PinName pin) : pin_(pin) { sim::pin_mode(pin_, PullDefault); }
  DigitalIn(PinName pin, PinMode mode) : pin_(pin) { sim::pin_mode(pin_, mode); }
  int read() { return sim::pin_read(pin_); }
  void mode(PinMode pull) { sim::pin_mode(pin_, pull); }
  int is_connected() { return pin_ != NC; }
  operator int() { return read(); }

 private:
  PinName pin_;
};

}  // namespace mbed
