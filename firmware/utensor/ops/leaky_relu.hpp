// LEAKY_RELU and PRELU on int8: the input minus its zero point, rescaled by one multiplier when
// non-negative and by another when negative (LEAKY_RELU: scale * alpha; PRELU: times the
// per-element alpha tensor, broadcast up to 4-D), plus the output zero point. TFLite Micro and
// tf.lite's builtin kernels round twice (gemmlowp). tf.lite runs LEAKY_RELU on XNNPACK, whose
// arithmetic is an 8-bit multiplier round(256 * ratio) per sign and one shift by 8: set
// `xnn_positive` (TFLite 2.x build) to use it.
//
// In place: `output` may be `input` (LEAKY_RELU; PRELU when the input has the output's shape).
#pragma once
#include <cstdint>

#include "utensor/quantization.hpp"

namespace utensor {

struct LeakyReluParams {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  Multiplier identity;  // input scale / output scale
  Multiplier alpha;     // input scale * alpha / output scale
  int32_t xnn_positive = 0, xnn_negative = 0;  // XNNPACK's 8-bit multipliers; 0: not used
};

void leaky_relu(const LeakyReluParams& p, const int8_t* input, int8_t* output, int32_t n);

struct PreluParams {
  int32_t input_offset = 0;  // -(input zero point)
  int32_t alpha_offset = 0;  // -(alpha zero point)
  int32_t output_offset = 0;
  Multiplier positive;  // input scale / output scale
  Multiplier negative;  // input scale * alpha scale / output scale
};

void prelu(const PreluParams& p, const int8_t* input, const Shape& input_shape, const int8_t* alpha,
           const Shape& alpha_shape, int8_t* output, const Shape& output_shape);

}  // namespace utensor
