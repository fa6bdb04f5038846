// main returns: the run is "finished" and everything printed is kept; a Timeout attached
// before returning still fires (interrupts outlive main, as in Mbed OS).
#include "mbed.h"

DigitalOut led(LED2);
Timeout later;

void on_timeout() { led = 1; }

int main() {
  printf("hello from main");  // no newline: the output is kept as it is
  later.attach(&on_timeout, 50ms);
  return 0;
}
