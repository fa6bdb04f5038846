// rtos.h: the Mbed OS RTOS API (rtos::Thread, Mutex, Semaphore, Queue, Mail, MemoryPool,
// EventFlags, ConditionVariable, Kernel, ThisThread). mbed.h includes it too.
#pragma once
#include "rtos/ConditionVariable.h"
#include "rtos/EventFlags.h"
#include "rtos/Kernel.h"
#include "rtos/Mail.h"
#include "rtos/MemoryPool.h"
#include "rtos/Mutex.h"
#include "rtos/Queue.h"
#include "rtos/Semaphore.h"
#include "rtos/ThisThread.h"
#include "rtos/Thread.h"
#include "rtos/mbed_rtos_types.h"

#if !defined(MBED_NO_GLOBAL_USING_DIRECTIVE)
using namespace rtos;
#endif
