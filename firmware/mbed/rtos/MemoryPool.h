// rtos::MemoryPool: fixed-size blocks for queue_sz objects of type T, without the heap.
#pragma once
#include <cstdint>
#include <cstring>

#include "rtos/Kernel.h"

namespace rtos {

/** A pool of pool_sz blocks, each holding one T. try_alloc / free may be called from interrupts. */
template <typename T, uint32_t pool_sz>
class MemoryPool {
 public:
  MemoryPool() { sim::pool_init(state_, reinterpret_cast<unsigned char*>(blocks_), sizeof(Block), pool_sz); }
  MemoryPool(const MemoryPool&) = delete;
  MemoryPool& operator=(const MemoryPool&) = delete;
  ~MemoryPool() { sim::pool_destroy(state_); }

  [[deprecated("Replaced with try_alloc. In future alloc() will be an untimed blocking call (Mbed OS 6).")]]
  T* alloc() { return try_alloc(); }
  T* try_alloc() { return static_cast<T*>(sim::pool_alloc(state_, 0)); }
  T* try_alloc_for(Kernel::Clock::duration_u32 rel_time) {
    return static_cast<T*>(sim::pool_alloc(state_, impl::ms_to_ns(rel_time)));
  }
  T* try_alloc_until(Kernel::Clock::time_point abs_time) {
    return static_cast<T*>(sim::pool_alloc(state_, impl::until_ns(abs_time)));
  }
  [[deprecated("Replaced with try_calloc. In future calloc() will be an untimed blocking call (Mbed OS 6).")]]
  T* calloc() { return try_calloc(); }
  T* try_calloc() { return zero(try_alloc()); }
  T* try_calloc_for(Kernel::Clock::duration_u32 rel_time) { return zero(try_alloc_for(rel_time)); }
  /** Return a block; osErrorParameter if it is not one of this pool's. */
  osStatus free(T* block) { return sim::pool_free(state_, block) == 0 ? osOK : osErrorParameter; }

 private:
  static T* zero(T* p) {
    if (p) std::memset(static_cast<void*>(p), 0, sizeof(T));
    return p;
  }
  union Block {
    alignas(T) unsigned char bytes[sizeof(T)];
    void* link;
  };
  sim::PoolState state_;
  Block blocks_[pool_sz];
};

}  // namespace rtos
