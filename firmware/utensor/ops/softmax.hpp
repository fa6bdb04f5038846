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

// SOFTMAX in the int16x8 scheme (int16 input and output, zero points 0, output scale 1/32768),
// TFLite's SoftmaxInt16: input - row max rescaled so [-65535, 0] covers [-10, 0], exp from a
// 513-entry interpolated table, the sum's reciprocal from a 1/(1 + x) table. The two tables
// are TFLite's (built in its Prepare in float32), computed at generation time
// (simulator/model/params.py, softmax_int16_tables).
struct SoftmaxInt16Params {
  int32_t input_multiplier = 0;
  int32_t input_left_shift = 0;
  const int16_t* exp_table = nullptr;                // 513 entries
  const int16_t* one_over_one_plus_x_table = nullptr;  // 513 entries
};

// TFLite's int16 -> int16 table lookup with linear interpolation between the 512 steps.
int16_t lut_lookup_int16(int16_t value, const int16_t* table);

void softmax_int16(const SoftmaxInt16Params& p, const int16_t* input, int32_t rows, int32_t depth, int16_t* output);

SoftmaxParams prepare_softmax(float beta, float input_scale);
// Softmax over the last dimension: `rows` rows of `depth` values.
void softmax(const SoftmaxParams& p, const int8_t* input, int32_t rows, int32_t depth, int8_t* output);

}  // namespace utensor
