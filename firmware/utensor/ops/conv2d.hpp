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
};

// Output size and leading padding for one spatial dimension, as TFLite computes them.
int32_t conv_output_size(Padding padding, int32_t in, int32_t filter, int32_t stride, int32_t dilation);
int32_t conv_padding(Padding padding, int32_t in, int32_t filter, int32_t stride, int32_t dilation, int32_t out);

// input [N,H,W,Cin], filter [Cout,Kh,Kw,Cin/groups], bias [Cout] or null, output [N,Ho,Wo,Cout].
void conv2d(const ConvParams& p, const int8_t* input, const Shape& input_shape, const int8_t* filter,
            const Shape& filter_shape, const int32_t* bias, int8_t* output, const Shape& output_shape);

// input [N,H,W,Cin], filter [1,Kh,Kw,Cin*M], bias [Cin*M] or null, output [N,Ho,Wo,Cin*M].
void depthwise_conv2d(const ConvParams& p, const int8_t* input, const Shape& input_shape, const int8_t* filter,
                      const Shape& filter_shape, const int32_t* bias, int8_t* output, const Shape& output_shape);

// Fill per-channel multipliers (count entries; weight_scales has count entries or one).
void prepare_conv(float input_scale, int32_t input_zero_point, const float* weight_scales, int32_t weight_scale_count,
                  int32_t count, float output_scale, int32_t output_zero_point, Activation act,
                  int32_t* multipliers, int32_t* shifts, ConvParams* p);

}  // namespace utensor
