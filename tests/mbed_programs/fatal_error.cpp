// A fatal MBED_ERROR prints Mbed OS's error report and stops the program (status "crashed").
#include "mbed.h"

int main() {
  printf("before\n");
  MBED_ERROR(MBED_MAKE_ERROR(MBED_MODULE_APPLICATION, MBED_ERROR_CODE_OUT_OF_MEMORY), "my buffer is full");
  printf("never printed\n");
}
