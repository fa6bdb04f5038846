// Sleep and the sleep manager (platform/mbed_power_mgmt.h).
//
// sleep() waits for the next interrupt (a timer, a pin edge, serial input): simulated time
// jumps to it. Deep sleep is allowed unless something holds a lock, as in Mbed OS: a running
// Timer, an active PwmOut, a serial receive callback, or the application with
// sleep_manager_lock_deep_sleep()/DeepSleepLock. The simulator keeps the lock count and the
// time spent sleeping (mbed_stats_cpu_get); the wake-up latency of real deep sleep is not modelled.
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "platform/mbed_toolchain.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Forbid deep sleep (nestable: each lock needs an unlock). */
void sleep_manager_lock_deep_sleep_internal(void);
/** Allow deep sleep again. */
void sleep_manager_unlock_deep_sleep_internal(void);
/** True when no lock forbids deep sleep. */
bool sleep_manager_can_deep_sleep(void);
/** The test-suite variant: true when deep sleep is allowed (the simulator has no settling delay). */
bool sleep_manager_can_deep_sleep_test_check(void);
/** Sleep (deep when allowed) until the next interrupt. */
void sleep_manager_sleep_auto(void);

#define sleep_manager_lock_deep_sleep() sleep_manager_lock_deep_sleep_internal()
#define sleep_manager_unlock_deep_sleep() sleep_manager_unlock_deep_sleep_internal()

/** Sleep until the next interrupt: time passes until a timer, pin edge or serial byte wakes the core. */
static inline void sleep(void) { sleep_manager_sleep_auto(); }

/** Deep sleep until the next interrupt (as sleep(), when no lock forbids it). */
MBED_DEPRECATED_SINCE("mbed-os-5.6",
                      "One entry point for an application, use sleep()")
static inline void deepsleep(void) { sleep_manager_sleep_auto(); }

/** Reset the board: the simulator stops the program and reports it (no warm restart). */
MBED_NORETURN void system_reset(void);

/** Microseconds the system has been up. */
uint64_t mbed_uptime(void);
/** Microseconds spent sleeping / deep sleeping / idle. */
uint64_t mbed_time_sleep(void);
uint64_t mbed_time_deepsleep(void);
uint64_t mbed_time_idle(void);

#ifdef __cplusplus
}
#endif
