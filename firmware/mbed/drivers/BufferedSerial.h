#pragma once
#include <sys/types.h>

#include "drivers/SerialBase.h"
#include "platform/FileHandle.h"

namespace mbed {

/** A serial port with receive and transmit buffers (Mbed OS 6's replacement for Serial).
 *  read() blocks until at least one byte is there (unless set_blocking(false): then it returns
 *  -EAGAIN), and returns what is buffered up to `size`.
 *  @code
 *  static BufferedSerial pc(USBTX, USBRX, 115200);
 *  char c; if (pc.read(&c, 1) == 1) pc.write(&c, 1);
 *  @endcode */
class BufferedSerial : private SerialBase, public FileHandle {
 public:
  BufferedSerial(PinName tx, PinName rx, int baud = MBED_CONF_PLATFORM_DEFAULT_SERIAL_BAUD_RATE)
      : SerialBase(tx, rx, baud) {}
  ~BufferedSerial() override { sim::console_detach_rx(&sigio_); }

  ssize_t write(const void* buffer, size_t length) override {
    if (console_) sim::console_write(static_cast<const char*>(buffer), length);
    return static_cast<ssize_t>(length);
  }
  ssize_t read(void* buffer, size_t length) override;
  off_t seek(off_t, int = SEEK_SET) override { return -ESPIPE; }
  off_t size() override { return -EINVAL; }
  int isatty() override { return true; }
  int close() override { return 0; }
  int sync() override { return 0; }
  int set_blocking(bool blocking) override {
    blocking_ = blocking;
    return 0;
  }
  bool is_blocking() const override { return blocking_; }
  int enable_input(bool enabled) override {
    (void)enabled;
    return 0;
  }
  int enable_output(bool enabled) override {
    (void)enabled;
    return 0;
  }
  short poll(short events) const override {
    short r = POLLOUT;
    if (console_ && sim::console_readable()) r |= POLLIN;
    return r & events;
  }
  /** Call func (in interrupt context) whenever bytes arrive. */
  void sigio(Callback<void()> func) override {
    if (!console_) return;
    if (func)
      sim::console_attach_rx(&sigio_, func);
    else
      sim::console_detach_rx(&sigio_);
  }
  void set_baud(int baud) { SerialBase::baud(baud); }
  void set_format(int bits = 8, Parity parity = BufferedSerial::None, int stop_bits = 1) {
    SerialBase::format(bits, parity, stop_bits);
  }
  void set_flow_control(Flow type, PinName flow1 = NC, PinName flow2 = NC) {
    SerialBase::set_flow_control(type, flow1, flow2);
  }

  using FileHandle::readable;
  using FileHandle::writable;
  using SerialBase::Parity;
  using SerialBase::None;
  using SerialBase::Odd;
  using SerialBase::Even;
  using SerialBase::Forced1;
  using SerialBase::Forced0;
  using SerialBase::Flow;
  using SerialBase::Disabled;
  using SerialBase::RTS;
  using SerialBase::CTS;
  using SerialBase::RTSCTS;

 private:
  bool blocking_ = true;
  char sigio_ = 0;  // identifies this port's sigio handler
};

}  // namespace mbed
