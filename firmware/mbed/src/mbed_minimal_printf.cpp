// Mbed OS 6's default printf library, "minimal-printf", as a program on a real board gets it
// unless mbed_app.json sets "target.printf_lib": "std". The builder links these functions in
// place of the C library's printf family (--wrap) when the program's configuration selects it.
//
// What it does differently from the standard printf, as documented for Mbed OS's library:
//   - flags (-+ #0) and field widths are skipped: "%08lx" prints 201, "%3i" prints 9;
//   - a precision only limits %s ("%.*s" works);
//   - %f/%F/%g/%G print only when platform.minimal-printf-enable-floating-point is true (then
//     with platform.minimal-printf-set-floating-point-max-decimals digits, default 6);
//     otherwise they are not conversions: "%.2f" comes out as the characters %.2f and the
//     argument is left unread;
//   - %x prints whole bytes from the first non-zero one, dropping only that byte's leading 0
//     nibble; %p prints 0x and upper-case hex;
//   - any other conversion is printed as the '%' and the text after it.
// (Written from Mbed OS's documentation and observed output, not copied from its sources.)
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "platform/mbed_sim_config.h"

namespace {

// Where the characters go: a bounded buffer (snprintf) or a stream.
struct Sink {
  char* buffer;
  size_t capacity;  // room for characters, the terminator excluded
  std::FILE* stream;
  int count = 0;
  char pending[128];
  size_t npending = 0;

  void put(char c) {
    if (buffer) {
      if (static_cast<size_t>(count) < capacity) buffer[count] = c;
    } else {
      pending[npending++] = c;
      if (npending == sizeof pending) flush();
    }
    ++count;
  }
  void flush() {
    if (stream && npending) std::fwrite(pending, 1, npending, stream);
    npending = 0;
  }
};

enum Length { kNone, kHH, kH, kL, kLL, kJ, kZ, kT, kCapitalL };

void put_unsigned(Sink& s, uint64_t v) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) s.put(digits[--n]);
}

void put_signed(Sink& s, int64_t v) {
  if (v < 0) {
    s.put('-');
    put_unsigned(s, ~static_cast<uint64_t>(v) + 1);
  } else {
    put_unsigned(s, static_cast<uint64_t>(v));
  }
}

void put_hex(Sink& s, uint64_t v, bool upper) {
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  bool started = false;
  for (int byte = 7; byte >= 0; --byte) {
    const unsigned b = static_cast<unsigned>(v >> (8 * byte)) & 0xFF;
    if (!started && b == 0 && byte != 0) continue;
    if (started || (b >> 4) != 0) s.put(digits[b >> 4]);
    s.put(digits[b & 0xF]);
    started = true;
  }
}

void put_double(Sink& s, double value, int decimals) {
  // Mbed OS's arithmetic, quirks included: the integer part truncates toward zero (so -0.5
  // prints as 0.500000), and a negative fraction always rounds its last digit up.
  const int64_t integer = static_cast<int64_t>(value);
  put_signed(s, integer);
  s.put('.');
  double scale = 1.0;
  for (int i = 0; i < decimals; ++i) scale *= 10.0;
  value = (value - static_cast<double>(integer)) * scale;
  uint64_t digits;
  if (value < 0) {
    const int64_t truncated = static_cast<int64_t>(value);
    digits = ~static_cast<uint64_t>(truncated) + 1;
  } else {
    digits = static_cast<uint64_t>(value);
  }
  value -= static_cast<double>(digits);
  if (!(value > -0.5 && value < 0.5)) ++digits;
  uint64_t limit = static_cast<uint64_t>(scale) / 10;
  for (const uint64_t shown = digits ? digits : 1; limit > shown; limit /= 10) s.put('0');
  put_unsigned(s, digits);
}

