// Blinky: LED1 toggles every 500 ms and the serial console says so.
#include "mbed.h"

DigitalOut led(LED1);

int main() {
  printf("Blinky started\n");
  int count = 0;
  while (true) {
    led = !led;
    printf("LED1 is %s (%d)\n", led.read() ? "on" : "off", ++count);
    ThisThread::sleep_for(500ms);
  }
}
