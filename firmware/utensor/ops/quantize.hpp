// QUANTIZE (float -> int8, int8 -> int8 requantize) and DEQUANTIZE (int8 -> float).
// In place: quantize and requantize may write over their input (element i of the output is
// at or before element i of the input); dequantize may not (its output is wider).
#pragma once
#include <cstdint>

#include "utensor/quantization.hpp"

namespace utensor {

void quantize(const float* input, int8_t* output, int32_t n, float scale, int32_t zero_point);
// XNNPACK's float -> int8 conversion (tf.lite's default interpreter): round half to even of
// input * inverse_scale (a float32 1/scale), plus the zero point, saturated.
void quantize_half_even(const float* input, int8_t* output, int32_t n, float inverse_scale, int32_t zero_point);

struct RequantizeParams {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  Multiplier multiplier;
  // TFLite 2.x mode only: tf.lite runs int8 -> int8 QUANTIZE on XNNPACK when the scale ratio
  // is in [1/256, 128], with an 8-bit multiplier round(256 * ratio) and one rounding shift by
  // 8 (measured bit for bit against tf.lite). 0: use `multiplier` with double rounding.
  int32_t q8_multiplier = 0;
};
RequantizeParams prepare_requantize(float input_scale, int32_t input_zero_point, float output_scale,
                                    int32_t output_zero_point);
void requantize(const RequantizeParams& p, const int8_t* input, int8_t* output, int32_t n);

void dequantize(const int8_t* input, float* output, int32_t n, float scale, int32_t zero_point);

}  // namespace utensor
