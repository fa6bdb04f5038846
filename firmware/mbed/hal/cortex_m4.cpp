// Cortex-M4 backend for the MPS2-AN386 under QEMU: SysTick (1 kHz, 25 MHz core clock) is the
// time base, semihosting carries the serial console and /fs (files relative to QEMU's
// working folder), and the command line (-semihosting-config arg=...) scripts the run:
//   --until=MS       stop after MS milliseconds (default 10000), printing the LCD
//   --input=LIST     scripted input, as the host's SIM_INPUT ("BUTTON1@500ms,...")
//   --trace          print "[gpio] time_us pin value" for output pin writes
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "hal/pin_names.h"
#include "hal/script.h"
#include "hal/sim_hal.h"

namespace {

constexpr uint32_t kCoreHz = 25000000;
constexpr uint32_t kTicksPerMs = kCoreHz / 1000;
volatile uint32_t* const SYST_CSR = reinterpret_cast<volatile uint32_t*>(0xE000E010);
volatile uint32_t* const SYST_RVR = reinterpret_cast<volatile uint32_t*>(0xE000E014);
volatile uint32_t* const SYST_CVR = reinterpret_cast<volatile uint32_t*>(0xE000E018);
volatile uint32_t g_ms = 0;
uint64_t g_until_us = 10000000;
bool g_trace = false;
bool g_started = false;
sim_script::Script g_script;
uint8_t g_lcd[128 * 32];
char g_lcd_text[8][41];
int g_lcd_lines = 0;
bool g_lcd_seen = false;
float g_analog[kSimMaxPin + 1];

int semihost(int op, void* arg) {
  register int r0 asm("r0") = op;
  register void* r1 asm("r1") = arg;
  asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void finish() {
  std::fflush(stdout);
  if (!g_lcd_seen) return;
  for (int i = 0; i < g_lcd_lines; ++i) std::printf("[lcd] %s\n", g_lcd_text[i]);
  for (int y = 0; y < 32; ++y) {
    std::printf("[lcd-pixels] ");
    for (int x = 0; x < 128; x += 4)
      std::printf("%x", (g_lcd[y * 128 + x] << 3) | (g_lcd[y * 128 + x + 1] << 2) | (g_lcd[y * 128 + x + 2] << 1) |
                            g_lcd[y * 128 + x + 3]);
    std::printf("\n");
  }
  std::fflush(stdout);
}

void start() {
  if (g_started) return;
  g_started = true;
  for (auto& a : g_analog) a = 0.5f;
  *SYST_RVR = kTicksPerMs - 1;
  *SYST_CVR = 0;
  *SYST_CSR = 0x7;  // processor clock, interrupt, enable
  static char cmdline[512];
  struct {
    char* buf;
    int len;
  } block = {cmdline, sizeof cmdline - 1};
  if (semihost(0x15, &block) == 0) {  // SYS_GET_CMDLINE
    cmdline[block.len] = 0;
    for (char* tok = std::strtok(cmdline, " "); tok; tok = std::strtok(nullptr, " ")) {
      if (std::strncmp(tok, "--until=", 8) == 0) g_until_us = static_cast<uint64_t>(std::atof(tok + 8) * 1000.0);
      if (std::strncmp(tok, "--input=", 8) == 0) sim_script::parse_list(g_script, tok + 8);
      if (std::strcmp(tok, "--trace") == 0) g_trace = true;
    }
    sim_script::apply_initial(g_script);
  }
  std::atexit(finish);
}

struct Init {
  Init() { start(); }
} g_init;

}  // namespace

extern "C" {

void SysTick_Handler() { g_ms = g_ms + 1; }

uint64_t sim_hal_now_us(void) {
  start();
  uint32_t ms, cvr;
  do {
    ms = g_ms;
    cvr = *SYST_CVR;
  } while (ms != g_ms);
  return static_cast<uint64_t>(ms) * 1000 + (kTicksPerMs - 1 - cvr) / (kCoreHz / 1000000);
}

void sim_hal_sleep_until(uint64_t deadline) {
  for (;;) {
    const uint64_t now = sim_hal_now_us();
    if (g_script.next < g_script.count && g_script.events[g_script.next].at_us <= now) {
      const sim_script::Event& e = g_script.events[g_script.next++];
      if (e.name[0])
        sim_input_set(e.name, e.analog);
      else if (e.level < 0)
        sim_analog_event(e.pin, e.analog);
      else
        sim_pin_event(e.pin, e.level);
      return;
    }
    if (now >= g_until_us) std::exit(0);
    if (now >= deadline) return;
    asm volatile("wfi");
  }
}

void sim_hal_gpio_write(int pin, int value) {
  if (g_trace)
    std::printf("[gpio] %lu %s %d\n", static_cast<unsigned long>(sim_hal_now_us()), sim_pins::name_of(pin), value);
}
void sim_hal_pwm_period(int, float) {}  // the report has duties only
void sim_hal_pwm_write(int pin, float duty) {
  // A PWM duty is traced like a pin level (0..1), so the runner reads both the same way.
  if (g_trace) {
    const int d = static_cast<int>(duty * 10000.0f + 0.5f);
    std::printf("[gpio] %lu %s %d.%04d\n", static_cast<unsigned long>(sim_hal_now_us()), sim_pins::name_of(pin), d / 10000,
                d % 10000);
  }
}
void sim_hal_serial_write(const char* data, size_t length) { std::fwrite(data, 1, length, stdout); }
void sim_hal_lcd_flush(const uint8_t* pixels, int width, int height) {
  if (width * height == static_cast<int>(sizeof g_lcd)) std::memcpy(g_lcd, pixels, sizeof g_lcd);
  g_lcd_seen = true;
}
void sim_hal_lcd_text(const char* const* lines, int count) {
  g_lcd_lines = count < 8 ? count : 8;
  for (int i = 0; i < g_lcd_lines; ++i) {
    std::strncpy(g_lcd_text[i], lines[i], sizeof g_lcd_text[i] - 1);
    g_lcd_text[i][sizeof g_lcd_text[i] - 1] = 0;
  }
}
float sim_hal_analog_read(int pin) { return pin >= 0 && pin <= kSimMaxPin ? g_analog[pin] : 0.0f; }
void sim_analog_event(int pin, float value) {
  if (pin >= 0 && pin <= kSimMaxPin) g_analog[pin] = value;
}

// /fs/NAME -> fs/NAME relative to QEMU's working folder (semihosting SYS_OPEN).
std::FILE* __real_fopen(const char* path, const char* mode);
std::FILE* __wrap_fopen(const char* path, const char* mode) {
  if (path && std::strncmp(path, "/fs/", 4) == 0) return __real_fopen(path + 1, mode);
  return __real_fopen(path, mode);
}

}  // extern "C"
