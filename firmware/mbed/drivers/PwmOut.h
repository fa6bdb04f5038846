#pragma once
#include <cstdint>

#include "PinNames.h"
#include "drivers/internal/PinMaps.h"
#include "sim/sim.h"

namespace mbed {

/** A pulse-width modulated output (an LED's brightness, a servo, a speaker's tone).
 *  The simulator reports the duty cycle (0..1) when it changes, and the period when the PwmOut
 *  is created and when it changes (the page plays the speaker at 1 / period). Default period 20 ms. */
class PwmOut {
 public:
  PwmOut(PinName pin) : pin_(pin) {
    pinmap::require(pinmap::has_pwm(pin));  // "pinmap not found for peripheral", as on the board
    sim::pwm_period(pin_, period_us_);
    sim::pwm_output(pin_, 0.0f, true);
  }
  void write(float duty) {
    duty_ = duty < 0.0f ? 0.0f : duty > 1.0f ? 1.0f : duty;
    pulse_us_ = static_cast<int>(duty_ * period_us_ + 0.5f);
    sim::pwm_output(pin_, duty_, false);
  }
  float read() {
    sim::hal_call();
    return duty_;
  }
  void period(float seconds) { period_us(static_cast<int>(seconds * 1e6f + 0.5f)); }
  void period_ms(int ms) { period_us(ms * 1000); }
  /** A new period keeps the duty cycle, as Mbed's PwmOut does. */
  void period_us(int us) {
    us = us > 0 ? us : 1;
    if (us != period_us_) sim::pwm_period(pin_, us);
    period_us_ = us;
    write(duty_);
  }
  int read_period_us() { return period_us_; }
  void pulsewidth(float seconds) { pulsewidth_us(static_cast<int>(seconds * 1e6f + 0.5f)); }
  void pulsewidth_ms(int ms) { pulsewidth_us(ms * 1000); }
  void pulsewidth_us(int us) { write(static_cast<float>(us) / static_cast<float>(period_us_)); }
  int read_pulsewitdth_us() { return pulse_us_; }
  int read_pulsewidth_us() { return pulse_us_; }
  void suspend() { sim::pwm_output(pin_, 0.0f, false); }
  void resume() { sim::pwm_output(pin_, duty_, false); }
  PwmOut& operator=(float duty) {
    write(duty);
    return *this;
  }
  PwmOut& operator=(PwmOut& rhs) {
    write(rhs.read());
    return *this;
  }
  operator float() { return read(); }

 private:
  PinName pin_;
  float duty_ = 0.0f;
  int period_us_ = 20000;
  int pulse_us_ = 0;
};

}  // namespace mbed
