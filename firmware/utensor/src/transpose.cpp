#include "utensor/ops/transpose.hpp"

#include <cstring>

#include "utensor/check.hpp"

namespace utensor {

namespace {
template <typename T>
void permute(const T* in, const int32_t* stride, const int32_t* out_dims, T* out) {
  for (int32_t i0 = 0; i0 < out_dims[0]; ++i0)
    for (int32_t i1 = 0; i1 < out_dims[1]; ++i1)
      for (int32_t i2 = 0; i2 < out_dims[2]; ++i2) {
        const T* src = in + i0 * stride[0] + i1 * stride[1] + i2 * stride[2];
        for (int32_t i3 = 0; i3 < out_dims[3]; ++i3) *out++ = src[i3 * stride[3]];
      }
}
}  // namespace

void transpose(const void* input, const Shape& is, const int32_t* perm, void* output, int32_t element_bytes) {
  UTENSOR_DCHECK(input != nullptr && output != nullptr && perm != nullptr);
  UTENSOR_DCHECK(is.rank == kMaxRank);
  int32_t in_stride[kMaxRank], stride[kMaxRank], out_dims[kMaxRank];
  in_stride[kMaxRank - 1] = 1;
  for (int d = kMaxRank - 2; d >= 0; --d) in_stride[d] = in_stride[d + 1] * is[d + 1];
  for (int d = 0; d < kMaxRank; ++d) {
    UTENSOR_DCHECK(perm[d] >= 0 && perm[d] < kMaxRank);
    stride[d] = in_stride[perm[d]];  // in elements of the input, per step of output dim d
    out_dims[d] = is[perm[d]];
  }
  switch (element_bytes) {
    case 1: permute(static_cast<const uint8_t*>(input), stride, out_dims, static_cast<uint8_t*>(output)); break;
    case 2: permute(static_cast<const uint16_t*>(input), stride, out_dims, static_cast<uint16_t*>(output)); break;
    case 4: permute(static_cast<const uint32_t*>(input), stride, out_dims, static_cast<uint32_t*>(output)); break;
    case 8: permute(static_cast<const uint64_t*>(input), stride, out_dims, static_cast<uint64_t*>(output)); break;
    default: UTENSOR_DCHECK(element_bytes == 1 || element_bytes == 2 || element_bytes == 4 || element_bytes == 8);
  }
}

}  // namespace utensor
