// The byte-level I2C interface the register models implement (MMA7660, SHT31), with
// whole-transfer helpers for tests. The simulator's bus (sim/devices.h) drives it through
// a small adapter in each model's .cpp.
#pragma once
#include <cstddef>
#include <cstdint>

namespace simdev {

// An I2C device at a 7-bit address. A transfer: begin() after the address byte (return true
// to acknowledge it), then bytes, then end() at the stop condition or a repeated start.
class I2cDevice {
 public:
  virtual ~I2cDevice() = default;
  virtual uint8_t address() const = 0;
  virtual bool begin(bool read, uint64_t now_us) = 0;
  virtual bool write_byte(uint8_t byte, uint64_t now_us) = 0;  // true = ACK
  virtual uint8_t read_byte(uint64_t now_us) = 0;
  virtual void end(uint64_t now_us) = 0;

  // Whole transfers: the number of bytes acknowledged, or -1 when the address is not.
  int write(const uint8_t* data, size_t length, uint64_t now_us = 0) {
    if (!begin(false, now_us)) {
      end(now_us);
      return -1;
    }
    int acked = 0;
    for (size_t i = 0; i < length && write_byte(data[i], now_us); ++i) ++acked;
    end(now_us);
    return acked;
  }
  int read(uint8_t* data, size_t length, uint64_t now_us = 0) {
    if (!begin(true, now_us)) {
      end(now_us);
      return -1;
    }
    for (size_t i = 0; i < length; ++i) data[i] = read_byte(now_us);
    end(now_us);
    return static_cast<int>(length);
  }
};

}  // namespace simdev
