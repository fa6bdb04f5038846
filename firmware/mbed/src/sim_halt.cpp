// The program stops for good (fatal Mbed error, watchdog reset, system_reset): the serial output
// is flushed and the reason reported on stderr; the run ends with exit status 3.
#include <cstdio>
#include <cstdlib>

extern "C" [[noreturn]] void mbed_sim_halt(const char* reason) {
  std::fflush(stdout);
  std::fprintf(stderr, "\n[sim] halted: %s\n", reason);
  std::fflush(stderr);
  std::exit(3);
}
