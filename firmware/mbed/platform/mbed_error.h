// Mbed OS error handling (platform/mbed_error.h): error status values, MBED_ERROR/MBED_WARNING,
// error(), the error history and the reboot (crash) context.
//
// A fatal error prints Mbed OS's "++ MbedOS Error Info ++" report on the serial console and
// stops the program; the simulator reports the run as crashed with that message. The board
// never reboots here: with crash capture enabled (the K64F's default in Mbed OS), a real
// board would reboot and call mbed_error_reboot_callback; the simulator has no warm reboot,
// so mbed_get_reboot_error_info reports no captured context.
#pragma once
#include <stdint.h>

#include "platform/mbed_toolchain.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef int mbed_error_status_t;

#define MBED_ERROR_STATUS_CODE_MASK (0x0000FFFF)
#define MBED_ERROR_STATUS_CODE_UNSHIFTED_MASK (0x0000FFFF)
#define MBED_ERROR_STATUS_CODE_POS (0)
#define MBED_ERROR_STATUS_CODE_FIELD_SIZE (16)
#define MBED_ERROR_STATUS_MODULE_MASK (0x00FF0000)
#define MBED_ERROR_STATUS_MODULE_UNSHIFTED_MASK (0x000000FF)
#define MBED_ERROR_STATUS_MODULE_POS (16)
#define MBED_ERROR_STATUS_MODULE_FIELD_SIZE (8)
#define MBED_ERROR_STATUS_TYPE_MASK (0x60000000)
#define MBED_ERROR_STATUS_TYPE_UNSHIFTED_MASK (0x00000003)
#define MBED_ERROR_STATUS_TYPE_POS (29)
#define MBED_ERROR_STATUS_TYPE_FIELD_SIZE (2)

/** An error status: bit 31 set, type in bits 29-30, module in 16-23, code in 0-15. */
#define MAKE_MBED_ERROR(type, module, error_code)                                                          \
  (mbed_error_status_t)(0x80000000u | ((mbed_error_status_t)((error_code) & MBED_ERROR_STATUS_CODE_MASK)) | \
                        ((mbed_error_status_t)((module) << MBED_ERROR_STATUS_MODULE_POS) &                  \
                         MBED_ERROR_STATUS_MODULE_MASK) |                                                   \
                        ((mbed_error_status_t)((type) << MBED_ERROR_STATUS_TYPE_POS) & MBED_ERROR_STATUS_TYPE_MASK))

#define MBED_GET_ERROR_TYPE(error_status) \
  ((error_status & MBED_ERROR_STATUS_TYPE_MASK) >> MBED_ERROR_STATUS_TYPE_POS)
#define MBED_GET_ERROR_MODULE(error_status) \
  ((error_status & MBED_ERROR_STATUS_MODULE_MASK) >> MBED_ERROR_STATUS_MODULE_POS)
#define MBED_GET_ERROR_CODE(error_status)                                                              \
  (int)((MBED_GET_ERROR_TYPE(error_status) == MBED_ERROR_TYPE_POSIX)                                   \
            ? (-error_status)                                                                          \
            : ((error_status & MBED_ERROR_STATUS_CODE_MASK) >> MBED_ERROR_STATUS_CODE_POS))

typedef enum _mbed_error_type_t {
  MBED_ERROR_TYPE_SYSTEM = 0,
  MBED_ERROR_TYPE_CUSTOM = 1,
  MBED_ERROR_TYPE_POSIX = 3
} mbed_error_type_t;

