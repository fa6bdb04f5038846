// The simulator's hardware abstraction: what the Mbed layer needs from a target. Three
// backends implement it: hal/host.cpp (native, virtual clock), hal/wasm.cpp (browser, via
// emsdk_build/mbed_bridge.js) and hal/cortex_m4.cpp (MPS2-AN386 under QEMU, semihosting).
#pragma once
#include <cstddef>
#include <cstdint>

extern "C" {
// Monotonic time since start, in microseconds.
uint64_t sim_hal_now_us(void);
// Let time pass until `deadline_us` or until an input event arrives, whichever is first.
// Returns early on input. On the browser this yields to the page.
void sim_hal_sleep_until(uint64_t deadline_us);
// Outputs.
void sim_hal_gpio_write(int pin, int value);
void sim_hal_pwm_write(int pin, float duty);
// A PwmOut's period changed (and once when it is created): the speaker's tone is 1 / period.
void sim_hal_pwm_period(int pin, float seconds);
void sim_hal_serial_write(const char* data, size_t length);
// The LCD: 128x32 pixels, one byte per pixel (0 or 1), row-major; and its text lines.
void sim_hal_lcd_flush(const uint8_t* pixels, int width, int height);
void sim_hal_lcd_text(const char* const* lines, int count);
// Analog input level (0..1) of a pin, as the host or the page sets it.
float sim_hal_analog_read(int pin);

// Implemented by the Mbed layer (src/sim_core.cpp): an input pin changed level. Backends
// call it from their event source (scripted presses, the page, semihosting arguments).
void sim_pin_event(int pin, int level);
void sim_analog_event(int pin, float value);
// Implemented by the board's parts (devices/shield.cpp): set a named input (temp, humidity,
// accel_x/y/z, pot1/pot2) to a value. Returns 0 for an unknown name.
int sim_input_set(const char* name, float value);
}
