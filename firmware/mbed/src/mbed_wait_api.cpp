// wait() and wait_ms() (Mbed OS 5, deprecated) and thread_sleep_for(), with the semantics Mbed
// OS 5.15 gave them under the RTOS: from a thread they sleep (other threads and interrupts
// run); in an interrupt handler or a critical section they spin.
#include <chrono>
#include <cstdint>

#include "platform/mbed_critical.h"
#include "platform/mbed_thread.h"
#include "platform/mbed_wait_api.h"
#include "platform/sim_core.h"
#include "rtos/ThisThread.h"

namespace mbed {
void wait_us(int us);
}

extern "C" {

void wait(float s) {
  if (s >= 0.01f && core_util_are_interrupts_enabled() && !core_util_is_isr_active()) {
    // Mbed OS 5: ThisThread::sleep_for(s * 1000.0f): whole milliseconds, the rest dropped.
    rtos::ThisThread::sleep_for(std::chrono::milliseconds(static_cast<uint32_t>(s * 1000.0f)));
    return;
  }
  mbed::wait_us(static_cast<int>(s * 1000000.0f));
}

void wait_ms(int ms) {
  if (core_util_is_isr_active() || !core_util_are_interrupts_enabled()) {
    mbed::wait_us(ms * 1000);
  } else {
    rtos::ThisThread::sleep_for(std::chrono::milliseconds(ms > 0 ? ms : 0));
  }
}

void thread_sleep_for(uint32_t millisec) { rtos::ThisThread::sleep_for(std::chrono::milliseconds(millisec)); }

void thread_sleep_until(uint64_t millisec) {
  const uint64_t now_ms = mbed::sim::now_us() / 1000;
  if (millisec > now_ms) rtos::ThisThread::sleep_for(std::chrono::milliseconds(millisec - now_ms));
}

}  // extern "C"
