// mbed::Watchdog: the hardware watchdog. Once started it must be kicked at least every
// `timeout` milliseconds, or the board resets. It cannot be stopped on most targets.
//
// @code
// Watchdog &wd = Watchdog::get_instance();
// wd.start(5000);
// while (1) { do_work(); wd.kick(); }
// @endcode
//
// In the simulator an expired watchdog resets the board: the program stops and the run
// reports "Watchdog reset" (the simulator does not restart the program).
#pragma once
#include <cstdint>

#include "platform/NonCopyable.h"

namespace mbed {

class Watchdog : private NonCopyable<Watchdog> {
 public:
  /** The one watchdog of the board. */
  static Watchdog& get_instance();
  /** Start with a timeout in milliseconds (at most get_max_timeout()); false if already running. */
  bool start(uint32_t timeout);
  /** Start with the maximum timeout. */
  bool start();
  /** Stop it (the simulated boards allow it, as the K64F and LPC1768 do in Mbed OS). */
  bool stop();
  /** Restart the countdown. */
  void kick();
  bool is_running() const;
  /** The timeout it was started with, in milliseconds. */
  uint32_t get_timeout() const;
  /** The longest timeout the hardware supports, in milliseconds. */
  uint32_t get_max_timeout() const;

 private:
  Watchdog() = default;
  ~Watchdog();
};

}  // namespace mbed
