// Sleep manager, sleep(), uptime and sleep-time accounting, the RTC (time/set_time, with the C
// library's time functions redirected to it), and the watchdog.
#include "platform/mbed_power_mgmt.h"

#include <cstdint>
#include <cstdio>
#include <ctime>

#include "drivers/Watchdog.h"
#include "platform/mbed_critical.h"
#include "platform/mbed_rtc_time.h"
#include "platform/sim_core.h"

extern "C" void mbed_sim_halt(const char* reason);

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

// Account time spent asleep: the core calls this when it lets time pass with nothing to run.
void mbed_sim_note_sleep(uint64_t us) {
  g_sleep_us += us;
  if (sleep_manager_can_deep_sleep()) g_deep_sleep_us += us;
}

void sleep_manager_sleep_auto(void) {
  // Wake at the next interrupt: a timer that falls due, or an input edge.
  const uint64_t start = mbed::sim::now_us();
  const uint64_t due = mbed::sim::next_timer_due();
  mbed::sim::wait_until_or_wake(due, true);
  if (mbed::sim::now_us() > start) mbed_sim_note_sleep(mbed::sim::now_us() - start);
}

uint64_t mbed_uptime(void) { return mbed::sim::now_us(); }
uint64_t mbed_time_sleep(void) { return g_sleep_us; }
uint64_t mbed_time_deepsleep(void) { return g_deep_sleep_us; }
// Idle = asleep because nothing was ready to run (the RTOS idle thread); the core adds to it.
uint64_t mbed_time_idle(void) { return g_sleep_us; }

// --- RTC ------------------------------------------------------------------------------------
static int64_t g_rtc_offset_s = 0;  // RTC seconds = offset + simulated seconds since start
static time_t (*g_read_rtc)(void) = nullptr;
static void (*g_write_rtc)(time_t) = nullptr;

static time_t rtc_now() {
  if (g_read_rtc) return g_read_rtc();
  return static_cast<time_t>(g_rtc_offset_s + static_cast<int64_t>(mbed::sim::now_us() / 1000000));
}

void set_time(time_t t) {
  if (g_write_rtc) {
    g_write_rtc(t);
    return;
  }
  g_rtc_offset_s = static_cast<int64_t>(t) - static_cast<int64_t>(mbed::sim::now_us() / 1000000);
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
char* __wrap_ctime(const time_t* timer) { return asctime(gmtime(timer)); }
char* __wrap_ctime_r(const time_t* timer, char* buf) {
  struct tm tm;
  return asctime_r(gmtime_r(timer, &tm), buf);
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
  sim::remove_timer(&g_wd_event);
  g_wd_event.due_us = sim::now_us() + static_cast<uint64_t>(g_wd_timeout) * 1000;
  g_wd_event.period_us = 0;
  g_wd_event.callback = Callback<void()>([] {
    std::fflush(stdout);
    mbed_sim_halt("Watchdog reset: the watchdog was not kicked in time (a real board resets here)");
  });
  sim::add_timer(&g_wd_event);
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
  sim::remove_timer(&g_wd_event);
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
