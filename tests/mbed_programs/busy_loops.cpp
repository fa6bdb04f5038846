// Interrupts during busy loops: a Ticker fires while main spins without touching the hardware,
// a polling loop sees a press, a Timer measures work, and a final `while (1);` leaves the run
// to the Ticker (status "idle": main spins without HAL calls).
#include "mbed.h"

DigitalIn button(BUTTON1);
DigitalOut led(LED1);
Ticker ticker;
volatile int ticks = 0;

void tick() { ticks = ticks + 1; }
void toggle() { led = !led; }

long long ms(Timer& t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.elapsed_time()).count();
}

int main() {
  Timer t;
  t.start();
  ticker.attach(&tick, 10ms);
  volatile uint32_t spins = 0;
  while (ticks < 5) spins = spins + 1;  // no HAL call in this loop
  printf("5 ticks during a busy loop, at %lld ms\n", ms(t));
  while (button.read() == 1) {
  }
  printf("the press was seen by polling at %lld ms\n", ms(t));
  while (button.read() == 0) {
  }
  printf("released at %lld ms\n", ms(t));
  Timer work;
  work.start();
  for (volatile int i = 0; i < 100000; i = i + 1) {
  }
  work.stop();
  printf("100000 iterations took %lld us (more than 0: work takes time)\n",
         static_cast<long long>(work.elapsed_time().count()) > 0 ? 1LL : 0LL);
  ticker.attach(&toggle, 100ms);
  printf("spinning\n");
  while (1);
}
