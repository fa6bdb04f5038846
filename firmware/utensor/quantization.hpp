// Quantization parameters and the computation of Q31 multipliers from float scales,
// exactly as TensorFlow Lite's QuantizeMultiplier and its callers do it.
#pragma once
#include <cstdint>

#include "utensor/fixed_point.hpp"
#include "utensor/types.hpp"

namespace utensor {

// real_value = scale * (quantized_value - zero_point). Per-channel: `scales` has `count`
// entries along dimension `axis` (zero point 0, as TFLite requires for int8 weights).
struct QuantParams {
  float scale = 0.0f;
  int32_t zero_point = 0;
  const float* scales = nullptr;
  int32_t count = 0;
  int32_t axis = 0;
  bool per_channel() const { return scales != nullptr && count > 1; }
  float channel_scale(int32_t c) const { return scales ? scales[count > 1 ? c : 0] : scale; }
};

// A real multiplier as a Q31 value and a power-of-two exponent: m * 2^shift / 2^31.
struct Multiplier {
  int32_t value = 0;
  int32_t shift = 0;
};

// TFLite's QuantizeMultiplier (frexp, round half away from zero, clamp as in the rounding mode).
Multiplier quantize_multiplier(double real_multiplier);

inline int32_t requantize(int32_t acc, Multiplier m) {
  return fp::multiply_by_quantized_multiplier(acc, m.value, m.shift);
}

// Range of an int8 output after a fused activation, as TFLite computes it.
void activation_range_int8(Activation act, float output_scale, int32_t output_zero_point,
                           int32_t* act_min, int32_t* act_max);

// Multiplier for FULLY_CONNECTED with per-tensor weights: (float(in * w)) / out, as TFLite.
Multiplier fc_per_tensor_multiplier(float input_scale, float weight_scale, float output_scale);
// Multiplier per output channel for CONV_2D / DEPTHWISE / per-channel FC: in * w[c] / out in double.
Multiplier channel_multiplier(float input_scale, float weight_scale, float output_scale);

}  // namespace utensor
