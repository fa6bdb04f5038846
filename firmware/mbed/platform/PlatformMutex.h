// PlatformMutex (platform/PlatformMutex.h): the mutex drivers use; rtos::Mutex, as in Mbed OS
// with the RTOS API (every build here has it, bare-metal ones included).
#pragma once
#include "rtos/Mutex.h"

typedef rtos::Mutex PlatformMutex;
