// The register context Mbed OS captures on a Cortex-M fault (platform/source/TARGET_CORTEX_M/
// mbed_fault_handler.h). The simulator never captures one (no warm reboot after a fault), so
// mbed_get_reboot_fault_context reports MBED_ERROR_ITEM_NOT_FOUND.
#pragma once
#include <stdint.h>

#include "platform/mbed_error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  uint32_t R0_reg, R1_reg, R2_reg, R3_reg, R4_reg, R5_reg, R6_reg, R7_reg, R8_reg, R9_reg, R10_reg, R11_reg,
      R12_reg;
  uint32_t SP_reg, LR_reg, PC_reg, xPSR, PSP, MSP, EXC_RETURN, CONTROL;
} mbed_fault_context_t;

#define HARD_FAULT_EXCEPTION (0x10)
#define MEMMANAGE_FAULT_EXCEPTION (0x20)
#define BUS_FAULT_EXCEPTION (0x30)
#define USAGE_FAULT_EXCEPTION (0x40)

mbed_error_status_t mbed_get_reboot_fault_context(mbed_fault_context_t* fault_context);

#ifdef __cplusplus
}
#endif
