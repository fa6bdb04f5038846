// Reset and vector table for the MPS2-AN386 (Cortex-M4F): copy .data from flash, clear
// .bss, enable the FPU, open the semihosting console, run constructors and main().
#include <cstdint>
#include <cstdlib>

extern "C" {
extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
int main();
void __libc_init_array();
void initialise_monitor_handles();
void SysTick_Handler();
void _init() {}
void _fini() {}
// Normally from crtbegin.o (not linked with -nostartfiles): the handle for static destructors.
void* __dso_handle = nullptr;

[[noreturn]] void Default_Handler() {
  // An unexpected fault: report over semihosting and stop QEMU with a distinctive status.
  static const char msg[] = "\n[fault] the program hit a fault or an unexpected interrupt\n";
  register int r0 asm("r0") = 0x04;  // SYS_WRITE0
  register const char* r1 asm("r1") = msg;
  asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  std::_Exit(99);
}

[[noreturn]] void Reset_Handler() {
  for (uint32_t *src = &_sidata, *dst = &_sdata; dst < &_edata;) *dst++ = *src++;
  for (uint32_t* p = &_sbss; p < &_ebss;) *p++ = 0;
  *reinterpret_cast<volatile uint32_t*>(0xE000ED88) |= 0xFu << 20;  // CPACR: CP10/CP11 full access
  asm volatile("dsb\n isb" ::: "memory");
  initialise_monitor_handles();
  __libc_init_array();
  std::exit(main());
}

__attribute__((section(".isr_vector"), used)) void (*const g_vectors[16 + 32])() = {
    reinterpret_cast<void (*)()>(&_estack),
    Reset_Handler,
    Default_Handler,  // NMI
    Default_Handler,  // HardFault
    Default_Handler,  // MemManage
    Default_Handler,  // BusFault
    Default_Handler,  // UsageFault
    nullptr, nullptr, nullptr, nullptr,
    Default_Handler,  // SVCall
    Default_Handler,  // DebugMon
    nullptr,
    Default_Handler,  // PendSV
    SysTick_Handler,
};
}
