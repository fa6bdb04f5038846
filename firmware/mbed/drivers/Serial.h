#pragma once
#include <cstdarg>
#include <cstdio>

#include "drivers/SerialBase.h"
#include "platform/Stream.h"

namespace mbed {

/** Mbed OS 2/5 Serial (and RawSerial): a Stream (printf/putc/getc/puts/scanf) on a serial port.
 *  Removed in Mbed OS 6; still compiled here, with a warning naming the replacement. */
class SerialStream : public SerialBase, public Stream {
 public:
  SerialStream(PinName tx, PinName rx, int baud) : SerialBase(tx, rx, baud) {}
  using SerialBase::readable;

 protected:
  int _putc(int c) override { return _base_putc(c); }
  int _getc() override { return _base_getc(); }
  ssize_t write(const void* buffer, size_t length) override {
    if (console_) sim::console_write(static_cast<const char*>(buffer), length);
    return static_cast<ssize_t>(length);
  }
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
