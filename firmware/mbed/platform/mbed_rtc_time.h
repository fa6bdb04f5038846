// The real-time clock (platform/mbed_rtc_time.h): time(), set_time(). The simulated RTC starts at
// 0 (1970-01-01) like an unset board RTC and runs with simulated time; set_time() sets it.
#pragma once
#include <stdint.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Set the RTC to `t` seconds since 1970-01-01 00:00:00 UTC. */
void set_time(time_t t);

/** Replace the RTC with your own functions (any may be NULL), as Mbed OS allows. */
void attach_rtc(time_t (*read_rtc)(void), void (*write_rtc)(time_t), void (*init_rtc)(void), int (*isenabled_rtc)(void));

#ifdef __cplusplus
}
#endif
