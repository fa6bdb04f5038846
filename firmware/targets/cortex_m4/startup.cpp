// Reset and vector table for the MPS2-AN386 (Cortex-M4F) under QEMU: copy .data, clear .bss,
// enable the FPU, move thread mode to the process stack (the boot code becomes the RTOS idle
// thread, see hal/cortex_m4.cpp), open the semihosting console, run the constructors and
// start the simulator, which runs main() as the "main" thread.
#include <cstdint>

extern "C" {
extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
void __libc_init_array();
void initialise_monitor_handles();
void sim_m4_fault(uint32_t* frame, uint32_t exc_return);  // hal/cortex_m4.cpp
void sim_m4_boot();                                       // hal/cortex_m4.cpp, never returns
void PendSV_Handler();
void TIMER0_Handler();
void TIMER1_Handler();
void DUALTIMER_Handler();
void _init() {}
void _fini() {}
// Normally from crtbegin.o (not linked with -nostartfiles): the handle for static destructors.
void* __dso_handle = nullptr;

// The idle thread's stack: the boot code runs on it in thread mode; handlers use the main stack.
__attribute__((aligned(512))) uint32_t g_idle_stack[1024];  // 512-aligned: its first 512 bytes are an MPU guard

// Faults: pass the stacked frame and EXC_RETURN to the port, which reports the crash.
__attribute__((naked)) void Fault_Handler() {
  asm volatile(
      "tst lr, #4        \n"
      "ite eq            \n"
      "mrseq r0, msp     \n"
      "mrsne r0, psp     \n"
      "mov r1, lr        \n"
      "b sim_m4_fault    \n");
}

[[noreturn]] void Default_Handler() {
  sim_m4_fault(nullptr, 0);
  for (;;) {
  }
}

[[noreturn]] void boot_continue() {
  initialise_monitor_handles();
  __libc_init_array();
  sim_m4_boot();
  for (;;) {
  }
}

[[noreturn]] void Reset_Handler() {
  for (uint32_t *src = &_sidata, *dst = &_sdata; dst < &_edata;) *dst++ = *src++;
  for (uint32_t* p = &_sbss; p < &_ebss;) *p++ = 0;
  *reinterpret_cast<volatile uint32_t*>(0xE000ED88) |= 0xFu << 20;  // CPACR: CP10/CP11 full access
  asm volatile("dsb\n isb" ::: "memory");
  // Thread mode continues on the process stack (CONTROL.SPSEL = 1); handlers keep the main
  // stack. Branch (not call): nothing of this frame is used on the new stack.
  asm volatile(
      "msr psp, %0      \n"
      "mrs r0, control  \n"
      "orr r0, r0, #2   \n"
      "msr control, r0  \n"
      "isb              \n"
      "b boot_continue  \n" ::"r"(g_idle_stack + sizeof g_idle_stack / sizeof g_idle_stack[0])
      : "r0", "memory");
  for (;;) {
  }
}

__attribute__((section(".isr_vector"), used)) void (*const g_vectors[16 + 32])() = {
    reinterpret_cast<void (*)()>(&_estack),
    Reset_Handler,
    Default_Handler,  // NMI
    Fault_Handler,    // HardFault
    Fault_Handler,    // MemManage
    Fault_Handler,    // BusFault
    Fault_Handler,    // UsageFault
    nullptr, nullptr, nullptr, nullptr,
    Default_Handler,  // SVCall
    Default_Handler,  // DebugMon
    nullptr,
    PendSV_Handler,
    Default_Handler,  // SysTick (not used)
    // External interrupts 0..31 (MPS2-AN386): 8, 9 = CMSDK timers 0 and 1, 10 = the dual timer.
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, TIMER0_Handler, TIMER1_Handler, DUALTIMER_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler,
};
}