int format(Sink& s, const char* fmt, va_list ap) {
  const MbedSimConfig& config = mbed_sim_config();
  for (size_t i = 0; fmt[i]; ++i) {
    if (fmt[i] != '%') {
      s.put(fmt[i]);
      continue;
    }
    size_t j = i + 1;
    if (std::strchr("-+ #0", fmt[j]) && fmt[j]) ++j;  // one flag, ignored
    if (fmt[j] == '*') {
      (void)va_arg(ap, int);  // a width argument, ignored
      ++j;
    } else {
      while (fmt[j] >= '0' && fmt[j] <= '9') ++j;
    }
    long precision = -1;
    if (fmt[j] == '.' && fmt[j + 1] == '*') {
      precision = va_arg(ap, int);
      j += 2;
    } else if (fmt[j] == '.') {
      precision = 0;
      for (++j; fmt[j] >= '0' && fmt[j] <= '9'; ++j) precision = precision * 10 + (fmt[j] - '0');
    }
    Length len = kNone;
    if (fmt[j] == 'h' && fmt[j + 1] == 'h') {
      len = kHH;
      j += 2;
    } else if (fmt[j] == 'l' && fmt[j + 1] == 'l') {
      len = kLL;
      j += 2;
    } else {
      switch (fmt[j]) {
        case 'h': len = kH; ++j; break;
        case 'l': len = kL; ++j; break;
        case 'j': len = kJ; ++j; break;
        case 'z': len = kZ; ++j; break;
        case 't': len = kT; ++j; break;
        case 'L': len = kCapitalL; ++j; break;
        default: break;
      }
    }
    const char conv = fmt[j];
    if (conv == 'd' || conv == 'i') {
      if (len == kLL && !config.minimal_printf_64bit) {
        s.put('%');
        continue;
      }
      int64_t v;
      switch (len) {
        case kHH: v = static_cast<signed char>(va_arg(ap, int)); break;
        case kH: v = static_cast<short>(va_arg(ap, int)); break;
        case kL: v = va_arg(ap, long); break;
        case kLL: v = va_arg(ap, long long); break;
        case kJ: v = va_arg(ap, intmax_t); break;
        case kZ: v = static_cast<int64_t>(va_arg(ap, size_t)); break;
        case kT: v = va_arg(ap, ptrdiff_t); break;
        default: v = va_arg(ap, int); break;
      }
      put_signed(s, v);
      i = j;
    } else if (conv == 'u' || conv == 'x' || conv == 'X') {
      if (len == kLL && !config.minimal_printf_64bit) {
        s.put('%');
        continue;
      }
      uint64_t v;
      switch (len) {
        case kHH: v = static_cast<unsigned char>(va_arg(ap, unsigned)); break;
        case kH: v = static_cast<unsigned short>(va_arg(ap, unsigned)); break;
        case kL: v = va_arg(ap, unsigned long); break;
        case kLL: v = va_arg(ap, unsigned long long); break;
        case kJ: v = va_arg(ap, uintmax_t); break;
        case kZ: v = va_arg(ap, size_t); break;
        case kT: v = static_cast<uint64_t>(va_arg(ap, ptrdiff_t)); break;
        default: v = va_arg(ap, unsigned); break;
      }
      if (conv == 'u') {
        put_unsigned(s, v);
      } else {
        put_hex(s, v, conv == 'X');
      }
      i = j;
    } else if ((conv == 'f' || conv == 'F' || conv == 'g' || conv == 'G') && config.minimal_printf_float) {
      put_double(s, va_arg(ap, double), config.minimal_printf_max_decimals);
      i = j;
    } else if (conv == 'c') {
      s.put(static_cast<char>(va_arg(ap, int)));
      i = j;
    } else if (conv == 's') {
      const char* str = va_arg(ap, const char*);
      if (!str) str = "(null)";
      for (long k = 0; str[k] && (precision < 0 || k < precision); ++k) s.put(str[k]);
      i = j;
    } else if (conv == 'p') {
      const uintptr_t v = reinterpret_cast<uintptr_t>(va_arg(ap, void*));
      s.put('0');
      s.put('x');
      put_hex(s, v, true);
      i = j;
    } else {
      // Not a conversion it knows (or %%): print the '%' and go on after it.
      s.put('%');
      if (conv == '%') i = j;
    }
  }
  return s.count;
}

