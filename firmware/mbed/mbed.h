// The Mbed OS 6 API of utensor-sim's virtual board. Programs written against it compile
// unchanged against real Mbed OS (same names and signatures), and like real Mbed OS this
// header also brings in <cmath>/<math.h>, <ctime>/<time.h>, <cstdio>, <cstdlib>, <cstring>.
#pragma once
#include <assert.h>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <math.h>
#include <time.h>

#include "platform/mbed_version.h"
#include "platform/mbed_toolchain.h"

#include "PinNames.h"
#include "drivers/AnalogIn.h"
#include "drivers/BufferedSerial.h"
#include "drivers/BusOut.h"
#include "drivers/DigitalIn.h"
#include "drivers/DigitalOut.h"
#include "drivers/InterruptIn.h"
#include "drivers/PwmOut.h"
#include "drivers/Ticker.h"
#include "drivers/Timeout.h"
#include "drivers/Timer.h"
#include "platform/Callback.h"
#include "rtos/ThisThread.h"

// The rest of the Mbed OS 6 surface (and Mbed OS 5 names, with deprecation warnings).
#include "drivers/AnalogOut.h"
#include "drivers/BusIn.h"
#include "drivers/BusInOut.h"
#include "drivers/DigitalInOut.h"
#include "drivers/LowPowerTicker.h"
#include "drivers/LowPowerTimeout.h"
#include "drivers/LowPowerTimer.h"
#include "drivers/MbedCRC.h"
#include "drivers/Watchdog.h"
#include "events/mbed_events.h"
#include "platform/CircularBuffer.h"
#include "platform/CriticalSectionLock.h"
#include "platform/DeepSleepLock.h"
#include "platform/NonCopyable.h"
#include "platform/ScopedLock.h"
#include "platform/Span.h"
#include "platform/mbed_assert.h"
#include "platform/mbed_atomic.h"
#include "platform/mbed_critical.h"
#include "platform/mbed_debug.h"
#include "platform/mbed_error.h"
#include "platform/mbed_power_mgmt.h"
#include "platform/mbed_rtc_time.h"
#include "platform/mbed_stats.h"
#include "platform/mbed_thread.h"
#include "platform/mbed_wait_api.h"

namespace mbed {
// Busy-waits in real Mbed; here it lets simulated time pass (interrupts still fire).
void wait_us(int us);
void wait_ns(unsigned int ns);
}  // namespace mbed

#ifndef osWaitForever
#define osWaitForever 0xFFFFFFFFU  ///< wait forever (CMSIS-RTOS2 timeout value)
#endif

using namespace mbed;
using namespace std::chrono_literals;
using namespace rtos;
