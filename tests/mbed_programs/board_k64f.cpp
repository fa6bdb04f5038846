// FRDM-K64F names and polarities: the Mbed OS 6 blinky's `#ifdef LED1`, the raw names PTB22
// and PTC6, SW2 as BUTTON1 (active low: pressed reads 0), the RGB LED (active low), the
// shield's joystick (active high), an unsigned char, and TARGET_K64F.
#include "mbed.h"

#ifdef LED1
DigitalOut led(LED1);
#else
bool led;
#endif
DigitalOut red(PTB22, 1);  // the same pin as LED1 and LED_RED: 1 = off (active low)
DigitalIn sw2(PTC6);
InterruptIn button(BUTTON1);
DigitalIn fire(D4);
volatile int presses = 0;

void pressed() { presses = presses + 1; }

int main() {
#if defined(TARGET_K64F) && DEVICE_I2C
  printf("TARGET_K64F, DEVICE_I2C\n");
#endif
  char c = static_cast<char>(200);
  printf("char is %s\n", c > 0 ? "unsigned" : "signed");
  printf("LED1 == LED_RED == PTB22: %d, BUTTON1 == SW2: %d\n", LED1 == LED_RED && LED_RED == PTB22, BUTTON1 == SW2);
  button.fall(&pressed);
  printf("sw2 idle reads %d, joystick fire idle reads %d\n", sw2.read(), fire.read());
  while (sw2.read()) {
  }
  printf("sw2 pressed reads %d at %llu ms\n", sw2.read(), static_cast<unsigned long long>(Kernel::get_ms_count()));
  led = 0;  // the red LED on
  ThisThread::sleep_for(300ms);
  printf("presses counted by the interrupt: %d; fire reads %d\n", presses, fire.read());
}
