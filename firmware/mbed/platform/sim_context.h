// Execution context shared by the simulator core and the platform API: how deep we are in
// interrupt handlers (core_util_is_isr_active) and in critical sections (while one is open the
// core holds interrupts and thread switches back).
#pragma once

namespace mbed {
namespace sim {

extern volatile int isr_depth;       // > 0 while an interrupt callback runs
extern volatile int critical_depth;  // > 0 inside core_util_critical_section_enter/exit

/** Marks a scope as interrupt context (the core wraps every interrupt callback in one). */
struct IsrScope {
  IsrScope() { isr_depth = isr_depth + 1; }
  ~IsrScope() { isr_depth = isr_depth - 1; }
  IsrScope(const IsrScope&) = delete;
  IsrScope& operator=(const IsrScope&) = delete;
};

}  // namespace sim
}  // namespace mbed
