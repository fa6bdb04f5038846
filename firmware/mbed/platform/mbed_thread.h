// The C functions of mbed_thread.h: the RTOS clock and sleeping.
#pragma once
#include <stdint.h>

#include "sim/kernel.h"
#include "sim/sim.h"

extern "C" {
/** Milliseconds since start. */
inline uint64_t get_ms_count(void) { return sim::now_ns() / 1000000u; }
/** Sleep the running thread for `millisec` milliseconds (other threads run). */
inline void thread_sleep_for(uint32_t millisec) { sim::sleep_until_ns(sim::now_ns() + uint64_t{millisec} * 1000000u); }
/** Sleep until get_ms_count() reaches `millisec`. */
inline void thread_sleep_until(uint64_t millisec) { sim::sleep_until_ns(millisec * 1000000u); }
}
