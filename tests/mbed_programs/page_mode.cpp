// For the page (wasm on the page's clock): a busy main loop with no sleeps must leave the page
// responsive (its timers run), and presses, console input and device inputs from the page
// reach the program.
#include "mbed.h"

DigitalOut led(LED1);
InterruptIn button(BUTTON1);
I2C i2c(I2C_SDA, I2C_SCL);
volatile int presses = 0;

int main() {
  button.fall([] { presses = presses + 1; });
  printf("ready\n");
  int seen = 0, last_temp = 0;
  while (true) {
    led = !led;
    if (presses != seen) {
      seen = presses;
      printf("pressed %d\n", seen);
    }
    char cmd[2] = {0, 0};
    i2c.write(0x48 << 1, cmd, 1);
    i2c.read(0x48 << 1, cmd, 2);
    const int t = ((cmd[0] << 8) | cmd[1]) / 256;
    if (t != last_temp) {
      last_temp = t;
      printf("temp %d\n", t);
    }
    if (fgetc(stdin) == 'q') printf("quit key\n");  // blocks until a key: the page types one
    volatile uint32_t x = 0;
    for (int i = 0; i < 20000; ++i) x = x + i;  // busy work, no sleeps
  }
}
