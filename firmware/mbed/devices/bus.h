// The simulated board's buses: what an SPI or I2C transfer reaches, and the pins a device
// watches (chip select, register select, reset). Device models implement these interfaces
// at the level of the datasheet (bytes on the bus, pin levels), so a driver that works
// with a model works with the part.
#pragma once
#include <cstddef>
#include <cstdint>

namespace simdev {

// An SPI device: sees every byte clocked on its MOSI/SCK pins and answers on MISO.
class SpiDevice {
 public:
  virtual ~SpiDevice() = default;
  virtual uint8_t transfer(uint8_t mosi) = 0;  // returns the MISO byte (0xFF when it drives none)
  virtual void pin_changed(int pin, int level) = 0;  // a watched pin (CS, A0, reset...) was written
};

// An I2C device at a 7-bit address. A transfer: begin() after the address byte (return true
// to acknowledge it), then bytes, then end() at the stop condition or a repeated start.
class I2cDevice {
 public:
  virtual ~I2cDevice() = default;
  virtual uint8_t address() const = 0;
  virtual bool begin(bool read, uint64_t now_us) = 0;
  virtual bool write_byte(uint8_t byte, uint64_t now_us) = 0;  // true = ACK
  virtual uint8_t read_byte(uint64_t now_us) = 0;
  virtual void end(uint64_t now_us) = 0;

  // Whole transfers (tests, and the I2C driver's block calls): the number of bytes
  // acknowledged, or -1 when the address is not acknowledged.
  int write(const uint8_t* data, size_t length, uint64_t now_us = 0);
  int read(uint8_t* data, size_t length, uint64_t now_us = 0);
};

// The board's wiring: which devices sit on which pins. Filled by devices/shield.cpp.
struct SpiAttachment {
  int mosi, sck;
  SpiDevice* device;
  int watched[4];  // pins the device watches (-1: none)
};
struct I2cAttachment {
  int sda, scl;
  I2cDevice* device;
};

SpiDevice* spi_device(int mosi, int sck);
I2cDevice* i2c_device(int sda, int scl, uint8_t address7);
bool i2c_bus_exists(int sda, int scl);
// Called for every output pin write (DigitalOut, BusOut...).
void pin_written(int pin, int level);

}  // namespace simdev
