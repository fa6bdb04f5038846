// Mbed OS error reporting: error(), mbed_error()/MBED_ERROR (fatal: prints the "++ MbedOS Error
// Info ++" report and halts), mbed_warning()/MBED_WARNING (recorded), MBED_ASSERT, debug().
#include "platform/mbed_error.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "platform/mbed_assert.h"
#include "platform/mbed_critical.h"
#include "platform/mbed_debug.h"
#include "platform/mbed_fault_handler.h"
#include "platform/mbed_power_mgmt.h"
#include "platform/mbed_version.h"
#include "sim/sim.h"

#ifndef TARGET_NAME
#define TARGET_NAME LPC1768
#endif
#define MBED_SIM_STR2(x) #x
#define MBED_SIM_STR(x) MBED_SIM_STR2(x)

namespace {

mbed_error_ctx g_first = {};
mbed_error_ctx g_last = {};
int g_count = 0;
int g_in_progress = 0;
mbed_error_hook_t g_hook = nullptr;

void record(mbed_error_status_t status, unsigned int value, const char* filename, int line) {
  mbed_error_ctx ctx = {};
  ctx.error_status = status;
  ctx.error_value = value;
#if defined(__EMSCRIPTEN__)
  ctx.error_address = 0;  // wasm code has no addresses a program could look up
#else
  ctx.error_address = reinterpret_cast<uintptr_t>(__builtin_return_address(0)) & 0xFFFFFFFFu;
#endif
  if (filename) {
    const char* base = std::strrchr(filename, '/');
    std::strncpy(ctx.error_filename, base ? base + 1 : filename, sizeof ctx.error_filename - 1);
    ctx.error_line_number = static_cast<uint32_t>(line);
  }
  if (g_count == 0) g_first = ctx;
  g_last = ctx;
  ++g_count;
  if (g_hook) g_hook(&g_last);
}

[[noreturn]] void halt_with_report(mbed_error_status_t status, const char* msg, unsigned int value) {
  std::fflush(stdout);
  std::printf("\r\n++ MbedOS Error Info ++\r\nError Status: 0x%X Code: %d Module: %d\r\nError Message: %s\r\n",
              static_cast<unsigned>(status), MBED_GET_ERROR_CODE(status), static_cast<int>(MBED_GET_ERROR_MODULE(status)),
              msg ? msg : "");
  std::printf("Location: 0x%X\r\nError Value: 0x%X\r\n", static_cast<unsigned>(g_last.error_address), value);
  if (g_last.error_filename[0])
    std::printf("File: %s+%u\r\n", g_last.error_filename, static_cast<unsigned>(g_last.error_line_number));
  std::printf("For more info, visit: https://mbed.com/s/error?error=0x%08X&osver=%d&tgt=%s\r\n-- MbedOS Error Info --\r\n",
              static_cast<unsigned>(status), MBED_VERSION, MBED_SIM_STR(TARGET_NAME));
  std::fflush(stdout);
  char reason[160];
  std::snprintf(reason, sizeof reason, "mbed_error: %s (status 0x%08X)", msg && *msg ? msg : "fatal error",
                static_cast<unsigned>(status));
  sim::crash(reason);
}

}  // namespace

extern "C" {

MBED_WEAK void mbed_error_hook(const mbed_error_ctx* error_context) { (void)error_context; }
MBED_WEAK void mbed_error_reboot_callback(mbed_error_ctx* error_context) { (void)error_context; }

mbed_error_status_t mbed_error_initialize(void) { return MBED_SUCCESS; }
mbed_error_status_t mbed_get_reboot_error_info(mbed_error_ctx* error_info) {
  return error_info ? MBED_ERROR_ITEM_NOT_FOUND : MBED_ERROR_INVALID_ARGUMENT;
}
mbed_error_status_t mbed_reset_reboot_error_info(void) { return MBED_ERROR_ITEM_NOT_FOUND; }
mbed_error_status_t mbed_reset_reboot_count(void) { return MBED_ERROR_ITEM_NOT_FOUND; }
mbed_error_status_t mbed_get_reboot_fault_context(mbed_fault_context_t* fault_context) {
  return fault_context ? MBED_ERROR_ITEM_NOT_FOUND : MBED_ERROR_INVALID_ARGUMENT;
}

mbed_error_status_t mbed_warning(mbed_error_status_t error_status, const char* error_msg, unsigned int error_value,
                                 const char* filename, int line_number) {
  (void)error_msg;
  record(error_status, error_value, filename, line_number);
  return MBED_SUCCESS;
}

mbed_error_status_t mbed_error(mbed_error_status_t error_status, const char* error_msg, unsigned int error_value,
                               const char* filename, int line_number) {
  if (g_in_progress) sim::crash("mbed_error called while reporting an error");
  g_in_progress = 1;
  record(error_status, error_value, filename, line_number);
  mbed_error_hook(&g_last);
  halt_with_report(error_status, error_msg, error_value);
}

void error(const char* format, ...) {
  va_list args;
  va_start(args, format);
  std::vprintf(format, args);
  va_end(args);
  mbed_error(MBED_ERROR_UNKNOWN, "Fatal Run-time error", 0, nullptr, 0);
}

mbed_error_status_t mbed_get_first_error(void) { return g_first.error_status; }
mbed_error_status_t mbed_get_last_error(void) { return g_last.error_status; }
int mbed_get_error_count(void) { return g_count; }
int mbed_get_error_in_progress(void) { return g_in_progress; }
mbed_error_status_t mbed_get_first_error_info(mbed_error_ctx* error_info) {
  if (!error_info) return MBED_ERROR_INVALID_ARGUMENT;
  *error_info = g_first;
  return MBED_SUCCESS;
}
mbed_error_status_t mbed_get_last_error_info(mbed_error_ctx* error_info) {
  if (!error_info) return MBED_ERROR_INVALID_ARGUMENT;
  *error_info = g_last;
  return MBED_SUCCESS;
}
mbed_error_status_t mbed_clear_all_errors(void) {
  g_first = g_last = mbed_error_ctx{};
  g_count = 0;
  return MBED_SUCCESS;
}
mbed_error_status_t mbed_set_error_hook(mbed_error_hook_t custom_error_hook) {
  if (!custom_error_hook) return MBED_ERROR_INVALID_ARGUMENT;
  g_hook = custom_error_hook;
  return MBED_SUCCESS;
}

void mbed_assert_internal(const char* expr, const char* file, int line) {
  char msg[200];
  std::snprintf(msg, sizeof msg, "Assertion failed: %s", expr);
  mbed_error(MBED_ERROR_ASSERTION_FAILED, msg, 0, file, line);
}

void mbed_sim_vdebug(const char* format, va_list args) {
  // Mbed OS writes debug() to stderr, which is the same serial console as stdout.
  std::vprintf(format, args);
  std::fflush(stdout);
}

void system_reset(void) {
  std::fflush(stdout);
  sim::crash("system_reset() was called: the board resets here (the simulator does not restart the program)");
}

}  // extern "C"
