// RESIZE_NEAREST_NEIGHBOR of an NHWC tensor of any element type. Which input row and column
// each output row and column copies (TFLite's scale, align_corners and half_pixel_centers
// arithmetic) is computed at generation time: `rows[oy]`, `cols[ox]`.
#pragma once
#include <cstdint>

#include "utensor/types.hpp"

namespace utensor {

void resize_nearest(const void* input, const Shape& input_shape, const int32_t* rows, const int32_t* cols,
                    void* output, const Shape& output_shape, int32_t element_bytes);

}  // namespace utensor
