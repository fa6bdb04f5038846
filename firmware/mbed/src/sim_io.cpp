// The simulator's I/O, shared by every target: the run configuration (time limit and
// scripted input), pin states and edges, the console, and the display refresh.
//
// Run configuration: text, one item per line (simulator/build/runner.py writes it):
//   until <ns>                          stop the run at this simulated time
//   press <t_ns> <pin> <1|0>            press / release a button, joystick or any input pin
//   level <t_ns> <pin> <v>              drive a pin to v (0..1 of the supply; -1: let it float)
//   device <t_ns> <name> <input> <v>    set a device model's input (lm75b temp 31.5)
//   serial <t_ns> <hex bytes>           bytes typed into the console, one per character time
// Pins are PinName numbers of the board (simulator/build/boards.py).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/InterruptIn.h"
#include "sim/internal.h"
#include "sim/port.h"
#include "sim/sim.h"
#include "sim_board.h"

namespace sim {
namespace {

constexpr uint64_t kDisplayRefreshNs = 20000000;  // the display is refreshed every 20 ms
constexpr uint64_t kCharTimeNs = 1041667;         // one character at 9600 baud (8N1)
constexpr size_t kRxSize = 1024;

// ---- scripted input -----------------------------------------------------------------------------
enum class Kind : uint8_t { kPress, kLevel, kDevice, kSerial };
struct Input {
  uint64_t at_ns;
  Kind kind;
  int pin;
  float value;
  uint32_t offset;  // serial: into g_bytes; device: into g_names ("name\0input\0")
  uint32_t length;
};
Input* g_inputs = nullptr;
size_t g_input_count = 0;
size_t g_next_input = 0;
uint32_t g_serial_sent = 0;  // bytes of the current serial input already delivered
char* g_bytes = nullptr;
uint64_t g_until = kForever;

// ---- pins ------------------------------------------------------------------------------------------
struct Pin {
  float volts = -1.0f;  // driven from outside (0..1), or -1: floating
  float out_value = 0.0f;
  int8_t out = -1;      // driven by the program: -1 input, 0/1 digital, 2 PWM / analog out
  int8_t pull = -1;     // -1 none, 0 down, 1 up
  int8_t level = 0;     // last digital level seen (edge detection)
  int8_t idle = -1;     // board buttons/joystick: idle level
  int8_t pressed = -1;  // ... and pressed level
};
Pin g_pins[kSimPinSlots > 0 ? kSimPinSlots : 1];

constexpr int kMaxIrqs = 32;
struct Irq {
  int pin;
  mbed::InterruptIn* irq;
};
Irq g_irqs[kMaxIrqs];

// ---- console ----------------------------------------------------------------------------------------
unsigned char g_rx[kRxSize];
size_t g_rx_head = 0, g_rx_count = 0;
WaitList g_rx_waiters;
constexpr int kMaxRxHandlers = 8;
struct RxHandler {
  void* owner;
  mbed::Callback<void()> handler;
};
RxHandler g_rx_handlers[kMaxRxHandlers];
bool g_rx_pending_irq = false;

// ---- display ----------------------------------------------------------------------------------------
void (*g_display_flush)(void*) = nullptr;
void* g_display = nullptr;
uint64_t g_next_refresh = kForever;
bool g_lcd_seen = false;
uint8_t g_lcd_pixels[128 * 32];
int g_lcd_w = 0, g_lcd_h = 0;

// Input from the page (or a port): queued by the C entry points, delivered with the scripted
// input at the next delivery point.
struct LiveInput {
  int kind;  // 0 level, 1 press, 2 serial byte (in pin), 3 device input by name
  int pin;
  float value;
  char name[24];
};
constexpr unsigned kLiveSize = 256;
LiveInput g_live[kLiveSize];
volatile unsigned g_live_head = 0, g_live_tail = 0;

int digital(const Pin& p) {
  if (p.out == 0 || p.out == 1) return p.out;
  if (p.out == 2) return p.out_value > 0.5f;
  if (p.volts >= 0.0f) return p.volts > 0.5f ? 1 : 0;
  return p.pull == 1 ? 1 : 0;
}

// A pin's inputs changed: report rising/falling edges to its InterruptIns (ISR context).
// Edges waiting for their interrupt: a pin's level changes when the outside world changes it
// (even while an interrupt handler runs and polls it), its InterruptIn fires when interrupts
// can be taken.
struct Edge {
  int pin;
  int8_t level;
};
constexpr unsigned kEdges = 64;
Edge g_edges[kEdges];
unsigned g_edge_head = 0, g_edge_tail = 0;

void update_level(int pin) {
  const int slot = sim_pin_slot(pin);
  if (slot < 0) return;
  Pin& p = g_pins[slot];
  const int level = digital(p);
  if (level == p.level) return;
  p.level = static_cast<int8_t>(level);
  for (const auto& r : g_irqs) {
    if (r.irq && r.pin == pin) {
      if (g_edge_head - g_edge_tail < kEdges) g_edges[g_edge_head++ % kEdges] = Edge{pin, static_cast<int8_t>(level)};
      break;
    }
  }
}

void deliver_edges() {
  while (g_edge_tail != g_edge_head) {
    const Edge e = g_edges[g_edge_tail++ % kEdges];
    for (auto& r : g_irqs)
      if (r.irq && r.pin == e.pin) r.irq->sim_edge(e.level);
  }
}

uint64_t parse_u64(const char*& s) {
  while (*s == ' ') ++s;
  char* end = nullptr;
  const unsigned long long v = strtoull(s, &end, 10);
  s = end;
  return v;
}

const char* word(const char*& s, size_t* n) {
  while (*s == ' ') ++s;
  const char* w = s;
  while (*s && *s != ' ' && *s != '\n') ++s;
  *n = static_cast<size_t>(s - w);
  return w;
}

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void parse_config(const char* text) {
  size_t lines = 1, bytes = 0;
  for (const char* p = text; *p; ++p) {
    if (*p == '\n') ++lines;
    ++bytes;
  }
  g_inputs = static_cast<Input*>(calloc(lines, sizeof(Input)));
  g_bytes = static_cast<char*>(malloc(bytes + 1));
  if (!g_inputs || !g_bytes) return;
  uint32_t used = 0;
  for (const char* s = text; *s;) {
    size_t n;
    const char* cmd = word(s, &n);
    Input in{};
    bool add = false;
    if (n == 5 && !strncmp(cmd, "until", 5)) {
      g_until = parse_u64(s);
    } else if (n == 5 && (!strncmp(cmd, "press", 5) || !strncmp(cmd, "level", 5))) {
      in.kind = cmd[0] == 'p' ? Kind::kPress : Kind::kLevel;
      in.at_ns = parse_u64(s);
      in.pin = static_cast<int>(strtol(s, const_cast<char**>(&s), 10));
      in.value = strtof(s, const_cast<char**>(&s));
      add = true;
    } else if (n == 6 && !strncmp(cmd, "device", 6)) {
      in.kind = Kind::kDevice;
      in.at_ns = parse_u64(s);
      size_t ln, li;
      const char* name = word(s, &ln);
      const char* input = word(s, &li);
      in.value = strtof(s, const_cast<char**>(&s));
      in.offset = used;
      memcpy(g_bytes + used, name, ln);
      g_bytes[used + ln] = 0;
      memcpy(g_bytes + used + ln + 1, input, li);
      g_bytes[used + ln + 1 + li] = 0;
      used += static_cast<uint32_t>(ln + li + 2);
      add = true;
    } else if (n == 6 && !strncmp(cmd, "serial", 6)) {
      in.kind = Kind::kSerial;
      in.at_ns = parse_u64(s);
      size_t lh;
      const char* hex = word(s, &lh);
      in.offset = used;
      for (size_t i = 0; i + 1 < lh; i += 2) {
        const int hi = hexval(hex[i]), lo = hexval(hex[i + 1]);
        if (hi < 0 || lo < 0) break;
        g_bytes[used++] = static_cast<char>(hi * 16 + lo);
      }
      in.length = used - in.offset;
      add = in.length > 0;
    }
    if (add) {  // keep the list sorted by time (stable)
      size_t i = g_input_count++;
      while (i > 0 && g_inputs[i - 1].at_ns > in.at_ns) {
        g_inputs[i] = g_inputs[i - 1];
        --i;
      }
      g_inputs[i] = in;
    }
    while (*s && *s != '\n') ++s;
    if (*s == '\n') ++s;
  }
}

uint64_t input_due(const Input& in) {
  return in.kind == Kind::kSerial ? in.at_ns + g_serial_sent * kCharTimeNs : in.at_ns;
}

void rx_push(unsigned char c) {
  if (g_rx_count < kRxSize) {  // a full receive buffer drops bytes, as a UART overrun does
    g_rx[(g_rx_head + g_rx_count) % kRxSize] = c;
    ++g_rx_count;
  }
  const uint32_t k = lock();
  wake_one(g_rx_waiters, kWaitOk);
  unlock(k);
  for (auto& h : g_rx_handlers)
    if (h.owner && h.handler) h.handler();
}

void apply_press(int pin, bool down) {
  const int slot = sim_pin_slot(pin);
  if (slot < 0) return;
  Pin& p = g_pins[slot];
  if (p.pressed >= 0) {
    p.volts = down ? p.pressed : p.idle;
  } else if (down) {  // a pin without a board part: pressing pulls it away from its idle level
    Pin floating = p;
    floating.volts = -1.0f;
    floating.out = -1;
    p.volts = digital(floating) ? 0.0f : 1.0f;
  } else {
    p.volts = -1.0f;
  }
  update_level(pin);
}

// "temp" or "lm75b.temp": the first device with that input, or the named one.
void set_named_input(const char* name, float value) {
  char device[24] = "";
  const char* input = name;
  if (const char* dot = strchr(name, '.')) {
    const size_t n = static_cast<size_t>(dot - name) < sizeof device - 1 ? static_cast<size_t>(dot - name) : sizeof device - 1;
    memcpy(device, name, n);
    device[n] = 0;
    input = dot + 1;
  }
  internal::device_set(device, input, value);
}

// A fault found by checking (wasm's null-pointer writes) stops the run before the next output.
void check_faults() {
  if (const char* fault = port::fault_check()) internal::finish("crashed", fault);
}

}  // namespace

void live_input(int kind, int pin, float value, const char* name) {
  if (g_live_head - g_live_tail >= kLiveSize) return;  // full: a person cannot type or press that fast
  LiveInput& in = g_live[g_live_head % kLiveSize];
  in.kind = kind;
  in.pin = pin;
  in.value = value;
  in.name[0] = 0;
  if (name) {
    strncpy(in.name, name, sizeof in.name - 1);
    in.name[sizeof in.name - 1] = 0;
  }
  ++g_live_head;
}

// ---- pins ---------------------------------------------------------------------------------------------
int pin_slot(int pin) { return sim_pin_slot(pin); }

void pin_output(int pin, int value, bool created) {
  hal_call();
  check_faults();
  const int slot = sim_pin_slot(pin);
  if (slot < 0) return;
  Pin& p = g_pins[slot];
  value = value ? 1 : 0;
  if (!created && p.out == value) return;
  p.out = static_cast<int8_t>(value);
  internal::report_pin(now_ns(), pin, value);
  port::gpio_out(pin, value);
  p.level = static_cast<int8_t>(value);
  internal::devices_pin_changed(pin, value);
}

void pwm_output(int pin, float duty, bool created) {
  hal_call();
  const int slot = sim_pin_slot(pin);
  if (slot < 0) return;
  Pin& p = g_pins[slot];
  if (!created && p.out == 2 && p.out_value == duty) return;
  p.out = 2;
  p.out_value = duty;
  internal::report_pwm(now_ns(), pin, duty);
  port::pwm_out(pin, duty);
}

// Not a HAL call of its own (no time is charged): PwmOut::period_us charges one with its write.
void pwm_period(int pin, int period_us) {
  if (sim_pin_slot(pin) < 0) return;
  port::pwm_period_out(pin, period_us);
}

void analog_output(int pin, float value, bool created) {
  hal_call();
  const int slot = sim_pin_slot(pin);
  if (slot < 0) return;
  Pin& p = g_pins[slot];
  if (!created && p.out == 2 && p.out_value == value) return;
  p.out = 2;
  p.out_value = value;
  internal::report_analog(now_ns(), pin, value);
  port::pwm_out(pin, value);
}

void pin_release(int pin) {
  hal_call();
  const int slot = sim_pin_slot(pin);
  if (slot < 0) return;
  g_pins[slot].out = -1;
  g_pins[slot].level = static_cast<int8_t>(digital(g_pins[slot]));
}

void pin_mode(int pin, int mode) {
  const int slot = sim_pin_slot(pin);
  if (slot < 0) return;
  Pin& p = g_pins[slot];
  p.pull = mode == PullUp ? 1 : mode == PullDown ? 0 : -1;
  p.level = static_cast<int8_t>(digital(p));  // a new pull is not an edge
}

// While an interrupt handler runs, inputs are not delivered; but the outside world does not
// wait: a handler that polls a pin sees the levels of presses and pin inputs that are due.
static void apply_pin_inputs_now() {
  const uint64_t now = now_ns();
  while (g_next_input < g_input_count && g_inputs[g_next_input].at_ns <= now) {
    const Input& in = g_inputs[g_next_input];
    if (in.kind == Kind::kPress) {
      apply_press(in.pin, in.value != 0.0f);
    } else if (in.kind == Kind::kLevel && sim_pin_slot(in.pin) >= 0) {
      g_pins[sim_pin_slot(in.pin)].volts = in.value < 0.0f ? -1.0f : in.value > 1.0f ? 1.0f : in.value;
      update_level(in.pin);
    } else {
      break;  // other inputs (bytes, device values) wait for the delivery point
    }
    ++g_next_input;
  }
}

int pin_read(int pin) {
  hal_call();
  if (in_isr()) apply_pin_inputs_now();
  const int slot = sim_pin_slot(pin);
  return slot < 0 ? 0 : digital(g_pins[slot]);
}

float pin_analog(int pin) {
  hal_call();
  if (in_isr()) apply_pin_inputs_now();
  const int slot = sim_pin_slot(pin);
  if (slot < 0) return 0.0f;
  const Pin& p = g_pins[slot];
  if (p.out == 2) return p.out_value;
  if (p.out >= 0) return p.out;
  if (p.volts >= 0.0f) return p.volts;
  return p.pull == 1 ? 1.0f : 0.0f;
}

void irq_attach(int pin, mbed::InterruptIn* irq) {
  const int slot = sim_pin_slot(pin);
  if (slot >= 0) g_pins[slot].level = static_cast<int8_t>(digital(g_pins[slot]));
  for (auto& r : g_irqs) {
    if (!r.irq) {
      r.pin = pin;
      r.irq = irq;
      return;
    }
  }
  rtos_error("too many InterruptIn objects (the simulator supports 32)");
}

void irq_detach(int pin, mbed::InterruptIn* irq) {
  for (auto& r : g_irqs)
    if (r.irq == irq && r.pin == pin) r.irq = nullptr;
}

// ---- console ----------------------------------------------------------------------------------------
// A console write costs the time its bytes take (not a HAL call's: the C libraries split
// printf into different numbers of writes, and the cost must not depend on that).
void console_write(const char* data, size_t length) {
  if (!length) return;
  hal_touch();
  check_faults();
  internal::report_serial(data, length);
  port::serial_out(data, length);
  if (port::clock() != port::Clock::kHardware) busy_wait_ns(static_cast<uint64_t>(length) * kSerialCharNs);
}

int console_getc(uint64_t timeout_ns) {
  hal_call();
  for (;;) {
    const uint32_t k = lock();
    if (g_rx_count) {
      const int c = g_rx[g_rx_head];
      g_rx_head = (g_rx_head + 1) % kRxSize;
      --g_rx_count;
      unlock(k);
      return c;
    }
    if (timeout_ns == 0 || in_isr()) {
      unlock(k);
      return -1;
    }
    if (wait(&g_rx_waiters, kWaitingSemaphore, timeout_ns, k) != kWaitOk) return -1;
  }
}

size_t console_readable() {
  hal_call();
  return g_rx_count;
}

void console_attach_rx(void* owner, mbed::Callback<void()> handler) {
  console_detach_rx(owner);
  if (!handler) return;
  for (auto& h : g_rx_handlers) {
    if (!h.owner) {
      h.owner = owner;
      h.handler = handler;
      // A UART's receive interrupt is level-triggered: bytes already waiting raise it at once.
      if (g_rx_count) g_rx_pending_irq = true;
      return;
    }
  }
}

void console_detach_rx(void* owner) {
  for (auto& h : g_rx_handlers) {
    if (h.owner == owner) {
      h.owner = nullptr;
      h.handler = nullptr;
    }
  }
}

bool is_console(int tx, int rx) { return (tx == CONSOLE_TX || tx == NC) && (rx == CONSOLE_RX || rx == NC); }

// ---- display -----------------------------------------------------------------------------------------
void display_attach(void (*flush)(void*), void* context) {
  g_display_flush = flush;
  g_display = context;
  g_next_refresh = now_ns() + kDisplayRefreshNs;
  internal::rearm();
}

void display_detach(void* context) {
  if (g_display != context) return;
  g_display_flush = nullptr;
  g_display = nullptr;
  g_next_refresh = kForever;
}

void lcd_frame(const uint8_t* pixels, int width, int height) {
  if (width * height <= static_cast<int>(sizeof g_lcd_pixels)) {
    memcpy(g_lcd_pixels, pixels, static_cast<size_t>(width * height));
    g_lcd_w = width;
    g_lcd_h = height;
    g_lcd_seen = true;
  }
  port::lcd_out(pixels, width, height);
}

void lcd_text(const char* const* lines, int count) {
  internal::report_lcd_text(now_ns(), lines, count);
  port::lcd_text_out(lines, count);
}

}  // namespace sim

