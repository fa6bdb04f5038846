#include "utensor/ops/sigmoid_tanh.hpp"

#include "utensor/check.hpp"
#include "utensor/fixed_point.hpp"

namespace utensor {

namespace {
constexpr int kInputIntegerBits = 4;

template <bool kTanh>
void fixed_point(const SigmoidTanhParams& p, const int8_t* input, int8_t* output, int32_t n) {
  UTENSOR_DCHECK(input != nullptr && output != nullptr && n >= 0);
  UTENSOR_DCHECK(p.input_left_shift >= 0 && p.input_left_shift <= 30 && p.input_range_radius >= 0);
  for (int32_t i = 0; i < n; ++i) {
    const int32_t x = input[i] - p.input_zero_point;
    if (x <= -p.input_range_radius) {
      output[i] = -128;
    } else if (x >= p.input_range_radius) {
      output[i] = 127;
    } else {
      const int32_t x_q4 = fp::multiply_by_quantized_multiplier_double_rounding(x, p.input_multiplier, p.input_left_shift);
      int32_t v;
      if (kTanh) {
        v = fp::rounding_divide_by_pot(fp::tanh_q0(x_q4, kInputIntegerBits), 31 - 7);
      } else {
        v = fp::rounding_divide_by_pot(fp::logistic_q0(x_q4, kInputIntegerBits), 31 - 8) - 128;
      }
      output[i] = static_cast<int8_t>(v < -128 ? -128 : v > 127 ? 127 : v);
    }
  }
}
}  // namespace

void lookup(const int8_t* table, const int8_t* input, int8_t* output, int32_t n) {
  UTENSOR_DCHECK(table != nullptr && input != nullptr && output != nullptr && n >= 0);
  for (int32_t i = 0; i < n; ++i) output[i] = table[static_cast<uint8_t>(input[i])];
}

void logistic(const SigmoidTanhParams& p, const int8_t* input, int8_t* output, int32_t n) {
  if (p.table) return lookup(p.table, input, output, n);
  fixed_point<false>(p, input, output, n);
}

void tanh(const SigmoidTanhParams& p, const int8_t* input, int8_t* output, int32_t n) {
  if (p.table) return lookup(p.table, input, output, n);
  fixed_point<true>(p, input, output, n);
}

}  // namespace utensor
