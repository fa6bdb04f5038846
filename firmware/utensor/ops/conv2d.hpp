// CONV_2D and DEPTHWISE_CONV_2D (int8, NHWC, per-channel weights, int32 bias).
#pragma once
#include <cstdint>

#include "utensor/quantization.hpp"

namespace utensor {

enum class Padding : uint8_t { kSame = 0, kValid = 1 };

struct ConvParams {
  int32_t stride_h = 1, stride_w = 1;
  int32_t dilation_h = 1, dilation_w = 1;
  int32_t pad_h = 0, pad_w = 0;  // top / left padding; bottom / right is implied
  int32_t depth_multiplier = 1;  // depthwise only
  int32_t input_offset = 0;      // -(input zero point)
  int32_t output_offset = 0;     // output zero point
  int32_t act_min = -128, act_max = 127;
  const int32_t* multipliers = nullptr;  // one per output channel
  const int32_t* shifts = nullptr;
  // TFLite 2.x mode only: float32 requantization scales per output channel when tf.lite runs
  // this op on XNNPACK (fixed_point.hpp, requantize_fp32); null: the Q31 multipliers.
  const float* scales = nullptr;
  // True when `bias` already holds bias[c] + input_offset * (sum of channel c's filter weights):
  // folded at generation time by the code generator (fold_input_offset* for hand-written code).
  // The fast kernels then multiply raw int8 values, padding standing for the input zero point.
  bool bias_folded = false;
  // Working memory for the fast CONV_2D kernels (an im2col buffer), placed by the memory planner:
  // conv2d_scratch_bytes() bytes. Without it (or with too little) the portable kernel runs.
  void* scratch = nullptr;
  int32_t scratch_bytes = 0;
};

// The scratch a CONV_2D needs for its fast kernels: two output pixels' patches as int16
// (filter [Cout, Kh, Kw, Cin] gives Kh * Kw * Cin values per patch, rounded up to 4).
constexpr int32_t conv2d_scratch_bytes(int32_t k_h, int32_t k_w, int32_t in_c) {
  return 4 * ((k_h * k_w * in_c + 3) / 4 * 4);
}

// folded[c] = (bias ? bias[c] : 0) + input_offset * sum_t filter[t * channels + c] for a
// DEPTHWISE_CONV_2D filter [1, Kh, Kw, channels] (taps = Kh * Kw). CONV_2D filters are rows:
// use fold_input_offset() from fully_connected.hpp with rows = Cout, cols = Kh * Kw * Cin.
void fold_input_offset_depthwise(const int8_t* filter, int32_t taps, int32_t channels, const int32_t* bias,
                                 int32_t input_offset, int32_t* folded);

// Output size and leading padding for one spatial dimension, as TFLite computes them.
int32_t conv_output_size(Padding padding, int32_t in, int32_t filter, int32_t stride, int32_t dilation);
int32_t conv_padding(Padding padding, int32_t in, int32_t filter, int32_t stride, int32_t dilation, int32_t out);

// input [N,H,W,Cin], filter [Cout,Kh,Kw,Cin/groups], bias [Cout] or null, output [N,Ho,Wo,Cout].
void conv2d(const ConvParams& p, const int8_t* input, const Shape& input_shape, const int8_t* filter,
            const Shape& filter_shape, const int32_t* bias, int8_t* output, const Shape& output_shape);

// input [N,H,W,Cin], filter [1,Kh,Kw,Cin*M], bias [Cin*M] or null, output [N,Ho,Wo,Cin*M].
void depthwise_conv2d(const ConvParams& p, const int8_t* input, const Shape& input_shape, const int8_t* filter,
                      const Shape& filter_shape, const int32_t* bias, int8_t* output, const Shape& output_shape);

// CONV_2D in the int16x8 scheme: int16 input and output (zero points 0), int8 per-channel
// filter, int64 bias [Cout] or null; sums in 64 bits, requantized with
// fp::multiply_by_quantized_multiplier_int64 (TFLite's and TFLite Micro's reference arithmetic,
// one rounding in both modes). act_min/act_max are int16 bounds; grouped filters as conv2d().
void conv2d_int16(const ConvParams& p, const int16_t* input, const Shape& input_shape, const int8_t* filter,
                  const Shape& filter_shape, const int64_t* bias, int16_t* output, const Shape& output_shape);

// The portable kernels, bit-exact with TensorFlow Lite; conv2d() / depthwise_conv2d() run the
// target's fast kernels when they apply (folded bias, scratch) and these otherwise.
namespace reference {
void conv2d(const ConvParams& p, const int8_t* input, const Shape& input_shape, const int8_t* filter,
            const Shape& filter_shape, const int32_t* bias, int8_t* output, const Shape& output_shape);
void depthwise_conv2d(const ConvParams& p, const int8_t* input, const Shape& input_shape, const int8_t* filter,
                      const Shape& filter_shape, const int32_t* bias, int8_t* output, const Shape& output_shape);
}  // namespace reference

// Fill per-channel multipliers (count entries; weight_scales has count entries or one).
void prepare_conv(float input_scale, int32_t input_zero_point, const float* weight_scales, int32_t weight_scale_count,
                  int32_t count, float output_scale, int32_t output_zero_point, Activation act,
                  int32_t* multipliers, int32_t* shifts, ConvParams* p);

}  // namespace utensor
