// Platform utilities with known answers: Span, CircularBuffer, MbedCRC check values, atomics,
// critical sections, ScopedLock, error status encoding, versions, sleep-manager locks, the RTC.
#include "mbed.h"

struct Lockable {
  int depth = 0;
  void lock() { ++depth; }
  void unlock() { --depth; }
};

int main() {
  printf("Mbed OS %d.%d.%d (%d)\n", MBED_MAJOR_VERSION, MBED_MINOR_VERSION, MBED_PATCH_VERSION, MBED_VERSION);

  const int data[] = {1, 2, 3, 4, 5};
  Span<const int> all(data);
  Span<const int, 2> head = all.first<2>();
  Span<const int> tail = all.subspan(3);
  printf("span %d %d %d %d %d\n", int(all.size()), head[1], int(tail.size()), tail[0], all.last(1)[0]);
  printf("span equal %d %d\n", all.first(2) == head, make_Span(data) == all);

  CircularBuffer<int, 4> ring;
  for (int i = 1; i <= 6; ++i) ring.push(i);  // 1 and 2 are overwritten
  int v = 0;
  ring.peek(v);
  int out[4];
  const uint32_t n = ring.pop(out, 4);
  printf("ring peek %d pop %u: %d %d %d %d empty %d\n", v, unsigned(n), out[0], out[1], out[2], out[3], ring.empty());

  const char* check = "123456789";
  uint32_t crc;
  MbedCRC<POLY_32BIT_ANSI, 32> crc32;
  crc32.compute(check, 9, &crc);
  printf("crc32 %08X\n", unsigned(crc));
  MbedCRC<POLY_16BIT_CCITT, 16> ccitt;
  ccitt.compute(check, 9, &crc);
  printf("crc16 ccitt %04X\n", unsigned(crc));
  MbedCRC<POLY_16BIT_IBM, 16> ibm;
  ibm.compute(check, 9, &crc);
  printf("crc16 ibm %04X\n", unsigned(crc));
  MbedCRC<POLY_8BIT_CCITT, 8> crc8;
  crc8.compute(check, 9, &crc);
  printf("crc8 %02X\n", unsigned(crc));
  MbedCRC<POLY_7BIT_SD, 7> crc7;
  crc7.compute(check, 9, &crc);
  printf("crc7 %02X\n", unsigned(crc));
  uint32_t partial;
  crc32.compute_partial_start(&partial);
  crc32.compute_partial(check, 4, &partial);
  crc32.compute_partial(check + 4, 5, &partial);
  crc32.compute_partial_stop(&partial);
  printf("crc32 in parts %08X\n", unsigned(partial));

  volatile uint32_t counter = 10;
  core_util_atomic_incr_u32(&counter, 5);
  uint32_t expected = 15;
  const bool swapped = core_util_atomic_cas_u32(&counter, &expected, 40);
  printf("atomic %u %d\n", unsigned(counter), swapped);

  printf("critical %d", core_util_in_critical_section());
  {
    CriticalSectionLock lock;
    printf(" %d", core_util_in_critical_section());
    core_util_critical_section_enter();
    core_util_critical_section_exit();
    printf(" %d", core_util_are_interrupts_enabled());
  }
  printf(" %d\n", core_util_in_critical_section());

  Lockable l;
  {
    ScopedLock<Lockable> a(l);
    printf("scoped %d", l.depth);
  }
  printf(" %d\n", l.depth);

  const mbed_error_status_t status = MBED_MAKE_ERROR(MBED_MODULE_DRIVER_I2C, MBED_ERROR_CODE_TIME_OUT);
  printf("error 0x%08X code %d module %d type %d\n", unsigned(status), MBED_GET_ERROR_CODE(status),
         int(MBED_GET_ERROR_MODULE(status)), int(MBED_GET_ERROR_TYPE(status)));
  MBED_WARNING1(MBED_ERROR_INVALID_ARGUMENT, "just a warning", 42);
  printf("warnings %d last 0x%08X\n", mbed_get_error_count(), unsigned(mbed_get_last_error()));

  printf("deep sleep %d", sleep_manager_can_deep_sleep());
  {
    DeepSleepLock lock;
    printf(" %d", sleep_manager_can_deep_sleep());
  }
  printf(" %d\n", sleep_manager_can_deep_sleep());

  set_time(1600000000);
  time_t now = time(nullptr);
  struct tm* t = localtime(&now);
  printf("rtc %ld %04d-%02d-%02d %02d:%02d:%02d\n", long(now), t->tm_year + 1900, t->tm_mon + 1, t->tm_mday,
         t->tm_hour, t->tm_min, t->tm_sec);
  struct tm parts = {};
  parts.tm_year = 2000 - 1900;
  parts.tm_mon = 1;
  parts.tm_mday = 29;
  parts.tm_hour = 12;
  const time_t leap_noon = mktime(&parts);
  printf("mktime %ld wday %d\n", long(leap_noon), parts.tm_wday);
  ThisThread::sleep_for(2s);
  printf("rtc after 2 s: +%ld\n", long(time(nullptr) - now));

  srand(1);
  const int r1 = rand() % 1000;
  const int r2 = rand() % 1000;
  printf("rand %d %d\n", r1, r2);
  return 0;
}
