// The few CMSIS-Core intrinsics Mbed programs call directly. __disable_irq/__enable_irq mask
// the simulator's interrupts (they do not nest, as on the hardware).
#pragma once
#include "platform/mbed_critical.h"

namespace sim {
namespace impl {
inline bool& irq_masked() {
  static bool masked = false;
  return masked;
}
}  // namespace impl
}  // namespace sim

inline void __disable_irq(void) {
  if (!sim::impl::irq_masked()) {
    sim::impl::irq_masked() = true;
    sim::critical_enter();
  }
}
inline void __enable_irq(void) {
  if (sim::impl::irq_masked()) {
    sim::impl::irq_masked() = false;
    sim::critical_exit();
  }
}
inline void __NOP(void) { sim::hal_call(); }
inline void __WFI(void) { sim::yield(); }
