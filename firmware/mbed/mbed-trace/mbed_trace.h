// mbed-trace: leveled trace lines with a group tag, "[DBG ][main]: text", in colour by default
// (platform/mbed-trace in Mbed OS). Enable it with MBED_CONF_MBED_TRACE_ENABLE=1 (mbed_app.json
// "mbed-trace.enable": true, or #define before the include); otherwise the tr_* macros compile
// to nothing, as in Mbed OS.
//
// @code
// #define TRACE_GROUP "main"
// mbed_trace_init();
// tr_info("value %d", 42);     // \r\x1b[2K\x1b[39m[INFO][main]: value 42\x1b[0m
// @endcode
#pragma once
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifndef MBED_CONF_MBED_TRACE_ENABLE
#define MBED_CONF_MBED_TRACE_ENABLE 0
#endif

#define TRACE_MODE_COLOR 0x80
#define TRACE_MODE_PLAIN 0x40
#define TRACE_CARRIAGE_RETURN 0x20
#define TRACE_ACTIVE_LEVEL_ALL 0x1F
#define TRACE_ACTIVE_LEVEL_DEBUG 0x1f
#define TRACE_ACTIVE_LEVEL_INFO 0x0f
#define TRACE_ACTIVE_LEVEL_WARN 0x07
#define TRACE_ACTIVE_LEVEL_ERROR 0x03
#define TRACE_ACTIVE_LEVEL_CMD 0x01
#define TRACE_ACTIVE_LEVEL_NONE 0x00
#define TRACE_LEVEL_DEBUG 0x10
#define TRACE_LEVEL_INFO 0x08
#define TRACE_LEVEL_WARN 0x04
#define TRACE_LEVEL_ERROR 0x02
#define TRACE_LEVEL_CMD 0x01
#define TRACE_MASK_LEVEL 0x1F

#ifndef MBED_TRACE_MAX_LEVEL
#define MBED_TRACE_MAX_LEVEL TRACE_LEVEL_DEBUG
#endif

#ifndef TRACE_GROUP
#define TRACE_GROUP "    "  // a file that does not name its group (Mbed OS uses an empty tag)
#endif

#ifdef __cplusplus
extern "C" {
#endif

#if MBED_CONF_MBED_TRACE_ENABLE
int mbed_trace_init(void);
void mbed_trace_free(void);
void mbed_trace_buffer_sizes(int lineLength, int tmpLength);
void mbed_trace_config_set(uint8_t config);
uint8_t mbed_trace_config_get(void);
void mbed_trace_prefix_function_set(char* (*pref_f)(size_t));
void mbed_trace_suffix_function_set(char* (*suffix_f)(void));
void mbed_trace_print_function_set(void (*print_f)(const char*));
void mbed_trace_cmdprint_function_set(void (*printf)(const char*));
void mbed_trace_mutex_wait_function_set(void (*mutex_wait_f)(void));
void mbed_trace_mutex_release_function_set(void (*mutex_release_f)(void));
void mbed_trace_exclude_filters_set(char* filters);
const char* mbed_trace_exclude_filters_get(void);
void mbed_trace_include_filters_set(char* filters);
const char* mbed_trace_include_filters_get(void);
void mbed_tracef(uint8_t dlevel, const char* grp, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
void mbed_vtracef(uint8_t dlevel, const char* grp, const char* fmt, va_list ap);
const char* mbed_trace_last(void);
/** "1e:1f:20": the bytes as hex, for the current trace line only. */
char* mbed_trace_array(const uint8_t* buf, uint16_t len);
#else
#define mbed_trace_init(...) ((int)0)
#define mbed_trace_free(...) ((void)0)
#define mbed_trace_buffer_sizes(...) ((void)0)
#define mbed_trace_config_set(...) ((void)0)
#define mbed_trace_config_get(...) ((uint8_t)0)
#define mbed_trace_prefix_function_set(...) ((void)0)
#define mbed_trace_suffix_function_set(...) ((void)0)
#define mbed_trace_print_function_set(...) ((void)0)
#define mbed_trace_cmdprint_function_set(...) ((void)0)
#define mbed_trace_mutex_wait_function_set(...) ((void)0)
#define mbed_trace_mutex_release_function_set(...) ((void)0)
#define mbed_trace_exclude_filters_set(...) ((void)0)
#define mbed_trace_exclude_filters_get(...) ((const char*)0)
#define mbed_trace_include_filters_set(...) ((void)0)
#define mbed_trace_include_filters_get(...) ((const char*)0)
#define mbed_trace_last(...) ((const char*)0)
#define mbed_tracef(...) ((void)0)
#define mbed_vtracef(...) ((void)0)
#define mbed_trace_array(...) ((char*)0)
#endif

#if MBED_CONF_MBED_TRACE_ENABLE && MBED_TRACE_MAX_LEVEL >= TRACE_LEVEL_DEBUG
#define tr_debug(...) mbed_tracef(TRACE_LEVEL_DEBUG, TRACE_GROUP, __VA_ARGS__)
#define tr_debug_at(grp, ...) mbed_tracef(TRACE_LEVEL_DEBUG, grp, __VA_ARGS__)
#else
#define tr_debug(...) ((void)0)
#define tr_debug_at(...) ((void)0)
#endif
#if MBED_CONF_MBED_TRACE_ENABLE && MBED_TRACE_MAX_LEVEL >= TRACE_LEVEL_INFO
#define tr_info(...) mbed_tracef(TRACE_LEVEL_INFO, TRACE_GROUP, __VA_ARGS__)
#define tr_info_at(grp, ...) mbed_tracef(TRACE_LEVEL_INFO, grp, __VA_ARGS__)
#else
#define tr_info(...) ((void)0)
#define tr_info_at(...) ((void)0)
#endif
#if MBED_CONF_MBED_TRACE_ENABLE && MBED_TRACE_MAX_LEVEL >= TRACE_LEVEL_WARN
#define tr_warning(...) mbed_tracef(TRACE_LEVEL_WARN, TRACE_GROUP, __VA_ARGS__)
#define tr_warn(...) mbed_tracef(TRACE_LEVEL_WARN, TRACE_GROUP, __VA_ARGS__)
#else
#define tr_warning(...) ((void)0)
#define tr_warn(...) ((void)0)
#endif
#if MBED_CONF_MBED_TRACE_ENABLE && MBED_TRACE_MAX_LEVEL >= TRACE_LEVEL_ERROR
#define tr_error(...) mbed_tracef(TRACE_LEVEL_ERROR, TRACE_GROUP, __VA_ARGS__)
#define tr_err(...) mbed_tracef(TRACE_LEVEL_ERROR, TRACE_GROUP, __VA_ARGS__)
#else
#define tr_error(...) ((void)0)
#define tr_err(...) ((void)0)
#endif
#if MBED_CONF_MBED_TRACE_ENABLE
#define tr_cmdline(...) mbed_tracef(TRACE_LEVEL_CMD, TRACE_GROUP, __VA_ARGS__)
#define trace_array(buf, len) mbed_trace_array(buf, len)
#else
#define tr_cmdline(...) ((void)0)
#define trace_array(buf, len) ((char*)0)
#endif

#ifdef __cplusplus
}
#endif
