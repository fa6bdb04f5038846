// The Mbed OS 6 API subset of utensor-sim's virtual board. Programs written against it
// compile unchanged against real Mbed OS (same names and signatures).
#pragma once
#include <chrono>
#include <cstdint>
#include <cstdio>

#include "PinNames.h"
#include "drivers/AnalogIn.h"
#include "drivers/BufferedSerial.h"
#include "drivers/BusOut.h"
#include "drivers/DigitalIn.h"
#include "drivers/DigitalOut.h"
#include "drivers/I2C.h"
#include "drivers/InterruptIn.h"
#include "drivers/PwmOut.h"
#include "drivers/SPI.h"
#include "drivers/Ticker.h"
#include "drivers/Timeout.h"
#include "drivers/Timer.h"
#include "events/EventQueue.h"
#include "platform/Callback.h"
#include "platform/Stream.h"
#include "rtos/ThisThread.h"

namespace mbed {
// Busy-waits in real Mbed; here it lets simulated time pass (interrupts still fire).
void wait_us(int us);
void wait_ns(unsigned int ns);
}  // namespace mbed

using namespace mbed;
using namespace std::chrono_literals;
using namespace rtos;
