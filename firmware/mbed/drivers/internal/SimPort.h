// The simulator's GPIO port (the port_api of Mbed OS's HAL) behind PortIn, PortOut and PortInOut:
// the masked pins of one port, as one 32-bit register (bit n is pin n of the port).
#pragma once
#include "PinNames.h"

namespace mbed {
namespace internal {

class SimPort {
 public:
  SimPort(PortName port, int mask, PinDirection direction);
  void write(int value);  // drives the masked output pins; the output register keeps the value
  int read();             // masked: outputs read what they drive, inputs the level on the pin
  void dir(PinDirection direction);
  void mode(PinMode pull);

 private:
  int pin(int bit) const;
  int port_;
  unsigned mask_;
  unsigned value_ = 0;
  bool output_ = false;
  bool created_ = false;
};

}  // namespace internal
}  // namespace mbed
