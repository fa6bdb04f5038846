// Per-layer time of a model, measured through its step hook (NAME_set_hook), with any C++11
// clock: mbed::HighResClock on an Mbed OS 6 board, std::chrono::steady_clock on a PC.
//
//   utensor::LayerTimer<mbed::HighResClock> timer;
//   mnist_mlp_set_hook(timer.hook, &timer);
//   do { timer.start_run(); mnist_mlp_run(input, output); } while (timer.elapsed() < 20ms);
//   timer.end_run();
//   mnist_mlp_set_hook(nullptr, nullptr);
//   timer.mean_us(i)  // microseconds of step i, averaged over timer.runs() runs
//
// A coarse clock is fine when the runs are many: a step of 20 us timed with a clock that moves
// in 100 us steps reads 0 most times and 100 sometimes, and the mean converges to 20 because
// the runs do not keep step with the clock's ticks. The browser's clock (the simulator's page)
// is such a clock; a board's microsecond ticker needs only a few runs.
//
// Each step's time is from the end of the previous step (or start_run) to its own end, so the
// first step also holds the model's copy of the input into its arena. The hook is part of the
// runtime (namespace utensor): it never sleeps or yields, as the runtime's code must not
// (docs/runtime.md, "wasm"); the clock's now() must not either.
#pragma once
#include <chrono>
#include <cstdint>

#include "utensor/arena.hpp"

namespace utensor {

template <class Clock, int kMaxSteps = 64>
class LayerTimer {
 public:
  using duration = typename Clock::duration;

  // Before each run of the model (it also ends the previous run: see end_run).
  void start_run() {
    end_run();
    for (int i = 0; i < kMaxSteps; ++i) run_[i] = duration::zero();
    in_run_ = true;
    last_ = Clock::now();
  }

  // Counts the run that started last. A run that took far longer than the fastest one so far
  // (more than 8x it plus 1 ms: the thread was preempted, the browser's tab was busy) is left
  // out of the means, but its time still counts in elapsed().
  void end_run() {
    if (!in_run_) return;
    in_run_ = false;
    duration t = duration::zero();
    for (int i = 0; i < steps_; ++i) t += run_[i];
    elapsed_ += t;
    if (!has_fastest_ || t < fastest_) {
      fastest_ = t;
      has_fastest_ = true;
    }
    const duration limit = 8 * fastest_ + std::chrono::duration_cast<duration>(std::chrono::milliseconds(1));
    if (t > limit) {
      ++rejected_;
      return;
    }
    ++runs_;
    for (int i = 0; i < steps_; ++i) sum_[i] += run_[i];
  }

  // The step hook: pass `hook` and `this` to NAME_set_hook.
  static void hook(int index, const char* name, const Arena& arena, void* self) {
    (void)name;
    (void)arena;
    auto* t = static_cast<LayerTimer*>(self);
    const typename Clock::time_point now = Clock::now();
    if (index >= 0 && index < kMaxSteps) {
      t->run_[index] += now - t->last_;
      if (index >= t->steps_) t->steps_ = index + 1;
    }
    t->last_ = now;
  }

  // Forget every run (in place: no temporary copy on a small thread stack).
  void reset() {
    for (int i = 0; i < kMaxSteps; ++i) run_[i] = sum_[i] = duration::zero();
    elapsed_ = fastest_ = duration::zero();
    has_fastest_ = in_run_ = false;
    steps_ = runs_ = rejected_ = 0;
  }

  // Runs counted in the means, and runs left out.
  int runs() const { return runs_; }
  int rejected() const { return rejected_; }
  int steps() const { return steps_; }
  // The time of every step of every run so far, counted or not (the measuring budget).
  duration elapsed() const { return elapsed_; }
  // Step `index`'s mean time per counted run, in microseconds.
  float mean_us(int index) const {
    if (index < 0 || index >= steps_ || runs_ == 0) return 0.0f;
    const std::chrono::duration<float, std::micro> us = sum_[index];
    return us.count() / static_cast<float>(runs_);
  }

 private:
  typename Clock::time_point last_{};
  duration run_[kMaxSteps] = {};
  duration sum_[kMaxSteps] = {};
  duration elapsed_ = duration::zero();
  duration fastest_ = duration::zero();
  bool has_fastest_ = false;
  bool in_run_ = false;
  int steps_ = 0;
  int runs_ = 0;
  int rejected_ = 0;
};

}  // namespace utensor
