// The run report, one protocol for every target: the core writes one text line per event
// through port::record (a file on the host, a semihosting file under QEMU, Module.onReport in
// wasm) and simulator/build/runner.py turns the lines into the report JSON.
//
//   P <t_ns> <pin> <0|1>                  a digital output changed (or was created)
//   A <t_ns> <pin> <value>                a PWM duty or analog output (0..1) changed
//   S <hex>                               console output bytes
//   T <t_ns> <hex line> ...               the LCD's text lines ("-" for an empty line)
//   X <width> <height> <hex rows>         the LCD's final pixels, 4 pixels per hex digit
//   E <t_ns> <status> <hex message|->     the end: finished, time_limit, idle or crashed
#include <string.h>

#include "sim/internal.h"
#include "sim/port.h"

namespace sim {
namespace internal {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Records made before the simulation starts (global constructors run before the port knows
// whether a report is written): kept here, written at start.
bool g_started = false;
char g_early[4096];
size_t g_early_len = 0;

bool reporting() { return g_started ? port::reporting() : true; }

void emit(const char* line, size_t n) {
  if (g_started) {
    port::record(line, n);
  } else if (g_early_len + n <= sizeof g_early) {
    memcpy(g_early + g_early_len, line, n);
    g_early_len += n;
  }
}

// Decimal, without printf's %llu (newlib-nano's printf has no long long).
void put_u64(char*& o, uint64_t v) {
  char digits[21];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) *o++ = digits[--n];
}

void put_int(char*& o, int v) {
  if (v < 0) {
    *o++ = '-';
    put_u64(o, static_cast<uint64_t>(-static_cast<int64_t>(v)));
  } else {
    put_u64(o, static_cast<uint64_t>(v));
  }
}

void put_hex(char*& o, const char* end, const unsigned char* data, size_t n) {
  for (size_t i = 0; i < n && o + 2 < end; ++i) {
    *o++ = kHex[data[i] >> 4];
    *o++ = kHex[data[i] & 15];
  }
}

}  // namespace

bool report_started() { return g_started; }

void report_start() {
  g_started = true;
  if (port::reporting() && g_early_len) port::record(g_early, g_early_len);
  g_early_len = 0;
}

void report_pin(uint64_t t_ns, int pin, int value) {
  if (!reporting()) return;
  char line[64];
  char* o = line;
  *o++ = 'P';
  *o++ = ' ';
  put_u64(o, t_ns);
  *o++ = ' ';
  put_int(o, pin);
  *o++ = ' ';
  put_int(o, value);
  *o++ = '\n';
  emit(line, static_cast<size_t>(o - line));
}

void report_pwm(uint64_t t_ns, int pin, float duty) {
  if (!reporting()) return;
  char line[64];
  char* o = line;
  *o++ = 'A';
  *o++ = ' ';
  put_u64(o, t_ns);
  *o++ = ' ';
  put_int(o, pin);
  *o++ = ' ';
  put_int(o, static_cast<int>(duty * 1000000.0f + 0.5f));
  *o++ = '\n';
  emit(line, static_cast<size_t>(o - line));
}

void report_analog(uint64_t t_ns, int pin, float value) { report_pwm(t_ns, pin, value); }

void report_serial(const char* data, size_t length) {
  if (!reporting()) return;
  char line[2 * 128 + 4];
  while (length) {
    const size_t chunk = length < 128 ? length : 128;
    char* o = line;
    *o++ = 'S';
    *o++ = ' ';
    put_hex(o, line + sizeof line - 1, reinterpret_cast<const unsigned char*>(data), chunk);
    *o++ = '\n';
    emit(line, static_cast<size_t>(o - line));
    data += chunk;
    length -= chunk;
  }
}

void report_lcd_text(uint64_t t_ns, const char* const* lines, int count) {
  if (!reporting()) return;
  char line[600];
  char* o = line;
  const char* end = line + sizeof line - 2;
  *o++ = 'T';
  *o++ = ' ';
  put_u64(o, t_ns);
  for (int i = 0; i < count && o + 4 < end; ++i) {
    *o++ = ' ';
    const size_t n = strlen(lines[i]);
    if (n == 0)
      *o++ = '-';
    else
      put_hex(o, end, reinterpret_cast<const unsigned char*>(lines[i]), n);
  }
  *o++ = '\n';
  emit(line, static_cast<size_t>(o - line));
}

void report_lcd_pixels(const uint8_t* pixels, int width, int height) {
  if (!reporting() || width <= 0 || height <= 0 || width % 4) return;
  char head[32];
  char* h = head;
  *h++ = 'X';
  *h++ = ' ';
  put_int(h, width);
  *h++ = ' ';
  put_int(h, height);
  emit(head, static_cast<size_t>(h - head));
  char row[1 + 256 / 4 + 1];
  for (int y = 0; y < height; ++y) {
    char* o = row;
    *o++ = ' ';
    for (int x = 0; x < width && x < 256; x += 4) {
      const uint8_t* p = pixels + y * width + x;
      *o++ = kHex[(p[0] ? 8 : 0) | (p[1] ? 4 : 0) | (p[2] ? 2 : 0) | (p[3] ? 1 : 0)];
    }
    emit(row, static_cast<size_t>(o - row));
  }
  emit("\n", 1);
}

void report_end(uint64_t t_ns, const char* status, const char* message) {
  if (!reporting()) return;
  char line[700];
  char* o = line;
  const char* end = line + sizeof line - 2;
  *o++ = 'E';
  *o++ = ' ';
  put_u64(o, t_ns);
  *o++ = ' ';
  for (const char* c = status; *c && o < end - 2; ++c) *o++ = *c;
  *o++ = ' ';
  if (message && *message)
    put_hex(o, end, reinterpret_cast<const unsigned char*>(message), strlen(message));
  else
    *o++ = '-';
  *o++ = '\n';
  emit(line, static_cast<size_t>(o - line));
}

}  // namespace internal
}  // namespace sim
