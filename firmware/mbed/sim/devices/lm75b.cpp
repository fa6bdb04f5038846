// NXP LM75B digital temperature sensor (I2C, address 0x48 on the mbed application board and
// shield). Register map from the LM75B datasheet (Rev. 6.1), section 7.4:
//   pointer 0x00  Temp   read-only, 2 bytes: 11-bit two's complement in D15..D5, 0.125 degC/LSB
//           0x01  Conf   1 byte: bit 0 SHUTDOWN (the temperature register then keeps its value),
//                        bit 1 OS comparator/interrupt, bit 2 OS polarity, bits 3-4 fault queue
//           0x02  Thyst  2 bytes, 9-bit in D15..D7, 0.5 degC/LSB, power-on 75 degC
//           0x03  Tos    2 bytes, same format, power-on 80 degC
// A write sets the pointer with its first byte; further bytes go to the pointed register. A
// read returns the pointed register's bytes, MSB first, repeating for longer reads.
// Input: "temp" (degC), the temperature the sensor measures.
#include <string.h>

#include "sim/devices.h"

namespace {

class Lm75b : public sim::Device {
 public:
  bool i2c_start(bool read) override {
    reading_ = read;
    index_ = 0;
    if (read && pointer_ == 0 && !(conf_ & 1)) temp_reg_ = temperature_register();
    return true;
  }

  bool i2c_write(uint8_t byte) override {
    if (index_ == 0) {
      pointer_ = byte & 3;
    } else if (pointer_ == 1) {
      if (index_ == 1) conf_ = byte & 0x1F;
    } else if (pointer_ >= 2) {
      uint16_t& reg = pointer_ == 2 ? thyst_ : tos_;
      if (index_ == 1)
        reg = static_cast<uint16_t>((reg & 0x00FF) | (byte << 8));
      else if (index_ == 2)
        reg = static_cast<uint16_t>((reg & 0xFF00) | (byte & 0x80));
    }
    ++index_;
    return true;  // the LM75B acknowledges every byte
  }

  uint8_t i2c_read() override {
    const int i = index_++;
    switch (pointer_) {
      case 0:
        return static_cast<uint8_t>(i % 2 == 0 ? temp_reg_ >> 8 : temp_reg_ & 0xFF);
      case 1:
        return conf_;
      case 2:
        return static_cast<uint8_t>(i % 2 == 0 ? thyst_ >> 8 : thyst_ & 0xFF);
      default:
        return static_cast<uint8_t>(i % 2 == 0 ? tos_ >> 8 : tos_ & 0xFF);
    }
  }

  bool set_input(const char* name, float value) override {
    if (strcmp(name, "temp") != 0) return false;
    celsius_ = value;
    return true;
  }

 private:
  uint16_t temperature_register() const {
    float t = celsius_ < -55.0f ? -55.0f : celsius_ > 125.0f ? 125.0f : celsius_;
    const int eighths = static_cast<int>(t * 8.0f + (t >= 0 ? 0.5f : -0.5f));
    return static_cast<uint16_t>(static_cast<uint16_t>(eighths) << 5);
  }

  float celsius_ = 25.0f;
  uint8_t pointer_ = 0;
  uint8_t conf_ = 0;
  uint16_t thyst_ = 75 << 8;
  uint16_t tos_ = 80 << 8;
  uint16_t temp_reg_ = 25 * 8 << 5;
  bool reading_ = false;
  int index_ = 0;
};

}  // namespace

SIM_DEVICE(lm75b, Lm75b)
