// WebAssembly port (Emscripten + Asyncify): threads are Emscripten fibers; stdio goes through
// the simulated console (-Wl,--wrap=__wasi_fd_write,--wrap=__wasi_fd_read); outputs reach the
// page through emsdk_build/mbed_bridge.js.
//
// Two clocks. Headless (a run configuration in /sim/config.txt, written by
// emsdk_build/node_runner.js): the core's virtual clock, records to Module.onReport, and the
// run is deterministic. On the page (no configuration): the page's clock; waiting yields to the
// browser with emscripten_sleep, and busy code yields every ~10 ms so the page stays live.
#include <emscripten.h>
#include <emscripten/fiber.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <wasi/api.h>

#include "sim/internal.h"
#include "sim/port.h"
#include "sim/sim.h"

extern "C" {
void js_sim_gpio_write(int pin, int value);
void js_sim_pwm_write(int pin, float duty);
void js_sim_pwm_period(int pin, int period_us);
void js_sim_lcd_flush(const uint8_t* pixels, int width, int height);
void js_sim_lcd_text(const char* const* lines, int count);
void js_sim_serial(const char* data, int length);
void js_sim_record(const char* data, int length);
void js_sim_exit(const char* status, const char* message);
void js_sim_inference(const char* model, const float* scores, int classes, const float* layer_us, int layers, int runs);
int sim_call_main(void);  // hal/wasm_main.cpp
}

namespace sim {
namespace port {
namespace {

bool g_headless = false;
double g_start_ms = 0;
double g_last_yield_ms = 0;
constexpr size_t kAsyncStack = 64 << 10;

// Fibers start with a (void*) argument: wasm calls through pointers only with the exact type.
void fiber_entry(void* ctx) { static_cast<Context*>(ctx)->entry(); }

char* read_file(const char* path) {
  FILE* f = fopen(path, "rb");
  if (!f) return nullptr;
  fseek(f, 0, SEEK_END);
  const long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char* text = static_cast<char*>(malloc(static_cast<size_t>(n) + 1));
  if (!text) {
    fclose(f);
    return nullptr;
  }
  const size_t got = fread(text, 1, static_cast<size_t>(n), f);
  text[got] = 0;
  fclose(f);
  return text;
}

}  // namespace

void early_init() {}

// Address 0 is ordinary memory in wasm: a write through a null pointer does not trap. The
// first bytes (unused by Emscripten's layout, which starts at 1024) hold a pattern; a change
// is reported as the crash it would be on the board.
constexpr size_t kNullGuard = 256;
bool g_null_guard = false;

void set_null_guard() {
  volatile unsigned char* p = reinterpret_cast<volatile unsigned char*>(static_cast<uintptr_t>(0));
  for (size_t i = 0; i < kNullGuard; ++i) p[i] = static_cast<unsigned char>(0xA5 ^ i);
  g_null_guard = true;
}

const char* fault_check() {
  if (!g_null_guard) return nullptr;
  volatile unsigned char* p = reinterpret_cast<volatile unsigned char*>(static_cast<uintptr_t>(0));
  for (size_t i = 0; i < kNullGuard; ++i) {
    if (p[i] != static_cast<unsigned char>(0xA5 ^ i)) {
      static char msg[96];
      snprintf(msg, sizeof msg, "invalid memory access: a write through a null pointer (address 0x%zx)", i);
      g_null_guard = false;
      return msg;
    }
  }
  return nullptr;
}

const char* init() {
  set_null_guard();
  mkdir("/fs", 0777);
  char* config = read_file("/sim/config.txt");
  g_headless = config != nullptr;
  g_start_ms = emscripten_get_now();
  g_last_yield_ms = g_start_ms;
  return config;
}

Clock clock() { return g_headless ? Clock::kVirtual : Clock::kRealtime; }
uint64_t now_ns() { return static_cast<uint64_t>((emscripten_get_now() - g_start_ms) * 1e6); }
void arm(uint64_t) {}

void idle(uint64_t deadline_ns) {
  const uint64_t now = now_ns();
  uint64_t ms = deadline_ns > now ? (deadline_ns - now + 999999) / 1000000 : 0;
  if (ms > 10) ms = 10;  // page input is looked at every 10 ms at least
  emscripten_sleep(static_cast<unsigned>(ms));
  g_last_yield_ms = emscripten_get_now();
}

void maybe_yield() {
  const double t = emscripten_get_now();
  if (t - g_last_yield_ms < 10.0) return;
  emscripten_sleep(0);  // let the page paint and deliver input
  g_last_yield_ms = emscripten_get_now();
}

void wait_for_interrupt() {}
void set_time_limit(uint64_t) {}
uint32_t irq_disable() { return 0; }
void irq_restore(uint32_t) {}
bool in_isr() { return false; }

bool context_init(Context* ctx, void (*entry)(), size_t stack_bytes, unsigned char*) {
  // wasm keeps most locals in the engine's own stack: the C stack holds only what has its
  // address taken. 64 KB + 4x the request, and 64 KB for Asyncify's saved frames.
  // 16-byte aligned: clang keeps wasm's stack pointer 16-aligned (long double is), and code
  // compiled with that assumption misbehaves on a misaligned stack (printf("%f", 0.0) did).
  const size_t c_bytes = ((64 << 10) + 4 * stack_bytes + 15) & ~static_cast<size_t>(15);
  ctx->c_stack = aligned_alloc(16, c_bytes);
  ctx->async_stack = aligned_alloc(16, kAsyncStack);
  if (!ctx->c_stack || !ctx->async_stack) {
    free(ctx->c_stack);
    free(ctx->async_stack);
    return false;
  }
  ctx->entry = entry;
  emscripten_fiber_init(&ctx->fiber, fiber_entry, ctx, ctx->c_stack, c_bytes, ctx->async_stack, kAsyncStack);
  return true;
}

void context_free(Context* ctx) {
  free(ctx->c_stack);
  free(ctx->async_stack);
  ctx->c_stack = ctx->async_stack = nullptr;
}

void context_adopt(Context* ctx) {
  ctx->c_stack = nullptr;
  ctx->async_stack = aligned_alloc(16, kAsyncStack);
  emscripten_fiber_init_from_current_context(&ctx->fiber, ctx->async_stack, kAsyncStack);
}

void context_switch(Context* from, Context* to) { emscripten_fiber_swap(&from->fiber, &to->fiber); }

uint32_t stack_used(Context*, size_t) { return 0; }

bool reporting() { return g_headless; }
void record(const char* line, size_t length) { js_sim_record(line, static_cast<int>(length)); }
void serial_out(const char* data, size_t length) { js_sim_serial(data, static_cast<int>(length)); }
void gpio_out(int pin, int value) { js_sim_gpio_write(pin, value); }
void pwm_out(int pin, float duty) { js_sim_pwm_write(pin, duty); }
void pwm_period_out(int pin, int period_us) { js_sim_pwm_period(pin, period_us); }
void lcd_out(const uint8_t* pixels, int width, int height) { js_sim_lcd_flush(pixels, width, height); }
void lcd_text_out(const char* const* lines, int count) { js_sim_lcd_text(lines, count); }
void inference_out(const char* model, const float* scores, int classes, const float* layer_us, int layers, int runs) {
  if (!g_headless) js_sim_inference(model, scores, classes, layer_us, layers, runs);
}

void exit(const char* status, const char* message) {
  js_sim_exit(status, message ? message : "");
  if (!g_headless) {
    for (;;) emscripten_sleep(1000000);  // the page replaces this instance to run again
  }
  emscripten_force_exit(strcmp(status, "crashed") == 0 ? 1 : 0);
  __builtin_unreachable();
}

}  // namespace port

namespace internal {
int call_app_main() { return sim_call_main(); }
}  // namespace internal
}  // namespace sim

