// rtos::Queue: a message queue of pointers, ordered by priority then FIFO. try_put and
// try_get (no wait) may be called from interrupts.
#pragma once
#include <cstdint>

#include "rtos/Kernel.h"

namespace rtos {

/** A queue of up to queue_sz pointers to T.
 *  @code
 *  Queue<message_t, 16> queue;
 *  queue.try_put(msg);           // producer
 *  message_t* m; if (queue.try_get_for(Kernel::wait_for_u32_forever, &m)) ...   // consumer
 *  @endcode */
template <typename T, uint32_t queue_sz>
class Queue {
 public:
  Queue() {
    state_.items = items_;
    state_.prios = prios_;
    state_.capacity = queue_sz;
  }
  Queue(const Queue&) = delete;
  Queue& operator=(const Queue&) = delete;
  ~Queue() { sim::queue_destroy(state_); }

  bool empty() const { return state_.count == 0; }
  bool full() const { return state_.count == queue_sz; }
  uint32_t count() const { return state_.count; }

  bool try_put(T* data, uint8_t prio = 0) { return sim::queue_put(state_, item(data), prio, 0) == 0; }
  bool try_put_for(Kernel::Clock::duration_u32 rel_time, T* data, uint8_t prio = 0) {
    return sim::queue_put(state_, item(data), prio, impl::ms_to_ns(rel_time)) == 0;
  }
  [[deprecated("Replaced with try_put and try_put_for. In future put will be an untimed blocking call (Mbed OS 6).")]]
  osStatus put(T* data, uint32_t millisec = 0, uint8_t prio = 0) {
    return sim::queue_put(state_, item(data), prio, impl::ms_to_ns(millisec)) == 0 ? osOK
           : millisec ? osErrorTimeout : osErrorResource;
  }
  bool try_get(T** data_out) { return get_ns(data_out, 0); }
  bool try_get_for(Kernel::Clock::duration_u32 rel_time, T** data_out) {
    return get_ns(data_out, impl::ms_to_ns(rel_time));
  }
  /** Mbed OS 5: wait for a message; status osEventMessage with value.p, or osEventTimeout / osOK. */
  [[deprecated("Replaced with try_get and try_get_for. In future get will be an untimed blocking call (Mbed OS 6).")]]
  osEvent get(uint32_t millisec = osWaitForever) {
    osEvent event{};
    T* data = nullptr;
    if (get_ns(&data, impl::ms_to_ns(millisec))) {
      event.status = osEventMessage;
      event.value.p = data;
    } else {
      event.status = millisec ? osEventTimeout : osOK;
    }
    event.def.message_id = this;
    return event;
  }

 private:
  static void* item(T* data) { return const_cast<void*>(static_cast<const void*>(data)); }
  bool get_ns(T** data_out, uint64_t timeout_ns) {
    void* item = nullptr;
    if (sim::queue_get(state_, &item, timeout_ns) != 0) return false;
    *data_out = static_cast<T*>(item);
    return true;
  }
  sim::QueueState state_;
  void* items_[queue_sz];
  uint8_t prios_[queue_sz];
};

}  // namespace rtos
