// Internal: the fast kernels, one implementation per build target, chosen at compile time:
//   kernels_arm_dsp.cpp    UTENSOR_ARM_DSP=1   Cortex-M4 DSP extension (SMLAD, SXTB16, SSAT)
//   kernels_wasm_simd.cpp  UTENSOR_WASM_SIMD=1 WebAssembly SIMD128
//   kernels_generic.cpp    otherwise           C++ the compiler vectorises (SSE/AVX2/AVX-512 as
//                                              the host build's -march allows)
// Each entry point returns false when its preconditions do not hold (then the public op runs
// the portable reference kernel), so every fast path is an optimisation of the same arithmetic:
// bias folded with the input offset (raw int8 products), the fast requantization (requant.hpp),
// a shape it handles and enough scratch.
#pragma once
#include <cstdint>

#include "utensor/ops/conv2d.hpp"
#include "utensor/ops/elementwise.hpp"
#include "utensor/ops/fully_connected.hpp"
#include "utensor/ops/pooling.hpp"

namespace utensor {
namespace fast {

const char* name();

// The requantization the fast kernels use (requant.hpp) on this target, plus the zero point:
// equal to fp::multiply_by_quantized_multiplier(acc, multiplier, shift) + zero_point.
int32_t requantize(int32_t acc, int32_t multiplier, int32_t shift, int32_t zero_point);

bool fully_connected(const FullyConnectedParams& p, const int8_t* input, int32_t batches, int32_t in_depth,
                     const int8_t* weights, const int32_t* bias, int32_t out_depth, int8_t* output);

bool conv2d(const ConvParams& p, const int8_t* input, const Shape& input_shape, const int8_t* filter,
            const Shape& filter_shape, const int32_t* bias, int8_t* output, const Shape& output_shape);

bool depthwise_conv2d(const ConvParams& p, const int8_t* input, const Shape& input_shape, const int8_t* filter,
                      const Shape& filter_shape, const int32_t* bias, int8_t* output, const Shape& output_shape);

// Same-shape ADD (no broadcasting).
bool add(const AddParams& p, const int8_t* a, const int8_t* b, int8_t* out, int32_t n);

bool max_pool2d(const PoolParams& p, const int8_t* input, const Shape& input_shape, int8_t* output,
                const Shape& output_shape);
bool average_pool2d(const PoolParams& p, const int8_t* input, const Shape& input_shape, int8_t* output,
                    const Shape& output_shape);

}  // namespace fast
}  // namespace utensor
