// Two busy threads of the same priority share the CPU in RTX's 5 ms round-robin slices; a
// higher-priority thread that wakes every 20 ms preempts them at once.
#include "mbed.h"

Thread a(osPriorityNormal, OS_STACK_SIZE, nullptr, "a");
Thread b(osPriorityNormal, OS_STACK_SIZE, nullptr, "b");
Thread watcher(osPriorityHigh, OS_STACK_SIZE, nullptr, "watcher");
volatile char last = 0;
volatile int switches = 0;
volatile bool stop = false;
int wakeups = 0;
uint64_t late_ms = 0;

void spin(char me) {
  while (!stop) {
    if (last != me) {
      last = me;
      switches = switches + 1;
    }
  }
}

void watch() {
  for (int i = 1; i <= 5; ++i) {
    ThisThread::sleep_until(Kernel::Clock::time_point(std::chrono::milliseconds(20 * i)));
    const uint64_t late = Kernel::get_ms_count() - 20u * i;
    if (late > late_ms) late_ms = late;
    ++wakeups;
  }
}

int main() {
  watcher.start(watch);
  a.start([] { spin('a'); });
  b.start([] { spin('b'); });
  ThisThread::sleep_for(100ms);  // main waits; a and b take turns
  stop = true;
  a.join();
  b.join();
  printf("a and b took turns %d times in 100 ms; the watcher woke %d times, at most %llu ms late\n", switches,
         wakeups, static_cast<unsigned long long>(late_ms));
}
