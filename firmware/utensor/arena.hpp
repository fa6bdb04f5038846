// One static block of RAM for all activations. Generated code places tensors at fixed
// offsets computed by the memory planner (`at`); hand-written graphs may bump-allocate.
// Both record the high-water mark, and `paint`/`touched` measure the bytes really written.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace utensor {

class Arena {
 public:
  constexpr Arena(uint8_t* buffer, size_t capacity) : buffer_(buffer), capacity_(capacity) {}

  // The block [offset, offset + bytes); null if it does not fit.
  void* at(size_t offset, size_t bytes) {
    if (offset + bytes > capacity_) return nullptr;
    if (offset + bytes > high_water_) high_water_ = offset + bytes;
    return buffer_ + offset;
  }

  // Next `bytes` aligned to `align` (a power of two); null when full.
  void* allocate(size_t bytes, size_t align = 4) {
    const size_t start = (top_ + align - 1) & ~(align - 1);
    void* p = at(start, bytes);
    if (p) top_ = start + bytes;
    return p;
  }

  void reset() { top_ = 0; }
  size_t capacity() const { return capacity_; }
  size_t high_water() const { return high_water_; }
  uint8_t* data() { return buffer_; }

  // Fill the arena with `pattern`; after a run, `touched(pattern)` is one past the last byte
  // that differs, i.e. the RAM the run really used (measured, not planned).
  void paint(uint8_t pattern) { std::memset(buffer_, pattern, capacity_); }
  size_t touched(uint8_t pattern) const {
    size_t n = capacity_;
    while (n > 0 && buffer_[n - 1] == pattern) --n;
    return n;
  }

 private:
  uint8_t* buffer_;
  size_t capacity_;
  size_t top_ = 0;
  size_t high_water_ = 0;
};

}  // namespace utensor
