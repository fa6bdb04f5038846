#pragma once
#include "PinNames.h"
#include "sim/sim.h"

namespace mbed {

/** Up to 16 digital outputs written as one number (bit 0 = the first pin). */
class BusOut {
 public:
  BusOut(PinName p0, PinName p1 = NC, PinName p2 = NC, PinName p3 = NC, PinName p4 = NC, PinName p5 = NC,
         PinName p6 = NC, PinName p7 = NC, PinName p8 = NC, PinName p9 = NC, PinName p10 = NC, PinName p11 = NC,
         PinName p12 = NC, PinName p13 = NC, PinName p14 = NC, PinName p15 = NC)
      : pins_{p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15} {
    for (int i = 0; i < 16; ++i)
      if (pins_[i] != NC) sim::pin_output(pins_[i], 0, true);
  }
  BusOut(PinName pins[16]) {
    for (int i = 0; i < 16; ++i) {
      pins_[i] = pins[i];
      if (pins_[i] != NC) sim::pin_output(pins_[i], 0, true);
    }
  }
  void write(int value) {
    value_ = 0;
    for (int i = 0; i < 16; ++i) {
      if (pins_[i] == NC) continue;
      const int bit = (value >> i) & 1;
      sim::pin_output(pins_[i], bit, false);
      value_ |= bit << i;
    }
  }
  int read() {
    sim::hal_call();
    return value_;
  }
  int mask() {
    int m = 0;
    for (int i = 0; i < 16; ++i)
      if (pins_[i] != NC) m |= 1 << i;
    return m;
  }
  BusOut& operator=(int v) {
    write(v);
    return *this;
  }
  BusOut& operator=(BusOut& rhs) {
    write(rhs.read());
    return *this;
  }
  operator int() { return read(); }

 private:
  PinName pins_[16];
  int value_ = 0;
};

}  // namespace mbed
