// The MMA7660FC on the simulator's I2C bus. Inputs: accel_x, accel_y, accel_z (g).
#include <string.h>

#include "sim/devices.h"
#include "sim/devices/mma7660.h"
#include "sim/sim.h"

namespace {

class Mma7660Device : public sim::Device {
 public:
  bool i2c_start(bool read) override { return model_.begin(read, sim_hal_now_us()); }
  bool i2c_write(uint8_t byte) override { return model_.write_byte(byte, sim_hal_now_us()); }
  uint8_t i2c_read() override { return model_.read_byte(sim_hal_now_us()); }
  void i2c_stop() override { model_.end(sim_hal_now_us()); }
  bool set_input(const char* name, float value) override {
    if (strncmp(name, "accel_", 6) != 0 || name[6] < 'x' || name[6] > 'z' || name[7]) return false;
    float g[3] = {model_.acceleration(0), model_.acceleration(1), model_.acceleration(2)};
    g[name[6] - 'x'] = value;
    model_.set_acceleration(g[0], g[1], g[2]);
    return true;
  }

 private:
  simdev::Mma7660 model_;
};

}  // namespace

SIM_DEVICE(mma7660, Mma7660Device)
