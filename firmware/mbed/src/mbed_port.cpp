// The GPIO port behind PortIn/PortOut/PortInOut (Mbed OS's port_api): each masked bit is one pin
// of the simulator's pin model, so ports and single pins (DigitalOut, InterruptIn) see each other.
#include "drivers/internal/SimPort.h"

#include "platform/mbed_critical.h"
#include "sim/sim.h"
#include "sim_board.h"

namespace mbed {
namespace internal {

SimPort::SimPort(PortName port, int mask, PinDirection direction)
    : port_(static_cast<int>(port)), mask_(static_cast<unsigned>(mask)) {
  core_util_critical_section_enter();
  if (direction == PIN_INPUT) mode(PullDefault);  // as a DigitalIn; an output keeps its pins' pulls
  dir(direction);
  core_util_critical_section_exit();
}

int SimPort::pin(int bit) const { return (port_ << kSimPortShift) | bit; }

void SimPort::write(int value) {
  core_util_critical_section_enter();
  value_ = static_cast<unsigned>(value) & mask_;
  if (output_)
    for (int bit = 0; bit < 32; ++bit)
      if (mask_ >> bit & 1) sim::pin_output(pin(bit), value_ >> bit & 1, false);
  core_util_critical_section_exit();
}

int SimPort::read() {
  if (output_) {
    sim::hal_call();
    return static_cast<int>(value_);
  }
  unsigned v = 0;
  for (int bit = 0; bit < 32; ++bit)
    if (mask_ >> bit & 1 && sim::pin_read(pin(bit))) v |= 1u << bit;
  return static_cast<int>(v);
}

void SimPort::dir(PinDirection direction) {
  core_util_critical_section_enter();
  const bool out = direction == PIN_OUTPUT;
  if (out != output_) {
    for (int bit = 0; bit < 32; ++bit) {
      if (!(mask_ >> bit & 1)) continue;
      if (out)
        sim::pin_output(pin(bit), value_ >> bit & 1, !created_);
      else
        sim::pin_release(pin(bit));
    }
    created_ = created_ || out;
    output_ = out;
  }
  core_util_critical_section_exit();
}

void SimPort::mode(PinMode pull) {
  for (int bit = 0; bit < 32; ++bit)
    if (mask_ >> bit & 1) sim::pin_mode(pin(bit), pull);
}

}  // namespace internal
}  // namespace mbed
