// SharedPtr (reference counts, reset, comparison) and SingletonPtr (built on first use, once).
#include "mbed.h"

struct Reading {
  Reading() { printf("Reading made\n"); }
  ~Reading() { printf("Reading deleted\n"); }
  int value = 7;
};

struct Counter {
  Counter() { ++made; }
  static int made;
  int n = 0;
};
int Counter::made = 0;

static SingletonPtr<Counter> counter;
static SingletonPtr<PlatformMutex> lock;

void bump() {
  lock->lock();
  counter->n++;
  lock->unlock();
}

int main() {
  SharedPtr<Reading> a(new Reading);
  {
    SharedPtr<Reading> b = a;
    printf("count %u, same %d, value %d\n", (unsigned)a.use_count(), a == b, b->value);
  }
  printf("count %u\n", (unsigned)a.use_count());
  SharedPtr<Reading> c;
  printf("empty %d count %u null %d\n", !c, (unsigned)c.use_count(), c == nullptr);
  c = a;
  a.reset();
  printf("after reset: a %u c %u\n", (unsigned)a.use_count(), (unsigned)c.use_count());
  c.reset();
  printf("made before use: %d, ptr %d\n", Counter::made, counter.get_no_init() != nullptr);
  Thread t;
  t.start(bump);
  bump();
  t.join();
  printf("made %d, n %d\n", Counter::made, counter->n);
}
