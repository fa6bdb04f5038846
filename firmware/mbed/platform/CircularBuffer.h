// mbed::CircularBuffer<T, BufferSize, CounterType>: a fixed-size ring buffer that is safe to
// share between a thread and an interrupt handler (every operation is a critical section).
// Pushing into a full buffer overwrites the oldest element, as in Mbed OS.
//
// @code
// CircularBuffer<char, 16> rx;
// void on_rx() { rx.push(c); }            // interrupt
// int main() { char c; while (rx.pop(c)) putchar(c); }
// @endcode
#pragma once
#include <cstdint>
#include <type_traits>

#include "platform/mbed_critical.h"

namespace mbed {

template <typename T, uint32_t BufferSize, typename CounterType = uint32_t>
class CircularBuffer {
 public:
  static_assert(BufferSize > 0, "CircularBuffer needs a size greater than 0");
  static_assert(std::is_unsigned<CounterType>::value, "CounterType must be an unsigned integral type");
  static_assert(BufferSize <= static_cast<uint64_t>(CounterType(~CounterType(0))),
                "CounterType is too small for BufferSize");

  CircularBuffer() = default;

  /** Push one element; overwrites the oldest when full. */
  void push(const T& data) {
    core_util_critical_section_enter();
    push_locked(data);
    core_util_critical_section_exit();
  }
  /** Push `len` elements (only the last BufferSize are kept when len exceeds the size). */
  void push(const T* src, CounterType len) {
    core_util_critical_section_enter();
    for (CounterType i = 0; i < len; ++i) push_locked(src[i]);
    core_util_critical_section_exit();
  }
  /** Pop the oldest element into `data`; false when empty. */
  bool pop(T& data) {
    core_util_critical_section_enter();
    const bool ok = !empty_locked();
    if (ok) {
      data = pool_[tail_];
      tail_ = incr(tail_);
      full_ = false;
    }
    core_util_critical_section_exit();
    return ok;
  }
  /** Pop up to `len` elements into `dest`; returns how many were popped. */
  CounterType pop(T* dest, CounterType len) {
    CounterType n = 0;
    core_util_critical_section_enter();
    while (n < len && !empty_locked()) {
      dest[n++] = pool_[tail_];
      tail_ = incr(tail_);
      full_ = false;
    }
    core_util_critical_section_exit();
    return n;
  }
  bool empty() const {
    core_util_critical_section_enter();
    const bool e = empty_locked();
    core_util_critical_section_exit();
    return e;
  }
  bool full() const {
    core_util_critical_section_enter();
    const bool f = full_;
    core_util_critical_section_exit();
    return f;
  }
  /** Drop every element. */
  void reset() {
    core_util_critical_section_enter();
    head_ = tail_ = 0;
    full_ = false;
    core_util_critical_section_exit();
  }
  /** Number of elements stored. */
  CounterType size() const {
    core_util_critical_section_enter();
    CounterType n = full_ ? CounterType(BufferSize)
                          : (head_ >= tail_ ? CounterType(head_ - tail_) : CounterType(BufferSize + head_ - tail_));
    core_util_critical_section_exit();
    return n;
  }
  /** Copy the oldest element into `data` without removing it; false when empty. */
  bool peek(T& data) const {
    core_util_critical_section_enter();
    const bool ok = !empty_locked();
    if (ok) data = pool_[tail_];
    core_util_critical_section_exit();
    return ok;
  }

 private:
  static CounterType incr(CounterType i) { return CounterType((i + 1u) % BufferSize); }
  bool empty_locked() const { return head_ == tail_ && !full_; }
  void push_locked(const T& data) {
    if (full_) tail_ = incr(tail_);
    pool_[head_] = data;
    head_ = incr(head_);
    full_ = head_ == tail_;
  }

  T pool_[BufferSize];
  CounterType head_ = 0;
  CounterType tail_ = 0;
  bool full_ = false;
};

}  // namespace mbed
