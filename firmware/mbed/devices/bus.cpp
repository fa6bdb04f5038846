#include "devices/bus.h"

namespace simdev {

int I2cDevice::write(const uint8_t* data, size_t length, uint64_t now_us) {
  if (!begin(false, now_us)) {
    end(now_us);
    return -1;
  }
  int acked = 0;
  for (size_t i = 0; i < length; ++i) {
    if (!write_byte(data[i], now_us)) break;
    ++acked;
  }
  end(now_us);
  return acked;
}

int I2cDevice::read(uint8_t* data, size_t length, uint64_t now_us) {
  if (!begin(true, now_us)) {
    end(now_us);
    return -1;
  }
  for (size_t i = 0; i < length; ++i) data[i] = read_byte(now_us);
  end(now_us);
  return static_cast<int>(length);
}

}  // namespace simdev
