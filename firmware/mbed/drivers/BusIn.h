// mbed::BusIn: up to 16 DigitalIn pins read as one number (the first pin is bit 0).
//
// @code
// BusIn nibble(D0, D1, D2, D3);
// int value = nibble & nibble.mask();   // 0..15
// @endcode
#pragma once
#include "PinNames.h"
#include "sim/sim.h"

namespace mbed {

class BusIn {
 public:
  BusIn(PinName p0, PinName p1 = NC, PinName p2 = NC, PinName p3 = NC, PinName p4 = NC, PinName p5 = NC,
        PinName p6 = NC, PinName p7 = NC, PinName p8 = NC, PinName p9 = NC, PinName p10 = NC, PinName p11 = NC,
        PinName p12 = NC, PinName p13 = NC, PinName p14 = NC, PinName p15 = NC)
      : pins_{p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15} {
    mode(PullDefault);
  }
  /** Pins from an array of 16 (NC for unused). */
  BusIn(PinName pins[16]) {
    for (int i = 0; i < 16; ++i) pins_[i] = pins[i];
    mode(PullDefault);
  }
  /** The pin levels as a number: bit i is pin i. */
  int read() {
    int v = 0;
    for (int i = 0; i < 16; ++i)
      if (pins_[i] != NC && sim::pin_read(pins_[i])) v |= 1 << i;
    return v;
  }
  /** The pull of every pin. */
  void mode(PinMode pull) {
    for (int i = 0; i < 16; ++i)
      if (pins_[i] != NC) sim::pin_mode(pins_[i], pull);
  }
  /** Bits of the connected pins. */
  int mask() {
    int m = 0;
    for (int i = 0; i < 16; ++i)
      if (pins_[i] != NC) m |= 1 << i;
    return m;
  }
  operator int() { return read(); }

 private:
  PinName pins_[16];
};

}  // namespace mbed
