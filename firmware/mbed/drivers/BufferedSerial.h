#pragma once
#include <cstddef>
#include <sys/types.h>

#include "PinNames.h"
#include "hal/sim_hal.h"

#ifndef MBED_CONF_PLATFORM_DEFAULT_SERIAL_BAUD_RATE
#define MBED_CONF_PLATFORM_DEFAULT_SERIAL_BAUD_RATE 9600
#endif

namespace mbed {

// Serial port to the simulator's console (the same stream as printf).
class BufferedSerial {
 public:
  BufferedSerial(PinName tx, PinName rx, int baud = MBED_CONF_PLATFORM_DEFAULT_SERIAL_BAUD_RATE) : baud_(baud) {
    (void)tx;
    (void)rx;
  }
  ssize_t write(const void* buffer, size_t length) {
    sim_hal_serial_write(static_cast<const char*>(buffer), length);
    return static_cast<ssize_t>(length);
  }
  ssize_t read(void* buffer, size_t length) {
    (void)buffer;
    (void)length;
    return -11;  // -EAGAIN: the simulated console has no input yet
  }
  bool readable() const { return false; }
  bool writable() const { return true; }
  void set_baud(int baud) { baud_ = baud; }
  void set_blocking(bool blocking) { (void)blocking; }

 private:
  int baud_;
};

}  // namespace mbed
