// LOGISTIC and TANH on int8.
//
// TFLite Micro's arithmetic (the default build): the input, minus its zero point, rescaled to a
// fixed-point value with 4 integer bits (a Q31 multiplier and a left shift, double rounding),
// then gemmlowp's fixed-point logistic / tanh, rounded to the output's fixed scale (LOGISTIC
// 1/256 zero point -128, TANH 1/128 zero point 0); inputs beyond +-input_range_radius saturate.
// tf.lite's default interpreter instead fills a 256-entry table from float32 arithmetic: when
// `table` is set (generated at conversion time, TFLite 2.x build) the kernel looks it up.
//
// In place: `output` may be `input`.
#pragma once
#include <cstdint>

namespace utensor {

struct SigmoidTanhParams {
  int32_t input_zero_point = 0;
  int32_t input_range_radius = 0;
  int32_t input_multiplier = 0;
  int32_t input_left_shift = 0;
  const int8_t* table = nullptr;  // table[uint8_t(x)]: the output for input x
};

void logistic(const SigmoidTanhParams& p, const int8_t* input, int8_t* output, int32_t n);
void tanh(const SigmoidTanhParams& p, const int8_t* input, int8_t* output, int32_t n);
// Any 256-entry int8 -> int8 function: output[i] = table[uint8_t(input[i])].
void lookup(const int8_t* table, const int8_t* input, int8_t* output, int32_t n);

}  // namespace utensor
