/** @file LM75B.h
 * Driver for the NXP LM75B digital temperature sensor of the mbed application shield
 * (I2C address 0x48, i.e. 0x90 in Mbed's 8-bit form).
 *
 * The API is the one of the classic LM75B library (os.mbed.com/users/chris/code/LM75B):
 * read() or a conversion to float gives degrees Celsius. Portable: only mbed::I2C, so the
 * same file runs on a board and in utensor-sim, where an LM75B register model answers.
 *
 * @note Synchronization level: the underlying mbed::I2C is thread safe; one LM75B object
 * should be used from one thread.
 *
 * Example:
 * @code
 * #include "mbed.h"
 * #include "LM75B.h"
 *
 * LM75B sensor(I2C_SDA, I2C_SCL);  // D14/D15 on a K64F, p28/p27 on the LPC1768 board
 *
 * int main() {
 *     while (true) {
 *         printf("%.3f C\n", sensor.read());
 *         ThisThread::sleep_for(1s);
 *     }
 * }
 * @endcode
 */
#pragma once

#include "mbed.h"

/** The LM75B's 8-bit I2C address (A2..A0 low, as on the shield). */
#define LM75B_ADDR 0x90
/** Register pointer values (LM75B datasheet, table "Register table"). */
#define LM75B_Temp 0x00
#define LM75B_Conf 0x01

/** An LM75B temperature sensor on an I2C bus. */
class LM75B {
public:
    /** Connect to the sensor and put it in normal (continuous conversion) mode.
     *
     * @param sda I2C data pin
     * @param scl I2C clock pin
     *
     * @code
     * LM75B sensor(D14, D15);
     * @endcode
     */
    LM75B(PinName sda, PinName scl);

    /** Read the temperature, in degrees Celsius (resolution 0.125 C, -55..125 C).
     *
     * @returns the temperature, or NAN if the sensor did not answer
     *
     * @code
     * float t = sensor.read();
     * @endcode
     */
    float read();

    /** The temperature, as read().
     *
     * @code
     * printf("%.1f\n", (float) sensor);
     * @endcode
     */
    operator float();

    /** Whether the sensor acknowledged its address at start-up. */
    bool is_connected() const { return _connected; }

private:
    mbed::I2C _i2c;
    bool _connected;
};
