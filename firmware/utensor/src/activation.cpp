#include "utensor/ops/activation.hpp"

#include <algorithm>
#include <cmath>

namespace utensor {

ReluParams prepare_relu(Activation act, float input_scale, int32_t input_zero_point, float output_scale,
                        int32_t output_zero_point) {
  ReluParams p;
  p.input_zero_point = input_zero_point;
  p.output_zero_point = output_zero_point;
#if UTENSOR_SINGLE_ROUNDING
  p.multiplier = quantize_multiplier(input_scale / output_scale);  // TFLite divides in float
#else
  p.multiplier = quantize_multiplier(static_cast<double>(input_scale) / static_cast<double>(output_scale));
  if (act == Activation::kRelu6) {
    p.clamp_only = true;
    p.act_min = std::max<int32_t>(-128, std::min<int32_t>(127, input_zero_point));
    p.act_max = std::max<int32_t>(-128, std::min<int32_t>(127, input_zero_point + static_cast<int32_t>(std::round(6.0f / input_scale))));
    return p;
  }
#endif
  activation_range_int8(act, output_scale, output_zero_point, &p.act_min, &p.act_max);
  return p;
}

void relu(const ReluParams& p, const int8_t* input, int8_t* output, int32_t n) {
  for (int32_t i = 0; i < n; ++i) {
    if (p.clamp_only) {
      output[i] = static_cast<int8_t>(std::min(std::max<int32_t>(input[i], p.act_min), p.act_max));
      continue;
    }
    // Double rounding in both modes: TFLM's kernel, and tf.lite's builtin one (tf.lite never
    // hands int8 RELU to XNNPACK, and its MultiplyByQuantizedMultiplier rounds twice).
    int32_t v = p.output_zero_point + fp::multiply_by_quantized_multiplier_double_rounding(
                                          input[i] - p.input_zero_point, p.multiplier.value, p.multiplier.shift);
    output[i] = static_cast<int8_t>(std::min(std::max(v, p.act_min), p.act_max));
  }
}

}  // namespace utensor
