#include "utensor/ops/fully_connected.hpp"

#include "fast_kernels.hpp"
#include "utensor/check.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#if UTENSOR_ARM_DSP
#include <arm_acle.h>
#endif
#if UTENSOR_WASM_SIMD
#include <wasm_simd128.h>
#endif

namespace utensor {

namespace {

// sum_i a[i] * b[i] over int8 values, exact in int32.
inline int32_t raw_dot(const int8_t* a, const int8_t* b, int32_t n) {
  int32_t acc = 0;
  int32_t i = 0;
#if UTENSOR_ARM_DSP
  // Dual 16-bit MACs: SXTB16 unpacks bytes 0/2 (and, after a rotate, 1/3) of four int8 values.
  for (; i + 4 <= n; i += 4) {
    uint32_t wa, wb;
    std::memcpy(&wa, a + i, 4);
    std::memcpy(&wb, b + i, 4);
    acc = __smlad(__sxtb16(wa), __sxtb16(wb), acc);
    acc = __smlad(__sxtb16((wa >> 8) | (wa << 24)), __sxtb16((wb >> 8) | (wb << 24)), acc);
  }
#elif UTENSOR_WASM_SIMD
  v128_t sum = wasm_i32x4_splat(0);
  for (; i + 16 <= n; i += 16) {
    const v128_t va = wasm_v128_load(a + i);
    const v128_t vb = wasm_v128_load(b + i);
    sum = wasm_i32x4_add(sum, wasm_i32x4_dot_i16x8(wasm_i16x8_extend_low_i8x16(va), wasm_i16x8_extend_low_i8x16(vb)));
    sum = wasm_i32x4_add(sum, wasm_i32x4_dot_i16x8(wasm_i16x8_extend_high_i8x16(va), wasm_i16x8_extend_high_i8x16(vb)));
  }
  acc = wasm_i32x4_extract_lane(sum, 0) + wasm_i32x4_extract_lane(sum, 1) + wasm_i32x4_extract_lane(sum, 2) +
        wasm_i32x4_extract_lane(sum, 3);
#endif
  for (; i < n; ++i) acc += static_cast<int32_t>(a[i]) * static_cast<int32_t>(b[i]);
  return acc;
}

inline int32_t raw_sum(const int8_t* a, int32_t n) {
  int32_t s = 0;
  for (int32_t i = 0; i < n; ++i) s += a[i];
  return s;
}

}  // namespace

const char* dot_kernel_name() {
#if UTENSOR_ARM_DSP
  return "arm-dsp";
#elif UTENSOR_WASM_SIMD
  return "wasm-simd128";
#else
  return "portable";
#endif
}

int32_t dot_int8(const int8_t* input, const int8_t* row, int32_t n, int32_t input_offset, int32_t weights_offset) {
  // sum (x + a)(w + b) = sum xw + a sum w + b sum x + n a b  (exact in integers)
  int32_t acc = raw_dot(input, row, n);
  if (input_offset) acc += input_offset * raw_sum(row, n);
  if (weights_offset) acc += weights_offset * raw_sum(input, n) + n * input_offset * weights_offset;
  return acc;
}

namespace reference {

void fully_connected(const FullyConnectedParams& p, const int8_t* input, int32_t batches, int32_t in_depth,
                     const int8_t* weights, const int32_t* bias, int32_t out_depth, int8_t* output) {
  // A folded bias already holds input_offset * sum(w): then only the raw products are added.
  const int32_t input_offset = p.bias_folded ? 0 : p.input_offset;
  for (int32_t b = 0; b < batches; ++b) {
    const int8_t* in = input + b * in_depth;
    for (int32_t o = 0; o < out_depth; ++o) {
      int32_t acc = dot_int8(in, weights + o * in_depth, in_depth, input_offset, p.weights_offset);
      if (p.bias_folded && p.weights_offset) acc += in_depth * p.input_offset * p.weights_offset;
      if (bias) acc += bias[o];
      output[b * out_depth + o] = fc_output(p, acc, o);
    }
  }
}

}  // namespace reference

void fully_connected(const FullyConnectedParams& p, const int8_t* input, int32_t batches, int32_t in_depth,
                     const int8_t* weights, const int32_t* bias, int32_t out_depth, int8_t* output) {
  if (p.bias_folded && !p.scales && fast::fully_connected(p, input, batches, in_depth, weights, bias, out_depth, output)) return;
  reference::fully_connected(p, input, batches, in_depth, weights, bias, out_depth, output);
}

void fully_connected_int16(const FullyConnectedParams& p, const int16_t* input, int32_t batches, int32_t in_depth,
                           const int8_t* weights, const int64_t* bias, int32_t out_depth, int16_t* output) {
  UTENSOR_DCHECK(input != nullptr && weights != nullptr && output != nullptr && p.multipliers != nullptr);
  for (int32_t b = 0; b < batches; ++b) {
    const int16_t* in = input + b * in_depth;
    for (int32_t o = 0; o < out_depth; ++o) {
      const int8_t* row = weights + o * in_depth;
      int64_t acc = 0;
      for (int32_t i = 0; i < in_depth; ++i)
        acc += static_cast<int64_t>((row[i] + p.weights_offset) * (in[i] + p.input_offset));
      if (bias) acc += bias[o];
      const int c = p.per_channel ? o : 0;
      int32_t v = fp::multiply_by_quantized_multiplier_int64(acc, p.multipliers[c], p.shifts[c]);
#if UTENSOR_SINGLE_ROUNDING
      if (p.real_scales) v = static_cast<int32_t>(std::round(static_cast<double>(acc) * p.real_scales[c]));
#endif
      v += p.output_offset;
      output[b * out_depth + o] = static_cast<int16_t>(v < p.act_min ? p.act_min : v > p.act_max ? p.act_max : v);
    }
  }
}

void fold_input_offset(const int8_t* weights, int32_t rows, int32_t cols, const int32_t* bias, int32_t input_offset,
                       int32_t* folded) {
  for (int32_t o = 0; o < rows; ++o) folded[o] = (bias ? bias[o] : 0) + input_offset * raw_sum(weights + o * cols, cols);
}

void prepare_fully_connected(float input_scale, int32_t input_zero_point, const float* weight_scales,
                             int32_t weight_scale_count, int32_t weights_zero_point, float output_scale,
                             int32_t output_zero_point, Activation act, int32_t* multipliers, int32_t* shifts,
                             FullyConnectedParams* p) {
  p->input_offset = -input_zero_point;
  p->weights_offset = -weights_zero_point;
  p->output_offset = output_zero_point;
  p->per_channel = weight_scale_count > 1;
  for (int32_t c = 0; c < weight_scale_count; ++c) {
    const Multiplier m = p->per_channel ? channel_multiplier(input_scale, weight_scales[c], output_scale)
                                        : fc_per_tensor_multiplier(input_scale, weight_scales[c], output_scale);
    multipliers[c] = m.value;
    shifts[c] = m.shift;
  }
  p->multipliers = multipliers;
  p->shifts = shifts;
  activation_range_int8(act, output_scale, output_zero_point, &p->act_min, &p->act_max);
}

}  // namespace utensor
