// mbed-trace: "[DBG ][grp ]: text" lines with VT100 colours, group filters and helpers, in the
// format of Mbed OS's mbed_trace.c (written here from its documented behaviour).
#define MBED_CONF_MBED_TRACE_ENABLE 1
#include "mbed-trace/mbed_trace.h"

#include <cstdio>
#include <cstring>

namespace {

constexpr int kLineLength = 1024;
constexpr int kTmpLength = 128;
constexpr int kFilterLength = 24;

void default_print(const char* str) { std::puts(str); }

struct Trace {
  uint8_t config = TRACE_MODE_COLOR | TRACE_ACTIVE_LEVEL_ALL | TRACE_CARRIAGE_RETURN;
  char line[kLineLength] = {};
  char tmp[kTmpLength] = {};
  char* tmp_ptr = tmp;
  char exclude[kFilterLength] = {};
  char include[kFilterLength] = {};
  char* (*prefix)(size_t) = nullptr;
  char* (*suffix)(void) = nullptr;
  void (*print)(const char*) = default_print;
  void (*cmd_print)(const char*) = nullptr;
  void (*mutex_wait)(void) = nullptr;
  void (*mutex_release)(void) = nullptr;
  bool ready = false;
} g;

bool skip(uint8_t level, const char* grp) {
  (void)level;
  if (!grp) return false;
  if (g.exclude[0] && std::strstr(g.exclude, grp)) return true;
  if (g.include[0] && !std::strstr(g.include, grp)) return true;
  return false;
}

const char* color_of(uint8_t level) {
  switch (level) {
    case TRACE_LEVEL_ERROR: return "\x1b[31m";
    case TRACE_LEVEL_WARN: return "\x1b[33m";
    case TRACE_LEVEL_INFO: return "\x1b[39m";
    case TRACE_LEVEL_DEBUG: return "\x1b[94m";
    default: return nullptr;
  }
}

const char* tag_of(uint8_t level) {
  switch (level) {
    case TRACE_LEVEL_ERROR: return "ERR ";
    case TRACE_LEVEL_WARN: return "WARN";
    case TRACE_LEVEL_INFO: return "INFO";
    case TRACE_LEVEL_DEBUG: return "DBG ";
    default: return nullptr;
  }
}

// Appends to the line; returns false once it is full.
bool append(char*& p, int& left, int n) {
  if (n < 0 || n >= left) {
    left = 0;
    return false;
  }
  p += n;
  left -= n;
  return true;
}

}  // namespace

extern "C" {

int mbed_trace_init(void) {
  g.ready = true;
  g.tmp_ptr = g.tmp;
  std::memset(g.tmp, 0, sizeof g.tmp);
  std::memset(g.exclude, 0, sizeof g.exclude);
  std::memset(g.include, 0, sizeof g.include);
  return 0;
}
void mbed_trace_free(void) {
  const bool was = g.ready;
  g = Trace();
  (void)was;
}
void mbed_trace_buffer_sizes(int lineLength, int tmpLength) {
  (void)lineLength;
  (void)tmpLength;
}
void mbed_trace_config_set(uint8_t config) { g.config = config; }
uint8_t mbed_trace_config_get(void) { return g.config; }
void mbed_trace_prefix_function_set(char* (*pref_f)(size_t)) { g.prefix = pref_f; }
void mbed_trace_suffix_function_set(char* (*suffix_f)(void)) { g.suffix = suffix_f; }
void mbed_trace_print_function_set(void (*print_f)(const char*)) { g.print = print_f; }
void mbed_trace_cmdprint_function_set(void (*printf)(const char*)) { g.cmd_print = printf; }
void mbed_trace_mutex_wait_function_set(void (*mutex_wait_f)(void)) { g.mutex_wait = mutex_wait_f; }
void mbed_trace_mutex_release_function_set(void (*mutex_release_f)(void)) { g.mutex_release = mutex_release_f; }
void mbed_trace_exclude_filters_set(char* filters) {
  if (filters) {
    std::strncpy(g.exclude, filters, sizeof g.exclude - 1);
  } else {
    g.exclude[0] = 0;
  }
}
const char* mbed_trace_exclude_filters_get(void) { return g.exclude; }
void mbed_trace_include_filters_set(char* filters) {
  if (filters) {
    std::strncpy(g.include, filters, sizeof g.include - 1);
  } else {
    g.include[0] = 0;
  }
}
const char* mbed_trace_include_filters_get(void) { return g.include; }
const char* mbed_trace_last(void) { return g.line; }

void mbed_vtracef(uint8_t dlevel, const char* grp, const char* fmt, va_list ap) {
  if (g.mutex_wait) g.mutex_wait();
  g.line[0] = 0;
  if (g.ready && fmt && grp && g.print && !skip(dlevel, grp) && (g.config & TRACE_MASK_LEVEL & dlevel)) {
    const bool plain = (g.config & TRACE_MODE_PLAIN) != 0;
    char* p = g.line;
    int left = kLineLength;
    if (plain || dlevel == TRACE_LEVEL_CMD) {
      std::vsnprintf(p, left, fmt, ap);
      if (dlevel == TRACE_LEVEL_CMD && g.cmd_print) {
        g.cmd_print(g.line);
        g.cmd_print("\n");
      } else {
        g.print(g.line);
      }
    } else {
      const char* color = (g.config & TRACE_MODE_COLOR) ? color_of(dlevel) : nullptr;
      if ((g.config & TRACE_MODE_COLOR) && (g.config & TRACE_CARRIAGE_RETURN))
        append(p, left, std::snprintf(p, left, "\r\x1b[2K"));
      if (color) append(p, left, std::snprintf(p, left, "%s", color));
      if (g.prefix && left > 0) {
        va_list ap2;
        va_copy(ap2, ap);
        const size_t body = static_cast<size_t>(std::vsnprintf(nullptr, 0, fmt, ap2));
        va_end(ap2);
        append(p, left, std::snprintf(p, left, "%s", g.prefix(body)));
      }
      const char* tag = tag_of(dlevel);
      if (left > 0) {
        if (tag) {
          append(p, left, std::snprintf(p, left, "[%s][%-4s]: ", tag, grp));
        } else {
          append(p, left, std::snprintf(p, left, "              "));
        }
      }
      if (left > 0) append(p, left, std::vsnprintf(p, left, fmt, ap));
      if (left > 0 && g.suffix) append(p, left, std::snprintf(p, left, "%s", g.suffix()));
      if (left > 0 && color) append(p, left, std::snprintf(p, left, "\x1b[0m"));
      g.print(g.line);
    }
  }
  g.tmp_ptr = g.tmp;  // the temporary strings (mbed_trace_array) live for one line
  if (g.mutex_release) g.mutex_release();
}

void mbed_tracef(uint8_t dlevel, const char* grp, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  mbed_vtracef(dlevel, grp, fmt, ap);
  va_end(ap);
}

char* mbed_trace_array(const uint8_t* buf, uint16_t len) {
  const int room = kTmpLength - static_cast<int>(g.tmp_ptr - g.tmp);
  if (len == 0 || room < 3) return const_cast<char*>("");
  if (!buf) return const_cast<char*>("<null>");
  char* start = g.tmp_ptr;
  char* w = start;
  int left = room;
  for (uint16_t i = 0; i < len && left > 3; ++i) {
    const int n = std::snprintf(w, left, i ? ":%02x" : "%02x", buf[i]);
    if (n >= left) break;
    w += n;
    left -= n;
  }
  *w = 0;
  g.tmp_ptr = w + 1;
  return start;
}

}  // extern "C"
