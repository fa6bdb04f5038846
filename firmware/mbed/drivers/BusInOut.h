// mbed::BusInOut: up to 16 DigitalInOut pins as one number (the first pin is bit 0).
#pragma once
#include "drivers/DigitalInOut.h"

namespace mbed {

class BusInOut {
 public:
  BusInOut(PinName p0, PinName p1 = NC, PinName p2 = NC, PinName p3 = NC, PinName p4 = NC, PinName p5 = NC,
           PinName p6 = NC, PinName p7 = NC, PinName p8 = NC, PinName p9 = NC, PinName p10 = NC, PinName p11 = NC,
           PinName p12 = NC, PinName p13 = NC, PinName p14 = NC, PinName p15 = NC)
      : pins_{{p0}, {p1}, {p2}, {p3}, {p4}, {p5}, {p6}, {p7}, {p8}, {p9}, {p10}, {p11}, {p12}, {p13}, {p14}, {p15}},
        names_{p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15} {}
  /** Pins from an array of 16 (NC for unused). */
  BusInOut(PinName pins[16])
      : pins_{{pins[0]}, {pins[1]}, {pins[2]},  {pins[3]},  {pins[4]},  {pins[5]},  {pins[6]},  {pins[7]},
              {pins[8]}, {pins[9]}, {pins[10]}, {pins[11]}, {pins[12]}, {pins[13]}, {pins[14]}, {pins[15]}} {
    for (int i = 0; i < 16; ++i) names_[i] = pins[i];
  }
  void write(int value) {
    for (int i = 0; i < 16; ++i)
      if (names_[i] != NC) pins_[i].write((value >> i) & 1);
  }
  int read() {
    int v = 0;
    for (int i = 0; i < 16; ++i)
      if (names_[i] != NC && pins_[i].read()) v |= 1 << i;
    return v;
  }
  void output() {
    for (int i = 0; i < 16; ++i)
      if (names_[i] != NC) pins_[i].output();
  }
  void input() {
    for (int i = 0; i < 16; ++i)
      if (names_[i] != NC) pins_[i].input();
  }
  void mode(PinMode pull) {
    for (int i = 0; i < 16; ++i)
      if (names_[i] != NC) pins_[i].mode(pull);
  }
  int mask() {
    int m = 0;
    for (int i = 0; i < 16; ++i)
      if (names_[i] != NC) m |= 1 << i;
    return m;
  }
  BusInOut& operator=(int v) {
    write(v);
    return *this;
  }
  BusInOut& operator=(BusInOut& rhs) {
    write(rhs.read());
    return *this;
  }
  /** Pin `index` on its own. */
  DigitalInOut& operator[](int index) { return pins_[index]; }
  operator int() { return read(); }

 private:
  DigitalInOut pins_[16];
  PinName names_[16];
};

}  // namespace mbed
