#include "platform/mbed_sim_config.h"

const MbedSimConfig& mbed_sim_config() {
  static const MbedSimConfig defaults = {0, 9600, 1, 0, 1, 6, 0, 0, 1};
  return &mbed_sim_app_config ? mbed_sim_app_config : defaults;
}
