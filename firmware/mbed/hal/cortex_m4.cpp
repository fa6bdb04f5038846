// Cortex-M4 port for the MPS2-AN386 under QEMU: threads are real process stacks switched by
// PendSV (saving r4-r11 and, when a thread used the FPU, s16-s31); the time base is CMSDK timer
// 0 (free running at 25 MHz, virtual time under -icount), CMSDK timer 1 raises the interrupt in
// which due events are delivered; semihosting carries the files:
//   sim_config.txt  the run configuration (src/sim_io.cpp), read at start from QEMU's folder
//   sim_report.txt  the run report (src/sim_report.cpp)
//   fs/...          the program's /fs
// Without sim_config.txt the run is interactive: the console is QEMU's stdout and the run ends
// after --until=MS on the semihosting command line (default 10000).
#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/internal.h"
#include "sim/port.h"
#include "platform/mbed_sim_config.h"
#include "sim/sim.h"

extern "C" {
int __real_main(int argc, char** argv);
ssize_t __real__write(int fd, const void* buf, size_t n);
ssize_t __real__read(int fd, void* buf, size_t n);
extern uint32_t g_idle_stack[1024];
extern char end;      // first free byte after .bss (linker script)
extern char _estack;  // top of RAM (the main stack grows down from here)
void _exit(int code);
}

namespace sim {
namespace port {
struct Context;
}
}  // namespace sim
// The contexts PendSV switches between (names used by its assembly).
extern "C" {
sim::port::Context* g_running_ctx = nullptr;  // whose registers are on the CPU
sim::port::Context* g_next_ctx = nullptr;     // who runs after PendSV
uint32_t* sim_m4_msp_frame = nullptr;         // the watchdog's view of an interrupted handler
}

