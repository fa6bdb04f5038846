// The simulator's scheduler behind the Mbed API: time, timers (Ticker/Timeout/EventQueue),
// interrupt delivery and pin state. Single-threaded: interrupt and timer callbacks run at
// the points where the program waits (sleep_for, wait_us, dispatch), like an ISR that
// preempts a sleeping thread.
#pragma once
#include <chrono>
#include <cstdint>

#include "platform/Callback.h"

namespace mbed {
class InterruptIn;

namespace sim {

struct TimerEvent {
  uint64_t due_us = 0;
  uint64_t period_us = 0;  // 0: one shot
  Callback<void()> callback;
  bool active = false;
  TimerEvent* next = nullptr;
};

uint64_t now_us();
void add_timer(TimerEvent* event);
void remove_timer(TimerEvent* event);
// Run everything due now (pending pin edges, expired timers); flush the LCD if it changed.
void dispatch_due();
// Dispatch until `deadline_us` (the core of sleep_for / wait_us / EventQueue).
void wait_until(uint64_t deadline_us);
// Like wait_until, but returns early (true) once wake() was called (EventQueue dispatch).
bool wait_until_or_wake(uint64_t deadline_us, bool stop_on_wake);
void wake();
// The earliest pending timer, or UINT64_MAX.
uint64_t next_timer_due();

int pin_level(int pin);
void set_output(int pin, int value);
void register_interrupt(int pin, InterruptIn* irq);
void unregister_interrupt(int pin, InterruptIn* irq);

// Displays register a flush hook run at every dispatch point.
void set_display_flush(void (*flush)(void*), void* context);

}  // namespace sim
}  // namespace mbed
