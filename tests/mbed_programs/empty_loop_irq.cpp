// A local InterruptIn whose handlers are set just before an empty endless loop (kf5011-s2.1's
// shape): every edge must reach its handler, not only the first.
#include "mbed.h"

DigitalOut led(LED1);

void off() { led = 1; }
void on() { led = 0; }

int main() {
  InterruptIn sw(BUTTON1);
  sw.fall(off);
  sw.rise(on);
  while (1) {
  }
}
