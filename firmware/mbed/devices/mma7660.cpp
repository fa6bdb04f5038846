#include "devices/mma7660.h"

#include <cmath>

namespace simdev {

namespace {
uint8_t counts(float g) {
  long c = std::lround(g * Mma7660::kCountsPerG);
  if (c > 31) c = 31;
  if (c < -32) c = -32;
  return static_cast<uint8_t>(c & 0x3F);  // 6-bit two's complement, Alert (bit 6) clear
}
}  // namespace

Mma7660::Mma7660() {}  // all registers 0 at power on: standby, outputs 0

void Mma7660::set_acceleration(float x_g, float y_g, float z_g) {
  accel_[0] = x_g;
  accel_[1] = y_g;
  accel_[2] = z_g;
  if (active()) update_outputs();
}

void Mma7660::update_outputs() {
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

bool Mma7660::begin(bool read, uint64_t) {
  first_byte_ = !read;
  return true;
}

bool Mma7660::write_byte(uint8_t byte, uint64_t) {
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

uint8_t Mma7660::read_byte(uint64_t) {
  const uint8_t value = regs_[pointer_];
  pointer_ = static_cast<uint8_t>((pointer_ + 1) % kRegisters);
  return value;
}

uint8_t Mma7660::reg(int address) const { return address >= 0 && address < kRegisters ? regs_[address] : 0; }

}  // namespace simdev
