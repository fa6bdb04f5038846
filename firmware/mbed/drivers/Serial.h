#pragma once
#include <cstdarg>
#include <cstdio>

#include "drivers/SerialBase.h"

namespace mbed {

/** Mbed OS 2/5 Serial (and RawSerial): printf/putc/getc/puts/scanf on a serial port. Removed
 *  in Mbed OS 6; still compiled here, with a warning. */
class SerialStream : public SerialBase {
 public:
  SerialStream(PinName tx, PinName rx, int baud) : SerialBase(tx, rx, baud) {}
  int putc(int c) { return _base_putc(c); }
  int getc() { return _base_getc(); }
  int puts(const char* s);
  char* gets(char* s, int size);
  int printf(const char* format, ...) __attribute__((format(printf, 2, 3)));
  int vprintf(const char* format, std::va_list args);
  int scanf(const char* format, ...) __attribute__((format(scanf, 2, 3)));
  int vscanf(const char* format, std::va_list args);
  int _putc(int c) { return putc(c); }
  int _getc() { return getc(); }
};

class [[deprecated("Serial is removed in Mbed OS 6: use BufferedSerial (or UnbufferedSerial), and printf for the console.")]] Serial
    : public SerialStream {
 public:
  Serial(PinName tx, PinName rx, const char* name = nullptr, int baud = MBED_CONF_PLATFORM_DEFAULT_SERIAL_BAUD_RATE)
      : SerialStream(tx, rx, baud) {
    (void)name;
  }
  Serial(PinName tx, PinName rx, int baud) : SerialStream(tx, rx, baud) {}
};

class [[deprecated("RawSerial is removed in Mbed OS 6: use UnbufferedSerial.")]] RawSerial : public SerialStream {
 public:
  RawSerial(PinName tx, PinName rx, int baud = MBED_CONF_PLATFORM_DEFAULT_SERIAL_BAUD_RATE)
      : SerialStream(tx, rx, baud) {}
};

}  // namespace mbed
