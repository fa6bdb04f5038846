// Sleep manager, sleep(), uptime and sleep-time accounting, the RTC (time/set_time, with the C
// library's time functions redirected to it), and the watchdog.
#include "platform/mbed_power_mgmt.h"

#include <cstdint>
#include <cstdio>
#include <ctime>

#include "drivers/Watchdog.h"
#include "platform/mbed_critical.h"
#include "platform/mbed_rtc_time.h"
#include "sim/internal.h"
#include "sim/kernel.h"
#include "sim/sim.h"

namespace {
uint32_t g_deep_sleep_locks = 0;
uint64_t g_sleep_us = 0;
uint64_t g_deep_sleep_us = 0;
}  // namespace

extern "C" {

void sleep_manager_lock_deep_sleep_internal(void) {
  core_util_critical_section_enter();
  if (g_deep_sleep_locks < UINT16_MAX) ++g_deep_sleep_locks;
  core_util_critical_section_exit();
}
void sleep_manager_unlock_deep_sleep_internal(void) {
  core_util_critical_section_enter();
  if (g_deep_sleep_locks > 0) --g_deep_sleep_locks;
  core_util_critical_section_exit();
}
bool sleep_manager_can_deep_sleep(void) { return g_deep_sleep_locks == 0; }
bool sleep_manager_can_deep_sleep_test_check(void) { return sleep_manager_can_deep_sleep(); }

void sleep_manager_sleep_auto(void) {
  // The core sleeps until the next interrupt: the next timer, scripted input or thread timeout
  // (a real core also wakes for the OS tick). Time spent counts as sleep.
  sim::hal_call();
  const uint64_t start = sim::now_ns();
  const uint64_t next = sim::internal::next_event_ns();
  if (next > start && next != sim::kForever) sim::sleep_until_ns(next);
  const uint64_t slept = (sim::now_ns() - start) / 1000;
  g_sleep_us += slept;
  if (sleep_manager_can_deep_sleep()) g_deep_sleep_us += slept;
}

uint64_t mbed_uptime(void) { return sim::now_ns() / 1000; }
// The idle thread sleeps the CPU whenever no thread is ready; sleep() from a thread adds its own.
uint64_t mbed_time_idle(void) { return sim::internal::idle_ns() / 1000; }
uint64_t mbed_time_sleep(void) { return mbed_time_idle() + g_sleep_us; }
uint64_t mbed_time_deepsleep(void) { return sleep_manager_can_deep_sleep() ? mbed_time_idle() + g_deep_sleep_us : g_deep_sleep_us; }

// --- RTC ------------------------------------------------------------------------------------
static int64_t g_rtc_offset_s = 0;  // RTC seconds = offset + simulated seconds since start
static time_t (*g_read_rtc)(void) = nullptr;
static void (*g_write_rtc)(time_t) = nullptr;

static time_t rtc_now() {
  if (g_read_rtc) return g_read_rtc();
  return static_cast<time_t>(g_rtc_offset_s + static_cast<int64_t>(sim::now_ns() / 1000000000u));
}

void set_time(time_t t) {
  if (g_write_rtc) {
    g_write_rtc(t);
    return;
  }
  g_rtc_offset_s = static_cast<int64_t>(t) - static_cast<int64_t>(sim::now_ns() / 1000000000u);
}

void attach_rtc(time_t (*read_rtc)(void), void (*write_rtc)(time_t), void (*init_rtc)(void),
                int (*isenabled_rtc)(void)) {
  (void)isenabled_rtc;
  g_read_rtc = read_rtc;
  g_write_rtc = write_rtc;
  if (init_rtc) init_rtc();
}

// The C library's clock is the host's; the board's is the simulated RTC, in UTC (Mbed OS has no
// time zone). The build links with --wrap for these.
time_t __wrap_time(time_t* timer) {
  const time_t t = rtc_now();
  if (timer) *timer = t;
  return t;
}
struct tm* __wrap_localtime(const time_t* timer) { return gmtime(timer); }
struct tm* __wrap_localtime_r(const time_t* timer, struct tm* result) { return gmtime_r(timer, result); }

// asctime's "Www Mmm dd hh:mm:ss yyyy\n", written without printf: Emscripten's C library formats
// it with snprintf, which minimal-printf (no field widths) would turn into "Oct28".
char* __wrap_asctime_r(const struct tm* t, char* buf) {
  static const char kDays[] = "SunMonTueWedThuFriSat";
  static const char kMonths[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  char* o = buf;
  const int wday = t->tm_wday >= 0 && t->tm_wday < 7 ? t->tm_wday : 0;
  const int mon = t->tm_mon >= 0 && t->tm_mon < 12 ? t->tm_mon : 0;
  for (int i = 0; i < 3; ++i) *o++ = kDays[wday * 3 + i];
  *o++ = ' ';
  for (int i = 0; i < 3; ++i) *o++ = kMonths[mon * 3 + i];
  *o++ = ' ';
  const auto two = [&o](int v, char pad) {
    *o++ = v >= 10 ? static_cast<char>('0' + v / 10 % 10) : pad;
    *o++ = static_cast<char>('0' + v % 10);
  };
  two(t->tm_mday, ' ');
  *o++ = ' ';
  two(t->tm_hour, '0');
  *o++ = ':';
  two(t->tm_min, '0');
  *o++ = ':';
  two(t->tm_sec, '0');
  *o++ = ' ';
  char digits[12];
  int n = 0;
  long year = t->tm_year + 1900L;
  if (year < 0) {
    *o++ = '-';
    year = -year;
  }
  do {
    digits[n++] = static_cast<char>('0' + year % 10);
    year /= 10;
  } while (year && n < 11);
  while (n) *o++ = digits[--n];
  *o++ = '\n';
  *o = '\0';
  return buf;
}
char* __wrap_asctime(const struct tm* t) {
  static char buf[32];
  return __wrap_asctime_r(t, buf);
}
char* __wrap_ctime(const time_t* timer) {
  struct tm tm;
  return __wrap_asctime(gmtime_r(timer, &tm));
}
char* __wrap_ctime_r(const time_t* timer, char* buf) {
  struct tm tm;
  return __wrap_asctime_r(gmtime_r(timer, &tm), buf);
}
time_t __wrap_mktime(struct tm* t) {
  // Days from the civil date (UTC), normalising the fields as mktime does.
  int64_t year = t->tm_year + 1900;
  int64_t mon = t->tm_mon;
  year += mon / 12;
  mon %= 12;
  if (mon < 0) {
    mon += 12;
    --year;
  }
  const int64_t y = year - (mon < 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t m = mon + 1;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + t->tm_mday - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = era * 146097 + doe - 719468;
  const time_t secs =
      static_cast<time_t>(days * 86400 + int64_t(t->tm_hour) * 3600 + int64_t(t->tm_min) * 60 + t->tm_sec);
  gmtime_r(&secs, t);  // fills tm_wday/tm_yday and normalises
  return secs;
}

}  // extern "C"

// --- Watchdog -------------------------------------------------------------------------------
namespace mbed {
namespace {
constexpr uint32_t kMaxTimeoutMs = 0xFFFFFFFFu / 1000u;
sim::TimerEvent g_wd_event;
uint32_t g_wd_timeout = 0;
bool g_wd_running = false;

void arm() {
  sim::timer_remove(&g_wd_event);
  sim::hal_call();
  g_wd_event.due_ns = sim::now_ns() + static_cast<uint64_t>(g_wd_timeout) * 1000000u;
  g_wd_event.period_ns = 0;
  g_wd_event.callback = Callback<void()>([] {
    std::fflush(stdout);
    sim::crash("Watchdog reset: the watchdog was not kicked in time (a real board resets here)");
  });
  sim::timer_add(&g_wd_event);
}
}  // namespace

Watchdog& Watchdog::get_instance() {
  static Watchdog instance;
  return instance;
}
Watchdog::~Watchdog() {}
bool Watchdog::start(uint32_t timeout) {
  if (g_wd_running || timeout == 0 || timeout > kMaxTimeoutMs) return false;
  g_wd_timeout = timeout;
  g_wd_running = true;
  arm();
  return true;
}
bool Watchdog::start() { return start(get_max_timeout()); }
bool Watchdog::stop() {
  if (!g_wd_running) return false;
  sim::timer_remove(&g_wd_event);
  g_wd_running = false;
  return true;
}
void Watchdog::kick() {
  if (g_wd_running) arm();
}
bool Watchdog::is_running() const { return g_wd_running; }
uint32_t Watchdog::get_timeout() const { return g_wd_timeout; }
uint32_t Watchdog::get_max_timeout() const { return kMaxTimeoutMs; }

}  // namespace mbed
