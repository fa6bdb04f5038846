#pragma once
#include <chrono>
#include <cstdint>

#include "platform/sim_core.h"

namespace mbed {

class Timer {
 public:
  void start() {
    if (!running_) {
      started_ = sim::now_us();
      running_ = true;
    }
  }
  void stop() {
    if (running_) {
      accumulated_ += sim::now_us() - started_;
      running_ = false;
    }
  }
  void reset() {
    accumulated_ = 0;
    started_ = sim::now_us();
  }
  std::chrono::microseconds elapsed_time() const {
    return std::chrono::microseconds(accumulated_ + (running_ ? sim::now_us() - started_ : 0));
  }
  float read() const { return elapsed_time().count() / 1e6f; }
  int read_ms() const { return static_cast<int>(elapsed_time().count() / 1000); }
  int read_us() const { return static_cast<int>(elapsed_time().count()); }
  operator float() const { return read(); }

 private:
  uint64_t started_ = 0;
  uint64_t accumulated_ = 0;
  bool running_ = false;
};

}  // namespace mbed
