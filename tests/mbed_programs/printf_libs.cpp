// The same format strings under Mbed OS 6's default minimal-printf and under the standard printf
// (mbed_app.json "target.printf_lib": "std"): each line has one conversion, so the minimal
// library's unread float arguments do not shift the others.
#include "mbed.h"

int main() {
  printf("float [%.2f]\n", 3.14159);
  printf("width [%3i]\n", 9);
  printf("zeros [0x%08lx]\n", static_cast<unsigned long>(0x201));
  printf("hex [%x] [%X] [%x]\n", 0xABC, 0xBEEF, 0);
  printf("pointer [%p]\n", reinterpret_cast<void*>(0x20001F48));
  printf("string [%.3s] [%s]\n", "abcdef", "end");
  printf("long long [%lld]\n", -1234567890123LL);
  printf("char [%c] percent [%%] unknown [%a]\n", 'x', 1.0);
  char buffer[32];
  const int n = snprintf(buffer, sizeof buffer, "%d-%u", -5, 7u);
  printf("snprintf [%s] %d\n", buffer, n);
  return 0;
}
