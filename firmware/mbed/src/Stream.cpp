#include "platform/Stream.h"

#include <cstdio>
#include <cstdlib>

namespace mbed {

int Stream::puts(const char* s) {
  int n = 0;
  for (; s && *s; ++s, ++n) _putc(static_cast<unsigned char>(*s));
  return n;
}

int Stream::printf(const char* format, ...) {
  std::va_list args;
  va_start(args, format);
  const int n = vprintf(format, args);
  va_end(args);
  return n;
}

int Stream::vprintf(const char* format, std::va_list args) {
  char small[128];
  std::va_list copy;
  va_copy(copy, args);
  const int n = std::vsnprintf(small, sizeof small, format, args);
  char* text = small;
  if (n >= static_cast<int>(sizeof small)) {
    text = static_cast<char*>(std::malloc(static_cast<size_t>(n) + 1));
    if (text) std::vsnprintf(text, static_cast<size_t>(n) + 1, format, copy);
  }
  va_end(copy);
  if (n > 0 && text)
    for (int i = 0; i < n; ++i) _putc(static_cast<unsigned char>(text[i]));
  if (text != small) std::free(text);
  return n;
}

}  // namespace mbed