// utensor/inference_report.hpp: a model's scores and per-layer times, for the page's pictures.
extern "C" void sim_report_inference(const char* model, const float* scores, int classes, const float* layer_us,
                                     int layers, int runs) {
  sim::hal_call();
  if (!model || classes < 0 || layers < 0 || (classes && !scores) || (layers && !layer_us)) return;
  sim::port::inference_out(model, scores, classes, layer_us, layers, runs < 0 ? 0 : runs);
}

namespace sim {

namespace internal {

void io_board_init() {
  static bool done = false;
  if (done) return;
  done = true;
  for (const auto& in : kSimBoardInputs) {
    const int slot = sim_pin_slot(in.pin);
    if (in.pin < 0 || slot < 0) continue;
    g_pins[slot].idle = in.idle;
    g_pins[slot].pressed = in.pressed;
    g_pins[slot].volts = in.idle;
    g_pins[slot].level = in.idle;
  }
  for (const auto& a : kSimBoardAnalog) {
    const int slot = sim_pin_slot(a.pin);
    if (a.pin >= 0 && slot >= 0) g_pins[slot].volts = a.value;
  }
}

void io_init(const char* config) {
  io_board_init();
  if (config) parse_config(config);
}

uint64_t io_until_ns() { return g_until; }

uint64_t io_next_ns() {
  if (g_live_tail != g_live_head || g_rx_pending_irq || g_edge_tail != g_edge_head) return 0;
  uint64_t next = g_next_refresh;
  if (g_next_input < g_input_count) {
    const uint64_t due = input_due(g_inputs[g_next_input]);
    if (due < next) next = due;
  }
  return next;
}

void io_process(uint64_t now) {
  while (g_live_tail != g_live_head) {
    const LiveInput& in = g_live[g_live_tail % kLiveSize];
    if (in.kind == 1) {
      apply_press(in.pin, in.value != 0.0f);
    } else if (in.kind == 2) {
      rx_push(static_cast<unsigned char>(in.pin));
    } else if (in.kind == 3) {
      set_named_input(in.name, in.value);
    } else if (sim_pin_slot(in.pin) >= 0) {
      g_pins[sim_pin_slot(in.pin)].volts = in.value;
      update_level(in.pin);
    }
    ++g_live_tail;
  }
  deliver_edges();
  if (g_rx_pending_irq) {
    g_rx_pending_irq = false;
    for (auto& h : g_rx_handlers)
      if (h.owner && h.handler && g_rx_count) h.handler();
  }
  if (g_next_refresh <= now) {
    g_next_refresh = now + kDisplayRefreshNs;
    io_flush_display();
  }
  while (g_next_input < g_input_count && input_due(g_inputs[g_next_input]) <= now) {
    const Input& in = g_inputs[g_next_input];
    switch (in.kind) {
      case Kind::kPress:
        ++g_next_input;
        apply_press(in.pin, in.value != 0.0f);
        break;
      case Kind::kLevel: {
        ++g_next_input;
        const int slot = sim_pin_slot(in.pin);
        if (slot >= 0) {
          g_pins[slot].volts = in.value < 0.0f ? -1.0f : in.value > 1.0f ? 1.0f : in.value;
          update_level(in.pin);
        }
        break;
      }
      case Kind::kDevice:
        ++g_next_input;
        device_set(g_bytes + in.offset, g_bytes + in.offset + strlen(g_bytes + in.offset) + 1, in.value);
        break;
      case Kind::kSerial: {
        const unsigned char c = static_cast<unsigned char>(g_bytes[in.offset + g_serial_sent]);
        if (++g_serial_sent >= in.length) {
          g_serial_sent = 0;
          ++g_next_input;
        }
        rx_push(c);
        break;
      }
    }
  }
  deliver_edges();
}

bool io_inputs_pending() { return g_next_input < g_input_count; }

bool io_handlers_attached() {
  for (const auto& r : g_irqs)
    if (r.irq) return true;
  for (const auto& h : g_rx_handlers)
    if (h.owner) return true;
  return !g_rx_waiters.empty();
}

void io_flush_display() {
  if (g_display_flush) g_display_flush(g_display);
}

void io_end_of_run(const char* status, const char* message, uint64_t end_ns) {
  if (g_lcd_seen) report_lcd_pixels(g_lcd_pixels, g_lcd_w, g_lcd_h);
  report_end(end_ns, status, message);
}

}  // namespace internal
}  // namespace sim

// ---- entry points for the page and the ports ------------------------------------------------------------
// They only queue: the input takes effect at the simulator's next delivery point.
extern "C" {
void sim_pin_event(int pin, int level) { sim::live_input(0, pin, level ? 1.0f : 0.0f, nullptr); }
void sim_analog_event(int pin, float value) {
  sim::live_input(0, pin, value < 0.0f ? 0.0f : value > 1.0f ? 1.0f : value, nullptr);
}
void sim_press(int pin, int pressed) { sim::live_input(1, pin, pressed ? 1.0f : 0.0f, nullptr); }
void sim_serial_input(const char* data, int length) {
  for (int i = 0; i < length; ++i) sim::live_input(2, static_cast<unsigned char>(data[i]), 0.0f, nullptr);
}
int sim_set_input(const char* name, float value) {
  if (!name || !*name) return -1;
  sim::live_input(3, 0, value, name);
  return 0;
}
}
