// wait() and wait_ms() (Mbed OS 5, deprecated) with the semantics Mbed OS 5.15 gave them under the
// RTOS: from a thread they sleep (other threads and interrupts run); in an interrupt handler or a
// critical section they spin.
#include "platform/mbed_wait_api.h"

#include <cstdint>

#include "platform/mbed_critical.h"
#include "platform/mbed_thread.h"

extern "C" {

void wait(float s) {
  if (s >= 0.01f && core_util_are_interrupts_enabled() && !core_util_is_isr_active()) {
    // Mbed OS 5: ThisThread::sleep_for(s * 1000.0f): whole milliseconds, the rest dropped.
    thread_sleep_for(static_cast<uint32_t>(s * 1000.0f));
    return;
  }
  wait_us(static_cast<int>(s * 1000000.0f));
}

void wait_ms(int ms) {
  if (core_util_is_isr_active() || !core_util_are_interrupts_enabled()) {
    wait_us(ms * 1000);
  } else {
    thread_sleep_for(static_cast<uint32_t>(ms > 0 ? ms : 0));
  }
}

}  // extern "C"
