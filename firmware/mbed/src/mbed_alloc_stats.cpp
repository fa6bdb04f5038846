// Heap statistics (mbed_stats_heap_get with MBED_HEAP_STATS_ENABLED): when the program's
// configuration enables them, the builder links the allocator through these wrappers
// (--wrap=malloc,free,calloc,realloc), and new/delete use malloc/free, so every allocation of the
// program is counted. Sizes are the allocator's usable sizes (what the block really takes).
#include <cstddef>
#include <cstdlib>
#include <new>

#if defined(__EMSCRIPTEN__) || defined(__GLIBC__)
#include <malloc.h>
#define MBED_SIM_USABLE_SIZE(p) malloc_usable_size(p)
#else
extern "C" size_t malloc_usable_size(void* ptr);  // newlib
#define MBED_SIM_USABLE_SIZE(p) malloc_usable_size(p)
#endif

extern "C" {
void mbed_sim_heap_note_alloc(size_t size, int ok);
void mbed_sim_heap_note_free(size_t size);
void* __real_malloc(size_t size);
void __real_free(void* ptr);
void* __real_calloc(size_t n, size_t size);
void* __real_realloc(void* ptr, size_t size);

void* __wrap_malloc(size_t size) {
  void* p = __real_malloc(size);
  mbed_sim_heap_note_alloc(p ? MBED_SIM_USABLE_SIZE(p) : 0, p != nullptr);
  return p;
}
void __wrap_free(void* ptr) {
  if (ptr) mbed_sim_heap_note_free(MBED_SIM_USABLE_SIZE(ptr));
  __real_free(ptr);
}
void* __wrap_calloc(size_t n, size_t size) {
  void* p = __real_calloc(n, size);
  mbed_sim_heap_note_alloc(p ? MBED_SIM_USABLE_SIZE(p) : 0, p != nullptr);
  return p;
}
void* __wrap_realloc(void* ptr, size_t size) {
  const size_t before = ptr ? MBED_SIM_USABLE_SIZE(ptr) : 0;
  void* p = __real_realloc(ptr, size);
  if (p || size == 0) {
    if (ptr) mbed_sim_heap_note_free(before);
    if (p) mbed_sim_heap_note_alloc(MBED_SIM_USABLE_SIZE(p), 1);
  } else {
    mbed_sim_heap_note_alloc(0, 0);
  }
  return p;
}
}  // extern "C"
