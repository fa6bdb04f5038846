// Host backend: a virtual clock (sleeping costs no real time, so runs are fast and
// deterministic), serial to stdout, the LCD kept in memory and written out at the end,
// /fs mapped to a directory, and scripted input. Configured by environment variables:
//   SIM_UNTIL_MS   stop after this much simulated time (default 10000)
//   SIM_INPUT      scripted input, e.g. "BUTTON1@500ms,p19=0.3@0"
//   SIM_FS_DIR     directory that /fs/... maps to (default: ./fs)
//   SIM_LCD_OUT    write the LCD as SIM_LCD_OUT.pbm (pixels) and .txt (text lines) at exit
//   SIM_TRACE      append "time_us pin_name value" lines for every output pin write
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "hal/pin_names.h"
#include "hal/script.h"
#include "hal/sim_hal.h"

namespace {

uint64_t g_now = 0;
uint64_t g_until = 10000000;
sim_script::Script g_script;
uint8_t g_lcd[128 * 32];
bool g_lcd_seen = false;
std::string g_lcd_text;
float g_analog[kSimMaxPin + 1];
std::FILE* g_trace = nullptr;
const char* g_lcd_out = nullptr;
bool g_finished = false;

void finish() {
  if (g_finished) return;
  g_finished = true;
  std::fflush(stdout);
  if (g_lcd_out) {
    std::string base(g_lcd_out);
    if (std::FILE* f = std::fopen((base + ".pbm").c_str(), "w")) {
      std::fprintf(f, "P1\n128 32\n");
      for (int y = 0; y < 32; ++y) {
        for (int x = 0; x < 128; ++x) std::fputc(g_lcd[y * 128 + x] ? '1' : '0', f);
        std::fputc('\n', f);
      }
      std::fclose(f);
    }
    if (std::FILE* f = std::fopen((base + ".txt").c_str(), "w")) {
      std::fputs(g_lcd_text.c_str(), f);
      std::fclose(f);
    }
  }
  if (g_trace) std::fclose(g_trace);
}

struct Init {
  Init() {
    for (auto& a : g_analog) a = 0.5f;
    if (const char* u = std::getenv("SIM_UNTIL_MS")) g_until = static_cast<uint64_t>(std::atof(u) * 1000.0);
    if (const char* in = std::getenv("SIM_INPUT")) {
      if (!sim_script::parse_list(g_script, in)) std::fprintf(stderr, "sim: ignoring unparsable input in '%s'\n", in);
      sim_script::apply_initial(g_script);
    }
    if (const char* t = std::getenv("SIM_TRACE")) g_trace = std::fopen(t, "w");
    g_lcd_out = std::getenv("SIM_LCD_OUT");
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    std::atexit(finish);
  }
} g_init;

}  // namespace

extern "C" {

uint64_t sim_hal_now_us(void) { return g_now; }

void sim_hal_sleep_until(uint64_t deadline) {
  if (g_script.next < g_script.count && g_script.events[g_script.next].at_us <= deadline) {
    const sim_script::Event& e = g_script.events[g_script.next++];
    if (e.at_us > g_now) g_now = e.at_us;
    if (e.name[0])
      sim_input_set(e.name, e.analog);
    else if (e.level < 0)
      sim_analog_event(e.pin, e.analog);
    else
      sim_pin_event(e.pin, e.level);
    return;
  }
  if (deadline >= g_until) {
    g_now = g_until;
    finish();
    std::_Exit(0);
  }
  if (deadline > g_now) g_now = deadline;
}

void sim_hal_gpio_write(int pin, int value) {
  if (g_trace) std::fprintf(g_trace, "%llu %s %d\n", static_cast<unsigned long long>(g_now), sim_pins::name_of(pin), value);
}

void sim_hal_pwm_period(int, float) {}  // the report has duties only
void sim_hal_pwm_write(int pin, float duty) {
  if (g_trace) std::fprintf(g_trace, "%llu %s %.4f\n", static_cast<unsigned long long>(g_now), sim_pins::name_of(pin), duty);
}

void sim_hal_serial_write(const char* data, size_t length) { std::fwrite(data, 1, length, stdout); }

void sim_hal_lcd_flush(const uint8_t* pixels, int width, int height) {
  if (width * height == static_cast<int>(sizeof g_lcd)) std::memcpy(g_lcd, pixels, sizeof g_lcd);
  g_lcd_seen = true;
}

void sim_hal_lcd_text(const char* const* lines, int count) {
  g_lcd_text.clear();
  for (int i = 0; i < count; ++i) {
    g_lcd_text += lines[i];
    g_lcd_text += '\n';
  }
}

float sim_hal_analog_read(int pin) { return pin >= 0 && pin <= kSimMaxPin ? g_analog[pin] : 0.0f; }

void sim_analog_event(int pin, float value) {
  if (pin >= 0 && pin <= kSimMaxPin) g_analog[pin] = value;
}

// /fs/NAME -> $SIM_FS_DIR/NAME (linked with -Wl,--wrap=fopen).
std::FILE* __real_fopen(const char* path, const char* mode);
std::FILE* __wrap_fopen(const char* path, const char* mode) {
  if (path && std::strncmp(path, "/fs/", 4) == 0) {
    const char* dir = std::getenv("SIM_FS_DIR");
    std::string mapped = std::string(dir ? dir : "fs") + "/" + (path + 4);
    return __real_fopen(mapped.c_str(), mode);
  }
  return __real_fopen(path, mode);
}

}  // extern "C"
