// Busy waits (mbed_wait_api.h). The CPU spins: time passes, interrupts and higher-priority
// threads run, lower-priority threads do not.
//
// The Mbed OS 5 wait(seconds) and wait_ms(ms) still compile here, with the deprecation warning
// real Mbed OS 5.14+ gave, because course labs and old examples use them everywhere.
// @code
// while (1) {
//     led = !led;
//     ThisThread::sleep_for(500ms);   // Mbed OS 6; was wait(0.5) or wait_ms(500)
// }
// @endcode
#pragma once
#include "platform/mbed_toolchain.h"
#include "sim/sim.h"

extern "C" {
/** Spin for `us` microseconds (may be called from interrupts). */
inline void wait_us(int us) { sim::busy_wait_ns(us > 0 ? static_cast<uint64_t>(us) * 1000u : 0u); }
/** Spin for `ns` nanoseconds. */
inline void wait_ns(unsigned int ns) { sim::busy_wait_ns(ns); }

/** Mbed OS 5: waits `s` seconds. From a thread it sleeps (other threads run) when s >= 10 ms,
 *  as Mbed OS 5 did with the RTOS; shorter waits, and waits in interrupt handlers or critical
 *  sections, spin. */
MBED_DEPRECATED_SINCE("mbed-os-5.14",
                      "'wait' is deprecated in favor of explicit sleep functions. To sleep, 'wait' should be "
                      "replaced by 'ThisThread::sleep_for' (C++) or 'thread_sleep_for' (C). If you wish to wait "
                      "(without sleeping), call 'wait_us'. 'wait_us' is safe to call from ISR context.")
void wait(float s);

/** Mbed OS 5: waits `ms` milliseconds; sleeps from a thread, spins in an interrupt handler. */
MBED_DEPRECATED_SINCE("mbed-os-5.14",
                      "'wait_ms' is deprecated in favor of explicit sleep functions. To sleep, 'wait_ms' should be "
                      "replaced by 'ThisThread::sleep_for' (C++) or 'thread_sleep_for' (C). If you wish to wait "
                      "(without sleeping), call 'wait_us'. 'wait_us' is safe to call from ISR context.")
void wait_ms(int ms);
}