typedef enum _mbed_module_type {
  MBED_MODULE_APPLICATION = 0,
  MBED_MODULE_PLATFORM,
  MBED_MODULE_KERNEL,
  MBED_MODULE_NETWORK_STACK,
  MBED_MODULE_HAL,
  MBED_MODULE_MEMORY_SUBSYSTEM,
  MBED_MODULE_FILESYSTEM,
  MBED_MODULE_BLOCK_DEVICE,
  MBED_MODULE_DRIVER,
  MBED_MODULE_DRIVER_SERIAL,
  MBED_MODULE_DRIVER_RTC,
  MBED_MODULE_DRIVER_I2C,
  MBED_MODULE_DRIVER_SPI,
  MBED_MODULE_DRIVER_GPIO,
  MBED_MODULE_DRIVER_ANALOG,
  MBED_MODULE_DRIVER_DIGITAL,
  MBED_MODULE_DRIVER_CAN,
  MBED_MODULE_DRIVER_ETHERNET,
  MBED_MODULE_DRIVER_CRC,
  MBED_MODULE_DRIVER_PWM,
  MBED_MODULE_DRIVER_QSPI,
  MBED_MODULE_DRIVER_USB,
  MBED_MODULE_DRIVER_WATCHDOG,
  MBED_MODULE_TARGET_SDK,
  MBED_MODULE_BLE,
  MBED_MODULE_NETWORK_STATS,
  MBED_MODULE_UNKNOWN = 255,
  MBED_MODULE_MAX = MBED_MODULE_UNKNOWN
} mbed_module_type_t;

#define MBED_SUCCESS 0
#define MBED_POSIX_ERROR_BASE 0
#define MBED_SYSTEM_ERROR_BASE 256
#define MBED_CUSTOM_ERROR_BASE 4096

#define MBED_DEFINE_SYSTEM_ERROR(error_name, error_code)                                 \
  MBED_ERROR_CODE_##error_name = MBED_SYSTEM_ERROR_BASE + error_code,                    \
  MBED_ERROR_##error_name = MAKE_MBED_ERROR(MBED_ERROR_TYPE_SYSTEM, MBED_MODULE_UNKNOWN, \
                                            MBED_SYSTEM_ERROR_BASE + error_code)
#define MBED_DEFINE_CUSTOM_ERROR(error_name, error_code)                                 \
  MBED_ERROR_CODE_##error_name = MBED_CUSTOM_ERROR_BASE + error_code,                    \
  MBED_ERROR_##error_name = MAKE_MBED_ERROR(MBED_ERROR_TYPE_CUSTOM, MBED_MODULE_UNKNOWN, \
                                            MBED_CUSTOM_ERROR_BASE + error_code)

