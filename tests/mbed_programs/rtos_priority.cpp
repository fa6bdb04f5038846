// RTOS semantics, printed in the order things happen (the same on every target):
// - a higher-priority thread made ready by a release runs before the releaser continues;
// - a mutex blocks, and lends its owner the priority of the thread waiting for it;
// - a queue delivers by priority, then FIFO; a full queue blocks the sender;
// - event flags and thread flags wake their waiters; timeouts expire on time;
// - join waits for a thread's end; terminate ends a thread.
#include "mbed.h"

Semaphore sem(0);
Mutex mutex;
Queue<const char, 2> queue;
EventFlags flags;
Thread high(osPriorityHigh, OS_STACK_SIZE, nullptr, "high");
Thread low(osPriorityLow, OS_STACK_SIZE, nullptr, "low");
Thread consumer(osPriorityBelowNormal, OS_STACK_SIZE, nullptr, "consumer");
Thread sleeper(osPriorityNormal, OS_STACK_SIZE, nullptr, "sleeper");

long long now_ms() { return static_cast<long long>(Kernel::get_ms_count()); }

void high_body() {
  sem.acquire();
  printf("2 high: got the semaphore (before main goes on)\n");
  mutex.lock();
  printf("5 high: got the mutex when low unlocked it\n");
  mutex.unlock();
  const uint32_t f = flags.wait_any(0x6);
  printf("7 high: woken by event flags 0x%lx\n", static_cast<unsigned long>(f));
  const uint32_t t = ThisThread::flags_wait_any(0x1);
  printf("9 high: woken by thread flag 0x%lx\n", static_cast<unsigned long>(t));
}

void low_body() {
  mutex.lock();
  printf("3 low: holds the mutex at priority %d\n", static_cast<int>(low.get_priority()));
  ThisThread::sleep_for(20ms);  // high blocks on the mutex meanwhile
  printf("4 low: priority %d while high waits for the mutex\n", static_cast<int>(low.get_priority()));
  mutex.unlock();
  printf("6 low: back to priority %d after unlocking\n", static_cast<int>(low.get_priority()));
}

void consumer_body() {
  const char* m;
  while (queue.try_get_for(50ms, &m)) printf("queue: %s at %lld ms\n", m, now_ms());
  printf("queue: empty for 50 ms at %lld ms\n", now_ms());
}

void sleeper_body() {
  while (true) ThisThread::sleep_for(1s);
}

int main() {
  printf("1 main: start\n");
  high.start(high_body);
  low.start(low_body);
  ThisThread::sleep_for(5ms);  // low takes the mutex
  sem.release();               // high runs at once
  ThisThread::sleep_for(50ms);
  printf("main: setting event flag 0x4\n");
  flags.set(0x4);
  printf("8 main: after the event flag\n");
  high.flags_set(0x1);
  printf("10 main: after the thread flag\n");
  high.join();
  printf("11 main: high has ended (state %d)\n", static_cast<int>(high.get_state()));

  queue.try_put("normal-1");
  queue.try_put("urgent", 9);  // the queue (2 places) is full now
  const bool put = queue.try_put_for(10ms, "normal-2");
  printf("queue full: try_put_for %s at %lld ms\n", put ? "put" : "timed out", now_ms());
  consumer.start(consumer_body);  // lower priority: runs when main waits
  queue.try_put_for(Kernel::wait_for_u32_forever, "normal-3");  // blocks until the consumer takes one
  printf("main: normal-3 queued at %lld ms\n", now_ms());
  consumer.join();

  const long long t0 = now_ms();
  const bool got = sem.try_acquire_for(250ms);
  printf("try_acquire_for: %s after %lld ms\n", got ? "acquired" : "timed out", now_ms() - t0);
  const uint32_t r = flags.wait_all_for(0x30, 40ms);
  printf("wait_all_for: 0x%lx (osFlagsErrorTimeout) after 40 ms\n", static_cast<unsigned long>(r));

  sleeper.start(sleeper_body);
  ThisThread::sleep_for(10ms);
  printf("sleeper state %d before terminate\n", static_cast<int>(sleeper.get_state()));
  sleeper.terminate();
  printf("sleeper state %d after terminate\n", static_cast<int>(sleeper.get_state()));
  printf("done at %lld ms\n", now_ms());
}
