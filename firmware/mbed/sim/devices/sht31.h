// Command-level model of the Sensirion SHT31 humidity and temperature sensor on I2C
// (7-bit address 0x44 with ADDR low, 0x45 with ADDR high).
//
// The specification is the SHT3x-DIS datasheet: 16-bit commands sent MSB first; a
// measurement answers 6 bytes (temperature MSB, LSB, CRC, humidity MSB, LSB, CRC) with
// CRC-8 (polynomial 0x31, initial 0xFF); T = -45 + 175 * S_T / 65535 degrees C and
// RH = 100 * S_RH / 65535 %.
//   single shot, clock stretching   0x2C06 / 0x2C0D / 0x2C10 (high / medium / low repeatability)
//   single shot, no stretching      0x2400 / 0x240B / 0x2416: a read before the measurement
//                                   is done (15 / 6 / 4 ms) is not acknowledged
//   periodic (0.5..10 per second)   0x2032 0x2024 0x202F, 0x2130 0x2126 0x212D, 0x2236 0x2220
//                                   0x222B, 0x2334 0x2322 0x2329, 0x2737 0x2721 0x272A;
//                                   0xE000 fetches the latest result (NACK if none yet);
//                                   0x2B32 (ART, 4 per second); 0x3093 stops
//   soft reset 0x30A2, heater on 0x306D / off 0x3066, status 0xF32D (+ CRC), clear 0x3041
// Status bits modelled: 13 heater on, 4 reset detected, 1 last command not processed.
// A result is read once: reading it again is not acknowledged until the next measurement.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "sim/devices/i2c_model.h"

namespace simdev {

class Sht31 : public I2cDevice {
 public:
  explicit Sht31(uint8_t address = 0x44);
  uint8_t address() const override { return address_; }

  // The conditions the sensor measures.
  void set_temperature(float celsius) { temperature_ = celsius; }
  void set_humidity(float percent) { humidity_ = percent; }
  float temperature() const { return temperature_; }
  float humidity() const { return humidity_; }

  // I2C at simulated time `now_us`: a write carries a 16-bit command (run at the stop
  // condition); a read's address is not acknowledged while no result is ready.
  bool begin(bool read, uint64_t now_us) override;
  bool write_byte(uint8_t byte, uint64_t now_us) override;
  uint8_t read_byte(uint64_t now_us) override;
  void end(uint64_t now_us) override;

  uint16_t status() const { return status_; }
  bool heater() const { return (status_ & 0x2000) != 0; }
  static uint8_t crc8(const uint8_t* data, size_t length);

 private:
  enum class Answer { kNone, kMeasurement, kStatus };
  void command(uint16_t cmd, uint64_t now_us);
  void load_measurement();

  uint8_t address_;
  float temperature_ = 25.0f, humidity_ = 45.0f;  // as the board profile says
  uint16_t status_ = 0x0010;  // reset detected after power on
  Answer answer_ = Answer::kNone;
  uint8_t out_[6] = {};
  uint8_t in_[2] = {};
  int in_count_ = 0, out_index_ = 0, out_length_ = 0;
  bool reading_ = false;
  uint64_t ready_at_us_ = 0;
  bool stretch_ = false;
  uint64_t period_us_ = 0;        // periodic mode period, 0 = single shot mode
  uint64_t next_sample_us_ = 0;
};

}  // namespace simdev

// ---- implementation (header-only, so unit tests need no simulator) ----
namespace simdev {

namespace detail_sht31 {
inline uint16_t ticks(double value) {
  if (value < 0) value = 0;
  if (value > 65535) value = 65535;
  return static_cast<uint16_t>(std::lround(value));
}
}  // namespace detail_sht31
using namespace detail_sht31;

inline Sht31::Sht31(uint8_t address) : address_(address) {}

inline uint8_t Sht31::crc8(const uint8_t* data, size_t length) {
  uint8_t crc = 0xFF;
  for (size_t i = 0; i < length; ++i) {
    crc ^= data[i];
    for (int bit = 0; bit < 8; ++bit) crc = static_cast<uint8_t>((crc & 0x80) ? (crc << 1) ^ 0x31 : crc << 1);
  }
  return crc;
}

inline void Sht31::load_measurement() {
  const uint16_t st = ticks((temperature_ + 45.0) * 65535.0 / 175.0);
  const uint16_t srh = ticks(humidity_ * 65535.0 / 100.0);
  out_[0] = static_cast<uint8_t>(st >> 8);
  out_[1] = static_cast<uint8_t>(st & 0xFF);
  out_[2] = crc8(out_, 2);
  out_[3] = static_cast<uint8_t>(srh >> 8);
  out_[4] = static_cast<uint8_t>(srh & 0xFF);
  out_[5] = crc8(out_ + 3, 2);
}

inline bool Sht31::begin(bool read, uint64_t now_us) {
  if (!reading_ && in_count_ >= 2) end(now_us);  // a repeated start ends the command write
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

inline bool Sht31::write_byte(uint8_t byte, uint64_t) {
  if (in_count_ < 2) in_[in_count_] = byte;
  ++in_count_;
  return true;
}

inline uint8_t Sht31::read_byte(uint64_t) { return out_index_ < out_length_ ? out_[out_index_++] : 0xFF; }

inline void Sht31::end(uint64_t now_us) {
  if (reading_) {
    answer_ = Answer::kNone;  // a result is read once
  } else if (in_count_ >= 2) {
    command(static_cast<uint16_t>((in_[0] << 8) | in_[1]), now_us);
  }
  reading_ = false;
  in_count_ = 0;
}

inline void Sht31::command(uint16_t cmd, uint64_t now_us) {
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
