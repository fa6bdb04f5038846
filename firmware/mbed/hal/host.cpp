// Host port (native, clang++): threads are ucontext contexts on mmap'd stacks with guard pages,
// time is the core's virtual clock, stdio goes through the simulated console, faults become a
// "crashed" report. Configured by environment variables:
//   SIM_CONFIG    file with the run configuration (src/sim_io.cpp); without it the run is
//                 interactive: the console is the terminal, SIM_UNTIL_MS (default 10000) ends it
//   SIM_REPORT    file to write the run report to (src/sim_report.cpp)
//   SIM_FS_DIR    the folder /fs/... maps to (default ./fs)
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <ext/stdio_sync_filebuf.h>
#include <iostream>
#include <string>

#include "sim/internal.h"
#include "sim/port.h"
#include "sim/sim.h"

extern "C" int __real_main(int argc, char** argv);

namespace sim {
namespace port {
namespace {

int g_argc = 0;
char** g_argv = nullptr;
int g_report_fd = -1;
char g_record_buf[1 << 16];
size_t g_record_len = 0;
bool g_interactive = true;
constexpr size_t kGuard = 1 << 16;

void flush_records() {
  size_t off = 0;
  while (off < g_record_len) {
    const ssize_t n = ::write(g_report_fd, g_record_buf + off, g_record_len - off);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
  g_record_len = 0;
}

char* read_file(const char* path) {
  FILE* f = fopen(path, "rb");
  if (!f) return nullptr;
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  fclose(f);
  return strdup(text.c_str());
}

// stdio <-> the simulated console. Console writes are atomic for the scheduler: no interrupt
// or thread switch inside the C library (which is not reentrant); they happen right after.
ssize_t cookie_write(void* fd, const char* data, size_t n) {
  defer_enter();
  stdio_write(static_cast<int>(reinterpret_cast<intptr_t>(fd)), data, n);
  defer_exit();
  return static_cast<ssize_t>(n);
}

ssize_t cookie_read(void*, char* data, size_t n) { return static_cast<ssize_t>(stdio_read(data, n)); }

__gnu_cxx::stdio_sync_filebuf<char>* g_cout_buf;
__gnu_cxx::stdio_sync_filebuf<char>* g_cerr_buf;
__gnu_cxx::stdio_sync_filebuf<char>* g_cin_buf;

void redirect_stdio() {
  cookie_io_functions_t out = {nullptr, cookie_write, nullptr, nullptr};
  cookie_io_functions_t in = {cookie_read, nullptr, nullptr, nullptr};
  stdout = fopencookie(reinterpret_cast<void*>(1), "w", out);
  stderr = fopencookie(reinterpret_cast<void*>(2), "w", out);
  stdin = fopencookie(nullptr, "r", in);
  setvbuf(stdout, nullptr, _IONBF, 0);
  setvbuf(stderr, nullptr, _IONBF, 0);
  setvbuf(stdin, nullptr, _IONBF, 0);
}

// std::cout/cerr/cin exist only after the iostream initialisers (later than early_init).
void redirect_iostreams() {
  static std::ios_base::Init streams;  // constructs std::cout & co if a global constructor gets here first
  g_cout_buf = new __gnu_cxx::stdio_sync_filebuf<char>(stdout);
  g_cerr_buf = new __gnu_cxx::stdio_sync_filebuf<char>(stderr);
  g_cin_buf = new __gnu_cxx::stdio_sync_filebuf<char>(stdin);
  std::cout.rdbuf(g_cout_buf);
  std::cerr.rdbuf(g_cerr_buf);
  std::cin.rdbuf(g_cin_buf);
}

// ---- faults ------------------------------------------------------------------------------------------
struct StackRange {
  char* low;
  char* high;
  const char* name;
};

void on_fault(int sig, siginfo_t* info, void*) {
  const char* what = "the program crashed";
  char msg[200];
  switch (sig) {
    case SIGSEGV:
    case SIGBUS:
      what = "invalid memory access (segmentation fault)";
      break;
    case SIGFPE:
      what = "arithmetic fault (integer division by zero?)";
      break;
    case SIGILL:
      what = "illegal instruction (a trap: undefined behaviour or __builtin_trap)";
      break;
    case SIGABRT:
      what = "abort() was called";
      break;
  }
  Tcb* t = thread_self();
  const char* name = t ? thread_name(t) : "main";
  // A fault in the guard region below a thread's stack is a stack overflow. (A Context is the
  // first member of its thread's Tcb, src/sim_kernel.cpp.)
  if ((sig == SIGSEGV || sig == SIGBUS) && t && info) {
    const Context* ctx = reinterpret_cast<const Context*>(t);
    const char* addr = static_cast<const char*>(info->si_addr);
    const char* base = static_cast<const char*>(ctx->stack);
    if (base && addr >= base && addr < base + kGuard) {
      snprintf(msg, sizeof msg, "stack overflow in thread '%s' (infinite recursion?)", name);
      internal::finish("crashed", msg);
    }
  }
  snprintf(msg, sizeof msg, "%s in thread '%s'", what, name);
  internal::finish("crashed", msg);
}

// The runner's real-time limit: stop with what was recorded (nothing is lost).
void on_term(int) { internal::finish("time_limit", "stopped by the real-time limit of the run (the output so far is kept)"); }

void install_fault_handlers() {
  static char alt[1 << 16];
  stack_t ss{};
  ss.ss_sp = alt;
  ss.ss_size = sizeof alt;
  sigaltstack(&ss, nullptr);
  struct sigaction sa {};
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) sigaction(sig, &sa, nullptr);
  signal(SIGTERM, on_term);
}

}  // namespace

void early_init() {
  g_interactive = getenv("SIM_REPORT") == nullptr;
  redirect_stdio();
}

const char* init() {
  install_fault_handlers();
  redirect_iostreams();
  const char* config_path = getenv("SIM_CONFIG");
  const char* report_path = getenv("SIM_REPORT");
  char* config = config_path ? read_file(config_path) : nullptr;
  if (config_path && !config) {
    fprintf(stderr, "sim: cannot read SIM_CONFIG=%s\n", config_path);
    _exit(2);
  }
  if (report_path) {
    g_report_fd = ::open(report_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (g_report_fd < 0) {
      fprintf(stderr, "sim: cannot write SIM_REPORT=%s\n", report_path);
      _exit(2);
    }
  }
  g_interactive = g_report_fd < 0;
  if (!config) {
    const char* until = getenv("SIM_UNTIL_MS");
    const double ms = until ? atof(until) : 10000.0;
    static char text[64];
    snprintf(text, sizeof text, "until %llu\n", static_cast<unsigned long long>(ms * 1e6));
    config = text;
  }
  return config;
}

Clock clock() { return Clock::kVirtual; }
uint64_t now_ns() { return 0; }
void arm(uint64_t) {}
void idle(uint64_t) {}
const char* fault_check() { return nullptr; }
void maybe_yield() {}
void wait_for_interrupt() {}
void set_time_limit(uint64_t) {}
uint32_t irq_disable() { return 0; }
void irq_restore(uint32_t) {}
bool in_isr() { return false; }

bool context_init(Context* ctx, void (*entry)(), size_t stack_bytes, unsigned char*) {
  // Native code needs more stack than a Cortex-M: 256 KB plus 16x what the program asked for,
  // reserved lazily, with a guard region below that turns an overflow into a clear fault.
  const size_t bytes = ((256 << 10) + 16 * stack_bytes + 4095) & ~static_cast<size_t>(4095);
  void* mem = mmap(nullptr, bytes + kGuard, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mem == MAP_FAILED) return false;
  mprotect(mem, kGuard, PROT_NONE);
  ctx->stack = mem;
  ctx->stack_bytes = bytes + kGuard;
  if (getcontext(&ctx->uc) != 0) return false;
  ctx->uc.uc_stack.ss_sp = static_cast<char*>(mem) + kGuard;
  ctx->uc.uc_stack.ss_size = bytes;
  ctx->uc.uc_link = nullptr;
  makecontext(&ctx->uc, entry, 0);
  return true;
}

void context_free(Context* ctx) {
  if (ctx->stack) munmap(ctx->stack, ctx->stack_bytes);
  ctx->stack = nullptr;
}

void context_adopt(Context* ctx) {
  ctx->stack = nullptr;
  ctx->stack_bytes = 0;
}

void context_switch(Context* from, Context* to) { swapcontext(&from->uc, &to->uc); }

uint32_t stack_used(Context*, size_t) { return 0; }

bool reporting() { return g_report_fd >= 0; }

void record(const char* line, size_t length) {
  if (g_report_fd < 0) return;
  if (g_record_len + length > sizeof g_record_buf) flush_records();
  if (length > sizeof g_record_buf) {
    (void)!::write(g_report_fd, line, length);
    return;
  }
  memcpy(g_record_buf + g_record_len, line, length);
  g_record_len += length;
}

void serial_out(const char* data, size_t length) {
  if (g_interactive) (void)!::write(1, data, length);
}
void gpio_out(int, int) {}
void pwm_out(int, float) {}
void pwm_period_out(int, int) {}
void lcd_out(const uint8_t*, int, int) {}
void lcd_text_out(const char* const*, int) {}
void inference_out(const char*, const float*, int, const float*, int, int) {}

void exit(const char* status, const char* message) {
  flush_records();
  if (g_report_fd >= 0) ::close(g_report_fd);
  const bool crashed = strcmp(status, "crashed") == 0;
  if (g_interactive && crashed) {
    char line[300];
    const int n = snprintf(line, sizeof line, "\n[sim] crashed: %s\n", message ? message : "");
    (void)!::write(2, line, static_cast<size_t>(n));
  }
  _exit(crashed ? 1 : 0);
}

}  // namespace port

namespace internal {
int call_app_main() { return __real_main(port::g_argc, port::g_argv); }
}  // namespace internal
}  // namespace sim

extern "C" {
// The C runtime's main, wrapped (-Wl,--wrap=main): the app's main runs as the "main" thread.
int __wrap_main(int argc, char** argv) {
  sim::port::g_argc = argc;
  sim::port::g_argv = argv;
  sim::internal::start();
}

// /fs/NAME -> $SIM_FS_DIR/NAME (-Wl,--wrap=fopen).
FILE* __real_fopen(const char* path, const char* mode);
FILE* __wrap_fopen(const char* path, const char* mode) {
  if (path && strncmp(path, "/fs/", 4) == 0) {
    const char* dir = getenv("SIM_FS_DIR");
    std::string mapped = std::string(dir ? dir : "fs") + "/" + (path + 4);
    return __real_fopen(mapped.c_str(), mode);
  }
  return __real_fopen(path, mode);
}
}
