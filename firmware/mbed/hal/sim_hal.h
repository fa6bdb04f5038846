// The simulated clock in microseconds (kept for programs and benchmarks that used it).
#pragma once
#include <stdint.h>
extern "C" uint64_t sim_hal_now_us(void);
