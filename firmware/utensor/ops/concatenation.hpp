// CONCATENATION of tensors of any element type along one axis. TFLite and TFLite Micro require
// int8 inputs and output to share scale and zero point, so the kernel copies bytes.
//
// Each input is `outer` blocks (outer = the product of the dimensions before the axis) of
// `block_bytes[i]` bytes (its extent along the axis times the dimensions after it times the
// element size); the output is, for every outer index, input 0's block, input 1's, ...
#pragma once
#include <cstdint>

namespace utensor {

void concatenation(const void* const* inputs, const int32_t* block_bytes, int32_t count, int32_t outer, void* output);

}  // namespace utensor
