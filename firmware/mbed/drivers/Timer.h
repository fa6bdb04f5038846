#pragma once
#include <chrono>
#include <cstdint>

#include "sim/sim.h"

namespace mbed {

/** A stopwatch. On the host and in wasm the simulator charges time for the work the program
 *  does (see docs/mbed-and-build.md, "Simulated time"), so a Timer around a loop measures it.
 *  @code
 *  Timer t; t.start(); work(); t.stop();
 *  printf("%llu us\n", t.elapsed_time().count());
 *  @endcode */
class TimerBase {
 public:
  void start() {
    if (!running_) {
      started_ = now();
      running_ = true;
    }
  }
  void stop() {
    if (running_) {
      accumulated_ += now() - started_;
      running_ = false;
    }
  }
  void reset() {
    accumulated_ = 0;
    started_ = now();
  }
  std::chrono::microseconds elapsed_time() const {
    return std::chrono::microseconds((accumulated_ + (running_ ? now() - started_ : 0)) / 1000);
  }
  [[deprecated("Floating point operators should normally be avoided for code size. If really needed, you can use `duration<float>{elapsed_time()}.count()` (Mbed OS 6).")]]
  float read() const { return static_cast<float>(elapsed_time().count()) / 1e6f; }
  [[deprecated("Use the Chrono-based elapsed_time method. If integer milliseconds are needed, you can use `duration_cast<milliseconds>(elapsed_time()).count()` (Mbed OS 6).")]]
  int read_ms() const { return static_cast<int>(elapsed_time().count() / 1000); }
  [[deprecated("Use the Chrono-based elapsed_time method. If integer microseconds are needed, you can use `elapsed_time().count()` (Mbed OS 6).")]]
  int read_us() const { return static_cast<int>(elapsed_time().count()); }
  [[deprecated("Use the Chrono-based elapsed_time method (Mbed OS 6).")]]
  uint64_t read_high_resolution_us() const { return static_cast<uint64_t>(elapsed_time().count()); }
  [[deprecated("Floating point operators should normally be avoided for code size. If really needed, you can use `duration<float>{elapsed_time()}.count()` (Mbed OS 6).")]]
  operator float() const { return static_cast<float>(elapsed_time().count()) / 1e6f; }

 private:
  static uint64_t now() {
    sim::hal_call();
    return sim::now_ns();
  }
  uint64_t started_ = 0;
  uint64_t accumulated_ = 0;
  bool running_ = false;
};

class Timer : public TimerBase {};
#if DEVICE_LPTICKER  // as in Mbed OS: only boards with a low-power ticker (the K64F, not the LPC1768)
/** The low-power timer: the same clock in the simulator. */
class LowPowerTimer : public TimerBase {};
#endif

}  // namespace mbed
