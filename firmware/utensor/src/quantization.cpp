#include "utensor/quantization.hpp"

#include <algorithm>
#include <cmath>

namespace utensor {

Multiplier quantize_multiplier(double real_multiplier) {
  Multiplier m;
  if (real_multiplier == 0.0) return m;
  int shift = 0;
  const double q = std::frexp(real_multiplier, &shift);
  int64_t q_fixed = static_cast<int64_t>(std::round(q * static_cast<double>(int64_t{1} << 31)));
  if (q_fixed == (int64_t{1} << 31)) {
    q_fixed /= 2;
    ++shift;
  }
  if (shift < -31) {
    shift = 0;
    q_fixed = 0;
  }
#if UTENSOR_SINGLE_ROUNDING
  if (shift > 30) {
    shift = 30;
    q_fixed = (int64_t{1} << 31) - 1;
  }
#endif
  m.value = static_cast<int32_t>(q_fixed);
  m.shift = shift;
  return m;
}

void activation_range_int8(Activation act, float scale, int32_t zero_point, int32_t* act_min, int32_t* act_max) {
  auto quantize = [&](float f) { return zero_point + static_cast<int32_t>(std::round(f / scale)); };
  int32_t lo = -128, hi = 127;
  switch (act) {
    case Activation::kRelu:
      lo = std::max(lo, quantize(0.0f));
      break;
    case Activation::kRelu6:
      lo = std::max(lo, quantize(0.0f));
      hi = std::min(hi, quantize(6.0f));
      break;
    case Activation::kReluN1To1:
      lo = std::max(lo, quantize(-1.0f));
      hi = std::min(hi, quantize(1.0f));
      break;
    case Activation::kNone:
      break;
  }
  *act_min = lo;
  *act_max = hi;
}

Multiplier fc_per_tensor_multiplier(float input_scale, float weight_scale, float output_scale) {
  const double input_product_scale = static_cast<double>(input_scale * weight_scale);
  return quantize_multiplier(input_product_scale / static_cast<double>(output_scale));
}

Multiplier channel_multiplier(float input_scale, float weight_scale, float output_scale) {
  return quantize_multiplier(static_cast<double>(input_scale) * static_cast<double>(weight_scale) /
                             static_cast<double>(output_scale));
}

}  // namespace utensor
