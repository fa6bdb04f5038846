// rtos::Mail: a queue of fixed-size messages with their own memory pool.
#pragma once
#include <cstdint>

#include "rtos/MemoryPool.h"
#include "rtos/Queue.h"

namespace rtos {

/** Allocate a message, fill it, put it; the receiver gets it and frees it.
 *  @code
 *  Mail<mail_t, 16> mail_box;
 *  mail_t* m = mail_box.try_alloc(); m->value = 1; mail_box.put(m);
 *  mail_t* r = mail_box.try_get_for(Kernel::wait_for_u32_forever); ...; mail_box.free(r);
 *  @endcode */
template <typename T, uint32_t queue_sz>
class Mail {
 public:
  Mail() = default;
  Mail(const Mail&) = delete;
  Mail& operator=(const Mail&) = delete;

  bool empty() const { return queue_.empty(); }
  bool full() const { return queue_.full(); }

  T* try_alloc() { return pool_.try_alloc(); }
  T* try_alloc_for(Kernel::Clock::duration_u32 rel_time) { return pool_.try_alloc_for(rel_time); }
  T* try_alloc_until(Kernel::Clock::time_point abs_time) { return pool_.try_alloc_until(abs_time); }
  [[deprecated("Replaced with try_alloc. In future alloc() will be an untimed blocking call (Mbed OS 6).")]]
  T* alloc(uint32_t millisec = 0) { return pool_.try_alloc_for(Kernel::Clock::duration_u32(millisec)); }
  [[deprecated("Replaced with try_alloc_for (Mbed OS 6).")]]
  T* alloc_for(uint32_t millisec) { return pool_.try_alloc_for(Kernel::Clock::duration_u32(millisec)); }
  T* try_calloc() { return pool_.try_calloc(); }
  T* try_calloc_for(Kernel::Clock::duration_u32 rel_time) { return pool_.try_calloc_for(rel_time); }
  [[deprecated("Replaced with try_calloc. In future calloc() will be an untimed blocking call (Mbed OS 6).")]]
  T* calloc(uint32_t millisec = 0) { return pool_.try_calloc_for(Kernel::Clock::duration_u32(millisec)); }

  /** Queue a message allocated from this mail box. */
  osStatus put(T* mptr) { return queue_.try_put(mptr) ? osOK : osErrorResource; }
  T* try_get() {
    T* m = nullptr;
    return queue_.try_get(&m) ? m : nullptr;
  }
  T* try_get_for(Kernel::Clock::duration_u32 rel_time) {
    T* m = nullptr;
    return queue_.try_get_for(rel_time, &m) ? m : nullptr;
  }
  /** Mbed OS 5: wait for a message; status osEventMail with value.p, or osEventTimeout / osOK. */
  [[deprecated("Replaced with try_get and try_get_for. In future get will be an untimed blocking call (Mbed OS 6).")]]
  osEvent get(uint32_t millisec = osWaitForever) {
    osEvent event{};
    T* m = nullptr;
    if (queue_.try_get_for(Kernel::Clock::duration_u32(millisec), &m)) {
      event.status = osEventMail;
      event.value.p = m;
    } else {
      event.status = millisec ? osEventTimeout : osOK;
    }
    event.def.mail_id = this;
    return event;
  }
  osStatus free(T* mptr) { return pool_.free(mptr); }

 private:
  Queue<T, queue_sz> queue_;
  MemoryPool<T, queue_sz> pool_;
};

}  // namespace rtos
