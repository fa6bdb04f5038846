// The CMSIS-RTOS2 types and constants Mbed OS programs use (osStatus, osPriority,
// osWaitForever, osFlags*, the Mbed OS 5 osEvent), with the values RTX gives them.
#pragma once
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  osOK = 0,
  osError = -1,
  osErrorTimeout = -2,
  osErrorResource = -3,
  osErrorParameter = -4,
  osErrorNoMemory = -5,
  osErrorISR = -6,
  osStatusReserved = 0x7FFFFFFF,
  // Mbed OS 5 (CMSIS-RTOS 1) event codes, still used with the deprecated osEvent API.
  osEventSignal = 0x08,
  osEventMessage = 0x10,
  osEventMail = 0x20,
  osEventTimeout = 0x40,
} osStatus_t;
typedef osStatus_t osStatus;

typedef enum {
  osPriorityNone = 0,
  osPriorityIdle = 1,
  osPriorityLow = 8,
  osPriorityLow1 = 8 + 1,
  osPriorityLow2 = 8 + 2,
  osPriorityLow3 = 8 + 3,
  osPriorityLow4 = 8 + 4,
  osPriorityLow5 = 8 + 5,
  osPriorityLow6 = 8 + 6,
  osPriorityLow7 = 8 + 7,
  osPriorityBelowNormal = 16,
  osPriorityBelowNormal1 = 16 + 1,
  osPriorityBelowNormal2 = 16 + 2,
  osPriorityBelowNormal3 = 16 + 3,
  osPriorityBelowNormal4 = 16 + 4,
  osPriorityBelowNormal5 = 16 + 5,
  osPriorityBelowNormal6 = 16 + 6,
  osPriorityBelowNormal7 = 16 + 7,
  osPriorityNormal = 24,
  osPriorityNormal1 = 24 + 1,
  osPriorityNormal2 = 24 + 2,
  osPriorityNormal3 = 24 + 3,
  osPriorityNormal4 = 24 + 4,
  osPriorityNormal5 = 24 + 5,
  osPriorityNormal6 = 24 + 6,
  osPriorityNormal7 = 24 + 7,
  osPriorityAboveNormal = 32,
  osPriorityAboveNormal1 = 32 + 1,
  osPriorityAboveNormal2 = 32 + 2,
  osPriorityAboveNormal3 = 32 + 3,
  osPriorityAboveNormal4 = 32 + 4,
  osPriorityAboveNormal5 = 32 + 5,
  osPriorityAboveNormal6 = 32 + 6,
  osPriorityAboveNormal7 = 32 + 7,
  osPriorityHigh = 40,
  osPriorityHigh1 = 40 + 1,
  osPriorityHigh2 = 40 + 2,
  osPriorityHigh3 = 40 + 3,
  osPriorityHigh4 = 40 + 4,
  osPriorityHigh5 = 40 + 5,
  osPriorityHigh6 = 40 + 6,
  osPriorityHigh7 = 40 + 7,
  osPriorityRealtime = 48,
  osPriorityRealtime1 = 48 + 1,
  osPriorityRealtime2 = 48 + 2,
  osPriorityRealtime3 = 48 + 3,
  osPriorityRealtime4 = 48 + 4,
  osPriorityRealtime5 = 48 + 5,
  osPriorityRealtime6 = 48 + 6,
  osPriorityRealtime7 = 48 + 7,
  osPriorityISR = 56,
  osPriorityError = -1,
  osPriorityReserved = 0x7FFFFFFF
} osPriority_t;
typedef osPriority_t osPriority;

typedef void* osThreadId_t;
typedef osThreadId_t osThreadId;
typedef void* osMessageQueueId_t;
typedef void* osMemoryPoolId_t;
typedef osMessageQueueId_t osMessageQId;
typedef osMessageQueueId_t osMailQId;

#define osWaitForever 0xFFFFFFFFU
#define osFlagsWaitAny 0x00000000U
#define osFlagsWaitAll 0x00000001U
#define osFlagsNoClear 0x00000002U
#define osFlagsError 0x80000000U
#define osFlagsErrorUnknown 0xFFFFFFFFU
#define osFlagsErrorTimeout 0xFFFFFFFEU
#define osFlagsErrorResource 0xFFFFFFFDU
#define osFlagsErrorParameter 0xFFFFFFFCU
#define osFlagsErrorISR 0xFFFFFFFAU

// The Mbed OS 5 result of Queue::get / Mail::get (deprecated in Mbed OS 6).
typedef struct {
  osStatus status;
  union {
    uint32_t v;
    void* p;
    int32_t signals;
  } value;
  union {
    osMailQId mail_id;
    osMessageQId message_id;
  } def;
} osEvent;

#ifndef OS_STACK_SIZE
#define OS_STACK_SIZE 4096  // MBED_CONF_RTOS_THREAD_STACK_SIZE
#endif
#ifndef MBED_CONF_RTOS_THREAD_STACK_SIZE
#define MBED_CONF_RTOS_THREAD_STACK_SIZE OS_STACK_SIZE
#endif
#ifndef MBED_CONF_RTOS_MAIN_THREAD_STACK_SIZE
#define MBED_CONF_RTOS_MAIN_THREAD_STACK_SIZE 4096
#endif
#ifndef MBED_CONF_RTOS_IDLE_THREAD_STACK_SIZE
#define MBED_CONF_RTOS_IDLE_THREAD_STACK_SIZE 512
#endif

#ifdef __cplusplus
}
#endif
