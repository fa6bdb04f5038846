// The buses between the Mbed drivers and the device models: I2C transactions (START,
// address, bytes with ACK/NACK, STOP), SPI frames to the device whose chip select is active,
// and control pins. The board profile's table (sim_board.h) says which models sit where.
#include <string.h>

#include "sim/devices.h"
#include "sim/internal.h"
#include "sim/sim.h"
#include "sim_board.h"

namespace sim {
namespace {

constexpr int kMaxDevices = 8;
struct Placed {
  const SimBoardDevice* config;
  Device* device;
  bool selected;
};
Placed g_devices[kMaxDevices];
int g_count = 0;

// One I2C bus (per SDA/SCL pair) in the middle of a byte-level transaction.
struct Bus {
  int sda = -1, scl = -1;
  bool started = false;    // after START, before the address byte
  Device* target = nullptr;
  bool reading = false;
};
Bus g_buses[4];

Bus& bus_for(int sda, int scl) {
  for (auto& b : g_buses)
    if (b.sda == sda && b.scl == scl) return b;
  for (auto& b : g_buses) {
    if (b.sda < 0) {
      b.sda = sda;
      b.scl = scl;
      return b;
    }
  }
  return g_buses[0];
}

Device* i2c_device(int sda, int scl, int address7) {
  for (int i = 0; i < g_count; ++i) {
    const SimBoardDevice* c = g_devices[i].config;
    if (c->bus == 'i' && c->pins[0] == sda && c->pins[1] == scl && c->address == address7) return g_devices[i].device;
  }
  return nullptr;
}

}  // namespace

// ---- I2C, byte level (mbed::I2C::start/write(int)/read(int)/stop) ----------------------------------
void i2c_bus_start(int sda, int scl) {
  Bus& b = bus_for(sda, scl);
  b.started = true;  // a repeated START keeps the old target until the address byte
}

int i2c_bus_write_byte(int sda, int scl, int byte) {
  Bus& b = bus_for(sda, scl);
  if (b.started) {  // the address byte
    b.started = false;
    b.reading = byte & 1;
    b.target = i2c_device(sda, scl, (byte >> 1) & 0x7F);
    if (b.target && !b.target->i2c_start(b.reading)) b.target = nullptr;
    return b.target ? 1 : 0;
  }
  if (!b.target || b.reading) return 0;
  return b.target->i2c_write(static_cast<uint8_t>(byte)) ? 1 : 0;
}

int i2c_bus_read_byte(int sda, int scl, bool ack) {
  (void)ack;
  Bus& b = bus_for(sda, scl);
  if (!b.target || !b.reading) return 0xFF;  // nobody drives SDA: the pull-up reads 1s
  return b.target->i2c_read();
}

void i2c_bus_stop(int sda, int scl) {
  Bus& b = bus_for(sda, scl);
  if (b.target) b.target->i2c_stop();
  b.target = nullptr;
  b.started = false;
}

// ---- I2C, transactions (mbed::I2C::write/read with an address) ----------------------------------------
int i2c_write(int sda, int scl, int address8, const uint8_t* data, size_t length, bool stop) {
  i2c_bus_start(sda, scl);
  int result = i2c_bus_write_byte(sda, scl, address8 & ~1) ? 0 : -1;
  for (size_t i = 0; result == 0 && i < length; ++i)
    if (!i2c_bus_write_byte(sda, scl, data[i])) result = -1;
  if (stop || result != 0) i2c_bus_stop(sda, scl);
  return result;
}

int i2c_read(int sda, int scl, int address8, uint8_t* data, size_t length, bool stop) {
  i2c_bus_start(sda, scl);
  if (!i2c_bus_write_byte(sda, scl, address8 | 1)) {
    i2c_bus_stop(sda, scl);
    return -1;
  }
  for (size_t i = 0; i < length; ++i) data[i] = static_cast<uint8_t>(i2c_bus_read_byte(sda, scl, i + 1 < length));
  if (stop) i2c_bus_stop(sda, scl);
  return 0;
}

// ---- SPI -------------------------------------------------------------------------------------------------------
int spi_transfer(int mosi, int sclk, int value, int bits) {
  for (int i = 0; i < g_count; ++i) {
    const SimBoardDevice* c = g_devices[i].config;
    if (c->bus == 's' && c->pins[0] == mosi && c->pins[2] == sclk && g_devices[i].selected)
      return static_cast<int>(g_devices[i].device->spi_transfer(static_cast<uint32_t>(value), bits) &
                              ((bits >= 32 ? 0u : (1u << bits)) - 1u));
  }
  return bits >= 32 ? -1 : static_cast<int>((1u << bits) - 1u);  // MISO idles high
}

namespace internal {

void devices_init() {
  for (const auto& c : kSimBoardDevices) {
    if (!c.model || g_count >= kMaxDevices) continue;
    g_devices[g_count++] = Placed{&c, c.create(), false};
  }
}

void devices_pin_changed(int pin, int level) {
  for (int i = 0; i < g_count; ++i) {
    const SimBoardDevice* c = g_devices[i].config;
    if (c->bus != 's') continue;
    for (int role = 3; role < 6; ++role) {
      if (c->pins[role] != pin) continue;
      if (role == 3) {
        const bool selected = level == 0;  // chip selects are active low
        if (selected != g_devices[i].selected) {
          g_devices[i].selected = selected;
          g_devices[i].device->spi_select(selected);
        }
      } else {
        g_devices[i].device->pin_changed(role, level);
      }
    }
  }
}

int device_set(const char* device, const char* input, float value) {
  for (int i = 0; i < g_count; ++i) {
    if (device && *device && strcmp(device, g_devices[i].config->name) != 0) continue;
    if (g_devices[i].device->set_input(input, value)) return 0;
  }
  return -1;
}

}  // namespace internal
}  // namespace sim
