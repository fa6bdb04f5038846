#pragma once
#include <chrono>

namespace mbed {

/** A C++11 clock of the microsecond ticker, as Mbed OS 6's drivers/HighResClock.h: `now()`
 *  in microseconds, `lock()`/`unlock()` to keep it running through deep sleep.
 *  In the simulator it reads the simulated clock (docs/mbed-and-build.md, "Simulated time"):
 *  the virtual clock on the host and in headless wasm, the browser's clock on the page (which
 *  moves in steps of ~100 us there), the MPS2 timer on the Cortex-M4. Reading it costs no
 *  simulated time and never lets another thread or the page run, so it may be called anywhere:
 *  in an interrupt handler, or in a model's step hook (utensor/layer_timer.hpp). */
class HighResClock {
 public:
  using duration = std::chrono::microseconds;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::time_point<HighResClock>;
  static const bool is_steady = false;

  static time_point now();  // out of line (src/mbed_drivers.cpp): never charged, never yields
  static void lock() {}
  static void unlock() {}
};

}  // namespace mbed
