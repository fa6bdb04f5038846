// CMSIS-RTOS types (Mbed OS 5 programs include cmsis_os.h) (the simulator implements the RTOS behind Mbed's C++ classes, not the C API).
#pragma once
#include "rtos/mbed_rtos_types.h"