int to_stream(std::FILE* stream, const char* fmt, va_list ap) {
  Sink s{nullptr, 0, stream};
  const int n = format(s, fmt, ap);
  s.flush();
  return n;
}

int to_buffer(char* buffer, size_t size, const char* fmt, va_list ap) {
  Sink s{buffer, size ? size - 1 : 0, nullptr};
  const int n = format(s, fmt, ap);
  if (buffer && size) buffer[static_cast<size_t>(n) < size - 1 ? n : size - 1] = '\0';
  return n;
}

}  // namespace

extern "C" {

// For the Cortex-M4 port's stdio wrappers (hal/cortex_m4.cpp), which already wrap printf & co to
// keep thread switches out of newlib's stdio and call this when minimal-printf is configured.
int mbed_sim_minimal_vfprintf(std::FILE* stream, const char* fmt, va_list ap) { return to_stream(stream, fmt, ap); }

#if !defined(__arm__)
int __wrap_vprintf(const char* fmt, va_list ap) { return to_stream(stdout, fmt, ap); }
int __wrap_printf(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const int n = to_stream(stdout, fmt, ap);
  va_end(ap);
  return n;
}
int __wrap_vfprintf(std::FILE* stream, const char* fmt, va_list ap) { return to_stream(stream, fmt, ap); }
int __wrap_fprintf(std::FILE* stream, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const int n = to_stream(stream, fmt, ap);
  va_end(ap);
  return n;
}
#endif  // !__arm__
int __wrap_vsnprintf(char* buffer, size_t size, const char* fmt, va_list ap) { return to_buffer(buffer, size, fmt, ap); }
int __wrap_snprintf(char* buffer, size_t size, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const int n = to_buffer(buffer, size, fmt, ap);
  va_end(ap);
  return n;
}
int __wrap_vsprintf(char* buffer, const char* fmt, va_list ap) { return to_buffer(buffer, SIZE_MAX, fmt, ap); }
int __wrap_sprintf(char* buffer, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const int n = to_buffer(buffer, SIZE_MAX, fmt, ap);
  va_end(ap);
  return n;
}

#if defined(__EMSCRIPTEN__)
// Emscripten's clang calls musl's integer-only (i*) and "small" variants instead of printf.
int __wrap_iprintf(const char* fmt, ...) __attribute__((alias("__wrap_printf")));
int __wrap___small_printf(const char* fmt, ...) __attribute__((alias("__wrap_printf")));
int __wrap_fiprintf(std::FILE* stream, const char* fmt, ...) __attribute__((alias("__wrap_fprintf")));
int __wrap___small_fprintf(std::FILE* stream, const char* fmt, ...) __attribute__((alias("__wrap_fprintf")));
int __wrap_siprintf(char* buffer, const char* fmt, ...) __attribute__((alias("__wrap_sprintf")));
int __wrap___small_sprintf(char* buffer, const char* fmt, ...) __attribute__((alias("__wrap_sprintf")));
int __wrap_sniprintf(char* buffer, size_t size, const char* fmt, ...) __attribute__((alias("__wrap_snprintf")));
int __wrap___small_snprintf(char* buffer, size_t size, const char* fmt, ...) __attribute__((alias("__wrap_snprintf")));
int __wrap_vsiprintf(char* buffer, const char* fmt, va_list ap) __attribute__((alias("__wrap_vsprintf")));
int __wrap___small_vsprintf(char* buffer, const char* fmt, va_list ap) __attribute__((alias("__wrap_vsprintf")));
int __wrap_vfiprintf(std::FILE* stream, const char* fmt, va_list ap) __attribute__((alias("__wrap_vfprintf")));
int __wrap___small_vfprintf(std::FILE* stream, const char* fmt, va_list ap) __attribute__((alias("__wrap_vfprintf")));
int __wrap_vsniprintf(char* buffer, size_t size, const char* fmt, va_list ap) __attribute__((alias("__wrap_vsnprintf")));
int __wrap___small_vsnprintf(char* buffer, size_t size, const char* fmt, va_list ap)
    __attribute__((alias("__wrap_vsnprintf")));
#endif

}  // extern "C"
