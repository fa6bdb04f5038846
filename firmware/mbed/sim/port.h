// What a target provides to the simulator core: the few things that really differ between
// the host, wasm and the Cortex-M4. Everything else (time bookkeeping, events, threads,
// pins, console, the run report, devices) is shared code in src/sim_*.cpp.
//
//   hal/host.cpp       ucontext threads, virtual clock, files for config and report
//   hal/wasm.cpp       Emscripten fibers, virtual clock (node) or the page's clock,
//                      JS hooks (emsdk_build/mbed_bridge.js)
//   hal/cortex_m4.cpp  PendSV context switch, MPS2 timers under QEMU, semihosting
#pragma once
#include <stddef.h>
#include <stdint.h>

#if defined(__EMSCRIPTEN__)
#include <emscripten/fiber.h>
#elif !defined(__arm__)
#include <ucontext.h>
#endif

namespace sim {
namespace port {

#if defined(__EMSCRIPTEN__)
struct Context {
  emscripten_fiber_t fiber;
  void* c_stack;
  void* async_stack;
  void (*entry)();
};
#elif defined(__arm__)
struct Context {
  uint32_t sp;       // saved process stack pointer (r4-r11, EXC_RETURN, s16-s31, exception frame)
  uint32_t* stack;       // lowest word of the stack (a canary: overwritten means overflowed)
  uint32_t words;        // stack size in words
  unsigned char* guard;  // the MPU guard region below the stack (start of the allocation)
  bool owned;            // allocated by the port
};
#else
struct Context {
  ucontext_t uc;
  void* stack;
  size_t stack_bytes;
};
#endif

enum class Clock {
  kVirtual,   // the core advances time itself (host, headless wasm)
  kRealtime,  // the page's clock; idle waits really sleep (browser)
  kHardware,  // a hardware timer; events are delivered by its interrupt (Cortex-M4)
};

// Called by a constructor before the program's own (init priority 101): what must work while
// global objects are constructed (the host's stdio redirection).
void early_init();
// Called once when the simulation starts (before main): read the run configuration (returns
// its text, or nullptr for an interactive run), install fault handlers.
const char* init();
Clock clock();
// kRealtime / kHardware: the current time.
uint64_t now_ns();
// kHardware: raise the event interrupt at `deadline_ns` (or earlier). Others: ignore.
void arm(uint64_t deadline_ns);
// No thread can run: wait until `deadline_ns` or an outside event (page input, interrupt).
// kVirtual never calls it (the core jumps time).
void idle(uint64_t deadline_ns);
// kRealtime: let the page run (handle input, paint) if the program has not yielded for a while.
void maybe_yield();
// kHardware: sleep the core until an interrupt (busy waits use it: the timer ends them).
void wait_for_interrupt();
// kHardware: end the run at this time even if interrupts stay masked (a watchdog).
void set_time_limit(uint64_t until_ns);

// Interrupt masking (kernel lock). Host/wasm: nothing to mask (no real interrupts).
uint32_t irq_disable();
void irq_restore(uint32_t state);
bool in_isr();

// Contexts. `stack_bytes` is what the program asked for (the Cortex-M4 uses exactly that).
bool context_init(Context* ctx, void (*entry)(), size_t stack_bytes, unsigned char* stack_mem);
void context_free(Context* ctx);
// Make the running code the context of the main thread.
void context_adopt(Context* ctx);
// Switch from `from` (the running thread) to `to`. Host/wasm: returns when `from` runs again.
// Cortex-M4: requests PendSV, which switches when the kernel lock is released.
void context_switch(Context* from, Context* to);
// Stack high-water mark, if the port can measure it (0 otherwise).
uint32_t stack_used(Context* ctx, size_t stack_bytes);

// A fault the port detects by checking rather than by a trap (wasm: a write through a null
// pointer lands in memory); nullptr if none. Called at delivery points and at the end.
const char* fault_check();

// Output. `record` carries the run report (one line per call, see src/sim_report.cpp); the
// other functions drive an interactive view (the page, a terminal).
bool reporting();
void record(const char* line, size_t length);
void serial_out(const char* data, size_t length);
void gpio_out(int pin, int value);
void pwm_out(int pin, float duty);
void pwm_period_out(int pin, int period_us);  // a PwmOut's period (the speaker's pitch)
void lcd_out(const uint8_t* pixels, int width, int height);
void lcd_text_out(const char* const* lines, int count);
// A model's result for the page's pictures (utensor/inference_report.hpp): wasm hands it to
// Module.onInference; the host and the Cortex-M4 have no view for it.
void inference_out(const char* model, const float* scores, int classes, const float* layer_us, int layers, int runs);
// The run ended: flush everything and stop (status as in the report).
[[noreturn]] void exit(const char* status, const char* message);

}  // namespace port
}  // namespace sim
