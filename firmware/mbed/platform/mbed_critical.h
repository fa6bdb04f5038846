// Critical sections and interrupt state (Mbed OS 6 platform/mbed_critical.h).
//
// In the simulator "interrupts" are the callbacks of InterruptIn, Ticker, Timeout and the
// serial port, delivered by the core between the program's statements. A critical section
// holds them (and thread switches) back until it ends, as masking IRQs does on the MCU.
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** True unless interrupts are masked (inside a critical section or after __disable_irq). */
bool core_util_are_interrupts_enabled(void);
/** True while an interrupt handler (InterruptIn, Ticker, Timeout, serial attach) runs. */
bool core_util_is_isr_active(void);
/** Enter a critical section (nestable): interrupts and thread switches wait until the last exit. */
void core_util_critical_section_enter(void);
/** Leave a critical section entered with core_util_critical_section_enter. */
void core_util_critical_section_exit(void);
/** True inside a critical section. */
bool core_util_in_critical_section(void);

#ifdef __cplusplus
}
#endif

#include "platform/mbed_atomic.h"
