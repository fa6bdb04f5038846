// Scripted input for headless runs: "BUTTON1@500ms", "p14@1.5s:200ms" (press at 1.5 s, hold
// 200 ms), "p19=0.25@0" (analog level). Shared by the host and QEMU backends.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "hal/pin_names.h"
#include "hal/sim_hal.h"

namespace sim_script {

struct Event {
  uint64_t at_us;
  int pin;
  int level;      // digital level, or -1 for analog
  float analog;
  char name[16];  // a named input of the board's parts ("temp", "pot1"...), or empty
};

constexpr int kMaxEvents = 64;
struct Script {
  Event events[kMaxEvents] = {};  // initialised: the script is constant-initialised, so HAL calls from
                                  // other files' global constructors never see it reset
  int count = 0;
  int next = 0;
};

// Parses "<number>[ms|s|us]" into microseconds.
inline uint64_t parse_time(const char* s, const char** end) {
  char* e = nullptr;
  const double v = std::strtod(s, &e);
  double scale = 1000.0;  // default milliseconds
  if (std::strncmp(e, "ms", 2) == 0) {
    e += 2;
  } else if (std::strncmp(e, "us", 2) == 0) {
    scale = 1.0;
    e += 2;
  } else if (*e == 's') {
    scale = 1e6;
    e += 1;
  }
  *end = e;
  return static_cast<uint64_t>(v * scale);
}

inline void add(Script& s, Event e) {
  if (s.count >= kMaxEvents) return;
  int i = s.count++;
  while (i > 0 && s.events[i - 1].at_us > e.at_us) {
    s.events[i] = s.events[i - 1];
    --i;
  }
  s.events[i] = e;
}

// One item; returns false if it does not parse.
inline bool parse_item(Script& s, const char* item, size_t n) {
  const char* at = static_cast<const char*>(std::memchr(item, '@', n));
  if (!at) return false;
  const char* eq = static_cast<const char*>(std::memchr(item, '=', static_cast<size_t>(at - item)));
  const size_t name_len = static_cast<size_t>((eq ? eq : at) - item);
  const int pin = sim_pins::parse(item, name_len);
  const char* end = nullptr;
  const uint64_t t = parse_time(at + 1, &end);
  if (pin < 0) {
    // NAME=VALUE@T for a named input of the board's parts (checked when it is delivered).
    if (!eq || name_len == 0 || name_len >= sizeof(Event{}.name)) return false;
    Event e{t, -1, -1, static_cast<float>(std::atof(eq + 1)), {}};
    std::memcpy(e.name, item, name_len);
    add(s, e);
    return true;
  }
  if (eq) {
    add(s, Event{t, pin, -1, static_cast<float>(std::atof(eq + 1)), {}});
    return true;
  }
  uint64_t hold = 100000;  // a press lasts 100 ms unless given
  if (*end == ':') hold = parse_time(end + 1, &end);
  add(s, Event{t, pin, 1, 0.0f, {}});
  add(s, Event{t + hold, pin, 0, 0.0f, {}});
  return true;
}

// A list separated by commas, spaces or semicolons.
inline bool parse_list(Script& s, const char* list) {
  bool ok = true;
  while (list && *list) {
    while (*list == ',' || *list == ' ' || *list == ';') ++list;
    size_t n = std::strcspn(list, ", ;");
    if (n) ok = parse_item(s, list, n) && ok;
    list += n;
  }
  return ok;
}

// Levels set at time 0 (analog pins, named inputs) hold from the start, before the program's
// first sleep: apply them now. They are delivered again at the first sleep, which changes nothing.
inline void apply_initial(const Script& s) {
  for (int i = 0; i < s.count; ++i) {
    const Event& e = s.events[i];
    if (e.at_us != 0 || e.level >= 0) continue;
    if (e.name[0])
      sim_input_set(e.name, e.analog);
    else
      sim_analog_event(e.pin, e.analog);
  }
}

}  // namespace sim_script
