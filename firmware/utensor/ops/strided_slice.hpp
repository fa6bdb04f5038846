// STRIDED_SLICE (and SLICE) of a tensor of any element type, up to 4-D. The begin/end/stride
// tensors and TFLite's masks are resolved at generation time (simulator/model/ops/layout.py)
// into, per input dimension, the first index, the step and the number of elements taken
// (shrunk axes take one element).
#pragma once
#include <cstdint>

#include "utensor/types.hpp"

namespace utensor {

struct SliceParams {
  int32_t start[kMaxRank] = {0, 0, 0, 0};
  int32_t stride[kMaxRank] = {1, 1, 1, 1};
  int32_t count[kMaxRank] = {1, 1, 1, 1};
};

void strided_slice(const SliceParams& p, const void* input, const Shape& input_shape, void* output,
                   int32_t element_bytes);

}  // namespace utensor
