// mbed::NonCopyable<T>: derive from it to forbid copies of a class (drivers, locks, ...).
#pragma once

namespace mbed {

template <typename T>
class NonCopyable {
 protected:
  NonCopyable() = default;
  ~NonCopyable() = default;

 public:
  NonCopyable(const NonCopyable&) = delete;
  NonCopyable& operator=(const NonCopyable&) = delete;
};

}  // namespace mbed
