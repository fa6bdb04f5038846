#include "Sht31.h"

#include <chrono>
#include <cmath>

namespace {

constexpr uint16_t kMeasureHighRepeatability = 0x2400;  // single shot, no clock stretching
constexpr uint16_t kSoftReset = 0x30A2;
constexpr uint16_t kHeaterOn = 0x306D;
constexpr uint16_t kHeaterOff = 0x3066;
constexpr uint16_t kReadStatus = 0xF32D;

// CRC-8 of the datasheet: polynomial 0x31 (x^8 + x^5 + x^4 + 1), initial value 0xFF.
uint8_t crc8(const char *data, int length)
{
    uint8_t crc = 0xFF;
    for (int i = 0; i < length; ++i) {
        crc ^= static_cast<uint8_t>(data[i]);
        for (int bit = 0; bit < 8; ++bit) {
            crc = static_cast<uint8_t>((crc & 0x80) ? (crc << 1) ^ 0x31 : crc << 1);
        }
    }
    return crc;
}

uint16_t word(const char *data) { return static_cast<uint16_t>((static_cast<uint8_t>(data[0]) << 8) | static_cast<uint8_t>(data[1])); }

}  // namespace

Sht31::Sht31(PinName sda, PinName scl, int address) : _i2c(sda, scl), _address(address << 1) {}

bool Sht31::command(uint16_t cmd)
{
    const char bytes[2] = {static_cast<char>(cmd >> 8), static_cast<char>(cmd & 0xFF)};
    return _i2c.write(_address, bytes, 2) == 0;
}

bool Sht31::measure(float *temperature, float *humidity)
{
    if (!command(kMeasureHighRepeatability)) {
        return false;
    }
    // High repeatability takes 15 ms at most; until then the sensor NACKs a read.
    rtos::ThisThread::sleep_for(std::chrono::milliseconds(20));
    char data[6];
    if (_i2c.read(_address, data, 6) != 0 || crc8(data, 2) != static_cast<uint8_t>(data[2]) ||
        crc8(data + 3, 2) != static_cast<uint8_t>(data[5])) {
        return false;
    }
    *temperature = -45.0f + 175.0f * static_cast<float>(word(data)) / 65535.0f;
    *humidity = 100.0f * static_cast<float>(word(data + 3)) / 65535.0f;
    return true;
}

float Sht31::readTemperature(void)
{
    float t, rh;
    return measure(&t, &rh) ? t : NAN;
}

float Sht31::readHumidity(void)
{
    float t, rh;
    return measure(&t, &rh) ? rh : NAN;
}

void Sht31::reset(void)
{
    command(kSoftReset);
    rtos::ThisThread::sleep_for(std::chrono::milliseconds(2));
}

void Sht31::heater(bool on) { command(on ? kHeaterOn : kHeaterOff); }

uint16_t Sht31::readStatus(void)
{
    char data[3];
    if (!command(kReadStatus) || _i2c.read(_address, data, 3) != 0 || crc8(data, 2) != static_cast<uint8_t>(data[2])) {
        return 0xFFFF;
    }
    return word(data);
}
