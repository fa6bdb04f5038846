// A crash keeps the output before it: a write through a null pointer.
#include "mbed.h"

DigitalOut led(LED1);
int* volatile target = nullptr;

int main() {
  printf("about to crash\n");
  led = 1;
  ThisThread::sleep_for(10ms);
  *target = 42;
  printf("not reached\n");
}