/** The error codes (system codes as in Mbed OS; the common POSIX ones). */
typedef enum _mbed_error_code {
  MBED_DEFINE_SYSTEM_ERROR(UNKNOWN, 0),
  MBED_DEFINE_SYSTEM_ERROR(INVALID_ARGUMENT, 1),
  MBED_DEFINE_SYSTEM_ERROR(INVALID_DATA_DETECTED, 2),
  MBED_DEFINE_SYSTEM_ERROR(INVALID_FORMAT, 3),
  MBED_DEFINE_SYSTEM_ERROR(INVALID_INDEX, 4),
  MBED_DEFINE_SYSTEM_ERROR(INVALID_SIZE, 5),
  MBED_DEFINE_SYSTEM_ERROR(INVALID_OPERATION, 6),
  MBED_DEFINE_SYSTEM_ERROR(ITEM_NOT_FOUND, 7),
  MBED_DEFINE_SYSTEM_ERROR(ACCESS_DENIED, 8),
  MBED_DEFINE_SYSTEM_ERROR(UNSUPPORTED, 9),
  MBED_DEFINE_SYSTEM_ERROR(BUFFER_FULL, 10),
  MBED_DEFINE_SYSTEM_ERROR(MEDIA_FULL, 11),
  MBED_DEFINE_SYSTEM_ERROR(ALREADY_IN_USE, 12),
  MBED_DEFINE_SYSTEM_ERROR(TIME_OUT, 13),
  MBED_DEFINE_SYSTEM_ERROR(NOT_READY, 14),
  MBED_DEFINE_SYSTEM_ERROR(FAILED_OPERATION, 15),
  MBED_DEFINE_SYSTEM_ERROR(OPERATION_PROHIBITED, 16),
  MBED_DEFINE_SYSTEM_ERROR(OPERATION_ABORTED, 17),
  MBED_DEFINE_SYSTEM_ERROR(WRITE_PROTECTED, 18),
  MBED_DEFINE_SYSTEM_ERROR(NO_RESPONSE, 19),
  MBED_DEFINE_SYSTEM_ERROR(SEMAPHORE_LOCK_FAILED, 20),
  MBED_DEFINE_SYSTEM_ERROR(MUTEX_LOCK_FAILED, 21),
  MBED_DEFINE_SYSTEM_ERROR(SEMAPHORE_UNLOCK_FAILED, 22),
  MBED_DEFINE_SYSTEM_ERROR(MUTEX_UNLOCK_FAILED, 23),
  MBED_DEFINE_SYSTEM_ERROR(CRC_ERROR, 24),
  MBED_DEFINE_SYSTEM_ERROR(OPEN_FAILED, 25),
  MBED_DEFINE_SYSTEM_ERROR(CLOSE_FAILED, 26),
  MBED_DEFINE_SYSTEM_ERROR(READ_FAILED, 27),
  MBED_DEFINE_SYSTEM_ERROR(WRITE_FAILED, 28),
  MBED_DEFINE_SYSTEM_ERROR(INITIALIZATION_FAILED, 29),
  MBED_DEFINE_SYSTEM_ERROR(BOOT_FAILURE, 30),
  MBED_DEFINE_SYSTEM_ERROR(OUT_OF_MEMORY, 31),
  MBED_DEFINE_SYSTEM_ERROR(OUT_OF_RESOURCES, 32),
  MBED_DEFINE_SYSTEM_ERROR(ALLOC_FAILED, 33),
  MBED_DEFINE_SYSTEM_ERROR(FREE_FAILED, 34),
  MBED_DEFINE_SYSTEM_ERROR(OVERFLOW, 35),
  MBED_DEFINE_SYSTEM_ERROR(UNDERFLOW, 36),
  MBED_DEFINE_SYSTEM_ERROR(STACK_OVERFLOW, 37),
  MBED_DEFINE_SYSTEM_ERROR(ISR_QUEUE_OVERFLOW, 38),
  MBED_DEFINE_SYSTEM_ERROR(TIMER_QUEUE_OVERFLOW, 39),
  MBED_DEFINE_SYSTEM_ERROR(CLIB_SPACE_UNAVAILABLE, 40),
  MBED_DEFINE_SYSTEM_ERROR(CLIB_EXCEPTION, 41),
  MBED_DEFINE_SYSTEM_ERROR(CLIB_MUTEX_INIT_FAILURE, 42),
  MBED_DEFINE_SYSTEM_ERROR(CREATE_FAILED, 43),
  MBED_DEFINE_SYSTEM_ERROR(DELETE_FAILED, 44),
  MBED_DEFINE_SYSTEM_ERROR(THREAD_CREATE_FAILED, 45),
  MBED_DEFINE_SYSTEM_ERROR(THREAD_DELETE_FAILED, 46),
  MBED_DEFINE_SYSTEM_ERROR(PROHIBITED_IN_ISR_CONTEXT, 47),
  MBED_DEFINE_SYSTEM_ERROR(PINMAP_INVALID, 48),
  MBED_DEFINE_SYSTEM_ERROR(RTOS_EVENT, 49),
  MBED_DEFINE_SYSTEM_ERROR(RTOS_THREAD_EVENT, 50),
  MBED_DEFINE_SYSTEM_ERROR(RTOS_MUTEX_EVENT, 51),
  MBED_DEFINE_SYSTEM_ERROR(RTOS_SEMAPHORE_EVENT, 52),
  MBED_DEFINE_SYSTEM_ERROR(RTOS_MEMORY_POOL_EVENT, 53),
  MBED_DEFINE_SYSTEM_ERROR(RTOS_TIMER_EVENT, 54),
  MBED_DEFINE_SYSTEM_ERROR(RTOS_EVENT_FLAGS_EVENT, 55),
  MBED_DEFINE_SYSTEM_ERROR(RTOS_MESSAGE_QUEUE_EVENT, 56),
  MBED_DEFINE_SYSTEM_ERROR(DEVICE_BUSY, 57),
  MBED_DEFINE_SYSTEM_ERROR(CONFIG_UNSUPPORTED, 58),
  MBED_DEFINE_SYSTEM_ERROR(CONFIG_MISMATCH, 59),
  MBED_DEFINE_SYSTEM_ERROR(ALREADY_INITIALIZED, 60),
  MBED_DEFINE_SYSTEM_ERROR(HARDFAULT_EXCEPTION, 61),
  MBED_DEFINE_SYSTEM_ERROR(MEMMANAGE_EXCEPTION, 62),
  MBED_DEFINE_SYSTEM_ERROR(BUSFAULT_EXCEPTION, 63),
  MBED_DEFINE_SYSTEM_ERROR(USAGEFAULT_EXCEPTION, 64),
  MBED_DEFINE_SYSTEM_ERROR(BLE_NO_FRAME_INITIALIZED, 65),
  MBED_DEFINE_SYSTEM_ERROR(BLE_BACKEND_CREATION_FAILED, 66),
  MBED_DEFINE_SYSTEM_ERROR(BLE_BACKEND_NOT_INITIALIZED, 67),
  MBED_DEFINE_SYSTEM_ERROR(ASSERTION_FAILED, 68),
  MBED_DEFINE_SYSTEM_ERROR(AUTHENTICATION_FAILED, 69),
  MBED_DEFINE_SYSTEM_ERROR(RBP_AUTHENTICATION_FAILED, 70),
  MBED_DEFINE_SYSTEM_ERROR(BLE_USE_INCOMPATIBLE_API, 71),
  MBED_DEFINE_SYSTEM_ERROR(BLE_ILLEGAL_STATE, 72),
  MBED_ERROR_CODE_EPERM = MBED_POSIX_ERROR_BASE + 1,
  MBED_ERROR_EPERM = -(MBED_POSIX_ERROR_BASE + 1),
  MBED_ERROR_CODE_ENOENT = MBED_POSIX_ERROR_BASE + 2,
  MBED_ERROR_ENOENT = -(MBED_POSIX_ERROR_BASE + 2),
  MBED_ERROR_CODE_EIO = MBED_POSIX_ERROR_BASE + 5,
  MBED_ERROR_EIO = -(MBED_POSIX_ERROR_BASE + 5),
  MBED_ERROR_CODE_EAGAIN = MBED_POSIX_ERROR_BASE + 11,
  MBED_ERROR_EAGAIN = -(MBED_POSIX_ERROR_BASE + 11),
  MBED_ERROR_CODE_ENOMEM = MBED_POSIX_ERROR_BASE + 12,
  MBED_ERROR_ENOMEM = -(MBED_POSIX_ERROR_BASE + 12),
  MBED_ERROR_CODE_EACCES = MBED_POSIX_ERROR_BASE + 13,
  MBED_ERROR_EACCES = -(MBED_POSIX_ERROR_BASE + 13),
  MBED_ERROR_CODE_EBUSY = MBED_POSIX_ERROR_BASE + 16,
  MBED_ERROR_EBUSY = -(MBED_POSIX_ERROR_BASE + 16),
  MBED_ERROR_CODE_EEXIST = MBED_POSIX_ERROR_BASE + 17,
  MBED_ERROR_EEXIST = -(MBED_POSIX_ERROR_BASE + 17),
  MBED_ERROR_CODE_ENODEV = MBED_POSIX_ERROR_BASE + 19,
  MBED_ERROR_ENODEV = -(MBED_POSIX_ERROR_BASE + 19),
  MBED_ERROR_CODE_EINVAL = MBED_POSIX_ERROR_BASE + 22,
  MBED_ERROR_EINVAL = -(MBED_POSIX_ERROR_BASE + 22),
  MBED_ERROR_CODE_ENOSPC = MBED_POSIX_ERROR_BASE + 28,
  MBED_ERROR_ENOSPC = -(MBED_POSIX_ERROR_BASE + 28),
  MBED_ERROR_CODE_ENOSYS = MBED_POSIX_ERROR_BASE + 38,
  MBED_ERROR_ENOSYS = -(MBED_POSIX_ERROR_BASE + 38),
  MBED_ERROR_CODE_ETIMEDOUT = MBED_POSIX_ERROR_BASE + 110,
  MBED_ERROR_ETIMEDOUT = -(MBED_POSIX_ERROR_BASE + 110),
} mbed_error_code_t;

