// SOFTMAX on int8 (output scale 1/256, zero point -128), TFLite's reference fixed-point algorithm.
#pragma once
#include <cstdint>

namespace utensor {

struct SoftmaxParams {
  int32_t input_multiplier = 0;
  int32_t input_left_shift = 0;
  int32_t diff_min = 0;
};

SoftmaxParams prepare_softmax(float beta, float input_scale);
// Softmax over the last dimension: `rows` rows of `depth` values.
void softmax(const SoftmaxParams& p, const int8_t* input, int32_t rows, int32_t depth, int8_t* output);

}  // namespace utensor
