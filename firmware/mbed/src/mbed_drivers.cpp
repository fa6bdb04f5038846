// The non-inline parts of the Mbed drivers: serial ports, the console's FileHandle and the
// high-resolution clock.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1  // fopencookie (glibc, musl, newlib)
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "drivers/BufferedSerial.h"
#include "drivers/HighResClock.h"
#include "platform/FileHandle.h"
#include "platform/mbed_sim_config.h"
#include "sim/sim.h"

namespace mbed {

// Not inline: the app's own code is charged per basic block (and may yield to the page there);
// this file is not, so a step hook that reads the clock inside the runtime never yields.
HighResClock::time_point HighResClock::now() {
  return time_point{duration{static_cast<rep>(sim::now_ns() / 1000)}};
}

// A port on pins with nothing attached never receives: the reader waits forever.
void SerialBase::block_forever() { sim::sleep_until_ns(sim::kForever); }

ssize_t BufferedSerial::read(void* buffer, size_t length) {
  if (length == 0) return 0;
  if (!console_) {
    if (!blocking_) return -EAGAIN;
    block_forever();
  }
  char* out = static_cast<char*>(buffer);
  int c = sim::console_getc(blocking_ ? sim::kForever : 0);
  if (c < 0) return -EAGAIN;
  size_t n = 0;
  out[n++] = static_cast<char>(c);
  while (n < length && sim::console_readable()) {
    c = sim::console_getc(0);
    if (c < 0) break;
    out[n++] = static_cast<char>(c);
  }
  return static_cast<ssize_t>(n);
}

__attribute__((weak)) FileHandle* mbed_target_override_console(int fd) {
  (void)fd;
  return nullptr;
}

__attribute__((weak)) FileHandle* mbed_override_console(int fd) { return mbed_target_override_console(fd); }

namespace {
ssize_t fh_read(void* cookie, char* buf, size_t n) {
  const ssize_t r = static_cast<FileHandle*>(cookie)->read(buf, n);
  return r < 0 ? -1 : r;
}
ssize_t fh_write(void* cookie, const char* buf, size_t n) {
  const ssize_t r = static_cast<FileHandle*>(cookie)->write(buf, n);
  return r < 0 ? -1 : r;
}
int fh_close(void* cookie) { return static_cast<FileHandle*>(cookie)->close(); }
}  // namespace

std::FILE* fdopen(FileHandle* fh, const char* mode) {
  cookie_io_functions_t io = {fh_read, fh_write, nullptr, fh_close};
  std::FILE* f = fopencookie(fh, mode, io);
  if (f) setvbuf(f, nullptr, _IONBF, 0);
  return f;
}

}  // namespace mbed

namespace sim {
namespace {
mbed::FileHandle* g_console_fh[3];
bool g_console_checked[3];

mbed::FileHandle* console_handle(int fd) {
  if (fd < 0 || fd > 2) return nullptr;
  if (!g_console_checked[fd]) {
    g_console_checked[fd] = true;
    g_console_fh[fd] = mbed::mbed_override_console(fd);
  }
  return g_console_fh[fd];
}
}  // namespace

// Writes to the console as the program's configuration asks: with platform.stdio-convert-newlines
// (mbed_app.json), stdout and stderr turn "\n" into "\r\n", as Mbed OS's retarget layer does.
static void stdio_out(int fd, const char* data, size_t length) {
  if (mbed::FileHandle* fh = console_handle(fd)) {
    fh->write(data, length);
    return;
  }
  console_write(data, length);
}

void stdio_write(int fd, const char* data, size_t length) {
  static char previous[3] = {0, 0, 0};
  if (!mbed_sim_config().stdio_convert_newlines || fd < 1 || fd > 2) {
    stdio_out(fd, data, length);
    return;
  }
  size_t start = 0;
  for (size_t i = 0; i < length; ++i) {
    const char prev = i ? data[i - 1] : previous[fd];
    if (data[i] == '\n' && prev != '\r') {
      if (i > start) stdio_out(fd, data + start, i - start);
      stdio_out(fd, "\r", 1);
      start = i;
    }
  }
  if (length > start) stdio_out(fd, data + start, length - start);
  if (length) previous[fd] = data[length - 1];
}

long stdio_read(char* data, size_t length) {
  if (length == 0) return 0;
  if (mbed::FileHandle* fh = console_handle(0)) return static_cast<long>(fh->read(data, length));
  const int c = console_getc(kForever);
  if (c < 0) return 0;
  size_t got = 0;
  data[got++] = static_cast<char>(c);
  while (got < length && console_readable()) {
    const int d = console_getc(0);
    if (d < 0) break;
    data[got++] = static_cast<char>(d);
  }
  return static_cast<long>(got);
}

}  // namespace sim
