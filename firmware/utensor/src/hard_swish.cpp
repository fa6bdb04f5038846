#include "utensor/ops/hard_swish.hpp"

#include "utensor/check.hpp"

namespace utensor {

namespace {
// gemmlowp's int16 SaturatingRoundingDoublingHighMul.
inline int16_t rounding_doubling_high_mul16(int16_t a, int16_t b) {
  if (a == b && a == -32768) return 32767;
  const int32_t ab = static_cast<int32_t>(a) * b;
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((ab + nudge) / (1 << 15));
}

// The same without rounding (truncating division), as TFLite's HardSwish uses for the product.
inline int16_t doubling_high_mul16(int16_t a, int16_t b) {
  if (a == b && a == -32768) return 32767;
  return static_cast<int16_t>((static_cast<int32_t>(a) * b) / (1 << 15));
}

inline int16_t saturating_left_shift16(int16_t v, int amount) {
  const int64_t r = static_cast<int64_t>(v) * (int64_t{1} << amount);
  return static_cast<int16_t>(r > 32767 ? 32767 : r < -32768 ? -32768 : r);
}

// gemmlowp's RoundingDivideByPOT on an int16.
inline int16_t rounding_divide16(int16_t x, int exponent) {
  const int16_t mask = static_cast<int16_t>((1 << exponent) - 1);
  const int16_t remainder = static_cast<int16_t>(x & mask);
  const int16_t threshold = static_cast<int16_t>((mask >> 1) + (x < 0 ? 1 : 0));
  return static_cast<int16_t>((x >> exponent) + (remainder > threshold ? 1 : 0));
}
}  // namespace

void hard_swish(const HardSwishParams& p, const int8_t* input, int8_t* output, int32_t n) {
  UTENSOR_DCHECK(input != nullptr && output != nullptr && n >= 0);
  UTENSOR_DCHECK(p.output_exponent <= 0 && p.output_exponent > -16 && p.reluish_exponent > -16 && p.reluish_exponent < 16);
  const int16_t out_mult = static_cast<int16_t>(p.output_multiplier);
  const int16_t reluish_mult = static_cast<int16_t>(p.reluish_multiplier);
  for (int32_t i = 0; i < n; ++i) {
    const int16_t x = static_cast<int16_t>(input[i] - p.input_zero_point);
    const int16_t hires = static_cast<int16_t>(x * (1 << 7));
    const int16_t preshift_output = rounding_doubling_high_mul16(hires, out_mult);
    int16_t reluish = hires;
    if (p.reluish_exponent > 0) reluish = saturating_left_shift16(reluish, p.reluish_exponent - 1);
    reluish = rounding_doubling_high_mul16(reluish, reluish_mult);
    if (p.reluish_exponent > 0) reluish = saturating_left_shift16(reluish, 1);
    if (p.reluish_exponent < 0) reluish = rounding_divide16(reluish, -p.reluish_exponent);
    reluish = static_cast<int16_t>((reluish + (1 << 15)) >> 1);  // [-1, 1] -> [0, 1]
    const int16_t product = doubling_high_mul16(reluish, preshift_output);
    // int16 arithmetic, as TFLite's (the zero point is added to the int16 value).
    const int16_t v = static_cast<int16_t>(rounding_divide16(product, -p.output_exponent) + p.output_zero_point);
    output[i] = static_cast<int8_t>(v < -128 ? -128 : v > 127 ? 127 : v);
  }
}

}  // namespace utensor
