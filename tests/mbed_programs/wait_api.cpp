// Mbed OS 5 waits (with their deprecation warnings) and thread_sleep_for, timed by a Timer.
#include "mbed.h"

int main() {
  Timer t;
  t.start();
  wait(0.5);
  printf("wait(0.5): %lld ms\n", static_cast<long long>(t.elapsed_time().count() / 1000));
  t.reset();
  wait_ms(250);
  printf("wait_ms(250): %lld ms\n", static_cast<long long>(t.elapsed_time().count() / 1000));
  t.reset();
  thread_sleep_for(100);
  printf("thread_sleep_for(100): %lld ms\n", static_cast<long long>(t.elapsed_time().count() / 1000));
  t.reset();
  wait(0.005);  // under 10 ms: spins, wait_us(0.005f * 1e6f), i.e. 4999 us as on Mbed OS 5
  const long long spun = t.elapsed_time().count();
  printf("wait(0.005) spun about 5 ms: %d\n", spun >= 4999 && spun < 5100);
  printf("osWaitForever = 0x%X\n", unsigned(osWaitForever));
  return 0;
}
