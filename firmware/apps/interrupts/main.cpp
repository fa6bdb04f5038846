// Interrupts: each press of BUTTON1 toggles LED1 (in the interrupt handler); the main loop
// reports the count and blinks LED4 as a heartbeat. Buttons are active low (pressed reads 0),
// so a press is a falling edge.
#include "mbed.h"

InterruptIn button(BUTTON1);
DigitalOut led(LED1);
DigitalOut heartbeat(LED4);
volatile int presses = 0;

void on_press() {
  led = !led;
  presses = presses + 1;
}

int main() {
  button.fall(&on_press);
  printf("Press BUTTON1 to toggle LED1\n");
  int reported = 0;
  while (true) {
    if (presses != reported) {
      reported = presses;
      printf("BUTTON1 pressed %d time%s, LED1 is %s\n", reported, reported == 1 ? "" : "s", led.read() ? "on" : "off");
    }
    heartbeat = !heartbeat;
    ThisThread::sleep_for(100ms);
  }
}