#ifndef MBED_CONF_PLATFORM_MAX_ERROR_FILENAME_LEN
#define MBED_CONF_PLATFORM_MAX_ERROR_FILENAME_LEN 16
#endif

/** What was known when an error was reported. */
typedef struct _mbed_error_ctx {
  mbed_error_status_t error_status;
  uint32_t error_address;
  uint32_t error_value;
  uint32_t thread_id;
  uint32_t thread_entry_address;
  uint32_t thread_stack_size;
  uint32_t thread_stack_mem;
  uint32_t thread_current_sp;
  char error_filename[MBED_CONF_PLATFORM_MAX_ERROR_FILENAME_LEN];
  uint32_t error_line_number;
  int32_t error_reboot_count;
  int32_t is_error_processed;
  uint32_t crc_error_ctx;
} mbed_error_ctx;

/** Report a fatal run-time error with a printf-style message, then halt. */
MBED_NORETURN void error(const char* format, ...) MBED_PRINTF(1, 2);

#define MBED_MAKE_SYSTEM_ERROR(module, error_code) MAKE_MBED_ERROR(MBED_ERROR_TYPE_SYSTEM, module, error_code)
#define MBED_MAKE_CUSTOM_ERROR(module, error_code) MAKE_MBED_ERROR(MBED_ERROR_TYPE_CUSTOM, module, error_code)
#define MBED_MAKE_ERROR(module, error_code) MBED_MAKE_SYSTEM_ERROR(module, error_code)

