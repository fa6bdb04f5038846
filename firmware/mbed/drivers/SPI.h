#pragma once
#include <cstdint>

#include "PinNames.h"
#include "sim/sim.h"

namespace mbed {

struct use_gpio_ssel_t {};
constexpr use_gpio_ssel_t use_gpio_ssel{};

/** An SPI master, as in Mbed OS 6. With an `ssel` pin the driver drives chip select around
 *  each transfer; without one, the program drives a DigitalOut. The device whose chip select
 *  is low answers (the board profile places device models); with none, MISO reads all 1s.
 *  @code
 *  SPI spi(D11, D12, D13);
 *  DigitalOut cs(D0);
 *  spi.format(8, 3); spi.frequency(1000000);
 *  cs = 0; int whoami = spi.write(0x8F); cs = 1;
 *  @endcode */
class SPI {
 public:
  SPI(PinName mosi, PinName miso, PinName sclk, PinName ssel = NC)
      : mosi_(mosi), sclk_(sclk), ssel_(ssel) {
    (void)miso;  // the device model answers on the bus; MISO needs no state here
    if (ssel_ != NC) sim::pin_output(ssel_, 1, true);
  }
  SPI(PinName mosi, PinName miso, PinName sclk, PinName ssel, use_gpio_ssel_t) : SPI(mosi, miso, sclk, ssel) {}
  virtual ~SPI() = default;

  void format(int bits, int mode = 0) {
    bits_ = bits >= 4 && bits <= 32 ? bits : 8;
    mode_ = mode & 3;
  }
  void frequency(int hz = 1000000) { hz_ = hz > 0 ? hz : 1000000; }
  /** One frame out, one frame in. */
  virtual int write(int value) {
    select();
    const int r = transfer(value);
    deselect();
    return r;
  }
  /** tx_length frames out (then the default write value while rx_length is longer); returns
   *  the larger length. */
  virtual int write(const char* tx_buffer, int tx_length, char* rx_buffer, int rx_length) {
    const int n = tx_length > rx_length ? tx_length : rx_length;
    select();
    for (int i = 0; i < n; ++i) {
      const int out = i < tx_length && tx_buffer ? static_cast<unsigned char>(tx_buffer[i]) : fill_;
      const int in = transfer(out);
      if (i < rx_length && rx_buffer) rx_buffer[i] = static_cast<char>(in);
    }
    deselect();
    return n;
  }
  virtual void lock() {}
  virtual void unlock() {}
  void select() {
    if (ssel_ != NC && select_depth_++ == 0) sim::pin_output(ssel_, 0, false);
  }
  void deselect() {
    if (ssel_ != NC && select_depth_ > 0 && --select_depth_ == 0) sim::pin_output(ssel_, 1, false);
  }
  void set_default_write_value(char data) { fill_ = static_cast<unsigned char>(data); }

 private:
  int transfer(int value) {
    sim::hal_call();
    sim::busy_wait_ns(static_cast<uint64_t>(bits_) * 1000000000u / static_cast<uint64_t>(hz_));
    return sim::spi_transfer(mosi_, sclk_, value, bits_);
  }
  PinName mosi_, sclk_, ssel_;
  int bits_ = 8, mode_ = 0, hz_ = 1000000;
  int fill_ = 0xFF;
  int select_depth_ = 0;
};

}  // namespace mbed
