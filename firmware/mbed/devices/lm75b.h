// Register-level model of the NXP LM75B temperature sensor on I2C (7-bit address 0x48 with
// A2..A0 low, as on the mbed application shield).
//
// The specification is the LM75B datasheet's register table: a pointer register selects
// Temp (0x00, read only: 11-bit two's complement in bits 15..5, 0.125 C per step), Conf
// (0x01, one byte: SHUTDOWN, OS_COMP_INT, OS_POL, OS_F_QUE), Thyst (0x02) and Tos (0x03)
// (9-bit two's complement in bits 15..7, 0.5 C per step; 75 C and 80 C at power on).
// A write sets the pointer with its first byte and writes the rest to that register; a
// read returns the pointed register from its first byte (no auto-increment; a two-byte
// register read repeats after its second byte). In shutdown the Temp register keeps its
// last value.
#pragma once
#include "devices/bus.h"

namespace simdev {

class Lm75b : public I2cDevice {
 public:
  explicit Lm75b(uint8_t address = 0x48) : address_(address) { set_temperature(celsius_); }
  uint8_t address() const override { return address_; }

  void set_temperature(float celsius);
  float temperature() const { return celsius_; }
  uint8_t conf() const { return conf_; }
  uint16_t tos() const { return tos_; }
  uint16_t thyst() const { return thyst_; }

  bool begin(bool read, uint64_t now_us) override;
  bool write_byte(uint8_t byte, uint64_t now_us) override;
  uint8_t read_byte(uint64_t now_us) override;
  void end(uint64_t) override {}

 private:
  uint16_t reg16(int pointer) const;
  uint8_t address_;
  float celsius_ = 22.0f;
  uint16_t temp_ = 0;  // the Temp register
  uint8_t conf_ = 0;
  uint16_t thyst_ = 75 << 8, tos_ = 80 << 8;
  uint8_t pointer_ = 0;
  int index_ = 0;  // byte of the transfer (after the address)
  bool writing_ = false;
  uint16_t incoming_ = 0;
};

}  // namespace simdev