typedef void (*mbed_error_hook_t)(const mbed_error_ctx* error_ctx);

/** Called with every reported error; define it in the application to be told. */
void mbed_error_hook(const mbed_error_ctx* error_context);
/** Called before main after a crash reboot (never in the simulator: it does not warm-reboot). */
void mbed_error_reboot_callback(mbed_error_ctx* error_context);
mbed_error_status_t mbed_error_initialize(void);
/** The context captured before the last crash reboot: MBED_ERROR_ITEM_NOT_FOUND here. */
mbed_error_status_t mbed_get_reboot_error_info(mbed_error_ctx* error_info);
mbed_error_status_t mbed_reset_reboot_error_info(void);
mbed_error_status_t mbed_reset_reboot_count(void);

/** Record a warning (kept in the error history) and return to the caller. */
mbed_error_status_t mbed_warning(mbed_error_status_t error_status, const char* error_msg, unsigned int error_value,
                                 const char* filename, int line_number);
/** Report a fatal error: print the Mbed OS error report and halt. */
MBED_NORETURN mbed_error_status_t mbed_error(mbed_error_status_t error_status, const char* error_msg,
                                             unsigned int error_value, const char* filename, int line_number);

mbed_error_status_t mbed_get_first_error(void);
mbed_error_status_t mbed_get_last_error(void);
int mbed_get_error_count(void);
int mbed_get_error_in_progress(void);
mbed_error_status_t mbed_get_first_error_info(mbed_error_ctx* error_info);
mbed_error_status_t mbed_get_last_error_info(mbed_error_ctx* error_info);
mbed_error_status_t mbed_clear_all_errors(void);
mbed_error_status_t mbed_set_error_hook(mbed_error_hook_t custom_error_hook);

#ifdef NDEBUG
#define MBED_WARNING1(error_status, error_msg, error_value) \
  mbed_warning(error_status, (const char*)NULL, (uint32_t)error_value, NULL, 0)
#define MBED_WARNING(error_status, error_msg) mbed_warning(error_status, (const char*)NULL, (uint32_t)0, NULL, 0)
#define MBED_ERROR1(error_status, error_msg, error_value) \
  mbed_error(error_status, (const char*)NULL, (uint32_t)error_value, NULL, 0)
#define MBED_ERROR(error_status, error_msg) mbed_error(error_status, (const char*)NULL, (uint32_t)0, NULL, 0)
#else
#define MBED_WARNING1(error_status, error_msg, error_value) \
  mbed_warning(error_status, (const char*)error_msg, (uint32_t)error_value, NULL, 0)
#define MBED_WARNING(error_status, error_msg) mbed_warning(error_status, (const char*)error_msg, (uint32_t)0, NULL, 0)
#define MBED_ERROR1(error_status, error_msg, error_value) \
  mbed_error(error_status, (const char*)error_msg, (uint32_t)error_value, NULL, 0)
#define MBED_ERROR(error_status, error_msg) mbed_error(error_status, (const char*)error_msg, (uint32_t)0, NULL, 0)
#endif

#ifdef __cplusplus
}
#endif
