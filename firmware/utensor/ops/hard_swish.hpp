// HARD_SWISH on int8: x * relu6(x + 3) / 6 in TFLite's 16-bit fixed-point arithmetic (the
// reference kernel, which TFLite Micro and tf.lite's builtin kernel share): the input on a
// "hires" scale (x 128), a "reluish" factor in [0, 1] from a Q15 multiplier and exponent, and
// the output multiplier, both int16 (the Q31 multipliers rounded to their high half).
//
// In place: `output` may be `input`.
#pragma once
#include <cstdint>

namespace utensor {

struct HardSwishParams {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  int32_t output_multiplier = 0;  // int16 fixed point
  int32_t output_exponent = 0;    // <= 0
  int32_t reluish_multiplier = 0;  // int16 fixed point
  int32_t reluish_exponent = 0;
};

void hard_swish(const HardSwishParams& p, const int8_t* input, int8_t* output, int32_t n);

}  // namespace utensor
