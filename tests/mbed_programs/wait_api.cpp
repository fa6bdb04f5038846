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
  wait(0.005);  // under 10 ms: spins (wait_us)
  printf("wait(0.005): %lld ms\n", static_cast<long long>(t.elapsed_time().count() / 1000));
  printf("osWaitForever = 0x%X\n", unsigned(osWaitForever));
  return 0;
}
