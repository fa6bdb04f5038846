// rand()/srand() as the boards' C library (newlib, GCC_ARM) computes them, on every target: a
// program that blinks at rand() intervals blinks the same on the host, in the browser and on the
// board. (glibc and Emscripten's musl use other generators.) Linked with --wrap=rand,srand.
#include <cstdint>

namespace {
uint64_t g_next = 1;  // newlib's initial state
}

extern "C" {
void __wrap_srand(unsigned int seed) { g_next = seed; }
int __wrap_rand(void) {
  g_next = g_next * 6364136223846793005ULL + 1;
  return static_cast<int>((g_next >> 32) & 0x7FFFFFFF);
}
}
