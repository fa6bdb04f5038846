// Device models: the chips on the simulated board, modelled at the bus level so that the
// unchanged Mbed drivers a real board runs (mbed::I2C, mbed::SPI, DigitalOut chip selects)
// talk to them. A model is one C++ file in firmware/mbed/sim/devices/ that derives from
// sim::Device and ends with SIM_DEVICE(model_name, ClassName); the board profile
// (simulator/build/boards.py) places it on a bus. See docs/DESIGN.md, "Adding a device".
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace sim {

class Device {
 public:
  virtual ~Device() = default;

  // I2C. A START (or repeated START) addressed to this device; `read` is the R/W bit.
  // Return false to NACK the address.
  virtual bool i2c_start(bool read) {
    (void)read;
    return true;
  }
  // A byte from the master; return true to ACK it.
  virtual bool i2c_write(uint8_t byte) {
    (void)byte;
    return false;
  }
  // The next byte to the master.
  virtual uint8_t i2c_read() { return 0xFF; }
  virtual void i2c_stop() {}

  // SPI. The chip select went active (true) or inactive; one frame of `bits` bits while
  // selected (full duplex: return what the device shifts out).
  virtual void spi_select(bool selected) { (void)selected; }
  virtual uint32_t spi_transfer(uint32_t mosi, int bits) {
    (void)mosi;
    (void)bits;
    return 0xFFFFFFFFu;
  }

  // A control pin the board wires to the device changed level (role: its index in the
  // board's pin list, e.g. an LCD's A0 or reset line).
  virtual void pin_changed(int role, int level) {
    (void)role;
    (void)level;
  }

  // Inputs a user can set from outside (`sim run --set temp=31.5`, Module.simSet on the
  // page). Return false if the name is not one of this device's inputs.
  virtual bool set_input(const char* name, float value) {
    (void)name;
    (void)value;
    return false;
  }
};

}  // namespace sim

// Defines the factory the board table (sim_board.h) refers to: sim_device_<model>().
#define SIM_DEVICE(model, Class) \
  sim::Device* sim_device_##model() { return new Class(); }
