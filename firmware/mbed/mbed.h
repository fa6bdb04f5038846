// mbed.h of the simulated board: the Mbed OS 6 API (and the Mbed OS 5 names courses still
// use, with deprecation warnings). Programs written against it compile unchanged against
// real Mbed OS: same names, signatures and semantics.
#pragma once
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "PinNames.h"
#include "cmsis.h"
#include "drivers/AnalogIn.h"
#include "drivers/BufferedSerial.h"
#include "drivers/BusOut.h"
#include "drivers/DigitalIn.h"
#include "drivers/DigitalOut.h"
#include "drivers/I2C.h"
#include "drivers/InterruptIn.h"
#include "drivers/PwmOut.h"
#include "drivers/SPI.h"
#include "drivers/Serial.h"
#include "drivers/SerialBase.h"
#include "drivers/Ticker.h"
#include "drivers/Timer.h"
#include "drivers/UnbufferedSerial.h"
#include "events/EventQueue.h"
#include "platform/Callback.h"
#include "platform/FileHandle.h"
#include "platform/Stream.h"
#include "platform/mbed_critical.h"
#include "platform/mbed_thread.h"
#include "platform/mbed_wait_api.h"
#include "rtos.h"

#if !defined(MBED_NO_GLOBAL_USING_DIRECTIVE)
using namespace mbed;
using namespace std::chrono_literals;
#endif
