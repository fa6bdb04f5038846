// BATCH_MATMUL on int8: out[b] = lhs[b] x rhs[b] (either operand transposed with adj_x / adj_y),
// batch dimensions broadcast, int32 accumulation of (lhs + lhs_offset) * (rhs + rhs_offset),
// then requantized as FULLY_CONNECTED is. Shapes are given 4-D (two batch dimensions, then the
// matrix; leading 1s). Both operands may be activations or constants.
#pragma once
#include <cstdint>

#include "utensor/quantization.hpp"

namespace utensor {

struct BatchMatMulParams {
  int32_t lhs_offset = 0;  // -(zero points)
  int32_t rhs_offset = 0;
  int32_t output_offset = 0;
  Multiplier output;  // lhs scale * rhs scale / output scale
  int32_t act_min = -128, act_max = 127;
  bool adj_x = false, adj_y = false;
  // TFLite 2.x mode only, when tf.lite runs the op on XNNPACK: the float32 requantization scale
  // (fixed_point.hpp, requantize_fp32). 0: the multiplier above.
  float scale = 0.0f;
};

void batch_matmul(const BatchMatMulParams& p, const int8_t* lhs, const Shape& lhs_shape, const int8_t* rhs,
                  const Shape& rhs_shape, int8_t* output, const Shape& output_shape);

}  // namespace utensor
