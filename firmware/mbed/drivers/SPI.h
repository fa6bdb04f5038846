#pragma once
#include <cstdint>

#include "PinNames.h"

namespace simdev {
class SpiDevice;
}

namespace mbed {

/** An SPI master, as Mbed OS's mbed::SPI. In the simulator the bytes reach the device model
 * wired to the MOSI/SCK pins on the board (the shield's LCD: an ST7565R); what it answers
 * on MISO is returned (0xFF when nothing drives MISO).
 *
 * @code
 * SPI spi(D11, D12, D13);  // MOSI, MISO, SCK
 * DigitalOut cs(D10, 1);
 * spi.format(8, 3);
 * cs = 0;
 * int answer = spi.write(0x8F);
 * cs = 1;
 * @endcode
 */
class SPI {
 public:
  SPI(PinName mosi, PinName miso, PinName sclk, PinName ssel = NC);
  /** Bits per frame (4..16) and mode 0..3 (clock polarity and phase). */
  void format(int bits, int mode = 0);
  /** Bus clock in Hz. */
  void frequency(int hz = 1000000);
  /** Send one frame, return the frame received. */
  virtual int write(int value);
  /** Send tx_length bytes and receive rx_length bytes (the longer of the two is clocked; the
   * default write value pads tx). Returns the number of bytes transferred. */
  virtual int write(const char* tx_buffer, int tx_length, char* rx_buffer, int rx_length);
  void set_default_write_value(char data) { fill_ = data; }
  void lock() {}
  void unlock() {}
  virtual ~SPI() = default;

 private:
  uint8_t transfer(uint8_t value);
  PinName mosi_, miso_, sclk_, ssel_;
  int bits_ = 8, mode_ = 0, hz_ = 1000000;
  char fill_ = static_cast<char>(0xFF);
  simdev::SpiDevice* device_;
};

}  // namespace mbed
