/** @file Sht31.h
 * Driver for the Sensirion SHT31 humidity and temperature sensor on I2C (address 0x44),
 * with the API the original Mbed Simulator's temperature demo uses:
 * readTemperature() and readHumidity().
 *
 * Each reading starts a single-shot, high-repeatability measurement (command 0x2400),
 * waits for it (15 ms at most) and checks the CRC of the answer. Portable: only mbed::I2C.
 *
 * @note Synchronization level: use one Sht31 object from one thread.
 *
 * Example:
 * @code
 * #include "mbed.h"
 * #include "Sht31.h"
 *
 * Sht31 sht31(I2C_SDA, I2C_SCL);
 *
 * int main() {
 *     printf("%.2f C, %.2f %%RH\n", sht31.readTemperature(), sht31.readHumidity());
 * }
 * @endcode
 */
#pragma once

#include <cstdint>

#include "mbed.h"

/** The SHT31's 7-bit I2C address with its ADDR pin low. */
#define SHT31_DEFAULT_ADDR 0x44

/** An SHT31 sensor on an I2C bus. */
class Sht31 {
public:
    /** Connect to the sensor.
     *
     * @param sda I2C data pin
     * @param scl I2C clock pin
     * @param address the 7-bit address (0x44, or 0x45 with ADDR high)
     *
     * @code
     * Sht31 sht31(I2C_SDA, I2C_SCL);
     * @endcode
     */
    Sht31(PinName sda, PinName scl, int address = SHT31_DEFAULT_ADDR);

    /** Measure and return the temperature in degrees Celsius, or NAN on a bus or CRC error.
     *
     * @code
     * float t = sht31.readTemperature();
     * @endcode
     */
    float readTemperature(void);

    /** Measure and return the relative humidity in percent, or NAN on a bus or CRC error.
     *
     * @code
     * float rh = sht31.readHumidity();
     * @endcode
     */
    float readHumidity(void);

    /** Soft reset (command 0x30A2). */
    void reset(void);

    /** Switch the built-in heater on or off (commands 0x306D / 0x3066). */
    void heater(bool on);

    /** Read the status register (command 0xF32D); 0xFFFF on error. */
    uint16_t readStatus(void);

private:
    bool command(uint16_t cmd);
    bool measure(float *temperature, float *humidity);

    mbed::I2C _i2c;
    int _address;  // 8-bit form
};
