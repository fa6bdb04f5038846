#include "MMA7660.h"

#include <cstdlib>

namespace {
// Registers (MMA7660FC datasheet, "Register Map").
constexpr char kXout = 0x00;
constexpr char kTilt = 0x03;
constexpr char kMode = 0x07;
constexpr char kSampleRate = 0x08;
constexpr char kAlert = 0x40;  // bit 6 of XOUT/YOUT/ZOUT/TILT: read during an update, read again

int sign_extend_6(char value) { return (value & 0x20) ? (value & 0x3F) - 64 : (value & 0x3F); }
}  // namespace

MMA7660::MMA7660(PinName sda, PinName scl, bool active) : _i2c(sda, scl), _active(false)
{
    setActive(active);
}

char MMA7660::read_register(char address)
{
    char value = 0;
    _i2c.write(MMA7660_ADDRESS, &address, 1, true);
    _i2c.read(MMA7660_ADDRESS, &value, 1);
    return value;
}

void MMA7660::write_register(char address, char value)
{
    const char data[2] = {address, value};
    _i2c.write(MMA7660_ADDRESS, data, 2);
}

bool MMA7660::testConnection(void)
{
    char address = kMode;
    return _i2c.write(MMA7660_ADDRESS, &address, 1) == 0;
}

void MMA7660::setActive(bool state)
{
    // MODE bit 0: 1 = active, 0 = standby. Other registers may only be written in standby.
    const char mode = read_register(kMode);
    write_register(kMode, state ? (mode | 0x01) : (mode & ~0x01));
    _active = state;
}

int MMA7660::read_axis(int axis)
{
    char value;
    do {
        value = read_register(static_cast<char>(kXout + axis));
    } while (value & kAlert);
    return sign_extend_6(value);
}

void MMA7660::readData(int *data)
{
    for (int axis = 0; axis < 3; ++axis) {
        data[axis] = read_axis(axis);
    }
}

void MMA7660::readData(float *data)
{
    int raw[3];
    readData(raw);
    for (int axis = 0; axis < 3; ++axis) {
        data[axis] = static_cast<float>(raw[axis]) / MMA7660_SENSITIVITY;
    }
}

float MMA7660::x(void) { return static_cast<float>(read_axis(0)) / MMA7660_SENSITIVITY; }
float MMA7660::y(void) { return static_cast<float>(read_axis(1)) / MMA7660_SENSITIVITY; }
float MMA7660::z(void) { return static_cast<float>(read_axis(2)) / MMA7660_SENSITIVITY; }

void MMA7660::setSampleRate(int samplerate)
{
    static const int kRates[8] = {120, 64, 32, 16, 8, 4, 2, 1};  // SR register AMSR codes 0..7
    int best = 0;
    for (int i = 1; i < 8; ++i) {
        if (std::abs(kRates[i] - samplerate) < std::abs(kRates[best] - samplerate)) {
            best = i;
        }
    }
    const bool was_active = _active;
    setActive(false);
    const char sr = read_register(kSampleRate);
    write_register(kSampleRate, static_cast<char>((sr & ~0x07) | best));
    setActive(was_active);
}

MMA7660::Orientation MMA7660::getSide(void)
{
    switch (read_register(kTilt) & 0x03) {  // BaFro
        case 0x01: return Front;
        case 0x02: return Back;
        default: return Unknown;
    }
}

MMA7660::Orientation MMA7660::getOrientation(void)
{
    switch ((read_register(kTilt) >> 2) & 0x07) {  // PoLa
        case 0x01: return Left;
        case 0x02: return Right;
        case 0x05: return Down;
        case 0x06: return Up;
        default: return Unknown;
    }
}
