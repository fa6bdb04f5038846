#include "utensor/ops/quantize.hpp"

#include <algorithm>
#include <cmath>

namespace utensor {

void quantize(const float* input, int8_t* output, int32_t n, float scale, int32_t zero_point) {
  const double s = scale;
  for (int32_t i = 0; i < n; ++i) {
    const int32_t v = static_cast<int32_t>(std::round(input[i] / s)) + zero_point;
    output[i] = static_cast<int8_t>(std::min<int32_t>(std::max<int32_t>(v, -128), 127));
  }
}

void quantize_half_even(const float* input, int8_t* output, int32_t n, float inverse_scale, int32_t zero_point) {
  for (int32_t i = 0; i < n; ++i)
    output[i] = static_cast<int8_t>(
        fp::round_half_even_clamped(input[i] * inverse_scale, -128 - zero_point, 127 - zero_point) + zero_point);
}

RequantizeParams prepare_requantize(float input_scale, int32_t input_zero_point, float output_scale,
                                    int32_t output_zero_point) {
  RequantizeParams p;
  p.input_zero_point = input_zero_point;
  p.output_zero_point = output_zero_point;
  p.multiplier = quantize_multiplier(static_cast<double>(input_scale) / static_cast<double>(output_scale));
#if UTENSOR_SINGLE_ROUNDING
  const float ratio = input_scale / output_scale;
  if (ratio >= 1.0f / 256.0f && ratio <= 128.0f) p.q8_multiplier = static_cast<int32_t>(std::lrintf(256.0f * ratio));
#endif
  return p;
}

void requantize(const RequantizeParams& p, const int8_t* input, int8_t* output, int32_t n) {
  for (int32_t i = 0; i < n; ++i) {
    const int32_t d = input[i] - p.input_zero_point;
    const int32_t v = (p.q8_multiplier ? (d * p.q8_multiplier + 128) >> 8
                                       : fp::multiply_by_quantized_multiplier_double_rounding(d, p.multiplier.value,
                                                                                              p.multiplier.shift)) +
                      p.output_zero_point;
    output[i] = static_cast<int8_t>(std::min<int32_t>(std::max<int32_t>(v, -128), 127));
  }
}

void dequantize(const int8_t* input, float* output, int32_t n, float scale, int32_t zero_point) {
  const double s = scale;
  for (int32_t i = 0; i < n; ++i) output[i] = static_cast<float>(s * (input[i] - zero_point));
}

}  // namespace utensor
