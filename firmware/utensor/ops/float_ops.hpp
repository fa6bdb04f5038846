// Float32 reference kernels: FULLY_CONNECTED, ADD, RELU, SOFTMAX (ARG_MAX: utensor/ops/argminmax.hpp).
// In place: relu_f32 and softmax_f32 may write over their input.
#pragma once
#include <cstdint>

#include "utensor/types.hpp"

namespace utensor {

void fully_connected_f32(const float* input, int32_t batches, int32_t in_depth, const float* weights,
                         const float* bias, int32_t out_depth, Activation act, float* output);
void add_f32(const float* a, const float* b, float* out, int32_t n, Activation act);
void relu_f32(const float* input, float* output, int32_t n, Activation act);
void softmax_f32(const float* input, int32_t rows, int32_t depth, float beta, float* output);

}  // namespace utensor
