#include "utensor/fixed_point.hpp"

namespace utensor {
namespace fp {
namespace {

constexpr int32_t kOneQ0 = kInt32Max;            // 1.0 in Q0.31 saturates to the largest raw
constexpr int32_t kOneQ2 = 1 << 29;              // 1.0 with 2 integer bits
inline int32_t mul(int32_t a, int32_t b) { return saturating_rounding_doubling_high_mul(a, b); }

// (a + b) / 2 rounded, without overflow.
inline int32_t rounding_half_sum(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + b;
  const int64_t sign = sum >= 0 ? 1 : -1;
  return static_cast<int32_t>((sum + sign) / 2);
}

inline int count_leading_zeros(uint32_t x) {
  if (x == 0) return 32;
  int n = 0;
  while (!(x & 0x80000000u)) {
    x <<= 1;
    ++n;
  }
  return n;
}

}  // namespace

int32_t exp_on_interval_minus_quarter_to_zero(int32_t a) {
  // Taylor expansion of exp around -1/8: exp(-1/8) * (1 + x + x^2/2 + x^3/6 + x^4/24), x = a + 1/8.
  constexpr int32_t kExpMinusOneEighth = 1895147668;
  constexpr int32_t kOneThird = 715827883;
  const int32_t x = a + (1 << 28);
  const int32_t x2 = mul(x, x);
  const int32_t x3 = mul(x2, x);
  const int32_t x4 = mul(x2, x2);
  const int32_t x4_over_4 = rounding_divide_by_pot(x4, 2);
  const int32_t poly = rounding_divide_by_pot(mul(x4_over_4 + x3, kOneThird) + x2, 1);
  return kExpMinusOneEighth + mul(kExpMinusOneEighth, x + poly);
}

int32_t exp_on_negative_values(int32_t a, int integer_bits) {
  const int fractional_bits = 31 - integer_bits;
  const int32_t quarter = 1 << (fractional_bits - 2);
  const int32_t a_mod_quarter_minus_quarter = (a & (quarter - 1)) - quarter;
  int32_t result = exp_on_interval_minus_quarter_to_zero(
      saturating_rounding_multiply_by_pot(a_mod_quarter_minus_quarter, integer_bits));
  const int32_t remainder = a_mod_quarter_minus_quarter - a;
  // exp(-2^k) for k = -2 .. 4 in Q0.31: multiply in each power of two present in -a.
  constexpr int32_t kExpOfMinusPowerOfTwo[7] = {1672461947, 1302514674, 790015084, 290630308,
                                                39332535,   720401,     242};
  for (int k = -2; k <= 4; ++k) {
    if (integer_bits > k) {
      const int shift = fractional_bits + k;
      if (remainder & (1 << shift)) result = mul(result, kExpOfMinusPowerOfTwo[k + 2]);
    }
  }
  if (integer_bits > 5 && a < -(1 << (36 - integer_bits))) result = 0;  // below -32
  return a == 0 ? kOneQ0 : result;
}

int32_t exp_on_negative_values_q5(int32_t a) { return exp_on_negative_values(a, 5); }

int32_t one_over_one_plus_x_for_x_in_0_1(int32_t a) {
  // Newton-Raphson on 1 / d with d = (1 + a) / 2 in [1/2, 1), starting at 48/17 - 32/17 d.
  const int32_t half_denominator = rounding_half_sum(a, kOneQ0);
  constexpr int32_t k48Over17 = 1515870810;      // Q2.29
  constexpr int32_t kMinus32Over17 = -1010580540;  // Q2.29
  int32_t x = k48Over17 + mul(half_denominator, kMinus32Over17);  // Q2.29
  for (int i = 0; i < 3; ++i) {
    const int32_t half_denominator_times_x = mul(half_denominator, x);  // Q2.29
    const int32_t one_minus = kOneQ2 - half_denominator_times_x;        // Q2.29
    x = x + saturating_rounding_multiply_by_pot(mul(x, one_minus), 2);  // Q4.27 -> Q2.29
  }
  // x / 2: the same raw read with 1 integer bit, then rescaled to Q0.31.
  return saturating_rounding_multiply_by_pot(x, 1);
}

int32_t one_minus_x_over_one_plus_x_for_x_in_0_1(int32_t a) {
  // The same Newton-Raphson iteration as above, then (2/(1+a)) - 1 = (1-a)/(1+a).
  const int32_t half_denominator = rounding_half_sum(a, kOneQ0);
  constexpr int32_t k48Over17 = 1515870810;      // Q2.29
  constexpr int32_t kMinus32Over17 = -1010580540;  // Q2.29
  int32_t x = k48Over17 + mul(half_denominator, kMinus32Over17);
  for (int i = 0; i < 3; ++i) {
    const int32_t one_minus = kOneQ2 - mul(half_denominator, x);
    x = x + saturating_rounding_multiply_by_pot(mul(x, one_minus), 2);
  }
  return saturating_rounding_multiply_by_pot(x - kOneQ2, 2);
}

int32_t logistic_q0(int32_t a, int integer_bits) {
  if (a == 0) return 1 << 30;  // one half
  const int32_t abs_a = a > 0 ? a : -a;
  const int32_t positive = one_over_one_plus_x_for_x_in_0_1(exp_on_negative_values(-abs_a, integer_bits));
  return a > 0 ? positive : kOneQ0 - positive;
}

int32_t tanh_q0(int32_t a, int integer_bits) {
  if (a == 0) return 0;
  const int32_t n = a < 0 ? a : -a;  // -|a|; exp(2n) reads the same raw with one more integer bit
  const int32_t t = one_minus_x_over_one_plus_x_for_x_in_0_1(exp_on_negative_values(n, integer_bits + 1));
  return a < 0 ? -t : t;
}

int32_t reciprocal(int32_t x, int integer_bits, int* num_bits_over_unit) {
  const int headroom_plus_one = count_leading_zeros(static_cast<uint32_t>(x));
  *num_bits_over_unit = integer_bits - headroom_plus_one;
  const int32_t shifted_minus_one =
      static_cast<int32_t>((static_cast<uint32_t>(x) << headroom_plus_one) - (static_cast<uint32_t>(1) << 31));
  return one_over_one_plus_x_for_x_in_0_1(shifted_minus_one);
}

}  // namespace fp
}  // namespace utensor
