#pragma once
#include "PinNames.h"
#include "platform/Callback.h"
#include "sim/sim.h"

namespace mbed {

/** A digital input that calls a function on a rising or falling edge, in interrupt context.
 *  @code
 *  InterruptIn button(BUTTON1);   // active low: fall() is the press
 *  button.fall(&on_press);
 *  @endcode
 *  Keep handlers short; defer work to an EventQueue or a thread. */
class InterruptIn {
 public:
  InterruptIn(PinName pin) : pin_(pin) {
    sim::pin_mode(pin_, PullDefault);
    sim::irq_attach(pin_, this);
  }
  InterruptIn(PinName pin, PinMode mode) : pin_(pin) {
    sim::pin_mode(pin_, mode);
    sim::irq_attach(pin_, this);
  }
  ~InterruptIn() { sim::irq_detach(pin_, this); }
  InterruptIn(const InterruptIn&) = delete;
  InterruptIn& operator=(const InterruptIn&) = delete;

  int read() { return sim::pin_read(pin_); }
  operator int() { return read(); }
  // As in Mbed OS (InterruptIn.cpp), the handler is set inside a critical section. That also
  // keeps the store: with an inline setter followed by `while (1) {}` (nothing the optimizer can
  // see reads memory again), clang dropped the store as dead before the host/wasm block counting
  // was added, and the edge was never handled.
  void rise(Callback<void()> func) {
    sim::critical_enter();
    rise_ = func;
    sim::critical_exit();
  }
  void fall(Callback<void()> func) {
    sim::critical_enter();
    fall_ = func;
    sim::critical_exit();
  }
  void mode(PinMode pull) { sim::pin_mode(pin_, pull); }
  void enable_irq() { enabled_ = true; }
  void disable_irq() { enabled_ = false; }

  // Called by the simulator, in interrupt context, when the pin's level changes.
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
