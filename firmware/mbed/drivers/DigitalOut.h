#pragma once
#include "PinNames.h"
#include "platform/sim_core.h"

namespace mbed {

class DigitalOut {
 public:
  explicit DigitalOut(PinName pin) : pin_(pin) { write(0); }
  DigitalOut(PinName pin, int value) : pin_(pin) { write(value); }
  void write(int value) {
    value_ = value ? 1 : 0;
    sim::set_output(pin_, value_);
  }
  int read() { return value_; }
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
