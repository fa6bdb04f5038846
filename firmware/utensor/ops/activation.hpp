// RELU / RELU6 / RELU_N1_TO_1 as stand-alone int8 ops (requantizing when input and output
// scales differ). UTENSOR_SINGLE_ROUNDING=1 follows TFLite 2.x, 0 TFLite Micro, whose
// RELU6 only clamps to [zero, six] in the input's quantization. Fused activations are the act_min/act_max of the other ops' params.
//
// In place: `output` may be `input` (the memory planner runs RELU in place).
#pragma once
#include <cstdint>

#include "utensor/quantization.hpp"

namespace utensor {

struct ReluParams {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  Multiplier multiplier;
  int32_t act_min = -128, act_max = 127;
  // TFLite Micro's RELU6 clamps in the input's quantization without rescaling.
  bool clamp_only = false;
};

ReluParams prepare_relu(Activation act, float input_scale, int32_t input_zero_point, float output_scale,
                        int32_t output_zero_point);
void relu(const ReluParams& p, const int8_t* input, int8_t* output, int32_t n);

}  // namespace utensor
