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
#include <cstddef>
#include <cstdint>

#include "devices/bus.h"

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
  float temperature_ = 22.0f, humidity_ = 45.0f;
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
