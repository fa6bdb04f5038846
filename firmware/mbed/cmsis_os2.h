// CMSIS-RTOS2 types (the simulator implements the RTOS behind Mbed's C++ classes, not the C API).
#pragma once
#include "rtos/mbed_rtos_types.h"
