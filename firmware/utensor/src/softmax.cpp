#include "utensor/ops/softmax.hpp"

#include <algorithm>
#include <cmath>

#include "utensor/check.hpp"
#include "utensor/fixed_point.hpp"
#include "utensor/quantization.hpp"

namespace utensor {

namespace {
constexpr int kScaledDiffIntegerBits = 5;
constexpr int kAccumulationIntegerBits = 12;

inline int32_t rescale_diff(int32_t diff, const SoftmaxParams& p) {
#if UTENSOR_SINGLE_ROUNDING
  return fp::multiply_by_quantized_multiplier(diff, p.input_multiplier, p.input_left_shift);
#else
  return fp::saturating_rounding_doubling_high_mul(diff * (1 << p.input_left_shift), p.input_multiplier);
#endif
}
}  // namespace

int16_t lut_lookup_int16(int16_t value, const int16_t* table) {
  const int32_t index = 256 + (value >> 7);  // the high 9 bits pick the step
  const int32_t offset = value & 0x7f;       // the low 7 interpolate within it
  const int32_t base = table[index];
  const int32_t slope = static_cast<int16_t>(table[index + 1] - base);
  return static_cast<int16_t>(base + ((slope * offset + 64) >> 7));
}

void softmax_int16(const SoftmaxInt16Params& p, const int16_t* input, int32_t rows, int32_t depth, int16_t* output) {
  UTENSOR_DCHECK(input != nullptr && output != nullptr && p.exp_table != nullptr &&
                 p.one_over_one_plus_x_table != nullptr);
  for (int32_t r = 0; r < rows; ++r) {
    const int16_t* in = input + r * depth;
    int16_t* out = output + r * depth;
    int16_t max_in_row = INT16_MIN;
    for (int32_t c = 0; c < depth; ++c) max_in_row = std::max(max_in_row, in[c]);
    // exp(x - max) in Q0.15 for each element, kept in the output row; their sum in Q16.15.
    int32_t sum_of_exps = 0;
    for (int32_t c = 0; c < depth; ++c) {
      // Double rounding in both modes: TFLite's builtin int16 softmax rounds as TFLite Micro.
      const int32_t scaled = fp::multiply_by_quantized_multiplier_double_rounding(in[c] - max_in_row,
                                                                                 p.input_multiplier,
                                                                                 p.input_left_shift);
      const int32_t centred = std::min<int32_t>(std::max<int32_t>(scaled + 32767, -32768), 32767);
      out[c] = lut_lookup_int16(static_cast<int16_t>(centred), p.exp_table);
      sum_of_exps += out[c];
    }
    // 1 / sum: the sum normalised to [1, 2) with 14 fractional bits, looked up as 1 / (1 + x).
    int headroom_plus_one = 0;
    for (uint32_t v = static_cast<uint32_t>(sum_of_exps); !(v & 0x80000000u) && headroom_plus_one < 32; v <<= 1)
      ++headroom_plus_one;
    const int32_t shifted_sum =
        static_cast<int32_t>(((static_cast<int64_t>(sum_of_exps) << (headroom_plus_one - 1)) + (1 << 13)) >> 14);
    const int32_t centred_sum = std::min<int32_t>(std::max<int32_t>(shifted_sum - ((1 << 15) + (1 << 16)), -32768), 32767);
    const int16_t reciprocal = lut_lookup_int16(static_cast<int16_t>(centred_sum), p.one_over_one_plus_x_table);
    const int right_shift = 31 - headroom_plus_one;
    const int64_t round = int64_t{1} << (right_shift - 1);
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t v = static_cast<int32_t>((static_cast<int64_t>(out[c]) * reciprocal + round) >> right_shift);
      out[c] = static_cast<int16_t>(std::min<int32_t>(std::max<int32_t>(v, 0), 32767));
    }
  }
}

