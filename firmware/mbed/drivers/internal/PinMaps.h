// Which pins can be what, per board (the PinMap tables of Mbed OS's PeripheralPins.c for the
// LPC1768 and the K64F, as facts): a PwmOut or AnalogOut on a pin without that function stops the
// program with Mbed OS's fatal "pinmap not found for peripheral", as the real boards do.
#pragma once
#include "PinNames.h"
#include "platform/mbed_error.h"

namespace mbed {
namespace pinmap {

/** True if `pin` has a PWM output on the board compiled for. */
constexpr bool has_pwm(PinName pin) {
#if defined(TARGET_K64F)
  // FlexTimer channels: FTM0-FTM3
  return (pin >= PTA0 && pin <= PTA13) || pin == PTB0 || pin == PTB1 || pin == PTB18 || pin == PTB19 ||
         (pin >= PTC1 && pin <= PTC5) || (pin >= PTC8 && pin <= PTC11) || (pin >= PTD0 && pin <= PTD7) ||
         pin == PTE5 || pin == PTE6;
#elif defined(TARGET_LPC1768)
  // PWM1.1-PWM1.6: LED1 (P1_18), LED2 (P1_20), LED3 (P1_21), LED4 (P1_23), p21-p26 (P2_5..P2_0)
  return pin == P1_18 || pin == P1_20 || pin == P1_21 || pin == P1_23 || pin == P1_24 || pin == P1_26 ||
         (pin >= P2_0 && pin <= P2_5) || pin == P3_25 || pin == P3_26;
#else
  return pin != NC;
#endif
}

/** True if `pin` is the board's DAC output. */
constexpr bool has_dac(PinName pin) {
#if defined(TARGET_K64F)
  return pin == DAC0_OUT;
#elif defined(TARGET_LPC1768)
  return pin == P0_26;  // p18
#else
  return pin != NC;
#endif
}

/** What Mbed OS does when a driver is created on a pin without the function it needs. */
inline void require(bool ok) {
  if (!ok) {
    MBED_ERROR(MBED_MAKE_ERROR(MBED_MODULE_PLATFORM, MBED_ERROR_CODE_PINMAP_INVALID), "pinmap not found for peripheral");
  }
}

}  // namespace pinmap
}  // namespace mbed
