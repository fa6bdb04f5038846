#include "drivers/SPI.h"

#include "devices/bus.h"
#include "platform/sim_core.h"

namespace mbed {

SPI::SPI(PinName mosi, PinName miso, PinName sclk, PinName ssel)
    : mosi_(mosi), miso_(miso), sclk_(sclk), ssel_(ssel), device_(simdev::spi_device(mosi, sclk)) {
  if (ssel_ != NC) sim::set_output(ssel_, 1);
}

void SPI::format(int bits, int mode) {
  bits_ = bits;
  mode_ = mode;
}

void SPI::frequency(int hz) { hz_ = hz; }

uint8_t SPI::transfer(uint8_t value) { return device_ ? device_->transfer(value) : 0xFF; }

int SPI::write(int value) {
  if (ssel_ != NC) sim::set_output(ssel_, 0);
  const int answer = transfer(static_cast<uint8_t>(value));
  if (ssel_ != NC) sim::set_output(ssel_, 1);
  return answer;
}

int SPI::write(const char* tx_buffer, int tx_length, char* rx_buffer, int rx_length) {
  const int total = tx_length > rx_length ? tx_length : rx_length;
  if (ssel_ != NC) sim::set_output(ssel_, 0);
  for (int i = 0; i < total; ++i) {
    const uint8_t out = static_cast<uint8_t>(i < tx_length && tx_buffer ? tx_buffer[i] : fill_);
    const uint8_t in = transfer(out);
    if (rx_buffer && i < rx_length) rx_buffer[i] = static_cast<char>(in);
  }
  if (ssel_ != NC) sim::set_output(ssel_, 1);
  return total;
}

}  // namespace mbed
