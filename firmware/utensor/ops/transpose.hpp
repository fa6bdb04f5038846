// TRANSPOSE of a tensor of any element type, up to 4-D (shape and permutation given 4-D:
// leading dimensions of 1 and identity entries). output dim i = input dim perm[i].
#pragma once
#include <cstdint>

#include "utensor/types.hpp"

namespace utensor {

void transpose(const void* input, const Shape& input_shape, const int32_t* perm, void* output, int32_t element_bytes);

}  // namespace utensor
