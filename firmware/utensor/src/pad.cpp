#include "utensor/ops/pad.hpp"

#include <cstring>

#include "utensor/check.hpp"

namespace utensor {

namespace {
void fill(uint8_t* out, int32_t elements, const uint8_t* value, int32_t element_bytes) {
  if (element_bytes == 1) {
    std::memset(out, value[0], static_cast<size_t>(elements));
    return;
  }
  for (int32_t i = 0; i < elements; ++i) std::memcpy(out + i * element_bytes, value, static_cast<size_t>(element_bytes));
}
}  // namespace

void pad(const PadParams& p, const void* input, const Shape& is, const void* pad_value, void* output,
         int32_t element_bytes) {
  UTENSOR_DCHECK(input != nullptr && output != nullptr && pad_value != nullptr);
  UTENSOR_DCHECK(is.rank == kMaxRank && element_bytes > 0);
  int32_t os[kMaxRank];
  for (int d = 0; d < kMaxRank; ++d) {
    UTENSOR_DCHECK(p.before[d] >= 0 && p.after[d] >= 0);
    os[d] = is[d] + p.before[d] + p.after[d];
  }
  const uint8_t* in = static_cast<const uint8_t*>(input);
  const uint8_t* value = static_cast<const uint8_t*>(pad_value);
  uint8_t* out = static_cast<uint8_t*>(output);
  const size_t row_bytes = static_cast<size_t>(is[3]) * element_bytes;
  for (int32_t b = 0; b < os[0]; ++b) {
    for (int32_t y = 0; y < os[1]; ++y) {
      for (int32_t x = 0; x < os[2]; ++x) {
        const int32_t ib = b - p.before[0], iy = y - p.before[1], ix = x - p.before[2];
        if (ib < 0 || ib >= is[0] || iy < 0 || iy >= is[1] || ix < 0 || ix >= is[2]) {
          fill(out, os[3], value, element_bytes);
        } else {
          fill(out, p.before[3], value, element_bytes);
          std::memcpy(out + p.before[3] * element_bytes, in + ((static_cast<size_t>(ib) * is[1] + iy) * is[2] + ix) * row_bytes,
                      row_bytes);
          fill(out + p.before[3] * element_bytes + row_bytes, p.after[3], value, element_bytes);
        }
        out += static_cast<size_t>(os[3]) * element_bytes;
      }
    }
  }
}

}  // namespace utensor
