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
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "sim/devices/i2c_model.h"

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

// ---- implementation (header-only, so unit tests need no simulator) ----
namespace simdev {

namespace detail_mma7660 {
inline uint8_t counts(float g) {
  long c = std::lround(g * Mma7660::kCountsPerG);
  if (c > 31) c = 31;
  if (c < -32) c = -32;
  return static_cast<uint8_t>(c & 0x3F);  // 6-bit two's complement, Alert (bit 6) clear
}
}  // namespace detail_mma7660
using namespace detail_mma7660;

inline Mma7660::Mma7660() {}  // all registers 0 at power on: standby, outputs 0

inline void Mma7660::set_acceleration(float x_g, float y_g, float z_g) {
  accel_[0] = x_g;
  accel_[1] = y_g;
  accel_[2] = z_g;
  if (active()) update_outputs();
}

inline void Mma7660::update_outputs() {
  for (int axis = 0; axis < 3; ++axis) regs_[axis] = counts(accel_[axis]);
  uint8_t bafro = 0;
  if (accel_[2] >= 0.35f) bafro = 0x01;
  if (accel_[2] <= -0.35f) bafro = 0x02;
  uint8_t pola = 0;
  const float ax = std::fabs(accel_[0]), ay = std::fabs(accel_[1]);
  if (ax >= ay && ax >= 0.4f) pola = accel_[0] < 0 ? 0x01 : 0x02;
  if (ay > ax && ay >= 0.4f) pola = accel_[1] < 0 ? 0x05 : 0x06;
  regs_[0x03] = static_cast<uint8_t>((pola << 2) | bafro);
  // SRST: AMSRS (bit 0) is set while in active mode.
  regs_[0x04] = 0x01;
}

inline bool Mma7660::begin(bool read, uint64_t) {
  first_byte_ = !read;
  return true;
}

inline bool Mma7660::write_byte(uint8_t byte, uint64_t) {
  if (first_byte_) {
    first_byte_ = false;
    pointer_ = byte < kRegisters ? byte : 0;
    return true;
  }
  const uint8_t reg = pointer_;
  if (reg == 0x07) {
    regs_[0x07] = byte;
    if (active()) {
      update_outputs();
    } else {
      regs_[0x04] = 0x00;
    }
  } else if (reg >= 0x05 && !active()) {
    regs_[reg] = byte;
  }  // 0x00-0x04 are read only; the others are ignored in active mode
  pointer_ = static_cast<uint8_t>((pointer_ + 1) % kRegisters);
  return true;
}

inline uint8_t Mma7660::read_byte(uint64_t) {
  const uint8_t value = regs_[pointer_];
  pointer_ = static_cast<uint8_t>((pointer_ + 1) % kRegisters);
  return value;
}

inline uint8_t Mma7660::reg(int address) const { return address >= 0 && address < kRegisters ? regs_[address] : 0; }

}  // namespace simdev
