// Critical sections and interrupt context for the simulator (see platform/sim_context.h).
#include "platform/mbed_critical.h"

#include "platform/sim_context.h"

namespace mbed {
namespace sim {
volatile int isr_depth = 0;
volatile int critical_depth = 0;
}  // namespace sim
}  // namespace mbed

extern "C" {

bool core_util_are_interrupts_enabled(void) { return mbed::sim::critical_depth == 0; }
bool core_util_is_isr_active(void) { return mbed::sim::isr_depth > 0; }
bool core_util_in_critical_section(void) { return mbed::sim::critical_depth > 0; }
void core_util_critical_section_enter(void) { mbed::sim::critical_depth = mbed::sim::critical_depth + 1; }
void core_util_critical_section_exit(void) {
  if (mbed::sim::critical_depth > 0) mbed::sim::critical_depth = mbed::sim::critical_depth - 1;
}

}  // extern "C"
