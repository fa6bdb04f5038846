// Register-level model of the Freescale (NXP) MMA7660FC 3-axis accelerometer on I2C
// (7-bit address 0x4C), as on the mbed application shield.
//
// The specification is the MMA7660FC datasheet's register map:
//   0x00 XOUT, 0x01 YOUT, 0x02 ZOUT  6-bit two's complement, 21.33 counts per g (+-1.5 g);
//                                    bit 6 (Alert) is never set here
//   0x03 TILT   BaFro (bits 1:0: 01 front, 10 back), PoLa (bits 4:2: 001 left, 010 right,
//               101 down, 110 up), Tap (5), Alert (6), Shake (7)
//   0x04 SRST   sample rate status (read only)
//   0x05 SPCNT, 0x06 INTSU, 0x07 MODE, 0x08 SR, 0x09 PDET, 0x0A PD   read/write
// The register pointer advances after every byte read or written and wraps from 0x0A to
// 0x00. Registers other than MODE can only be written in standby mode (MODE bit 0 = 0);
// the outputs follow the acceleration only in active mode and hold in standby.
//
// TILT: BaFro is front when z >= +0.35 g, back when z <= -0.35 g. PoLa follows the axis with
// the larger magnitude once it reaches 0.4 g (about 25 degrees of tilt): -x left, +x right,
// -y down, +y up; unknown (000) when the board lies flat.
#pragma once
#include <cstddef>
#include <cstdint>

#include "devices/bus.h"

namespace simdev {

class Mma7660 : public I2cDevice {
 public:
  static constexpr uint8_t kAddress = 0x4C;
  static constexpr int kRegisters = 0x0B;
  static constexpr float kCountsPerG = 21.33f;

  Mma7660();

  // The acceleration (in g) that the part feels; the default is lying flat, face up.
  void set_acceleration(float x_g, float y_g, float z_g);
  float acceleration(int axis) const { return accel_[axis]; }

  // I2C: after the address, a write's first byte sets the register pointer and further
  // bytes are written; a read returns registers from the pointer.
  uint8_t address() const override { return kAddress; }
  bool begin(bool read, uint64_t now_us) override;
  bool write_byte(uint8_t byte, uint64_t now_us) override;
  uint8_t read_byte(uint64_t now_us) override;
  void end(uint64_t) override {}

  uint8_t reg(int address) const;  // a register as a read would return it, without side effects
  bool active() const { return (regs_[0x07] & 0x01) != 0; }

 private:
  void update_outputs();
  uint8_t regs_[kRegisters] = {};
  uint8_t pointer_ = 0;
  bool first_byte_ = false;
  float accel_[3] = {0.0f, 0.0f, 1.0f};
};

}  // namespace simdev
