// MAX_POOL_2D and AVERAGE_POOL_2D (int8, NHWC). Input and output share quantization.
//
// In place: when pad_h == pad_w == 0, `output` may be `input` (the memory planner does so).
// That is safe because outputs are written in NHWC order and output element k is written after
// its window is read, while every later window starts at input element >= k (output size <=
// input size, stride >= 1, no leading padding). Keep that write order in faster kernels.
#pragma once
#include <cstdint>

#include "utensor/types.hpp"

namespace utensor {

struct PoolParams {
  int32_t stride_h = 1, stride_w = 1;
  int32_t filter_h = 1, filter_w = 1;
  int32_t pad_h = 0, pad_w = 0;
  int32_t act_min = -128, act_max = 127;
};

void max_pool2d(const PoolParams& p, const int8_t* input, const Shape& input_shape, int8_t* output,
                const Shape& output_shape);
void average_pool2d(const PoolParams& p, const int8_t* input, const Shape& input_shape, int8_t* output,
                    const Shape& output_shape);

// The portable kernels (the ops above run the target's fast kernels where they apply).
namespace reference {
void max_pool2d(const PoolParams& p, const int8_t* input, const Shape& input_shape, int8_t* output,
                const Shape& output_shape);
void average_pool2d(const PoolParams& p, const int8_t* input, const Shape& input_shape, int8_t* output,
                    const Shape& output_shape);
}  // namespace reference

}  // namespace utensor
