// rtos::ConditionVariable: wait until notified, releasing a Mutex meanwhile.
#pragma once
#include <cstdint>

#include "rtos/Mutex.h"

namespace rtos {

enum class cv_status { no_timeout, timeout };

/** A condition variable bound to a Mutex (locked once by the waiter).
 *  @code
 *  mutex.lock(); while (!done) cond.wait(); mutex.unlock();
 *  @endcode */
class ConditionVariable {
 public:
  explicit ConditionVariable(Mutex& mutex) : mutex_(mutex) {}
  ConditionVariable(const ConditionVariable&) = delete;
  ConditionVariable& operator=(const ConditionVariable&) = delete;

  void wait() { sim::cond_wait(state_, mutex_.sim_state(), sim::kForever); }
  template <typename Predicate>
  void wait(Predicate pred) {
    while (!pred()) wait();
  }
  cv_status wait_for(Kernel::Clock::duration rel_time) {
    const uint64_t ns = rel_time.count() <= 0 ? 0 : static_cast<uint64_t>(rel_time.count()) * 1000000u;
    return sim::cond_wait(state_, mutex_.sim_state(), ns) ? cv_status::no_timeout : cv_status::timeout;
  }
  /** Mbed OS 5: returns true if the wait timed out. */
  [[deprecated("Pass a chrono duration, not an integer millisecond count. For example use `5s` rather than `5000` (Mbed OS 6).")]]
  bool wait_for(uint32_t millisec) { return !sim::cond_wait(state_, mutex_.sim_state(), impl::ms_to_ns(millisec)); }
  cv_status wait_until(Kernel::Clock::time_point abs_time) {
    return sim::cond_wait(state_, mutex_.sim_state(), impl::until_ns(abs_time)) ? cv_status::no_timeout
                                                                                 : cv_status::timeout;
  }
  void notify_one() { sim::cond_notify(state_, false); }
  void notify_all() { sim::cond_notify(state_, true); }

 private:
  Mutex& mutex_;
  sim::CondState state_;
};

}  // namespace rtos
