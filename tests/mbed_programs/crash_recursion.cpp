// Unbounded recursion: a stack overflow, reported as a crash.
#include "mbed.h"

volatile int depth = 0;
volatile int limit = 1000000;  // far deeper than any stack here

int recurse(int n) {
  volatile char frame[256];
  frame[0] = static_cast<char>(n);
  depth = depth + 1;
  return n < limit ? recurse(n + 1) + frame[0] : 0;
}

int main() {
  printf("recursing\n");
  return recurse(0);
}
