// BusIn and BusInOut: the joystick of the mbed application board as one number, single pins by
// index, construction from an array, pulls on a bidirectional bus.
#include "mbed.h"

BusIn joy(p15, p12, p13, p16, p14);  // up, down, left, right, center: high while pushed
PinName bus_pins[16] = {p21, p22, NC, NC, NC, NC, NC, NC, NC, NC, NC, NC, NC, NC, NC, NC};
BusInOut bus(bus_pins);

int main() {
  printf("joy %d mask %X\n", joy.read(), joy.mask());
  ThisThread::sleep_for(250ms);  // JOYSTICK_LEFT is held from 200 to 300 ms
  printf("joy %d left %d up %d\n", static_cast<int>(joy), joy[2].read(), static_cast<int>(joy[0]));
  bus.mode(PullUp);
  printf("bus pulled up %d mask %X\n", bus.read(), bus.mask());
  bus.mode(PullDown);
  printf("bus pulled down %d\n", static_cast<int>(bus));
  bus.output();
  bus = 2;
  bus[0] = 1;
  printf("bus out %d\n", bus.read());
}
