#pragma once
#include "PinNames.h"
#include "platform/sim_core.h"

namespace mbed {

class DigitalIn {
 public:
  explicit DigitalIn(PinName pin) : pin_(pin) {}
  DigitalIn(PinName pin, PinMode mode) : pin_(pin) { (void)mode; }
  int read() { return sim::pin_level(pin_); }
  void mode(PinMode pull) { (void)pull; }
  int is_connected() { return pin_ != NC; }
  operator int() { return read(); }

 private:
  PinName pin_;
};

}  // namespace mbed
