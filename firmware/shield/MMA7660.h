/** @file MMA7660.h
 * Driver for the Freescale (NXP) MMA7660FC 3-axis accelerometer of the mbed application
 * shield (I2C address 0x4C, i.e. 0x98 in Mbed's 8-bit form): +-1.5 g, 6 bits per axis.
 *
 * The API is the one of the classic MMA7660 library (os.mbed.com/users/Sissors/code/MMA7660):
 * x(), y(), z() in g, readData(), getSide(), getOrientation(). Portable: only mbed::I2C.
 *
 * @note Synchronization level: use one MMA7660 object from one thread.
 *
 * Example:
 * @code
 * #include "mbed.h"
 * #include "MMA7660.h"
 *
 * MMA7660 accel(I2C_SDA, I2C_SCL);
 *
 * int main() {
 *     while (true) {
 *         printf("x %.2f y %.2f z %.2f\n", accel.x(), accel.y(), accel.z());
 *         ThisThread::sleep_for(200ms);
 *     }
 * }
 * @endcode
 */
#pragma once

#include "mbed.h"

/** The MMA7660FC's 8-bit I2C address. */
#define MMA7660_ADDRESS 0x98
/** Counts per g at +-1.5 g (datasheet: 21.33 counts/g). */
#define MMA7660_SENSITIVITY 21.33f

/** An MMA7660FC accelerometer on an I2C bus. */
class MMA7660 {
public:
    /** Orientation as the TILT register reports it. */
    enum Orientation { Up, Down, Right, Left, Back, Front, Unknown };

    /** Connect to the accelerometer.
     *
     * @param sda I2C data pin
     * @param scl I2C clock pin
     * @param active true (default) to start measuring at once
     *
     * @code
     * MMA7660 accel(D14, D15);
     * @endcode
     */
    MMA7660(PinName sda, PinName scl, bool active = true);

    /** Whether the accelerometer answers on the bus.
     *
     * @code
     * if (!accel.testConnection()) printf("no accelerometer\n");
     * @endcode
     */
    bool testConnection(void);

    /** Switch between active (measuring) and standby mode.
     *
     * @code
     * accel.setActive(false);  // save power
     * @endcode
     */
    void setActive(bool state);

    /** Read the three axes as raw counts (-32..31, 21.33 counts per g).
     *
     * @param data an array of 3 ints: x, y, z
     */
    void readData(int *data);

    /** Read the three axes in g.
     *
     * @param data an array of 3 floats: x, y, z
     *
     * @code
     * float g[3];
     * accel.readData(g);
     * @endcode
     */
    void readData(float *data);

    /** Acceleration along X, in g. */
    float x(void);
    /** Acceleration along Y, in g. */
    float y(void);
    /** Acceleration along Z, in g (about +1 lying flat, face up). */
    float z(void);

    /** Set the sample rate in active mode; the nearest of 120, 64, 32, 16, 8, 4, 2, 1
     * samples per second is used.
     *
     * @code
     * accel.setSampleRate(64);
     * @endcode
     */
    void setSampleRate(int samplerate);

    /** Which side faces up: Front, Back or Unknown. */
    Orientation getSide(void);

    /** The portrait/landscape orientation: Up, Down, Left, Right or Unknown. */
    Orientation getOrientation(void);

private:
    char read_register(char address);
    void write_register(char address, char value);
    int read_axis(int axis);

    mbed::I2C _i2c;
    bool _active;
};
