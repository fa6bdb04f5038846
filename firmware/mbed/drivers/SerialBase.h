#pragma once
#include "PinNames.h"
#include "platform/Callback.h"
#include "sim/sim.h"

#ifndef MBED_CONF_PLATFORM_DEFAULT_SERIAL_BAUD_RATE
#define MBED_CONF_PLATFORM_DEFAULT_SERIAL_BAUD_RATE 9600
#endif
#ifndef MBED_CONF_PLATFORM_STDIO_BAUD_RATE
#define MBED_CONF_PLATFORM_STDIO_BAUD_RATE 9600
#endif

namespace mbed {

/** What the serial classes share: baud, format, interrupts. On the board's USB pins
 *  (USBTX/USBRX) a port is the simulator's console; on other pins nothing is attached (writes
 *  go nowhere, nothing is ever received). */
class SerialBase {
 public:
  enum Parity { None = 0, Odd, Even, Forced1, Forced0 };
  enum IrqType { RxIrq = 0, TxIrq, IrqCnt };
  enum Flow { Disabled = 0, RTS, CTS, RTSCTS };

  void baud(int baudrate) { baud_ = baudrate; }
  void format(int bits = 8, Parity parity = SerialBase::None, int stop_bits = 1) {
    (void)bits;
    (void)parity;
    (void)stop_bits;
  }
  /** A received byte is waiting. */
  int readable() { return console_ ? sim::console_readable() > 0 : 0; }
  int writeable() { return 1; }
  /** Call `func` in interrupt context when a byte arrives (RxIrq). TxIrq is not simulated:
   *  transmission completes at once. Pass nullptr to detach. */
  void attach(Callback<void()> func, IrqType type = RxIrq) {
    if (type != RxIrq || !console_) return;
    if (func)
      sim::console_attach_rx(this, func);
    else
      sim::console_detach_rx(this);
  }
  void send_break() { sim::hal_call(); }
  void set_break() {}
  void clear_break() {}
  void set_flow_control(Flow type, PinName flow1 = NC, PinName flow2 = NC) {
    (void)type;
    (void)flow1;
    (void)flow2;
  }
  virtual void lock() {}
  virtual void unlock() {}

 protected:
  SerialBase(PinName tx, PinName rx, int baud) : console_(sim::is_console(tx, rx)), baud_(baud) {}
  ~SerialBase() { sim::console_detach_rx(this); }
  int _base_getc() { return console_ ? sim::console_getc(sim::kForever) : (block_forever(), -1); }
  int _base_putc(int c) {
    const char ch = static_cast<char>(c);
    if (console_) sim::console_write(&ch, 1);
    return c;
  }
  static void block_forever();
  bool console_;
  int baud_;
};

}  // namespace mbed
