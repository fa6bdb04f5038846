#include "utensor/ops/strided_slice.hpp"

#include <cstring>

#include "utensor/check.hpp"

namespace utensor {

void strided_slice(const SliceParams& p, const void* input, const Shape& is, void* output, int32_t element_bytes) {
  UTENSOR_DCHECK(input != nullptr && output != nullptr);
  UTENSOR_DCHECK(is.rank == kMaxRank && element_bytes > 0);
  int32_t stride[kMaxRank];
  stride[kMaxRank - 1] = 1;
  for (int d = kMaxRank - 2; d >= 0; --d) stride[d] = stride[d + 1] * is[d + 1];
  for (int d = 0; d < kMaxRank; ++d) {
    // Every index taken is inside the input.
    UTENSOR_DCHECK(p.count[d] == 0 || (p.start[d] >= 0 && p.start[d] < is[d]));
    UTENSOR_DCHECK(p.count[d] == 0 ||
                   (p.start[d] + (p.count[d] - 1) * p.stride[d] >= 0 && p.start[d] + (p.count[d] - 1) * p.stride[d] < is[d]));
  }
  const uint8_t* in = static_cast<const uint8_t*>(input);
  uint8_t* out = static_cast<uint8_t*>(output);
  const size_t e = static_cast<size_t>(element_bytes);
  const bool contiguous = p.stride[3] == 1;
  for (int32_t i0 = 0; i0 < p.count[0]; ++i0)
    for (int32_t i1 = 0; i1 < p.count[1]; ++i1)
      for (int32_t i2 = 0; i2 < p.count[2]; ++i2) {
        const int32_t base = (p.start[0] + i0 * p.stride[0]) * stride[0] + (p.start[1] + i1 * p.stride[1]) * stride[1] +
                             (p.start[2] + i2 * p.stride[2]) * stride[2] + p.start[3];
        if (contiguous) {
          std::memcpy(out, in + base * e, p.count[3] * e);
          out += p.count[3] * e;
          continue;
        }
        for (int32_t i3 = 0; i3 < p.count[3]; ++i3) {
          std::memcpy(out, in + (base + i3 * p.stride[3]) * e, e);
          out += e;
        }
      }
}

}  // namespace utensor
