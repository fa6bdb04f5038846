// Mail and MemoryPool (allocation limits, blocking), ConditionVariable (wait, notify, timeout),
// LowPowerTicker and Timeout::remaining_time, Kernel::Clock, thread stack sizes and names.
#include "mbed.h"

struct Message {
  int id;
  float value;
};

Mail<Message, 2> mail;
MemoryPool<int, 3> pool;
Mutex mutex;
ConditionVariable cond(mutex);
bool ready = false;
LowPowerTicker lp;
Timeout timeout;
volatile int lp_ticks = 0;
Thread producer(osPriorityNormal, 2048, nullptr, "producer");
Thread waiter(osPriorityNormal, OS_STACK_SIZE, nullptr, "waiter");

void produce() {
  for (int i = 0; i < 3; ++i) {
    Message* m = mail.try_alloc_for(Kernel::wait_for_u32_forever);
    m->id = i;
    m->value = 1.5f * i;
    mail.put(m);
    printf("put %d at %lld ms\n", i, static_cast<long long>(Kernel::Clock::now().time_since_epoch().count()));
  }
}

void wait_ready() {
  mutex.lock();
  while (!ready) cond.wait();
  printf("waiter: ready at %llu ms\n", static_cast<unsigned long long>(Kernel::get_ms_count()));
  const bool timed_out = cond.wait_for(30ms) == cv_status::timeout;
  printf("waiter: wait_for %s\n", timed_out ? "timed out" : "notified");
  mutex.unlock();
}

int main() {
  int* a = pool.try_alloc();
  int* b = pool.try_alloc();
  int* c = pool.try_alloc();
  printf("pool: 3 blocks %s, a 4th: %s\n", a && b && c ? "allocated" : "missing", pool.try_alloc() ? "yes" : "no");
  printf("free a: %d, free nullptr: %d\n", static_cast<int>(pool.free(a)), static_cast<int>(pool.free(nullptr)));
  printf("a 4th after a free: %s\n", pool.try_alloc() ? "yes" : "no");

  producer.start(produce);  // fills the mailbox (2 places) and blocks on the third
  ThisThread::sleep_for(20ms);
  for (int i = 0; i < 3; ++i) {
    Message* m = mail.try_get_for(Kernel::wait_for_u32_forever);
    printf("got %d (%.1f) at %llu ms\n", m->id, m->value, static_cast<unsigned long long>(Kernel::get_ms_count()));
    mail.free(m);
    ThisThread::sleep_for(10ms);
  }
  producer.join();

  waiter.start(wait_ready);
  ThisThread::sleep_for(15ms);
  mutex.lock();
  ready = true;
  cond.notify_one();
  mutex.unlock();
  waiter.join();

  lp.attach([] { lp_ticks = lp_ticks + 1; }, 25ms);
  timeout.attach([] {}, 80ms);
  ThisThread::sleep_for(30ms);
  printf("timeout remaining %lld us; low-power ticks after 30 ms: %d\n",
         static_cast<long long>(timeout.remaining_time().count()), lp_ticks);
  printf("producer stack %lu, name %s; main is '%s'\n", static_cast<unsigned long>(producer.stack_size()),
         producer.get_name(), ThisThread::get_name());
}
