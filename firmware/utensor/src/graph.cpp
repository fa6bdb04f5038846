#include "utensor/graph.hpp"

namespace utensor {

Status Graph::run(void* context) {
  for (int i = 0; i < count_; ++i) {
    const Status s = steps_[i].run(arena_, context);
    if (hook_) hook_(i, steps_[i].name, arena_, hook_user_);
    if (s != Status::kOk) return s;
  }
  return Status::kOk;
}

}  // namespace utensor
