#include "drivers/I2C.h"

#include "devices/bus.h"
#include "platform/sim_core.h"

namespace mbed {

I2C::I2C(PinName sda, PinName scl) : sda_(sda), scl_(scl) {}

int I2C::write(int address, const char* data, int length, bool repeated) {
  finish();
  simdev::I2cDevice* dev = simdev::i2c_device(sda_, scl_, static_cast<uint8_t>((address >> 1) & 0x7F));
  if (!dev) return 1;  // no acknowledge
  const uint64_t now = sim::now_us();
  if (!dev->begin(false, now)) {
    dev->end(now);
    return 1;
  }
  bool ok = true;
  for (int i = 0; i < length && ok; ++i) ok = dev->write_byte(static_cast<uint8_t>(data[i]), now);
  if (repeated) {
    active_ = dev;  // the next transfer starts with a repeated start
  } else {
    dev->end(now);
  }
  return ok ? 0 : 1;
}

int I2C::read(int address, char* data, int length, bool repeated) {
  finish();
  simdev::I2cDevice* dev = simdev::i2c_device(sda_, scl_, static_cast<uint8_t>((address >> 1) & 0x7F));
  if (!dev) return 1;
  const uint64_t now = sim::now_us();
  if (!dev->begin(true, now)) {
    dev->end(now);
    return 1;
  }
  for (int i = 0; i < length; ++i) data[i] = static_cast<char>(dev->read_byte(now));
  if (repeated) {
    active_ = dev;
  } else {
    dev->end(now);
  }
  return 0;
}

void I2C::finish() {
  if (active_) active_->end(sim::now_us());
  active_ = nullptr;
}

void I2C::start() {
  finish();  // a repeated start ends the open transfer
  expect_address_ = true;
}

void I2C::stop() {
  finish();
  expect_address_ = false;
}

int I2C::write(int data) {
  const uint64_t now = sim::now_us();
  if (expect_address_) {
    expect_address_ = false;
    simdev::I2cDevice* dev = simdev::i2c_device(sda_, scl_, static_cast<uint8_t>((data >> 1) & 0x7F));
    if (!dev || !dev->begin((data & 1) != 0, now)) {
      if (dev) dev->end(now);
      return 0;
    }
    active_ = dev;
    return 1;
  }
  if (!active_) return 0;
  return active_->write_byte(static_cast<uint8_t>(data), now) ? 1 : 0;
}

int I2C::read(int ack) {
  (void)ack;
  return active_ ? active_->read_byte(sim::now_us()) : 0xFF;
}

}  // namespace mbed
