#include "utensor/check.hpp"

#include <cstdio>
#include <cstdlib>

namespace utensor {

void debug_check_failed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "utensor: debug check failed: %s (%s:%d)\n", condition, file, line);
  std::abort();
}

}  // namespace utensor
