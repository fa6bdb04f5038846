// Spinning forever with interrupts masked: nothing can happen any more; the run still ends at
// its time limit, as "idle" (main spins without touching the hardware).
#include "mbed.h"
int main() { printf("y\n"); __disable_irq(); while (1); }
