// ARG_MAX / ARG_MIN along one axis (first index wins ties, as TFLite), for any element type
// and int32 or int64 output.
#pragma once
#include <cstdint>

#include "utensor/types.hpp"

namespace utensor {

template <typename T, typename Index, bool kMax>
void arg_reduce(const T* input, const Shape& shape, int axis, Index* output) {
  if (axis < 0) axis += shape.rank;
  int32_t outer = 1, inner = 1;
  for (int i = 0; i < axis; ++i) outer *= shape.dims[i];
  for (int i = axis + 1; i < shape.rank; ++i) inner *= shape.dims[i];
  const int32_t n = shape.dims[axis];
  for (int32_t o = 0; o < outer; ++o) {
    for (int32_t in = 0; in < inner; ++in) {
      const T* base = input + static_cast<int64_t>(o) * n * inner + in;
      T best = base[0];
      Index best_index = 0;
      for (int32_t i = 1; i < n; ++i) {
        const T v = base[static_cast<int64_t>(i) * inner];
        if (kMax ? (v > best) : (v < best)) {
          best = v;
          best_index = static_cast<Index>(i);
        }
      }
      output[o * inner + in] = best_index;
    }
  }
}

template <typename T, typename Index>
void arg_max(const T* input, const Shape& shape, int axis, Index* output) {
  arg_reduce<T, Index, true>(input, shape, axis, output);
}
template <typename T, typename Index>
void arg_min(const T* input, const Shape& shape, int axis, Index* output) {
  arg_reduce<T, Index, false>(input, shape, axis, output);
}

}  // namespace utensor
