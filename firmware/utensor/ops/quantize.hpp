// QUANTIZE (float -> int8, int8 -> int8 requantize) and DEQUANTIZE (int8 -> float).
#pragma once
#include <cstdint>

#include "utensor/quantization.hpp"

namespace utensor {

void quantize(const float* input, int8_t* output, int32_t n, float scale, int32_t zero_point);

struct RequantizeParams {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  Multiplier multiplier;
};
RequantizeParams prepare_requantize(float input_scale, int32_t input_zero_point, float output_scale,
                                    int32_t output_zero_point);
void requantize(const RequantizeParams& p, const int8_t* input, int8_t* output, int32_t n);

void dequantize(const int8_t* input, float* output, int32_t n, float scale, int32_t zero_point);

}  // namespace utensor
