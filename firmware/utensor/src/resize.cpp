#include "utensor/ops/resize.hpp"

#include <cstring>

#include "utensor/check.hpp"

namespace utensor {

void resize_nearest(const void* input, const Shape& is, const int32_t* rows, const int32_t* cols, void* output,
                    const Shape& os, int32_t element_bytes) {
  UTENSOR_DCHECK(input != nullptr && output != nullptr && rows != nullptr && cols != nullptr);
  UTENSOR_DCHECK(is.rank == 4 && os.rank == 4 && is[0] == os[0] && is[3] == os[3]);
  const uint8_t* in = static_cast<const uint8_t*>(input);
  uint8_t* out = static_cast<uint8_t*>(output);
  const size_t pixel = static_cast<size_t>(is[3]) * element_bytes;
  for (int32_t b = 0; b < os[0]; ++b)
    for (int32_t y = 0; y < os[1]; ++y) {
      UTENSOR_DCHECK(rows[y] >= 0 && rows[y] < is[1]);
      const uint8_t* row = in + (static_cast<size_t>(b) * is[1] + rows[y]) * is[2] * pixel;
      for (int32_t x = 0; x < os[2]; ++x) {
        UTENSOR_DCHECK(cols[x] >= 0 && cols[x] < is[2]);
        std::memcpy(out, row + cols[x] * pixel, pixel);
        out += pixel;
      }
    }
}

}  // namespace utensor
