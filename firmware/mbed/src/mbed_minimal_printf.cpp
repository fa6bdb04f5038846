// Mbed OS 6's default printf library, "minimal-printf", as a program on a real board gets it
// unless mbed_app.json sets "target.printf_lib": "std". The builder links these functions in
// place of the C library's printf family (--wrap) when the program's configuration selects it.
//
// What it does differently from the standard printf, as Mbed OS 6.17's library does:
//   - one flag (-+ space #) is skipped; a field width pads with spaces, or with zeros after a
//     leading 0 ("%08lx", "%3i", "%05d" with the sign first); "%*d" skips the width argument;
//   - a precision limits %s, and sets the decimals of %f;
//   - %f/%F/%g/%G print only when platform.minimal-printf-enable-floating-point is true (then
//     all as %f, with platform.minimal-printf-set-floating-point-max-decimals digits unless a
//     precision is given, default 6); otherwise they are not conversions: "%.2f" comes out as
//     the characters %.2f and the argument is left unread;
//   - %x prints hex digits without leading zeros; %p prints 0x and upper-case hex;
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

// An integer as Mbed OS 6.17's minimal printf writes it: digits without leading zeros (hex by
// nibbles), then padded to `width` with spaces before the sign or with zeros after it.
void put_integer(Sink& s, uint64_t magnitude, bool negative, bool hex, bool upper, int width, bool zeros) {
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char text[24];
  int n = 0;
  do {
    text[n++] = hex ? digits[magnitude & 0xF] : static_cast<char>('0' + magnitude % 10);
    magnitude = hex ? magnitude >> 4 : magnitude / 10;
  } while (magnitude);
  const int used = n + (negative ? 1 : 0);
  if (negative && zeros) s.put('-');
  for (int pad = width - used; pad > 0; --pad) s.put(zeros ? '0' : ' ');
  if (negative && !zeros) s.put('-');
  while (n) s.put(text[--n]);
}

void put_signed(Sink& s, int64_t v, int width, bool zeros) {
  const bool negative = v < 0;
  put_integer(s, negative ? ~static_cast<uint64_t>(v) + 1 : static_cast<uint64_t>(v), negative, false, false, width,
              zeros);
}

void put_double(Sink& s, double value, int decimals, int width, bool zeros) {
  // Mbed OS 6.17's arithmetic: the integer part truncates toward zero, the fraction is scaled
  // and rounded half up (carrying into the integer part), and a negative value whose integer
  // part is 0 keeps its sign ("-0.500000").
  int64_t integer = static_cast<int64_t>(value);
  uint64_t fraction = 0;
  const bool negative = value < 0;
  if (decimals != 0) {
    int64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    const double scaled = (value - static_cast<double>(integer)) * static_cast<double>(scale);
    const int64_t rounded = static_cast<int64_t>(negative ? -scaled + 0.5 : scaled + 0.5);
    if (rounded >= scale) {
      integer += negative ? -1 : 1;
      fraction = 0;
    } else {
      fraction = static_cast<uint64_t>(rounded);
    }
    width -= decimals + 1;
    if (width < 0) width = 0;
  } else {
    const double rest = value - static_cast<double>(integer);
    if (rest > 0.5) ++integer;
    if (rest < -0.5) --integer;
  }
  if (integer == 0 && negative) {
    put_integer(s, 0, true, false, false, width, zeros);
  } else {
    put_signed(s, integer, width, zeros);
  }
  if (decimals != 0) {
    s.put('.');
    put_integer(s, fraction, false, false, false, decimals, true);
  }
}

int format(Sink& s, const char* fmt, va_list ap) {
  const MbedSimConfig& config = mbed_sim_config();
  for (size_t i = 0; fmt[i]; ++i) {
    if (fmt[i] != '%') {
      s.put(fmt[i]);
      continue;
    }
    size_t j = i + 1;
    if (fmt[j] && std::strchr("-+ #", fmt[j])) ++j;  // one flag, ignored
    int width = 0;
    bool zeros = false;
    if (fmt[j] == '*') {
      (void)va_arg(ap, int);  // a width argument, ignored
      ++j;
    } else {
      while (fmt[j] == '0') {
        zeros = true;
        ++j;
      }
      for (; fmt[j] >= '0' && fmt[j] <= '9'; ++j) width = width * 10 + (fmt[j] - '0');
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
      put_signed(s, v, width, zeros);
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
      put_integer(s, v, false, conv != 'u', conv == 'X', width, zeros);
      i = j;
    } else if ((conv == 'f' || conv == 'F' || conv == 'g' || conv == 'G') && config.minimal_printf_float) {
      put_double(s, va_arg(ap, double), precision >= 0 ? static_cast<int>(precision) : config.minimal_printf_max_decimals,
                 width, zeros);
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
      put_integer(s, v, false, true, true, 0, false);
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
