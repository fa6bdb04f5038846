// MEAN on int8 over any set of axes of an up-to-4-D tensor (shape given 4-D), TFLite Micro's
// arithmetic: the int32 sum of the reduced elements, minus zero point x count, times a Q31
// multiplier that folds input scale / output scale with 1 / count ((m << s) / count, the shift
// lowered by s), double rounding, plus the output zero point. Reads each output's elements in
// place: no scratch.
#pragma once
#include <cstdint>

#include "utensor/quantization.hpp"

namespace utensor {

struct MeanParams {
  bool reduce[kMaxRank] = {false, false, false, false};  // the axes averaged over
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  Multiplier multiplier;  // input scale / output scale / count, in TFLite Micro's form
  int32_t count = 1;      // elements per output
  // TFLite 2.x mode only, when tf.lite runs the op on XNNPACK: its int32 -> int8 conversion of
  // the raw sum, out = round_half_away(float(sum) * xnn_scale + xnn_zero_point), saturated, both
  // float32 (the input zero point folded into xnn_zero_point). xnn_scale 0: not used.
  float xnn_scale = 0.0f;
  float xnn_zero_point = 0.0f;
};

void mean(const MeanParams& p, const int8_t* input, const Shape& input_shape, int8_t* output);

}  // namespace utensor
