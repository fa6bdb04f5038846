// rtos::Thread: a thread of the simulator's RTOS, with the priorities, flags and stack size
// of Mbed OS (RTX). See sim/kernel.h for the scheduling rules.
#pragma once
#include <cstdint>

#include "platform/Callback.h"
#include "rtos/Kernel.h"
#include "rtos/mbed_rtos_types.h"

namespace rtos {

/** A thread.
 *  @code
 *  Thread thread;
 *  void blink() { while (true) { led2 = !led2; ThisThread::sleep_for(1s); } }
 *  int main() { thread.start(blink); ... }
 *  @endcode
 *  Synchronization: methods may be called from any thread; flags_set also from interrupts. */
class Thread {
 public:
  enum State {
    Inactive,
    Ready,
    Running,
    WaitingDelay,
    WaitingJoin,
    WaitingThreadFlag,
    WaitingEventFlag,
    WaitingMutex,
    WaitingSemaphore,
    WaitingMemoryPool,
    WaitingMessageGet,
    WaitingMessagePut,
    WaitingInterval,
    WaitingOr,
    WaitingAnd,
    WaitingMailbox,
    Deleted = 0x7fffffff
  };

  Thread(osPriority priority = osPriorityNormal, uint32_t stack_size = OS_STACK_SIZE,
         unsigned char* stack_mem = nullptr, const char* name = nullptr)
      : tcb_(sim::thread_create(name ? name : "application_unnamed_thread", priority, stack_size, stack_mem)) {}

  [[deprecated("Thread-spawning constructors hide errors. Replaced by Thread::start(task) (Mbed OS 5.1).")]]
  Thread(mbed::Callback<void()> task, osPriority priority = osPriorityNormal, uint32_t stack_size = OS_STACK_SIZE,
         unsigned char* stack_mem = nullptr)
      : Thread(priority, stack_size, stack_mem) {
    start(task);
  }

  Thread(const Thread&) = delete;
  Thread& operator=(const Thread&) = delete;
  virtual ~Thread() { sim::thread_destroy(tcb_); }

  /** Start the thread running `task`. */
  osStatus start(mbed::Callback<void()> task) {
    if (!tcb_) return osErrorNoMemory;
    if (sim::thread_state(tcb_) != sim::kInactive) return osErrorParameter;
    task_ = task;
    return sim::thread_start(tcb_, &Thread::run, this) ? osOK : osErrorNoMemory;
  }
  /** Wait for the thread to end. */
  osStatus join() { return sim::thread_join(tcb_) == 0 ? osOK : osErrorParameter; }
  /** End the thread (it does not run its destructors). */
  osStatus terminate() { return sim::thread_terminate(tcb_) == 0 ? osOK : osErrorResource; }
  osStatus set_priority(osPriority priority) {
    sim::thread_set_priority(tcb_, priority);
    return osOK;
  }
  osPriority get_priority() const { return static_cast<osPriority>(sim::thread_priority(tcb_)); }
  /** Set flags of this thread; wakes it if it waits for them. Returns the flags after setting. */
  uint32_t flags_set(uint32_t flags) { return sim::flags_set(tcb_, flags); }
  State get_state() const {
    const int s = sim::thread_state(tcb_);
    return s == sim::kDeleted ? Deleted : static_cast<State>(s);
  }
  uint32_t stack_size() const { return sim::thread_stack_size(tcb_); }
  uint32_t used_stack() const { return sim::thread_stack_used(tcb_); }
  uint32_t max_stack() const { return used_stack(); }
  uint32_t free_stack() const { return stack_size() - used_stack(); }
  const char* get_name() const { return sim::thread_name(tcb_); }
  osThreadId_t get_id() const { return tcb_; }

  // Mbed OS 5 (removed in Mbed OS 6).
  [[deprecated("Thread::wait is removed in Mbed OS 6: use ThisThread::sleep_for(duration).")]]
  static osStatus wait(uint32_t millisec) {
    sim::sleep_until_ns(sim::now_ns() + uint64_t{millisec} * 1000000u);
    return osOK;
  }
  [[deprecated("Thread::yield is removed in Mbed OS 6: use ThisThread::yield().")]]
  static osStatus yield() {
    sim::yield();
    return osOK;
  }
  [[deprecated("Thread::gettid is removed in Mbed OS 6: use ThisThread::get_id().")]]
  static osThreadId gettid() { return sim::thread_self(); }

 private:
  static void run(void* self) { static_cast<Thread*>(self)->task_(); }
  sim::Tcb* tcb_;
  mbed::Callback<void()> task_;
};

}  // namespace rtos