extern "C" {

// Module.callMain (emsdk_build/post.js) starts the simulator here.
EMSCRIPTEN_KEEPALIVE int sim_start(void) { sim::internal::start(); }

// After a wasm trap (emsdk_build/post.js): record the crash with the LCD's last state.
EMSCRIPTEN_KEEPALIVE void sim_report_crash(const char* message) { sim::internal::finish("crashed", message); }

// stdio -> the simulated console. Other descriptors (/fs files) go to Emscripten's FS.
__wasi_errno_t __real___wasi_fd_write(__wasi_fd_t fd, const __wasi_ciovec_t* iovs, size_t iovs_len,
                                      __wasi_size_t* nwritten);
__wasi_errno_t __wrap___wasi_fd_write(__wasi_fd_t fd, const __wasi_ciovec_t* iovs, size_t iovs_len,
                                      __wasi_size_t* nwritten) {
  if (fd != 1 && fd != 2) return __real___wasi_fd_write(fd, iovs, iovs_len, nwritten);
  size_t n = 0;
  sim::defer_enter();
  for (size_t i = 0; i < iovs_len; ++i) {
    sim::stdio_write(static_cast<int>(fd), reinterpret_cast<const char*>(iovs[i].buf), iovs[i].buf_len);
    n += iovs[i].buf_len;
  }
  sim::defer_exit();
  *nwritten = static_cast<__wasi_size_t>(n);
  return 0;
}

__wasi_errno_t __real___wasi_fd_read(__wasi_fd_t fd, const __wasi_iovec_t* iovs, size_t iovs_len,
                                     __wasi_size_t* nread);
__wasi_errno_t __wrap___wasi_fd_read(__wasi_fd_t fd, const __wasi_iovec_t* iovs, size_t iovs_len,
                                     __wasi_size_t* nread) {
  if (fd != 0) return __real___wasi_fd_read(fd, iovs, iovs_len, nread);
  // The C library reads into the caller's buffer and its own: fill them in order.
  size_t got = 0;
  for (size_t i = 0; i < iovs_len; ++i) {
    if (iovs[i].buf_len == 0) continue;
    if (got && !sim::console_readable()) break;
    const long n = sim::stdio_read(reinterpret_cast<char*>(iovs[i].buf), iovs[i].buf_len);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
    if (static_cast<size_t>(n) < iovs[i].buf_len) break;
  }
  *nread = static_cast<__wasi_size_t>(got);
  return 0;
}

}
