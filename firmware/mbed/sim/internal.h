// Internal interfaces between the parts of the simulator core (not for drivers or apps).
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "sim/kernel.h"

namespace sim {
namespace internal {

// ---- kernel (src/sim_kernel.cpp) --------------------------------------------------------------
// Run the simulation: create the idle and main threads, run main. Called once by the port's
// entry point (host: main, wasm: sim_start, Cortex-M4: reset). Never returns.
[[noreturn]] void start();
// Deliver everything that fell due (inputs, timers, timeouts) as interrupts, then switch
// to a higher-priority thread if one became ready. Host/wasm call it at HAL calls and basic
// blocks; the Cortex-M4 from its timer interrupt.
void process_due();
// The next time something is scheduled (for the Cortex-M4 timer and the idle wait).
uint64_t next_event_ns();
// The earliest pending item changed (a new timer, an input): re-arm the clock.
void rearm();
// Enter / leave "interrupt context" (host/wasm simulate it; the Cortex-M4 is really in one).
void isr_enter();
void isr_exit();
// The time limit was reached (the Cortex-M4's watchdog): end with the status main's state gives.
// `jump`: nothing can happen any more, the end is reported at the time limit.
[[noreturn]] void finish_at_time_limit(bool jump);
// End the run now with this status ("finished", "time_limit", "idle", "crashed").
[[noreturn]] void finish(const char* status, const char* message);
// True if a thread other than idle is alive or a timer is pending.
bool busy();
// Is the running thread the idle thread?
bool idle_running();
uint64_t idle_ns();  // time the CPU spent sleeping in the idle thread
// Cortex-M4: the running thread was interrupted at a branch to itself (`while (1);` compiles to
// `b .`): it can never leave it, and no interrupt can change that. Take it off the CPU as if it
// spun forever, so the core idles (QEMU jumps to the next event) instead of executing it.
// Lower-priority threads stay starved, as they would be; the run's status becomes "idle".
void park_spinning();
// Cortex-M4: the running thread made HAL calls since the timer interrupt last looked.
void note_activity();
// Kernel statistics for the benchmark: context switches so far.
uint64_t context_switches();
// The port's app entry: host calls __real_main, wasm a C shim, the Cortex-M4 main().
int call_app_main();

// ---- I/O (src/sim_io.cpp) ------------------------------------------------------------------------
void io_board_init();             // the board's input levels (before global constructors)
void io_init(const char* config);  // the run configuration (at start)
uint64_t io_until_ns();
uint64_t io_next_ns();             // next scripted input or display refresh (kForever if none)
void io_process(uint64_t now_ns);  // deliver the scripted inputs that are due (ISR context)
bool io_inputs_pending();          // scripted inputs still to come
bool io_handlers_attached();       // something could react to page input
void io_flush_display();
void io_end_of_run(const char* status, const char* message, uint64_t end_ns);  // final LCD + end record

// ---- report records (src/sim_report.cpp) -------------------------------------------------------
void report_pin(uint64_t t_ns, int pin, int value);
void report_pwm(uint64_t t_ns, int pin, float duty);
void report_analog(uint64_t t_ns, int pin, float value);
void report_serial(const char* data, size_t length);
void report_lcd_text(uint64_t t_ns, const char* const* lines, int count);
void report_lcd_pixels(const uint8_t* pixels, int width, int height);
void report_end(uint64_t t_ns, const char* status, const char* message);
bool report_started();
void report_start();  // reporting is known: flush what global constructors recorded

// ---- devices (src/sim_devices.cpp) -----------------------------------------------------------
void devices_init();
int device_set(const char* device, const char* input, float value);  // 0 ok, -1 unknown
void devices_pin_changed(int pin, int level);  // SPI chip selects and control pins

}  // namespace internal
}  // namespace sim
