// PAD / PADV2 of a tensor of any element type, up to 4-D (shapes given 4-D, leading 1s). The
// new elements take `pad_value` (one element: int8 PAD pads with the output zero point, as
// TFLite and TFLite Micro do; PADV2 with its constant).
#pragma once
#include <cstdint>

#include "utensor/types.hpp"

namespace utensor {

struct PadParams {
  int32_t before[kMaxRank] = {0, 0, 0, 0};  // elements added before each dimension
  int32_t after[kMaxRank] = {0, 0, 0, 0};
};

// output_shape[d] = input_shape[d] + before[d] + after[d].
void pad(const PadParams& p, const void* input, const Shape& input_shape, const void* pad_value, void* output,
         int32_t element_bytes);

}  // namespace utensor
