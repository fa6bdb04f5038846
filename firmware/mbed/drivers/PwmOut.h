#pragma once
#include <chrono>

#include "PinNames.h"
#include "hal/sim_hal.h"

namespace mbed {

class PwmOut {
 public:
  explicit PwmOut(PinName pin) : pin_(pin) {
    sim_hal_pwm_period(pin_, period_us_ * 1e-6f);
    write(0.0f);
  }
  void write(float duty) {
    duty_ = duty < 0.0f ? 0.0f : duty > 1.0f ? 1.0f : duty;
    sim_hal_pwm_write(pin_, duty_);
  }
  float read() { return duty_; }
  void period(float seconds) { period_us(static_cast<int>(seconds * 1e6f)); }
  void period_ms(int ms) { period_us(ms * 1000); }
  void period_us(int us) {
    period_us_ = us;
    sim_hal_pwm_period(pin_, us * 1e-6f);
  }
  void pulsewidth(float seconds) { pulsewidth_us(static_cast<int>(seconds * 1e6f)); }
  void pulsewidth_ms(int ms) { pulsewidth_us(ms * 1000); }
  void pulsewidth_us(int us) { write(period_us_ > 0 ? static_cast<float>(us) / period_us_ : 0.0f); }
  int read_period_us() { return period_us_; }
  PwmOut& operator=(float duty) {
    write(duty);
    return *this;
  }
  // As in Mbed OS: `a = b = 0.5f` copies the duty, never the pin.
  PwmOut& operator=(PwmOut& rhs) {
    write(rhs.read());
    return *this;
  }
  operator float() { return read(); }

 private:
  PinName pin_;
  float duty_ = 0.0f;
  int period_us_ = 20000;
};

}  // namespace mbed
