// Graph execution: steps run in order over tensors in one Arena. Generated models are a
// table of steps; hand-written apps can build one too. A hook sees every step (for
// profiling or RAM accounting) without costing anything when unset.
#pragma once
#include <cstddef>
#include <cstdint>

#include "utensor/arena.hpp"
#include "utensor/types.hpp"

namespace utensor {

struct Step {
  const char* name;
  Status (*run)(Arena& arena, void* context);
};

using StepHook = void (*)(int index, const char* name, const Arena& arena, void* user);

class Graph {
 public:
  Graph(const Step* steps, int count, Arena& arena) : steps_(steps), count_(count), arena_(arena) {}

  void set_hook(StepHook hook, void* user) {
    hook_ = hook;
    hook_user_ = user;
  }

  // Runs the steps in order; stops at the first that fails. Out of line (src/graph.cpp) so that
  // the whole inference is runtime code: the wasm build keeps utensor::* out of ASYNCIFY's
  // instrumentation, so a step hook must not sleep or yield.
  Status run(void* context = nullptr);

  // The highest arena byte any step placed a tensor in.
  size_t peak_ram() const { return arena_.high_water(); }

 private:
  const Step* steps_;
  int count_;
  Arena& arena_;
  StepHook hook_ = nullptr;
  void* hook_user_ = nullptr;
};

}  // namespace utensor
