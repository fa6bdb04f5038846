#include "devices/sht31.h"

#include <cmath>

namespace simdev {

namespace {
uint16_t ticks(double value) {
  if (value < 0) value = 0;
  if (value > 65535) value = 65535;
  return static_cast<uint16_t>(std::lround(value));
}
}  // namespace

Sht31::Sht31(uint8_t address) : address_(address) {}

uint8_t Sht31::crc8(const uint8_t* data, size_t length) {
  uint8_t crc = 0xFF;
  for (size_t i = 0; i < length; ++i) {
    crc ^= data[i];
    for (int bit = 0; bit < 8; ++bit) crc = static_cast<uint8_t>((crc & 0x80) ? (crc << 1) ^ 0x31 : crc << 1);
  }
  return crc;
}

void Sht31::load_measurement() {
  const uint16_t st = ticks((temperature_ + 45.0) * 65535.0 / 175.0);
  const uint16_t srh = ticks(humidity_ * 65535.0 / 100.0);
  out_[0] = static_cast<uint8_t>(st >> 8);
  out_[1] = static_cast<uint8_t>(st & 0xFF);
  out_[2] = crc8(out_, 2);
  out_[3] = static_cast<uint8_t>(srh >> 8);
  out_[4] = static_cast<uint8_t>(srh & 0xFF);
  out_[5] = crc8(out_ + 3, 2);
}

bool Sht31::begin(bool read, uint64_t now_us) {
  reading_ = read;
  in_count_ = 0;
  if (!read) return true;
  out_index_ = 0;
  if (answer_ == Answer::kStatus) {
    out_[0] = static_cast<uint8_t>(status_ >> 8);
    out_[1] = static_cast<uint8_t>(status_ & 0xFF);
    out_[2] = crc8(out_, 2);
    out_length_ = 3;
    return true;
  }
  if (answer_ != Answer::kMeasurement || (!stretch_ && now_us < ready_at_us_)) {
    reading_ = false;  // not acknowledged: nothing is read, the result stays pending
    return false;
  }
  load_measurement();  // with clock stretching the bus waits for the result
  out_length_ = 6;
  return true;
}

bool Sht31::write_byte(uint8_t byte, uint64_t) {
  if (in_count_ < 2) in_[in_count_] = byte;
  ++in_count_;
  return true;
}

uint8_t Sht31::read_byte(uint64_t) { return out_index_ < out_length_ ? out_[out_index_++] : 0xFF; }

void Sht31::end(uint64_t now_us) {
  if (reading_) {
    answer_ = Answer::kNone;  // a result is read once
  } else if (in_count_ >= 2) {
    command(static_cast<uint16_t>((in_[0] << 8) | in_[1]), now_us);
  }
  reading_ = false;
  in_count_ = 0;
}

void Sht31::command(uint16_t cmd, uint64_t now_us) {
  status_ &= static_cast<uint16_t>(~0x0002);
  uint64_t duration_us = 0;
  switch (cmd) {
    case 0x2C06: case 0x2400: duration_us = 15000; break;
    case 0x2C0D: case 0x240B: duration_us = 6000; break;
    case 0x2C10: case 0x2416: duration_us = 4000; break;
    default: break;
  }
  if (duration_us) {
    if (period_us_) {  // the datasheet: stop periodic mode (break) before a single shot
      status_ |= 0x0002;
      return;
    }
    stretch_ = (cmd & 0xFF00) == 0x2C00;
    ready_at_us_ = now_us + duration_us;
    answer_ = Answer::kMeasurement;
    return;
  }
  switch (cmd) {
    case 0x2032: case 0x2024: case 0x202F: period_us_ = 2000000; break;
    case 0x2130: case 0x2126: case 0x212D: period_us_ = 1000000; break;
    case 0x2236: case 0x2220: case 0x222B: period_us_ = 500000; break;
    case 0x2334: case 0x2322: case 0x2329: period_us_ = 250000; break;
    case 0x2737: case 0x2721: case 0x272A: period_us_ = 100000; break;
    case 0x2B32: period_us_ = 250000; break;
    case 0xE000:
      if (period_us_ && now_us >= next_sample_us_) {
        answer_ = Answer::kMeasurement;
        ready_at_us_ = now_us;
        stretch_ = false;
        while (next_sample_us_ <= now_us) next_sample_us_ += period_us_;
      } else {
        answer_ = Answer::kNone;
      }
      return;
    case 0x3093: period_us_ = 0; answer_ = Answer::kNone; return;
    case 0x30A2: period_us_ = 0; answer_ = Answer::kNone; status_ = 0x0010; return;
    case 0x306D: status_ |= 0x2000; return;
    case 0x3066: status_ &= static_cast<uint16_t>(~0x2000); return;
    case 0xF32D: answer_ = Answer::kStatus; return;
    case 0x3041: status_ &= static_cast<uint16_t>(~0x0013); return;
    default: status_ |= 0x0002; return;  // not a command: "last command not processed"
  }
  // Periodic mode started: the first result is ready one period later.
  next_sample_us_ = now_us + period_us_;
  answer_ = Answer::kNone;
}

}  // namespace simdev
