// A classic: the interrupt handler waits for the button's release by polling it. The pin
// changes while the handler runs (the outside world does not wait), so it returns at the
// release; the release's own edge interrupt comes after it.
#include "mbed.h"

InterruptIn button(BUTTON1);
DigitalIn level(BUTTON1);
Timer t;
volatile long long held_ms = -1;
volatile int rises = 0;

void on_press() {
  const auto start = t.elapsed_time();
  while (level.read() == 0) {
  }
  held_ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.elapsed_time() - start).count();
}

int main() {
  t.start();
  button.fall(&on_press);
  button.rise([] { rises = rises + 1; });
  ThisThread::sleep_for(1s);
  printf("held for %lld ms inside the handler; rising edges: %d\n", static_cast<long long>(held_ms), rises);
}
