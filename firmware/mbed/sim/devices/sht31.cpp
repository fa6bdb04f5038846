// The SHT31 on the simulator's I2C bus. Inputs: temp (degrees C), humidity (%RH).
#include <string.h>

#include "sim/devices.h"
#include "sim/devices/sht31.h"
#include "sim/sim.h"

namespace {

class Sht31Device : public sim::Device {
 public:
  bool i2c_start(bool read) override { return model_.begin(read, sim_hal_now_us()); }
  bool i2c_write(uint8_t byte) override { return model_.write_byte(byte, sim_hal_now_us()); }
  uint8_t i2c_read() override { return model_.read_byte(sim_hal_now_us()); }
  void i2c_stop() override { model_.end(sim_hal_now_us()); }
  bool set_input(const char* name, float value) override {
    if (strcmp(name, "temp") == 0) {
      model_.set_temperature(value);
    } else if (strcmp(name, "humidity") == 0) {
      model_.set_humidity(value);
    } else {
      return false;
    }
    return true;
  }

 private:
  simdev::Sht31 model_;
};

}  // namespace

SIM_DEVICE(sht31, Sht31Device)
