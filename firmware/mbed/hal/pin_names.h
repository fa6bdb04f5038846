// Pin name <-> number, from the X-macro list in PinNames.h (used by the host and QEMU
// backends to parse scripted input and to label traces).
#pragma once
#include <cstdlib>
#include <cstring>

#include "PinNames.h"

namespace sim_pins {

struct Entry {
  const char* name;
  int value;
};
#define SIM_PIN_ENTRY(name, value) {#name, value},
constexpr Entry kPins[] = {SIM_PIN_LIST(SIM_PIN_ENTRY)};
#undef SIM_PIN_ENTRY

inline const char* name_of(int pin) {
  for (const auto& e : kPins)
    if (e.value == pin) return e.name;
  return "?";
}

// A name ("BUTTON1", "p14", "SW2") or a number; -1 if unknown.
inline int parse(const char* s, size_t n) {
  for (const auto& e : kPins)
    if (std::strlen(e.name) == n && std::strncmp(e.name, s, n) == 0) return e.value;
  if (n == 3 && std::strncmp(s, "SW2", 3) == 0) return BUTTON1;
  char* end = nullptr;
  const long v = std::strtol(s, &end, 10);
  return end == s + n && n > 0 ? static_cast<int>(v) : -1;
}

}  // namespace sim_pins
