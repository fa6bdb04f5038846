// FULLY_CONNECTED (int8 activations, int8 weights per tensor or per output channel, int32 bias).
#pragma once
#include <cstdint>

#include "utensor/quantization.hpp"

namespace utensor {

struct FullyConnectedParams {
  int32_t input_offset = 0;    // -(input zero point)
  int32_t weights_offset = 0;  // -(weights zero point); 0 for TFLite's symmetric int8 weights
  int32_t output_offset = 0;   // output zero point
  int32_t act_min = -128;
  int32_t act_max = 127;
  const int32_t* multipliers = nullptr;  // one, or one per output channel when per_channel
  const int32_t* shifts = nullptr;
  bool per_channel = false;
  // TFLite 2.x mode only: float32 requantization scales (one, or one per channel) when tf.lite
  // runs this op on XNNPACK (fixed_point.hpp, requantize_fp32); null: the Q31 multipliers.
  const float* scales = nullptr;
  // True when `bias` already holds bias[o] + input_offset * sum_i w[o][i] (the code generator
  // folds this constant at generation time; fold_input_offset() does it for hand-written code).
  // The fast kernels then multiply raw int8 values; without it the portable kernel runs.
  bool bias_folded = false;
  // int16x8 in TFLite 2.x mode only: tf.lite's builtin int16 kernel requantizes in double,
  // round(acc * input_scale * weight_scale / output_scale) (one, or one per channel).
  const double* real_scales = nullptr;
};

// output[b][o] = requantize(sum_i (input[b][i] + input_offset) * (w[o][i] + weights_offset) + bias[o])
// weights are row-major [out_depth][in_depth]; bias may be null.
void fully_connected(const FullyConnectedParams& p, const int8_t* input, int32_t batches, int32_t in_depth,
                     const int8_t* weights, const int32_t* bias, int32_t out_depth, int8_t* output);

// The int16x8 scheme (int16 activations, int8 weights, int64 bias): the same parameters, the
// sum accumulated in 64 bits and requantized with fp::multiply_by_quantized_multiplier_int64
// (TFLite Micro's arithmetic; in TFLite 2.x mode with p.real_scales, tf.lite's double
// requantization); act_min/act_max are int16 bounds. bias may be null; p.scales and
// p.bias_folded are not used.
void fully_connected_int16(const FullyConnectedParams& p, const int16_t* input, int32_t batches, int32_t in_depth,
                           const int8_t* weights, const int64_t* bias, int32_t out_depth, int16_t* output);

// The portable kernel, bit-exact with TensorFlow Lite; fully_connected() runs the target's fast
// kernel when it applies (folded bias) and this otherwise.
namespace reference {
void fully_connected(const FullyConnectedParams& p, const int8_t* input, int32_t batches, int32_t in_depth,
                     const int8_t* weights, const int32_t* bias, int32_t out_depth, int8_t* output);
}  // namespace reference

// Requantize one output channel's accumulator and clamp it to the activation range (shared
// by the dense, paged and sparse kernels, so all three round identically).
inline int8_t fc_output(const FullyConnectedParams& p, int32_t acc, int32_t channel) {
  const int c = p.per_channel ? channel : 0;
#if UTENSOR_SINGLE_ROUNDING
  if (p.scales)
    return static_cast<int8_t>(
        fp::requantize_fp32(acc, p.scales[c], p.act_min - p.output_offset, p.act_max - p.output_offset) +
        p.output_offset);
#endif
  acc = fp::multiply_by_quantized_multiplier(acc, p.multipliers[c], p.shifts[c]) + p.output_offset;
  return static_cast<int8_t>(acc < p.act_min ? p.act_min : acc > p.act_max ? p.act_max : acc);
}

// Dot product of one int8 row with (input + input_offset), the inner loop every int8 matmul
// shares (portable, Cortex-M4 DSP or WebAssembly SIMD path by macro; all bit-exact).
int32_t dot_int8(const int8_t* input, const int8_t* row, int32_t n, int32_t input_offset, int32_t weights_offset);

// Which dot-product implementation this build uses: "portable", "arm-dsp" or "wasm-simd128".
const char* dot_kernel_name();

// folded[o] = (bias ? bias[o] : 0) + input_offset * sum_i w[o][i], for FullyConnectedParams::bias_folded
// and ConvParams::bias_folded (rows = output channels, cols = the weights each one sums over).
void fold_input_offset(const int8_t* weights, int32_t rows, int32_t cols, const int32_t* bias, int32_t input_offset,
                       int32_t* folded);

// Fill p for hand-written code and tests. `multipliers`/`shifts` must hold out_depth entries
// when weight scales are per channel (weight_scale_count > 1), else one.
void prepare_fully_connected(float input_scale, int32_t input_zero_point, const float* weight_scales,
                             int32_t weight_scale_count, int32_t weights_zero_point, float output_scale,
                             int32_t output_zero_point, Activation act, int32_t* multipliers, int32_t* shifts,
                             FullyConnectedParams* p);

}  // namespace utensor