SoftmaxParams prepare_softmax(float beta, float input_scale) {
  SoftmaxParams p;
  const double real = std::min<double>(static_cast<double>(beta) * static_cast<double>(input_scale) *
                                           static_cast<double>(int64_t{1} << (31 - kScaledDiffIntegerBits)),
                                       static_cast<double>((int64_t{1} << 31) - 1));
  const Multiplier m = quantize_multiplier(real);
  p.input_multiplier = m.value;
  p.input_left_shift = m.shift;
  const double max_input_rescaled = 1.0 * ((1 << kScaledDiffIntegerBits) - 1) *
                                    static_cast<double>(int64_t{1} << (31 - kScaledDiffIntegerBits)) /
                                    static_cast<double>(int64_t{1} << p.input_left_shift);
  p.diff_min = -static_cast<int32_t>(std::floor(max_input_rescaled));
  return p;
}

#if UTENSOR_SINGLE_ROUNDING
namespace {
// std::round for 0 <= x < 2^31 without libm: x - trunc(x) is exact in float.
inline int32_t round_half_away_nonnegative(float x) {
  const int32_t t = static_cast<int32_t>(x);
  return x - static_cast<float>(t) >= 0.5f ? t + 1 : t;
}

void softmax_lut(const SoftmaxParams& p, const int8_t* input, int32_t rows, int32_t depth, int8_t* output) {
  for (int32_t r = 0; r < rows; ++r) {
    const int8_t* in = input + r * depth;
    int8_t* out = output + r * depth;
    int32_t max_in_row = -128;
    for (int32_t c = 0; c < depth; ++c) max_in_row = std::max<int32_t>(max_in_row, in[c]);
    const float* exps = p.table + 255 - max_in_row;  // exps[x] = exp(-scale * beta * (max - x))
    float sum = 0.0f;
    for (int32_t c = 0; c < depth; ++c) sum += exps[in[c]];
    const float inverse = 1.0f / (sum * p.output_scale);
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t q = round_half_away_nonnegative(exps[in[c]] * inverse) - 128;
      out[c] = static_cast<int8_t>(std::min<int32_t>(std::max<int32_t>(q, -128), 127));
    }
  }
}
}  // namespace
#endif

void softmax(const SoftmaxParams& p, const int8_t* input, int32_t rows, int32_t depth, int8_t* output) {
#if UTENSOR_SINGLE_ROUNDING
  if (p.table) {
    softmax_lut(p, input, rows, depth, output);
    return;
  }
#endif
  // Rows up to kCached values keep their exponentials from the sum for the output pass (the
  // reference computes them twice); longer rows recompute them.
  constexpr int32_t kCached = 64;
  int32_t cached[kCached];
  const bool use_cache = depth <= kCached;
  for (int32_t r = 0; r < rows; ++r) {
    const int8_t* in = input + r * depth;
    int8_t* out = output + r * depth;
    int32_t max_in_row = -128;
    for (int32_t c = 0; c < depth; ++c) max_in_row = std::max<int32_t>(max_in_row, in[c]);
    int32_t sum_of_exps = 0;  // Q12.19
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      int32_t e = -1;  // below diff_min: contributes nothing, outputs -128
      if (diff >= p.diff_min) {
        e = fp::exp_on_negative_values_q5(rescale_diff(diff, p));
        sum_of_exps += fp::rounding_divide_by_pot(e, kAccumulationIntegerBits);
      }
      if (use_cache) cached[c] = e;
    }
    int num_bits_over_unit = 0;
    const int32_t shifted_scale = fp::reciprocal(sum_of_exps, kAccumulationIntegerBits, &num_bits_over_unit);
    const int exponent = num_bits_over_unit + 31 - 8;
    for (int32_t c = 0; c < depth; ++c) {
      int32_t e;
      if (use_cache) {
        e = cached[c];
      } else {
        const int32_t diff = in[c] - max_in_row;
        e = diff >= p.diff_min ? fp::exp_on_negative_values_q5(rescale_diff(diff, p)) : -1;
      }
      if (e >= 0) {
        const int32_t unsat = fp::rounding_divide_by_pot(fp::saturating_rounding_doubling_high_mul(shifted_scale, e),
                                                         exponent);
        out[c] = static_cast<int8_t>(std::min<int32_t>(std::max<int32_t>(unsat - 128, -128), 127));
      } else {
        out[c] = -128;
      }
    }
  }
}

}  // namespace utensor
