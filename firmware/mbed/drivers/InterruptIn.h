#pragma once
#include "PinNames.h"
#include "platform/Callback.h"
#include "platform/sim_core.h"

namespace mbed {

class InterruptIn {
 public:
  explicit InterruptIn(PinName pin) : pin_(pin) { sim::register_interrupt(pin_, this); }
  InterruptIn(PinName pin, PinMode mode) : InterruptIn(pin) { (void)mode; }
  ~InterruptIn() { sim::unregister_interrupt(pin_, this); }
  InterruptIn(const InterruptIn&) = delete;
  InterruptIn& operator=(const InterruptIn&) = delete;

  int read() { return sim::pin_level(pin_); }
  operator int() { return read(); }
  void rise(Callback<void()> func) { rise_ = func; }
  void fall(Callback<void()> func) { fall_ = func; }
  void mode(PinMode pull) { (void)pull; }
  void enable_irq() { enabled_ = true; }
  void disable_irq() { enabled_ = false; }

  // Called by the simulator core when the pin changes level.
  void sim_edge(int level) {
    if (!enabled_) return;
    if (level && rise_) rise_();
    if (!level && fall_) fall_();
  }

 private:
  PinName pin_;
  Callback<void()> rise_, fall_;
  bool enabled_ = true;
};

}  // namespace mbed
