// mbed::SharedPtr<T> (platform/SharedPtr.h): a reference-counted owner of a heap object, Mbed OS's
// small shared_ptr. The count lives on the heap beside the object; the last owner deletes both.
//
// @code
// SharedPtr<Reading> a(new Reading);
// SharedPtr<Reading> b = a;          // a.use_count() == 2
// b.reset();                         // a.use_count() == 1
// @endcode
#pragma once
#include <cstddef>
#include <cstdint>

#include "platform/mbed_critical.h"

namespace mbed {

template <class T>
class SharedPtr {
 public:
  constexpr SharedPtr() : ptr_(), counter_() {}
  constexpr SharedPtr(std::nullptr_t) : SharedPtr() {}
  /** Owns `ptr` (which must come from new); the count starts at 1. */
  SharedPtr(T* ptr) : ptr_(ptr), counter_(ptr ? new uint32_t(1) : nullptr) {}
  ~SharedPtr() { release(); }
  SharedPtr(const SharedPtr& other) : ptr_(other.ptr_), counter_(other.counter_) { retain(); }
  SharedPtr(SharedPtr&& other) : ptr_(other.ptr_), counter_(other.counter_) {
    other.ptr_ = nullptr;
    other.counter_ = nullptr;
  }
  // As in Mbed OS, assignment returns a copy (one more owner while the expression lives).
  SharedPtr operator=(const SharedPtr& other) {
    if (this != &other) {
      release();
      ptr_ = other.ptr_;
      counter_ = other.counter_;
      retain();
    }
    return *this;
  }
  SharedPtr operator=(SharedPtr&& other) {
    if (this != &other) {
      release();
      ptr_ = other.ptr_;
      counter_ = other.counter_;
      other.ptr_ = nullptr;
      other.counter_ = nullptr;
    }
    return *this;
  }
  /** Drop this owner's share and own `ptr` instead. */
  void reset(T* ptr) {
    release();
    ptr_ = ptr;
    counter_ = ptr ? new uint32_t(1) : nullptr;
  }
  void reset() {
    release();
    ptr_ = nullptr;
    counter_ = nullptr;
  }
  T* get() const { return ptr_; }
  /** Owners of the object (0 when empty). */
  uint32_t use_count() const { return ptr_ ? core_util_atomic_load_u32(counter_) : 0; }
  T& operator*() const { return *ptr_; }
  T* operator->() const { return ptr_; }
  operator bool() const { return ptr_ != nullptr; }

 private:
  void retain() {
    if (ptr_) core_util_atomic_incr_u32(counter_, 1);
  }
  void release() {
    if (ptr_ && core_util_atomic_decr_u32(counter_, 1) == 0) {
      delete counter_;
      delete ptr_;
    }
  }
  T* ptr_;
  uint32_t* counter_;
};

template <class T, class U>
bool operator==(const SharedPtr<T>& a, const SharedPtr<U>& b) {
  return a.get() == b.get();
}
template <class T, typename U>
bool operator==(const SharedPtr<T>& a, U b) {
  return a.get() == (T*)b;
}
template <class T, typename U>
bool operator==(U a, const SharedPtr<T>& b) {
  return (T*)a == b.get();
}
template <class T, class U>
bool operator!=(const SharedPtr<T>& a, const SharedPtr<U>& b) {
  return a.get() != b.get();
}
template <class T, typename U>
bool operator!=(const SharedPtr<T>& a, U b) {
  return a.get() != (T*)b;
}
template <class T, typename U>
bool operator!=(U a, const SharedPtr<T>& b) {
  return (T*)a != b.get();
}

}  // namespace mbed

#ifndef MBED_NO_GLOBAL_USING_DIRECTIVE
using mbed::SharedPtr;
#endif
