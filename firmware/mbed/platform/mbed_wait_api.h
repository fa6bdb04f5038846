// Busy waits (mbed_wait_api.h). The CPU spins: time passes, interrupts and higher-priority
// threads run, lower-priority threads do not.
#pragma once
#include "sim/sim.h"

extern "C" {
/** Spin for `us` microseconds (may be called from interrupts). */
inline void wait_us(int us) { sim::busy_wait_ns(us > 0 ? static_cast<uint64_t>(us) * 1000u : 0u); }
/** Spin for `ns` nanoseconds. */
inline void wait_ns(unsigned int ns) { sim::busy_wait_ns(ns); }
}
