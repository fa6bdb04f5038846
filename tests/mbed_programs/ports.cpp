// PortOut, PortIn and PortInOut on the LPC1768 and the mbed application board: LED1..LED4 are
// P1_18, P1_20, P1_21 and P1_23; the joystick is P0_15 (left), P0_16 (center), P0_17 (down),
// P0_23 (up) and P0_24 (right), high while pushed.
#include "mbed.h"

#define LED_MASK 0x00B40000
#define JOY_MASK ((1 << 15) | (1 << 16) | (1 << 17) | (1 << 23) | (1 << 24))

PortOut leds(Port1, LED_MASK);
PortIn joystick(Port0, JOY_MASK);
PortInOut bus(Port2, 0x3);  // P2_0 and P2_1 (DIP pins p26 and p25)

int main() {
  leds = LED_MASK;  // all four on
  printf("leds %X\n", leds.read());
  ThisThread::sleep_for(100ms);
  leds = (0xFFFFFFFF & ~LED_MASK) | (1 << 18);  // only LED1: bits outside the mask are ignored
  printf("leds %X\n", leds.read());
  joystick.mode(PullDown);
  printf("joystick %X\n", joystick.read());
  ThisThread::sleep_for(150ms);  // JOYSTICK_UP is held from 200 to 300 ms
  printf("joystick %X\n", static_cast<int>(joystick));
  bus.mode(PullUp);
  bus.write(0x2);  // kept in the output register while an input
  printf("bus in %X\n", bus.read());
  bus.output();
  printf("bus out %X\n", bus.read());
  ThisThread::sleep_for(50ms);
  bus = 0x1;
  bus.input();
  printf("bus in %X\n", bus.read());
}
