// mbed::Stream: formatted I/O over a device's _putc/_getc.
#include "platform/Stream.h"

#include <cstdarg>
#include <cstring>

namespace mbed {

Stream::~Stream() {
  if (file_) std::fclose(file_);
}

// scanf reads through a C stream whose reads call _getc (one character at a time, so the
// stream never takes more than it needs).
std::FILE* Stream::file() {
  if (!file_) file_ = fdopen(this, "r+");
  return file_;
}

ssize_t Stream::write(const void* buffer, size_t length) {
  const char* p = static_cast<const char*>(buffer);
  lock();
  for (size_t i = 0; i < length; ++i) _putc(p[i]);
  unlock();
  return static_cast<ssize_t>(length);
}

ssize_t Stream::read(void* buffer, size_t length) {
  if (length == 0) return 0;
  lock();
  const int c = _getc();
  unlock();
  if (c < 0) return 0;
  *static_cast<char*>(buffer) = static_cast<char>(c);
  return 1;
}

int Stream::puts(const char* s) {
  const size_t n = std::strlen(s);
  write(s, n);
  return static_cast<int>(n);
}

char* Stream::gets(char* s, int size) {
  int i = 0;
  while (i < size - 1) {
    const int c = getc();
    if (c < 0) break;
    s[i++] = static_cast<char>(c);
    if (c == '\n') break;
  }
  s[i] = 0;
  return i ? s : nullptr;
}

int Stream::vprintf(const char* format, std::va_list args) {
  char small[128];
  std::va_list copy;
  va_copy(copy, args);
  const int n = std::vsnprintf(small, sizeof small, format, copy);
  va_end(copy);
  if (n < 0) return n;
  if (static_cast<size_t>(n) < sizeof small) {
    write(small, static_cast<size_t>(n));
    return n;
  }
  char* big = new char[static_cast<size_t>(n) + 1];
  std::vsnprintf(big, static_cast<size_t>(n) + 1, format, args);
  write(big, static_cast<size_t>(n));
  delete[] big;
  return n;
}

int Stream::printf(const char* format, ...) {
  std::va_list args;
  va_start(args, format);
  const int n = vprintf(format, args);
  va_end(args);
  return n;
}

int Stream::vscanf(const char* format, std::va_list args) {
  std::FILE* f = file();
  return f ? std::vfscanf(f, format, args) : EOF;
}

int Stream::scanf(const char* format, ...) {
  std::va_list args;
  va_start(args, format);
  const int n = vscanf(format, args);
  va_end(args);
  return n;
}

}  // namespace mbed
