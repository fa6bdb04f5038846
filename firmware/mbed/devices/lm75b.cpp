#include "devices/lm75b.h"

#include <cmath>

namespace simdev {

void Lm75b::set_temperature(float celsius) {
  celsius_ = celsius;
  if (conf_ & 0x01) return;  // shutdown: no conversions
  long steps = std::lround(celsius * 8.0);  // 0.125 C
  if (steps > 1023) steps = 1023;
  if (steps < -1024) steps = -1024;
  temp_ = static_cast<uint16_t>(static_cast<uint16_t>(steps) << 5);
}

uint16_t Lm75b::reg16(int pointer) const {
  switch (pointer) {
    case 0: return temp_;
    case 2: return thyst_;
    case 3: return tos_;
    default: return static_cast<uint16_t>(conf_ << 8);
  }
}

bool Lm75b::begin(bool read, uint64_t) {
  writing_ = !read;
  index_ = 0;
  return true;
}

bool Lm75b::write_byte(uint8_t byte, uint64_t) {
  if (index_ == 0) {
    pointer_ = byte & 0x03;
  } else if (pointer_ == 1) {
    const bool was_shutdown = conf_ & 0x01;
    conf_ = byte & 0x1F;
    if (was_shutdown && !(conf_ & 0x01)) set_temperature(celsius_);
  } else if (pointer_ >= 2) {
    uint16_t& reg = pointer_ == 2 ? thyst_ : tos_;
    if (index_ == 1) incoming_ = static_cast<uint16_t>(byte << 8);
    else if (index_ == 2) reg = static_cast<uint16_t>((incoming_ | byte) & 0xFF80);
  }
  ++index_;
  return true;
}

uint8_t Lm75b::read_byte(uint64_t) {
  const uint16_t value = reg16(pointer_);
  uint8_t out;
  if (pointer_ == 1) out = conf_;
  else out = (index_ % 2 == 0) ? static_cast<uint8_t>(value >> 8) : static_cast<uint8_t>(value & 0xFF);
  ++index_;
  return out;
}

}  // namespace simdev
