// mbed.h of the simulated board: the Mbed OS 6 API (and the Mbed OS 5 names courses still
// use, with deprecation warnings). Programs written against it compile unchanged against
// real Mbed OS: same names, signatures and semantics. Like Mbed OS's, it also brings in
// <cmath>/<math.h>, <ctime>/<time.h>, <cstdio>, <cstdlib>, <cstring>.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "platform/mbed_toolchain.h"
#include "platform/mbed_version.h"

#include "PinNames.h"
#include "cmsis.h"
#include "drivers/AnalogIn.h"
#include "drivers/AnalogOut.h"
#include "drivers/BufferedSerial.h"
#include "drivers/BusIn.h"
#include "drivers/BusInOut.h"
#include "drivers/BusOut.h"
#include "drivers/DigitalIn.h"
#include "drivers/DigitalInOut.h"
#include "drivers/DigitalOut.h"
#include "drivers/I2C.h"
#include "drivers/InterruptIn.h"
#include "drivers/LowPowerTicker.h"
#include "drivers/LowPowerTimeout.h"
#include "drivers/LowPowerTimer.h"
#include "drivers/MbedCRC.h"
#include "drivers/PortIn.h"
#include "drivers/PortInOut.h"
#include "drivers/PortOut.h"
#include "drivers/PwmOut.h"
#include "drivers/SPI.h"
#include "drivers/Serial.h"
#include "drivers/SerialBase.h"
#include "drivers/Ticker.h"
#include "drivers/Timer.h"
#include "drivers/UnbufferedSerial.h"
#include "drivers/Watchdog.h"
#include "events/mbed_events.h"
#include "platform/Callback.h"
#include "platform/CircularBuffer.h"
#include "platform/CriticalSectionLock.h"
#include "platform/DeepSleepLock.h"
#include "platform/FileHandle.h"
#include "platform/NonCopyable.h"
#include "platform/PlatformMutex.h"
#include "platform/ScopedLock.h"
#include "platform/SharedPtr.h"
#include "platform/SingletonPtr.h"
#include "platform/Span.h"
#include "platform/Stream.h"
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
#include "rtos.h"

#if !defined(MBED_NO_GLOBAL_USING_DIRECTIVE)
using namespace mbed;
using namespace std::chrono_literals;
#endif
