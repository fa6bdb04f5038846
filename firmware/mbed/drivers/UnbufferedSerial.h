#pragma once
#include <sys/types.h>

#include "drivers/SerialBase.h"
#include "platform/FileHandle.h"

namespace mbed {

/** A serial port without a buffer: read() blocks for exactly one byte; attach(func, RxIrq)
 *  calls func in interrupt context for each byte received (the handler must read it).
 *  @code
 *  UnbufferedSerial pc(USBTX, USBRX, 115200);
 *  pc.attach(&on_rx, SerialBase::RxIrq);
 *  @endcode */
class UnbufferedSerial : private SerialBase, public FileHandle {
 public:
  UnbufferedSerial(PinName tx, PinName rx, int baud = MBED_CONF_PLATFORM_DEFAULT_SERIAL_BAUD_RATE)
      : SerialBase(tx, rx, baud) {}

  ssize_t write(const void* buffer, size_t size) override {
    if (console_) sim::console_write(static_cast<const char*>(buffer), size);
    return static_cast<ssize_t>(size);
  }
  ssize_t read(void* buffer, size_t size) override {
    if (size == 0) return 0;
    const int c = _base_getc();
    if (c < 0) return -EAGAIN;
    *static_cast<char*>(buffer) = static_cast<char>(c);
    return 1;
  }
  off_t seek(off_t, int = SEEK_SET) override { return -ESPIPE; }
  off_t size() override { return -EINVAL; }
  int isatty() override { return true; }
  int close() override { return 0; }
  short poll(short events) const override {
    short r = POLLOUT;
    if (console_ && sim::console_readable()) r |= POLLIN;
    return r & events;
  }

  using SerialBase::attach;
  using SerialBase::baud;
  using SerialBase::format;
  using SerialBase::IrqCnt;
  using SerialBase::readable;
  using SerialBase::RxIrq;
  using SerialBase::TxIrq;
  using SerialBase::writeable;
  using SerialBase::Parity;
  using SerialBase::None;
  using SerialBase::Odd;
  using SerialBase::Even;
  using SerialBase::Forced1;
  using SerialBase::Forced0;
  using SerialBase::IrqType;
};

}  // namespace mbed
