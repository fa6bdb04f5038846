// Browser backend (Emscripten): outputs go to the page through emsdk_build/mbed_bridge.js,
// time is the page's clock, and waiting yields to the browser with Asyncify's
// emscripten_sleep so while(1) loops never freeze the page. The page sends input with
// Module._sim_pin_event(pin, level) and writes files into the /fs MEMFS folder.
#include <emscripten.h>
#include <sys/stat.h>

#include <cstdio>

#include "PinNames.h"
#include "hal/sim_hal.h"

extern "C" {
void js_sim_gpio_write(int pin, int value);
void js_sim_pwm_write(int pin, float duty);
void js_sim_pwm_period(int pin, float seconds);
void js_sim_lcd_flush(const uint8_t* pixels, int width, int height);
void js_sim_lcd_text(const char* const* lines, int count);
float js_sim_analog_read(int pin);
}

namespace {
uint64_t g_start = 0;
double g_last_yield_ms = 0;
volatile int g_input_pending = 0;
struct Init {
  Init() {
    mkdir("/fs", 0777);
  }
} g_init;
}  // namespace

extern "C" {

// The clock starts at the first use (global constructors may run before this file's).
uint64_t sim_hal_now_us(void) {
  if (g_start == 0) {
    g_start = static_cast<uint64_t>(emscripten_get_now() * 1000.0);
    g_last_yield_ms = emscripten_get_now();
  }
  return static_cast<uint64_t>(emscripten_get_now() * 1000.0) - g_start;
}

void sim_hal_sleep_until(uint64_t deadline) {
  // Short waits (a driver's wait_us, as the LCD's reset pulse) spin, as wait_us does on a
  // board, as long as the page got control within the last 15 ms. So constructors of global
  // objects never yield: Asyncify cannot resume a constructor once main has started.
  const uint64_t now = sim_hal_now_us();
  if (deadline <= now + 10000 && emscripten_get_now() - g_last_yield_ms < 15.0) {
    while (sim_hal_now_us() < deadline) {
    }
    return;
  }
  g_last_yield_ms = emscripten_get_now();
  // Sleep in slices of at most 10 ms so input from the page is handled promptly.
  uint64_t ms = deadline > now ? (deadline - now + 999) / 1000 : 0;
  if (ms > 10) ms = 10;
  std::fflush(stdout);
  emscripten_sleep(static_cast<unsigned>(ms));
}

void sim_hal_gpio_write(int pin, int value) { js_sim_gpio_write(pin, value); }
void sim_hal_pwm_write(int pin, float duty) { js_sim_pwm_write(pin, duty); }
void sim_hal_pwm_period(int pin, float seconds) { js_sim_pwm_period(pin, seconds); }
void sim_hal_serial_write(const char* data, size_t length) {
  std::fwrite(data, 1, length, stdout);
  std::fflush(stdout);
}
void sim_hal_lcd_flush(const uint8_t* pixels, int width, int height) { js_sim_lcd_flush(pixels, width, height); }
void sim_hal_lcd_text(const char* const* lines, int count) { js_sim_lcd_text(lines, count); }
float sim_hal_analog_read(int pin) { return js_sim_analog_read(pin); }

// Analog levels as set by the page or by inputs; mid-scale (0.5) until set, as on the host.
static float g_analog[kSimMaxPin + 1];
static bool g_analog_set[kSimMaxPin + 1];
EMSCRIPTEN_KEEPALIVE void sim_analog_event(int pin, float value) {
  if (pin < 0 || pin > kSimMaxPin) return;
  g_analog[pin] = value;
  g_analog_set[pin] = true;
}
EMSCRIPTEN_KEEPALIVE float sim_hal_stored_analog(int pin) {
  return pin >= 0 && pin <= kSimMaxPin && g_analog_set[pin] ? g_analog[pin] : 0.5f;
}

}  // extern "C"
