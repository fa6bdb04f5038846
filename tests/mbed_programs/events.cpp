// EventQueue and Event semantics: ordering, delays and periods on the queue's clock, the
// deprecated integer forms, cancel (also from inside an event), Event<void(int)> posts,
// UserAllocatedEvent, chaining, time_left and break_dispatch.
#include "mbed.h"

EventQueue queue;
static void say(const char* what) { printf("%u %s\n", equeue_tick(), what); }
static void count(int k) { printf("%u event %d\n", equeue_tick(), k); }

static int periodic_id;
static int runs;
static void periodic() {
  printf("%u periodic %d\n", equeue_tick(), ++runs);
  if (runs == 3) queue.cancel(periodic_id);  // cancelling itself stops the repeats
}

int main() {
  queue.call(say, "first");
  queue.call(say, "second");  // same time: in posting order
  queue.call_in(30ms, say, "at 30");
  queue.call_in(10, say, "at 10 (int ms)");
  periodic_id = queue.call_every(20ms, periodic);
  int gone = queue.call_in(15ms, say, "never");
  printf("time_left %d\n", queue.time_left(gone));
  const bool first_cancel = queue.cancel(gone);
  const bool second_cancel = queue.cancel(gone);
  printf("cancel %d %d\n", first_cancel, second_cancel);

  Event<void(int)> ev(&queue, count);
  ev.delay(50ms);
  ev.period(non_periodic);
  ev.post(1);
  ev.post(2);
  ev.cancel();  // the most recent post
  ev.post(3);
  queue.dispatch_for(100ms);

  auto user = make_user_allocated_event(count, 7);
  user.delay(10);
  user.call_on(&queue);
  printf("second post refused: %d\n", !user.try_call());
  queue.dispatch_for(20ms);
  printf("posted again: %d\n", user.try_call());
  queue.cancel(&user);

  EventQueue child;
  child.call(say, "from the chained queue");
  child.chain(&queue);
  queue.call_in(5ms, callback(&queue, &EventQueue::break_dispatch));
  queue.dispatch_forever();  // returns at break_dispatch
  printf("%u broke out\n", equeue_tick());
  return 0;
}
