#pragma once
#include <cstdint>

#include "PinNames.h"
#include "sim/sim.h"

namespace mbed {

/** An I2C master, as in Mbed OS 6. Addresses are 8-bit (the 7-bit address shifted left).
 *  The simulator's board profile places device models on the bus (on both boards the
 *  LM75B temperature sensor at 0x48 on I2C_SDA/I2C_SCL); transfers take the bus time at the
 *  set frequency (default 100 kHz).
 *  @code
 *  I2C i2c(I2C_SDA, I2C_SCL);
 *  char cmd[2] = {0x00};
 *  i2c.write(0x48 << 1, cmd, 1);
 *  i2c.read(0x48 << 1, cmd, 2);
 *  @endcode
 *  write/read return 0 on success (ACK), non-zero if the device did not acknowledge. */
class I2C {
 public:
  enum RxStatus { NoData, MasterGeneralCall, MasterWrite, MasterRead };
  enum Acknowledge { NoACK = 0, ACK = 1 };

  I2C(PinName sda, PinName scl) : sda_(sda), scl_(scl) {}
  void frequency(int hz) { hz_ = hz > 0 ? hz : 100000; }

  int read(int address, char* data, int length, bool repeated = false) {
    sim::hal_call();
    charge(length + 1);
    return sim::i2c_read(sda_, scl_, address, reinterpret_cast<uint8_t*>(data), length > 0 ? length : 0, !repeated) ? 1 : 0;
  }
  int write(int address, const char* data, int length, bool repeated = false) {
    sim::hal_call();
    charge(length + 1);
    return sim::i2c_write(sda_, scl_, address, reinterpret_cast<const uint8_t*>(data), length > 0 ? length : 0,
                          !repeated)
               ? 1
               : 0;
  }
  /** Read one byte (after start() and an address byte); ack=1 asks for more. */
  int read(int ack) {
    sim::hal_call();
    charge(1);
    return sim::i2c_bus_read_byte(sda_, scl_, ack != 0);
  }
  /** Write one byte: returns 1 on ACK, 0 on NACK (2 would be a timeout). */
  int write(int data) {
    sim::hal_call();
    charge(1);
    return sim::i2c_bus_write_byte(sda_, scl_, data & 0xFF);
  }
  void start() {
    sim::hal_call();
    sim::i2c_bus_start(sda_, scl_);
  }
  void stop() {
    sim::hal_call();
    sim::i2c_bus_stop(sda_, scl_);
  }
  virtual void lock() {}
  virtual void unlock() {}
  virtual ~I2C() = default;

 private:
  void charge(int bytes) { sim::busy_wait_ns(static_cast<uint64_t>(bytes) * 9u * 1000000000u / static_cast<uint64_t>(hz_)); }
  PinName sda_, scl_;
  int hz_ = 100000;
};

}  // namespace mbed
