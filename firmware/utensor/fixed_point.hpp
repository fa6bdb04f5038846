// Integer fixed-point arithmetic with the rounding TensorFlow Lite uses.
//
// Requantization has two modes, chosen at compile time with UTENSOR_SINGLE_ROUNDING:
//   0 (default): TFLite Micro / gemmlowp "double rounding": a saturating rounding doubling
//                high multiply, then a rounding right shift.
//   1:           TFLite 2.x "single rounding": one 64-bit multiply, one rounding shift.
// The softmax exp/reciprocal helpers follow gemmlowp's fixed-point formulas (Q-format
// arithmetic on int32 raw values) so results are bit-exact with both interpreters.
#pragma once
#include <cstdint>
#include <cstring>
#include <limits>

#ifndef UTENSOR_SINGLE_ROUNDING
#define UTENSOR_SINGLE_ROUNDING 0
#endif

namespace utensor {
namespace fp {

constexpr int32_t kInt32Min = std::numeric_limits<int32_t>::min();
constexpr int32_t kInt32Max = std::numeric_limits<int32_t>::max();

// round(a * b / 2^31), saturating the single overflow case (INT32_MIN * INT32_MIN).
// gemmlowp adds a sign-dependent nudge (2^30 or 1 - 2^30) and divides truncating toward zero;
// for a negative product that truncation is a floor of the numerator plus 2^31 - 1, so both
// signs come to floor((a b + 2^30) / 2^31): one multiply-add and one shift, no division.
inline int32_t saturating_rounding_doubling_high_mul(int32_t a, int32_t b) {
  if (a == kInt32Min && b == kInt32Min) return kInt32Max;
  const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  return static_cast<int32_t>((ab + (int64_t{1} << 30)) >> 31);
}

// x / 2^exponent rounded to nearest, ties away from zero.
inline int32_t rounding_divide_by_pot(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((static_cast<int64_t>(1) << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// x * 2^exponent for exponent > 0, saturating; rounding divide for exponent < 0.
inline int32_t saturating_rounding_multiply_by_pot(int32_t x, int exponent) {
  if (exponent == 0) return x;
  if (exponent < 0) return rounding_divide_by_pot(x, -exponent);
  const int32_t threshold = static_cast<int32_t>((static_cast<int64_t>(1) << (31 - exponent)) - 1);
  if (x > threshold) return kInt32Max;
  if (x < -threshold) return kInt32Min;
  return static_cast<int32_t>(static_cast<uint32_t>(x) << exponent);
}

// Double rounding whatever the mode: gemmlowp's high multiply, then a rounding shift.
inline int32_t multiply_by_quantized_multiplier_double_rounding(int32_t x, int32_t multiplier, int shift) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  return rounding_divide_by_pot(
      saturating_rounding_doubling_high_mul(static_cast<int32_t>(static_cast<uint32_t>(x) << left_shift), multiplier),
      right_shift);
}

// x * multiplier * 2^shift / 2^31, multiplier a Q31 value in [2^30, 2^31), shift in [-31, 30].
inline int32_t multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift) {
#if UTENSOR_SINGLE_ROUNDING
  const int total_shift = 31 - shift;
  const int64_t round = static_cast<int64_t>(1) << (total_shift - 1);
  const int64_t result = (static_cast<int64_t>(x) * multiplier + round) >> total_shift;
  // Saturate instead of wrapping when a degenerate scale (e.g. a constant output) makes the
  // multiplier huge; TFLite's float-requantizing XNNPACK kernels saturate the same way.
  return static_cast<int32_t>(result < kInt32Min ? kInt32Min : result > kInt32Max ? kInt32Max : result);
#else
  return multiply_by_quantized_multiplier_double_rounding(x, multiplier, shift);
#endif
}

// MultiplyByQuantizedMultiplier of an int64 accumulator (the int16x8 scheme's FULLY_CONNECTED
// and CONV_2D, int64 bias): TFLite reduces the Q31 multiplier to 16 bits (rounded, saturating
// at 0x7FFF) and shifts once, rounding half up; TFLite and TFLite Micro alike, whatever the
// rounding mode. |x| < 2^47 (int16 * int8 sums plus an int64 bias); the result wraps to int32 as
// theirs does.
inline int32_t multiply_by_quantized_multiplier_int64(int64_t x, int32_t multiplier, int shift) {
  const int64_t reduced = multiplier < 0x7FFF0000 ? (multiplier + (1 << 15)) >> 16 : 0x7FFF;
  const int total_shift = 15 - shift;
  return static_cast<int32_t>((x * reduced + (int64_t{1} << (total_shift - 1))) >> total_shift);
}

// --- XNNPACK's float requantization (tf.lite's default interpreter on x86-64) --------------
// XNNPACK's int8 convolution, FULLY_CONNECTED and MUL kernels multiply the int32 accumulator
// by a float32 scale, clamp in float to the output range, and round half to even (with a
// "magic bias" add, the same trick as theirs). Used only in UTENSOR_SINGLE_ROUNDING builds, for
// the ops tf.lite hands to XNNPACK; the ranges are ints so clamping first equals clamping last.

// round-half-to-even of x, |x| < 2^22 (adding 1.5 * 2^23 leaves the rounded integer in the
// low mantissa bits).
inline int32_t round_half_even(float x) {
  const float biased = x + 12582912.0f;
  int32_t bits;
  std::memcpy(&bits, &biased, sizeof bits);
  return bits - 0x4B400000;
}

// clamp(round_half_even(x), lo, hi) for integer lo <= hi; NaN gives hi (as XNNPACK's x86
// conversion, whose MINPS returns the bound for a NaN).
inline int32_t round_half_even_clamped(float x, int32_t lo, int32_t hi) {
  const float flo = static_cast<float>(lo), fhi = static_cast<float>(hi);
  x = x < flo ? flo : x > fhi ? fhi : x;
  if (x != x) x = fhi;
  return round_half_even(x);
}

// clamp(round_half_even(float(acc) * scale), lo, hi) for integer lo <= hi.
inline int32_t requantize_fp32(int32_t acc, float scale, int32_t lo, int32_t hi) {
  return round_half_even_clamped(static_cast<float>(acc) * scale, lo, hi);
}

// --- gemmlowp-style fixed point for softmax ---------------------------------------------
// A raw int32 with I integer bits has 31 - I fractional bits. Products of Qa and Qb values
// have a + b integer bits (saturating rounding doubling high multiply of the raws).

// exp(x) for x in [-1/4, 0), x and the result with 0 integer bits.
int32_t exp_on_interval_minus_quarter_to_zero(int32_t x_q0);
// exp(x) for x <= 0 given with 5 integer bits (Q5.26); result with 0 integer bits (Q0.31).
int32_t exp_on_negative_values_q5(int32_t x_q5);
// The same for x with `integer_bits` integer bits (gemmlowp's exp_on_negative_values).
int32_t exp_on_negative_values(int32_t x, int integer_bits);
// (1 - x) / (1 + x) for x in [0, 1) (Q0.31), result in Q0.31.
int32_t one_minus_x_over_one_plus_x_for_x_in_0_1(int32_t x_q0);
// gemmlowp's logistic and tanh of a value with `integer_bits` integer bits, result in Q0.31.
int32_t logistic_q0(int32_t x, int integer_bits);
int32_t tanh_q0(int32_t x, int integer_bits);
// 1 / (1 + x) for x in [0, 1) (Q0.31); result in Q0.31 (its value is in (1/2, 1]... scaled by 1/2).
int32_t one_over_one_plus_x_for_x_in_0_1(int32_t x_q0);
// The reciprocal of a positive value with `integer_bits` integer bits, as a Q0.31 value scaled
// by 2^-num_bits_over_unit (TFLite's GetReciprocal).
int32_t reciprocal(int32_t x, int integer_bits, int* num_bits_over_unit);

}  // namespace fp
}  // namespace utensor
