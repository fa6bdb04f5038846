#include "utensor/ops/float_ops.hpp"

#include <algorithm>
#include <cmath>

namespace utensor {

static inline float activate(float v, Activation act) {
  switch (act) {
    case Activation::kRelu: return std::max(v, 0.0f);
    case Activation::kRelu6: return std::min(std::max(v, 0.0f), 6.0f);
    case Activation::kReluN1To1: return std::min(std::max(v, -1.0f), 1.0f);
    case Activation::kNone: break;
  }
  return v;
}

void fully_connected_f32(const float* input, int32_t batches, int32_t in_depth, const float* weights,
                         const float* bias, int32_t out_depth, Activation act, float* output) {
  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t o = 0; o < out_depth; ++o) {
      float acc = 0.0f;
      for (int32_t i = 0; i < in_depth; ++i) acc += input[b * in_depth + i] * weights[o * in_depth + i];
      if (bias) acc += bias[o];
      output[b * out_depth + o] = activate(acc, act);
    }
  }
}

void add_f32(const float* a, const float* b, float* out, int32_t n, Activation act) {
  for (int32_t i = 0; i < n; ++i) out[i] = activate(a[i] + b[i], act);
}

void relu_f32(const float* input, float* output, int32_t n, Activation act) {
  for (int32_t i = 0; i < n; ++i) output[i] = activate(input[i], act == Activation::kNone ? Activation::kRelu : act);
}

void softmax_f32(const float* input, int32_t rows, int32_t depth, float beta, float* output) {
  for (int32_t r = 0; r < rows; ++r) {
    const float* in = input + r * depth;
    float* out = output + r * depth;
    float max_v = in[0];
    for (int32_t c = 1; c < depth; ++c) max_v = std::max(max_v, in[c]);
    float sum = 0.0f;
    for (int32_t c = 0; c < depth; ++c) sum += (out[c] = std::exp((in[c] - max_v) * beta));
    for (int32_t c = 0; c < depth; ++c) out[c] /= sum;
  }
}

}  // namespace utensor
