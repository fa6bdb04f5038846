#include "platform/sim_core.h"

#include <cstdint>

#include "PinNames.h"
#include "devices/bus.h"
#include "drivers/InterruptIn.h"
#include "events/EventQueue.h"
#include "hal/sim_hal.h"

namespace mbed {
namespace sim {
namespace {

TimerEvent* g_timers = nullptr;  // singly linked, unordered (few timers)
uint8_t g_levels[kSimMaxPin + 1];
struct Irq {
  int pin;
  InterruptIn* irq;
};
Irq g_irqs[32];
struct PinEvent {
  int16_t pin;
  int8_t level;
};
PinEvent g_events[64];
volatile unsigned g_event_head = 0, g_event_tail = 0;
void (*g_display_flush)(void*) = nullptr;
void* g_display = nullptr;
bool g_in_dispatch = false;

bool valid(int pin) { return pin >= 0 && pin <= kSimMaxPin; }

}  // namespace

uint64_t now_us() { return sim_hal_now_us(); }

void add_timer(TimerEvent* e) {
  if (e->active) return;
  e->active = true;
  e->next = g_timers;
  g_timers = e;
}

void remove_timer(TimerEvent* e) {
  if (!e->active) return;
  for (TimerEvent** p = &g_timers; *p; p = &(*p)->next) {
    if (*p == e) {
      *p = e->next;
      break;
    }
  }
  e->active = false;
  e->next = nullptr;
}

uint64_t next_timer_due() {
  uint64_t due = UINT64_MAX;
  for (TimerEvent* e = g_timers; e; e = e->next)
    if (e->due_us < due) due = e->due_us;
  return due;
}

int pin_level(int pin) { return valid(pin) ? g_levels[pin] : 0; }

void set_output(int pin, int value) {
  if (!valid(pin)) return;
  simdev::pin_written(pin, value);  // chip selects, register selects, resets of the board's parts
  if (g_levels[pin] == value && pin != 0) {
    sim_hal_gpio_write(pin, value);  // report every write, as hardware would drive it
    return;
  }
  g_levels[pin] = static_cast<uint8_t>(value);
  sim_hal_gpio_write(pin, value);
}

void register_interrupt(int pin, InterruptIn* irq) {
  for (auto& r : g_irqs)
    if (!r.irq) {
      r.pin = pin;
      r.irq = irq;
      return;
    }
}

void unregister_interrupt(int pin, InterruptIn* irq) {
  for (auto& r : g_irqs)
    if (r.irq == irq && r.pin == pin) r.irq = nullptr;
}

void set_display_flush(void (*flush)(void*), void* context) {
  g_display_flush = flush;
  g_display = context;
}

void dispatch_due() {
  if (g_in_dispatch) return;  // a callback that waits must not re-enter the dispatcher
  g_in_dispatch = true;
  while (g_event_tail != g_event_head) {
    const PinEvent ev = g_events[g_event_tail % 64];
    ++g_event_tail;
    if (!valid(ev.pin) || g_levels[ev.pin] == ev.level) continue;
    g_levels[ev.pin] = static_cast<uint8_t>(ev.level);
    for (auto& r : g_irqs)
      if (r.irq && r.pin == ev.pin) r.irq->sim_edge(ev.level);
  }
  for (;;) {
    const uint64_t now = now_us();
    TimerEvent* due = nullptr;
    for (TimerEvent* e = g_timers; e; e = e->next)
      if (e->due_us <= now && (!due || e->due_us < due->due_us)) due = e;
    if (!due) break;
    if (due->period_us) {
      due->due_us += due->period_us;
      if (due->due_us <= now) due->due_us = now + due->period_us;  // a slow callback skips missed ticks
    } else {
      remove_timer(due);
    }
    Callback<void()> cb = due->callback;
    cb();
  }
  g_in_dispatch = false;
  if (g_display_flush) g_display_flush(g_display);
}

namespace {
bool g_wake = false;
}

void wake() { g_wake = true; }

bool wait_until_or_wake(uint64_t deadline, bool stop_on_wake) {
  for (;;) {
    dispatch_due();
    if (stop_on_wake && g_wake) {
      g_wake = false;
      return true;
    }
    const uint64_t now = now_us();
    if (now >= deadline) return false;
    const uint64_t next = next_timer_due();
    sim_hal_sleep_until(next < deadline ? next : deadline);
  }
}

void wait_until(uint64_t deadline_us) { wait_until_or_wake(deadline_us, false); }

}  // namespace sim

void wait_us(int us) { sim::wait_until(sim::now_us() + static_cast<uint64_t>(us > 0 ? us : 0)); }
void wait_ns(unsigned int ns) { wait_us(static_cast<int>(ns / 1000)); }

}  // namespace mbed

extern "C" void sim_pin_event(int pin, int level) {
  using namespace mbed::sim;
  if (g_event_head - g_event_tail >= 64) return;  // full: drop (a human cannot press that fast)
  g_events[g_event_head % 64] = PinEvent{static_cast<int16_t>(pin), static_cast<int8_t>(level ? 1 : 0)};
  ++g_event_head;
}
