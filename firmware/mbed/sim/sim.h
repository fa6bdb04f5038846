// The simulator core behind the Mbed API: one implementation for every target (host, wasm,
// Cortex-M4). Drivers and RTOS classes call these functions; the target-specific part is
// the port (sim/port.h, implemented by hal/host.cpp, hal/wasm.cpp, hal/cortex_m4.cpp).
//
// Time. Simulated time is kept in nanoseconds. On the host and in headless wasm it is a
// virtual clock: every HAL call costs kHalCallNs and every basic block of the app's own code
// costs kBlockNs (the app is compiled with -fsanitize-coverage=trace-pc, see
// __sanitizer_cov_trace_pc in src/sim_kernel.cpp), and sleeping jumps straight to the next
// event. So busy loops take simulated time, Timers measure work, and runs are deterministic.
// In the browser the page's clock is used; on the Cortex-M4 the MPS2 timer under QEMU -icount.
//
// Interrupts. Input edges, Ticker/Timeout callbacks and serial receive interrupts are
// "interrupt handlers": on the Cortex-M4 they run in a real timer ISR; on host and wasm they
// run at the first HAL call or basic block after they fall due (so during busy loops too),
// on the stack of the interrupted thread with sim::in_isr() true. A thread they wake that has
// a higher priority runs before the interrupted one continues, as in RTX.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "PinNames.h"
#include "platform/Callback.h"
#include "sim/kernel.h"

namespace mbed {
class InterruptIn;
}

namespace sim {

// ---- Cost model of the virtual clock (documented in docs/mbed-and-build.md) -----------------
constexpr int64_t kHalCallNs = 500;  // one driver call (DigitalOut::write, Timer::read, ...)
constexpr int64_t kBlockNs = 40;     // one basic block of the app's code (~5 instructions)
constexpr int64_t kSerialCharNs = 1000;  // each console byte written (a fast USB serial)

// ---- Time ---------------------------------------------------------------------------------------
uint64_t now_ns();
inline uint64_t now_us() { return now_ns() / 1000; }
// Every driver call starts with this: it charges the call's cost, marks the thread as active
// (not "idle in a loop") and delivers interrupts that fell due.
void hal_call();
// The same without the cost: the thread touched the hardware (a console write, charged per byte).
void hal_touch();
// Busy-wait (wait_us): time passes, interrupts and higher-priority threads run.
void busy_wait_ns(uint64_t ns);

// ---- Interrupt-level timers (Ticker, Timeout, EventQueue deadlines) --------------------------------
struct TimerEvent {
  uint64_t due_ns = 0;
  uint64_t period_ns = 0;  // 0: one shot
  mbed::Callback<void()> callback;
  TimerEvent* next = nullptr;
  bool active = false;
};
void timer_add(TimerEvent* event);  // due_ns set by the caller
void timer_remove(TimerEvent* event);

// ---- Critical sections (core_util_critical_section_enter, __disable_irq) ----------------------
void critical_enter();
void critical_exit();
bool in_critical();
// Hold back interrupt delivery and thread switches (host/wasm), or thread switches (Cortex-M4),
// around C library calls that are not reentrant (stdio). What falls due meanwhile runs right after.
void defer_enter();
void defer_exit();

// ---- Pins -----------------------------------------------------------------------------------------
// A pin's state: driven by the program (output), by the outside world (a button, a scripted
// level, a pot: 0..1 of the supply) or floating (then its pull resistor decides).
int pin_slot(int pin);  // -1 if not a pin of this board
void pin_output(int pin, int value, bool created);  // DigitalOut/BusOut/DigitalInOut write
void pin_release(int pin);                           // back to an input (DigitalInOut::input)
void pin_mode(int pin, int mode);                    // PinMode
int pin_read(int pin);                               // digital level 0/1
float pin_analog(int pin);                           // 0..1 (AnalogIn)
void pwm_output(int pin, float duty, bool created);  // PwmOut: duty 0..1
void pwm_period(int pin, int period_us);             // PwmOut: its period, when created or changed
void analog_output(int pin, float value, bool created);  // AnalogOut
void irq_attach(int pin, mbed::InterruptIn* irq);
void irq_detach(int pin, mbed::InterruptIn* irq);

// ---- Console (USBTX/USBRX) -----------------------------------------------------------------
void console_write(const char* data, size_t length);
// Next received byte, or -1 if none arrives before timeout_ns (0: do not wait; kForever).
int console_getc(uint64_t timeout_ns);
size_t console_readable();
// Receive-interrupt handlers (Serial::attach, UnbufferedSerial::attach, BufferedSerial::sigio).
void console_attach_rx(void* owner, mbed::Callback<void()> handler);
void console_detach_rx(void* owner);
bool is_console(int tx, int rx);
// stdout/stderr and stdin of the C library: the console, or the FileHandle a program's
// mbed_override_console() returns (src/mbed_drivers.cpp). The ports call these.
void stdio_write(int fd, const char* data, size_t length);
long stdio_read(char* data, size_t length);  // blocks for the first byte; -1 on error

// ---- Display (the C12832 framebuffer and its text shadow) ------------------------------------
// A display registers a flush function; the core calls it at wait points, every ~20 ms of
// busy code, and at the end of the run (for the final pixels).
void display_attach(void (*flush)(void*), void* context);
void display_detach(void* context);
void lcd_frame(const uint8_t* pixels, int width, int height);  // 1 byte per pixel, row-major
void lcd_text(const char* const* lines, int count);

// ---- End of the run --------------------------------------------------------------------------------
// An unrecoverable error (mbed_error, a fault): report status "crashed" with this one-line
// message and stop. Never returns.
[[noreturn]] void crash(const char* message);
// The application's main() returned.
[[noreturn]] void main_returned(int code);

// ---- I2C and SPI buses (device models, sim/devices.h) ------------------------------------------
// Returns 0 on ACK, -1 on NACK (no device at that address), as mbed::I2C does.
int i2c_write(int sda, int scl, int address8, const uint8_t* data, size_t length, bool stop);
int i2c_read(int sda, int scl, int address8, uint8_t* data, size_t length, bool stop);
// Byte level (I2C::start/write(int)/read(int)/stop): write returns 1 for ACK, 0 for NACK.
void i2c_bus_start(int sda, int scl);
int i2c_bus_write_byte(int sda, int scl, int byte);
int i2c_bus_read_byte(int sda, int scl, bool ack);
void i2c_bus_stop(int sda, int scl);
// One SPI frame in full duplex; returns what the selected device shifted out (all 1s if none).
int spi_transfer(int mosi, int sclk, int value, int bits);

}  // namespace sim

// Entry points for the page and the ports (C linkage, exported from wasm).
extern "C" {
void sim_pin_event(int pin, int level);       // a digital input level from outside
void sim_analog_event(int pin, float value);  // an analog input (0..1)
void sim_press(int pin, int pressed);         // press/release a board button or joystick pin
void sim_serial_input(const char* data, int length);  // bytes typed into the console
int sim_set_input(const char* name, float value);     // a device input, e.g. "temp" = 31.5
uint64_t sim_hal_now_us(void);                // simulated microseconds since reset
}