namespace sim {
namespace port {
namespace {

#define REG(addr) (*reinterpret_cast<volatile uint32_t*>(addr))
constexpr uint32_t kTimer0 = 0x40000000, kTimer1 = 0x40001000;
constexpr uint32_t kCtrl = 0x00, kValue = 0x04, kReload = 0x08, kIntClear = 0x0C;
constexpr uint32_t kNsPerCycle = 40;  // the timers count at 25 MHz
constexpr uint32_t kCanary = 0xCCCCCCCCu;
constexpr uint32_t kMainStackReserve = 16 * 1024;  // for handlers, below _estack
constexpr uint32_t kGuardBytes = 512;               // MPU no-access region below each stack
constexpr uint32_t kStackAllowance = 2048;          // the simulator's and newlib's extra stack use
constexpr uint32_t kMaskPriority = 0x40;            // BASEPRI while masked: the timers are 0x80
constexpr uint32_t kDual = 0x40002000;              // CMSDK dual timer 1: the time-limit watchdog


volatile uint32_t g_overflows = 0;
bool g_interactive = true;
int g_report = -1;
char g_buf[4096];
size_t g_len = 0;

int semihost(int op, const void* arg) {
  register int r0 asm("r0") = op;
  register const void* r1 asm("r1") = arg;
  asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

int sh_open(const char* name, int mode) {
  const uint32_t args[3] = {reinterpret_cast<uint32_t>(name), static_cast<uint32_t>(mode), strlen(name)};
  return semihost(0x01, args);
}

void sh_write(int handle, const char* data, size_t n) {
  const uint32_t args[3] = {static_cast<uint32_t>(handle), reinterpret_cast<uint32_t>(data), n};
  semihost(0x05, args);
}

char* read_config() {
  const int h = sh_open("sim_config.txt", 1);  // "rb"
  if (h < 0) return nullptr;
  const uint32_t flen_args[1] = {static_cast<uint32_t>(h)};
  const int n = semihost(0x0C, flen_args);  // SYS_FLEN
  char* text = static_cast<char*>(malloc(n > 0 ? static_cast<size_t>(n) + 1 : 1));
  if (text && n > 0) {
    const uint32_t args[3] = {static_cast<uint32_t>(h), reinterpret_cast<uint32_t>(text), static_cast<uint32_t>(n)};
    const int left = semihost(0x06, args);  // SYS_READ: returns the bytes not read
    text[n - left] = 0;
  } else if (text) {
    text[0] = 0;
  }
  semihost(0x02, flen_args);  // SYS_CLOSE
  return text;
}

void flush_records() {
  if (g_report >= 0 && g_len) sh_write(g_report, g_buf, g_len);
  g_len = 0;
}

uint64_t cycles() {
  const uint32_t state = irq_disable();
  uint32_t v = REG(kTimer0 + kValue);
  uint32_t ovf = g_overflows;
  if (REG(kTimer0 + 0x0C) & 1) {  // wrapped, its interrupt not taken yet
    v = REG(kTimer0 + kValue);
    ++ovf;
  }
  irq_restore(state);
  return (static_cast<uint64_t>(ovf) << 32) + (0xFFFFFFFFu - v);
}

uint64_t g_watchdog_until = kForever;

// The watchdog fires at the time limit, and every 10 ms to look for a program stuck where no
// other interrupt can run (a `while (1);` with interrupts masked or inside a handler).
constexpr uint64_t kWatchdogCheckNs = 10000000;
void arm_watchdog() {
  REG(kDual + 0x08) = 0;
  if (g_watchdog_until == kForever) return;
  const uint64_t now = cycles() * kNsPerCycle;
  uint64_t due = g_watchdog_until < now + kWatchdogCheckNs ? g_watchdog_until : now + kWatchdogCheckNs;
  uint64_t n = due > now ? (due - now) / kNsPerCycle + 1 : 1;
  if (n > 0xF0000000u) n = 0xF0000000u;
  REG(kDual + 0x00) = static_cast<uint32_t>(n);       // load
  REG(kDual + 0x0C) = 1;                               // clear
  REG(kDual + 0x08) = (1u << 7) | (1u << 5) | (1u << 1) | 1u;  // enable, interrupt, 32-bit, one shot
}

[[noreturn]] void thread_returned() { sim::rtos_error("a thread returned into nothing"); }

// The MPU, as on a board: flash is read-only (a write through a null pointer or to const data
// faults), and the bottom 32 bytes of the running thread's stack are a no-access guard, so a
// stack overflow faults at once instead of corrupting memory.
constexpr uint32_t kMpuCtrl = 0xE000ED94, kMpuRnr = 0xE000ED98, kMpuRbar = 0xE000ED9C, kMpuRasr = 0xE000EDA0;
uint32_t g_guard = 0;  // base of the active stack guard

void set_guard(const Context* ctx) {
  if (!ctx || !ctx->guard) return;
  g_guard = reinterpret_cast<uint32_t>(ctx->guard);
  REG(kMpuRnr) = 1;
  REG(kMpuRbar) = g_guard;
  REG(kMpuRasr) = (1u << 28) | (0u << 24) | (8u << 1) | 1u;  // XN, no access, 512 bytes, enabled
  asm volatile("dsb\n isb" ::: "memory");
}

void mpu_init() {
  REG(kMpuRnr) = 0;
  REG(kMpuRbar) = 0x00000000u;
  REG(kMpuRasr) = (6u << 24) | (1u << 17) | (21u << 1) | 1u;  // read-only, cacheable, 4 MB, enabled
  REG(kMpuCtrl) = (1u << 2) | 1u;  // PRIVDEFENA (the default map elsewhere), ENABLE
  REG(0xE000ED24) |= (1u << 16) | (1u << 17) | (1u << 18);  // MemManage, BusFault, UsageFault on
  asm volatile("dsb\n isb" ::: "memory");
}

void check_stack(Context* ctx) {
  if (ctx && ctx->stack && ctx->stack[0] != kCanary) {
    // A Context is the first member of its thread's Tcb (src/sim_kernel.cpp).
    Tcb* t = reinterpret_cast<Tcb*>(ctx);
    char msg[160];
    snprintf(msg, sizeof msg, "stack overflow in thread '%s' (its stack is %lu bytes)", t ? thread_name(t) : "?",
             t ? static_cast<unsigned long>(thread_stack_size(t)) : 0ul);
    ctx->stack[0] = kCanary;  // report once
    sim::crash(msg);
  }
}

}  // namespace

void early_init() {}

const char* fault_check() { return nullptr; }

void set_time_limit(uint64_t until_ns) {
  g_watchdog_until = until_ns;
  arm_watchdog();
}

const char* init() {
  mpu_init();
  // PendSV: lowest priority; the timers above it.
  REG(0xE000ED20) = (REG(0xE000ED20) & 0xFF00FFFFu) | (0xFFu << 16);
  REG(0xE000E400 + 8) = 0x80;
  REG(0xE000E400 + 9) = 0x80;
  REG(kTimer0 + kCtrl) = 0;
  REG(kTimer0 + kReload) = 0xFFFFFFFFu;
  REG(kTimer0 + kValue) = 0xFFFFFFFFu;
  REG(kTimer0 + kIntClear) = 1;
  REG(kTimer0 + kCtrl) = 1 | 8;  // enable, interrupt on wrap
  REG(kTimer1 + kCtrl) = 0;
  REG(kTimer1 + kIntClear) = 1;
  REG(0xE000E100) = (1u << 8) | (1u << 9);  // NVIC: enable IRQ 8 and 9

  REG(0xE000E400 + 10) = 0x00;  // the watchdog above everything
  REG(0xE000E100) = (1u << 8) | (1u << 9) | (1u << 10);
  char* config = read_config();
  if (config) {
    g_interactive = false;
    g_report = sh_open("sim_report.txt", 5);  // "wb"
    return config;
  }
  double until_ms = 10000.0;
  static char cmdline[256];
  struct {
    char* buf;
    int len;
  } block = {cmdline, sizeof cmdline - 1};
  if (semihost(0x15, &block) == 0) {  // SYS_GET_CMDLINE: "app --until=MS"
    cmdline[block.len] = 0;
    if (const char* u = strstr(cmdline, "--until=")) until_ms = atof(u + 8);
  }
  static char text[48];
  snprintf(text, sizeof text, "until %lu000000\n", static_cast<unsigned long>(until_ms));
  return text;
}

Clock clock() { return Clock::kHardware; }
uint64_t now_ns() { return cycles() * kNsPerCycle; }

void arm(uint64_t deadline_ns) {
  REG(kTimer1 + kCtrl) = 0;
  if (deadline_ns == kForever) return;
  const uint64_t now = now_ns();
  uint64_t n = deadline_ns > now ? (deadline_ns - now + kNsPerCycle - 1) / kNsPerCycle : 1;
  if (n == 0) n = 1;
  if (n > 0xFFFFFFF0u) n = 0xFFFFFFF0u;
  REG(kTimer1 + kReload) = 0xFFFFFFFFu;  // (also loads VALUE)
  REG(kTimer1 + kValue) = static_cast<uint32_t>(n);
  REG(kTimer1 + kIntClear) = 1;
  REG(kTimer1 + kCtrl) = 1 | 8;
}

void idle(uint64_t deadline_ns) {
  const uint32_t state = irq_disable();
  flush_records();  // idle time is free: nothing waits in the buffer if QEMU is stopped
  arm(deadline_ns);
  irq_restore(state);
  asm volatile("wfi");  // QEMU (-icount sleep=off) jumps to the next timer event
}

void maybe_yield() {}
void wait_for_interrupt() { asm volatile("wfi"); }

// Interrupt masking raises BASEPRI above the timers and PendSV, not PRIMASK: the time-limit
// watchdog (priority 0) still ends a run that spins with interrupts masked or in a handler.
uint32_t irq_disable() {
  uint32_t basepri;
  asm volatile(
      "mrs %0, basepri      \n"
      "msr basepri_max, %1  \n"
      "isb                  \n"
      : "=&r"(basepri)
      : "r"(kMaskPriority)
      : "memory");
  return basepri;
}

void irq_restore(uint32_t state) { asm volatile("msr basepri, %0\n isb" ::"r"(state) : "memory"); }

bool in_isr() {
  uint32_t ipsr;
  asm volatile("mrs %0, ipsr" : "=r"(ipsr));
  return (ipsr & 0x1FF) != 0;
}

bool context_init(Context* ctx, void (*entry)(), size_t stack_bytes, unsigned char* stack_mem) {
  // The thread's stack, plus what this C library and the simulator's console take on top of
  // Mbed OS's own (its minimal-printf needs far less than newlib's printf), below it a 512-byte
  // MPU guard. A program's own stack_mem is used only for the high-water mark's sake: threads
  // always run on a block laid out like this.
  (void)stack_mem;
  const uint32_t words = static_cast<uint32_t>((stack_bytes + kStackAllowance + 7) / 8 * 2);
  unsigned char* block = static_cast<unsigned char*>(memalign(kGuardBytes, kGuardBytes + words * 4u));
  if (!block) return false;
  uint32_t* stack = reinterpret_cast<uint32_t*>(block + kGuardBytes);
  ctx->owned = true;
  ctx->guard = block;
  for (uint32_t i = 0; i < words; ++i) stack[i] = kCanary;  // for the high-water mark
  ctx->stack = stack;
  ctx->words = words;
  uint32_t* sp = stack + words - 17;
  for (int i = 0; i < 17; ++i) sp[i] = 0;
  sp[8] = 0xFFFFFFFDu;                                          // EXC_RETURN: thread mode, PSP, no FPU frame
  sp[14] = reinterpret_cast<uint32_t>(&thread_returned);        // lr
  sp[15] = reinterpret_cast<uint32_t>(entry) & ~1u;             // pc
  sp[16] = 0x01000000u;                                         // xPSR: Thumb
  ctx->sp = reinterpret_cast<uint32_t>(sp);
  return true;
}

void context_free(Context* ctx) {
  if (ctx->owned) free(ctx->guard);
  ctx->stack = nullptr;
  ctx->guard = nullptr;
}

void context_adopt(Context* ctx) {
  // The idle stack (startup.cpp): its first 512 bytes are the guard, the boot code uses the top.
  for (int i = 0; i < 256; ++i) g_idle_stack[i] = kCanary;
  ctx->guard = reinterpret_cast<unsigned char*>(g_idle_stack);
  ctx->stack = g_idle_stack + kGuardBytes / 4;
  ctx->words = sizeof g_idle_stack / 4 - kGuardBytes / 4;
  ctx->owned = false;
  g_running_ctx = ctx;
  set_guard(ctx);
}

void context_switch(Context* from, Context* to) {
  check_stack(from);
  set_guard(to);
  g_next_ctx = to;
  REG(0xE000ED04) = 1u << 28;  // PENDSVSET: switches when interrupts allow
}

uint32_t stack_used(Context* ctx, size_t stack_bytes) {
  if (!ctx->stack) return 0;
  uint32_t untouched = 0;
  while (untouched < ctx->words && ctx->stack[untouched] == kCanary) ++untouched;
  const uint32_t used = (ctx->words - untouched) * 4;
  return used < stack_bytes ? used : static_cast<uint32_t>(stack_bytes);
}

bool reporting() { return g_report >= 0; }

void record(const char* line, size_t length) {
  const uint32_t state = irq_disable();
  if (g_len + length > sizeof g_buf) flush_records();
  if (length > sizeof g_buf) {
    sh_write(g_report, line, length);
  } else {
    memcpy(g_buf + g_len, line, length);
    g_len += length;
  }
  irq_restore(state);
}

void serial_out(const char* data, size_t length) {
  if (g_interactive) __real__write(1, data, length);
}
void gpio_out(int, int) {}
void pwm_out(int, float) {}
void pwm_period_out(int, int) {}
void lcd_out(const uint8_t*, int, int) {}
void lcd_text_out(const char* const*, int) {}
void inference_out(const char*, const float*, int, const float*, int, int) {}

void exit(const char* status, const char* message) {
  irq_disable();
  flush_records();
  const bool crashed = strcmp(status, "crashed") == 0;
  if (g_interactive && crashed) {
    char line[300];
    const int n = snprintf(line, sizeof line, "\n[sim] crashed: %s\n", message ? message : "");
    __real__write(2, line, static_cast<size_t>(n));
  }
  if (g_report >= 0) {
    const uint32_t args[1] = {static_cast<uint32_t>(g_report)};
    semihost(0x02, args);
  }
  _exit(crashed ? 1 : 0);
}

}  // namespace port

namespace internal {
int call_app_main() { return __real_main(0, nullptr); }
}  // namespace internal
}  // namespace sim

extern "C" {

void sim_m4_boot() { sim::internal::start(); }

// Context switch: save the running thread's callee-saved registers (and FPU registers if its
// EXC_RETURN says it used the FPU) on its stack, load the next thread's.
__attribute__((naked)) void PendSV_Handler() {
  asm volatile(
      "cpsid i                 \n"
      "mrs r0, psp             \n"
      "tst lr, #0x10           \n"
      "it eq                   \n"
      "vstmdbeq r0!, {s16-s31} \n"
      "stmdb r0!, {r4-r11, lr} \n"
      "ldr r1, =g_running_ctx  \n"
      "ldr r2, [r1]            \n"
      "str r0, [r2]            \n"
      "ldr r3, =g_next_ctx     \n"
      "ldr r3, [r3]            \n"
      "str r3, [r1]            \n"
      "ldr r0, [r3]            \n"
      "ldmia r0!, {r4-r11, lr} \n"
      "tst lr, #0x10           \n"
      "it eq                   \n"
      "vldmiaeq r0!, {s16-s31} \n"
      "msr psp, r0             \n"
      "cpsie i                 \n"
      "bx lr                   \n");
}

// The time limit, even if the program spins with interrupts masked or inside a handler. A program
// interrupted at `b .` (Thumb 0xE7FE) where no other interrupt can reach it can never change
// anything again: the run ends at once, reported at the time limit (the outputs it would have
// are exactly those it has).
void sim_m4_watchdog(uint32_t exc_return) {
  REG(0x40002000 + 0x0C) = 1;
  if (sim::port::now_ns() >= sim::port::g_watchdog_until) sim::internal::finish_at_time_limit(false);
  uint32_t* frame = sim_m4_msp_frame;
  if (exc_return & 4) asm volatile("mrs %0, psp" : "=r"(frame));
  uint32_t basepri;
  asm volatile("mrs %0, basepri" : "=r"(basepri));
  const bool in_handler = (frame[7] & 0x1FFu) != 0;
  const bool masked = basepri != 0 && basepri <= sim::port::kMaskPriority;
  const uint16_t* pc = reinterpret_cast<const uint16_t*>(frame[6] & ~1u);
  if ((in_handler || masked) && *pc == 0xE7FEu) sim::internal::finish_at_time_limit(true);
  sim::port::arm_watchdog();
}

__attribute__((naked)) void DUALTIMER_Handler() {
  asm volatile(
      "ldr r1, =sim_m4_msp_frame \n"
      "str sp, [r1]              \n"  // an interrupted handler's frame is on the main stack
      "mov r0, lr                \n"
      "push {r4, lr}             \n"
      "bl sim_m4_watchdog        \n"
      "pop {r4, pc}              \n");
}

void TIMER0_Handler() {
  REG(0x40000000 + 0x0C) = 1;
  sim::port::g_overflows = sim::port::g_overflows + 1;
}

// Due events (timers, inputs, timeouts, the time limit) are delivered here, in interrupt
// context; a thread they wake is switched to by PendSV when this handler returns. A thread
// interrupted at `b .` (an endless `while (1);`) is taken off the CPU (internal::park_spinning).
void sim_m4_timer1(uint32_t exc_return) {
  REG(0x40001000 + 0x0C) = 1;
  sim::port::check_stack(g_running_ctx);
  sim::internal::note_activity();
  if (exc_return & 4) {  // thread code was interrupted: its frame is on the process stack
    uint32_t* frame;
    asm volatile("mrs %0, psp" : "=r"(frame));
    const uint16_t* pc = reinterpret_cast<const uint16_t*>(frame[6] & ~1u);
    if (*pc == 0xE7FEu) sim::internal::park_spinning();  // Thumb `b .`
  }
  sim::internal::process_due();
}

__attribute__((naked)) void TIMER1_Handler() {
  asm volatile(
      "mov r0, lr          \n"
      "push {r4, lr}       \n"
      "bl sim_m4_timer1    \n"
      "pop {r4, pc}        \n");
}

// A fault: report it with its cause, as Mbed OS's crash report would say it.
void sim_m4_fault(uint32_t* frame, uint32_t exc_return) {
  const uint32_t cfsr = REG(0xE000ED28), hfsr = REG(0xE000ED2C);
  const uint32_t mmfar = REG(0xE000ED34), bfar = REG(0xE000ED38);
  const uint32_t pc = frame ? frame[6] : 0;
  char msg[200];
  const char* what = "HardFault";
  uint32_t addr = 0;
  bool has_addr = false;
  const bool stacking = cfsr & ((1u << 4) | (1u << 12));  // MSTKERR, STKERR
  const bool in_guard = (cfsr & 0x80u) && mmfar >= sim::port::g_guard && mmfar < sim::port::g_guard + 512;
  const bool from_thread = (exc_return & 4) != 0;  // the fault interrupted thread code (PSP)
  const bool below = frame && from_thread && g_running_ctx && g_running_ctx->stack &&
                     reinterpret_cast<uint32_t>(frame) < reinterpret_cast<uint32_t>(g_running_ctx->stack);
  if (stacking || in_guard || below) {
    sim::Tcb* t = reinterpret_cast<sim::Tcb*>(g_running_ctx);  // a Context is the first member of its Tcb
    snprintf(msg, sizeof msg, "stack overflow in thread '%s' (its stack is %lu bytes; infinite recursion?)",
             t ? sim::thread_name(t) : "?", t ? static_cast<unsigned long>(sim::thread_stack_size(t)) : 0ul);
    sim::crash(msg);
  }
  if (!frame) what = "an unexpected interrupt";
  else if (cfsr & (1u << 25)) what = "UsageFault: integer division by zero";
  else if (cfsr & (1u << 24)) what = "UsageFault: unaligned memory access";
  else if (cfsr & (1u << 16)) what = "UsageFault: undefined instruction (a trap: undefined behaviour or __builtin_trap)";
  else if (cfsr & (1u << 17)) what = "UsageFault: invalid state (a call through a bad function pointer?)";
  else if (cfsr & (1u << 18)) what = "UsageFault: invalid return address (stack corrupted?)";
  else if (cfsr & (1u << 19)) what = "UsageFault: no coprocessor";
  else if (cfsr & 0x8000u) { what = "BusFault: invalid memory access"; addr = bfar; has_addr = true; }
  else if (cfsr & 0xFF00u) what = "BusFault: invalid memory access";
  else if (cfsr & 0x80u) { what = "MemManage fault: invalid memory access"; addr = mmfar; has_addr = true; }
  else if (cfsr & 0xFFu) what = "MemManage fault";
  else if (hfsr & (1u << 1)) what = "HardFault: vector table read failed";
  if (has_addr)
    snprintf(msg, sizeof msg, "%s at address 0x%08lx (pc 0x%08lx)", what, static_cast<unsigned long>(addr),
             static_cast<unsigned long>(pc));
  else
    snprintf(msg, sizeof msg, "%s (pc 0x%08lx)", what, static_cast<unsigned long>(pc));
  sim::crash(msg);
}

// stdio -> the simulated console (-Wl,--wrap=_write,--wrap=_read).
ssize_t __wrap__write(int fd, const void* buf, size_t n) {
  if (fd != 1 && fd != 2) return __real__write(fd, buf, n);
  sim::defer_enter();
  sim::stdio_write(fd, static_cast<const char*>(buf), n);
  sim::defer_exit();
  return static_cast<ssize_t>(n);
}

ssize_t __wrap__read(int fd, void* buf, size_t n) {
  if (fd != 0) return __real__read(fd, buf, n);
  return static_cast<ssize_t>(sim::stdio_read(static_cast<char*>(buf), n));
}

// The heap: from the end of .bss to the main stack's reserve (-Wl,--wrap=_sbrk; newlib's own
// check compares with the stack pointer, which is a thread's stack inside the heap here).
void* __wrap__sbrk(ptrdiff_t incr) {
  static char* heap_end = &end;
  char* limit = reinterpret_cast<char*>(reinterpret_cast<uintptr_t>(&_estack) - sim::port::kMainStackReserve);
  const uint32_t state = sim::port::irq_disable();
  char* prev = heap_end;
  if (incr > limit - heap_end || heap_end + incr < &end) {
    sim::port::irq_restore(state);
    errno = ENOMEM;
    return reinterpret_cast<void*>(-1);
  }
  heap_end += incr;
  sim::port::irq_restore(state);
  return prev;
}

// malloc from several threads: newlib calls these around its heap.
void __malloc_lock(struct _reent*) { sim::critical_enter(); }
void __malloc_unlock(struct _reent*) { sim::critical_exit(); }

// newlib-nano's stdio is not reentrant: output calls run without thread switches
// (interrupts still run), as Mbed OS's stdio mutex keeps threads apart.
int __real_vprintf(const char* fmt, va_list ap);
int __real_vfprintf(FILE* f, const char* fmt, va_list ap);
int __real_puts(const char* s);
int __real_putchar(int c);
int __real_fputs(const char* s, FILE* f);
int __real_fputc(int c, FILE* f);
int __real_putc(int c, FILE* f);
size_t __real_fwrite(const void* p, size_t size, size_t n, FILE* f);
int __real_fflush(FILE* f);

// Mbed OS 6's minimal-printf when the program's configuration selects it (src/mbed_minimal_printf.cpp).
int mbed_sim_minimal_vfprintf(FILE* stream, const char* fmt, va_list ap);

int __wrap_vprintf(const char* fmt, va_list ap) {
  sim::defer_enter();
  const int r = mbed_sim_config().minimal_printf ? mbed_sim_minimal_vfprintf(stdout, fmt, ap) : __real_vprintf(fmt, ap);
  sim::defer_exit();
  return r;
}
int __wrap_vfprintf(FILE* f, const char* fmt, va_list ap) {
  sim::defer_enter();
  const int r = mbed_sim_config().minimal_printf ? mbed_sim_minimal_vfprintf(f, fmt, ap) : __real_vfprintf(f, fmt, ap);
  sim::defer_exit();
  return r;
}
int __wrap_printf(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const int r = __wrap_vprintf(fmt, ap);
  va_end(ap);
  return r;
}
int __wrap_fprintf(FILE* f, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const int r = __wrap_vfprintf(f, fmt, ap);
  va_end(ap);
  return r;
}
#define SIM_DEFERRED(ret, name, params, args) \
  ret __wrap_##name params {                   \
    sim::defer_enter();                        \
    const ret r = __real_##name args;          \
    sim::defer_exit();                         \
    return r;                                  \
  }
SIM_DEFERRED(int, puts, (const char* s), (s))
SIM_DEFERRED(int, putchar, (int c), (c))
SIM_DEFERRED(int, fputs, (const char* s, FILE* f), (s, f))
SIM_DEFERRED(int, fputc, (int c, FILE* f), (c, f))
SIM_DEFERRED(int, putc, (int c, FILE* f), (c, f))
SIM_DEFERRED(size_t, fwrite, (const void* p, size_t size, size_t n, FILE* f), (p, size, n, f))
SIM_DEFERRED(int, fflush, (FILE * f), (f))
#undef SIM_DEFERRED

// /fs/NAME -> fs/NAME in QEMU's working folder (semihosting SYS_OPEN).
FILE* __real_fopen(const char* path, const char* mode);
FILE* __wrap_fopen(const char* path, const char* mode) {
  if (path && strncmp(path, "/fs/", 4) == 0) return __real_fopen(path + 1, mode);
  return __real_fopen(path, mode);
}

}  // extern "C"
