// EventQueue on its own thread, fed from an interrupt; the shared queue (mbed_event_queue,
// dispatched by Mbed OS's "shared_event_queue" thread); call_every and cancel; dispatch_for
// from main. Presses (from the test): BUTTON1 at 100 ms and 300 ms.
#include "mbed.h"

EventQueue queue;
Thread dispatcher(osPriorityAboveNormal, OS_STACK_SIZE, nullptr, "dispatcher");
InterruptIn button(BUTTON1);
DigitalOut led(LED2);
int ticks = 0;
int periodic_id = 0;

void on_press_deferred(int when) {
  printf("press handled in thread '%s' (queued at %d ms, run at %llu ms)\n", ThisThread::get_name(), when,
         static_cast<unsigned long long>(Kernel::get_ms_count()));
}

void tick() {
  led = !led;
  if (++ticks == 4) {
    printf("4 ticks: cancelling the periodic event: %s\n", queue.cancel(periodic_id) ? "yes" : "no");
  }
}

int main() {
  dispatcher.start(callback(&queue, &EventQueue::dispatch_forever));
  button.fall([] { queue.call(on_press_deferred, static_cast<int>(Kernel::get_ms_count())); });
  periodic_id = queue.call_every(50ms, tick);
  mbed_event_queue()->call_in(150ms, [] { printf("shared queue ran in thread '%s'\n", ThisThread::get_name()); });
  EventQueue local;
  local.call_in(20ms, [] { printf("dispatch_for ran a local event\n"); });
  local.dispatch_for(100ms);
  printf("dispatch_for returned at %llu ms\n", static_cast<unsigned long long>(Kernel::get_ms_count()));
  ThisThread::sleep_for(400ms);
  printf("ticks: %d\n", ticks);
}
