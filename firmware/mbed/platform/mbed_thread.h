// C-callable thread sleeps (Mbed OS 6 platform/mbed_thread.h).
#pragma once
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Sleep the calling thread for `millisec` milliseconds (other threads and interrupts run).
 *  The C equivalent of ThisThread::sleep_for; not for interrupt handlers. */
void thread_sleep_for(uint32_t millisec);

/** Sleep until the kernel tick count (milliseconds since start) reaches `millisec`. */
void thread_sleep_until(uint64_t millisec);

#ifdef __cplusplus
}
#endif
