#pragma once
#include <chrono>
#include <cstdint>

#include "platform/sim_core.h"

namespace rtos {
namespace ThisThread {

template <typename Rep, typename Period>
void sleep_for(std::chrono::duration<Rep, Period> rel_time) {
  mbed::sim::wait_until(mbed::sim::now_us() +
                        static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(rel_time).count()));
}
// Mbed OS 5 style milliseconds.
inline void sleep_for(uint32_t ms) { sleep_for(std::chrono::milliseconds(ms)); }
inline void yield() { mbed::sim::wait_until(mbed::sim::now_us()); }

}  // namespace ThisThread
}  // namespace rtos
