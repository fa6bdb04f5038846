// SOFTMAX on int8 (output scale 1/256, zero point -128), TFLite's reference fixed-point algorithm.
// In place: `output` may be `input` (a row's outputs are written after its max and sum are
// known, each element after it is read for the last time).
#pragma once
#include <cstdint>

namespace utensor {

struct SoftmaxParams {
  int32_t input_multiplier = 0;
  int32_t input_left_shift = 0;
  int32_t diff_min = 0;
  // TFLite 2.x mode only: tf.lite's builtin int8 softmax on x86 (optimized_ops::Softmax with a
  // lookup table): table[255 - d] = expf(-input_scale * beta * d) for d = 0..255, computed at
  // generation time; float sums, one reciprocal, round half away from zero. Null: the
  // fixed-point algorithm above (TFLite Micro's, and TFLite's reference kernel).
  const float* table = nullptr;
  float output_scale = 1.0f / 256.0f;
};

SoftmaxParams prepare_softmax(float beta, float input_scale);
// Softmax over the last dimension: `rows` rows of `depth` values.
void softmax(const SoftmaxParams& p, const int8_t* input, int32_t rows, int32_t depth, int8_t* output);

}  // namespace utensor
