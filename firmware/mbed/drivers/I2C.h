#pragma once
#include <cstdint>

#include "PinNames.h"

namespace simdev {
class I2cDevice;
}

namespace mbed {

/** An I2C master, as Mbed OS's mbed::I2C. Addresses are 8-bit (the 7-bit address shifted
 * left; bit 0 is ignored). In the simulator the transfers reach the device models on the
 * board's bus at those pins (the shield: LM75B at 0x90, MMA7660 at 0x98, SHT31 at 0x88).
 *
 * @code
 * I2C i2c(I2C_SDA, I2C_SCL);
 * char cmd[2] = {0x00, 0};
 * i2c.write(0x90, cmd, 1);      // LM75B: point at Temp
 * i2c.read(0x90, cmd, 2);       // two bytes, 0 = acknowledged
 * @endcode
 */
class I2C {
 public:
  enum RxStatus { NoData, MasterGeneralCall, MasterWrite, MasterRead };
  enum Acknowledge { NoACK = 0, ACK = 1 };

  I2C(PinName sda, PinName scl);
  void frequency(int hz) { hz_ = hz; }
  /** Read length bytes from the device at address; 0 on success (acknowledged), else 1. */
  int read(int address, char* data, int length, bool repeated = false);
  /** Read one byte in a transfer opened with start() and an address write; ack: 1 to
   * acknowledge it (more bytes follow), 0 for the last. */
  int read(int ack);
  /** Write length bytes to the device at address; 0 on success, else 1. */
  int write(int address, const char* data, int length, bool repeated = false);
  /** Write one byte after start(): the first is the address. Returns 1 if acknowledged, 0 if not. */
  int write(int data);
  void start();
  void stop();
  void lock() {}
  void unlock() {}

 private:
  void finish();
  PinName sda_, scl_;
  int hz_ = 100000;
  simdev::I2cDevice* active_ = nullptr;  // the device of the open transfer
  bool expect_address_ = false;
};

}  // namespace mbed
