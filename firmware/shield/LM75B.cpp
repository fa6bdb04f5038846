#include "LM75B.h"

#include <cmath>
#include <cstdint>

LM75B::LM75B(PinName sda, PinName scl) : _i2c(sda, scl), _connected(false)
{
    const char normal_mode[2] = {LM75B_Conf, 0x00};  // SHUTDOWN = 0, comparator mode, OS active low
    _connected = _i2c.write(LM75B_ADDR, normal_mode, 2) == 0;
}

float LM75B::read()
{
    const char pointer = LM75B_Temp;
    char data[2];
    if (_i2c.write(LM75B_ADDR, &pointer, 1, true) != 0 || _i2c.read(LM75B_ADDR, data, 2) != 0) {
        return NAN;
    }
    // Temp register: an 11-bit two's complement value in bits 15..5, 0.125 C per step.
    const int16_t raw = static_cast<int16_t>((static_cast<uint8_t>(data[0]) << 8) | static_cast<uint8_t>(data[1]));
    return static_cast<float>(raw >> 5) * 0.125f;
}

LM75B::operator float() { return read(); }
