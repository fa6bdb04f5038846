#include "utensor/ops/concatenation.hpp"

#include <cstring>

#include "utensor/check.hpp"

namespace utensor {

void concatenation(const void* const* inputs, const int32_t* block_bytes, int32_t count, int32_t outer, void* output) {
  UTENSOR_DCHECK(inputs != nullptr && block_bytes != nullptr && output != nullptr);
  UTENSOR_DCHECK(count > 0 && outer >= 0);
  uint8_t* out = static_cast<uint8_t*>(output);
  for (int32_t o = 0; o < outer; ++o) {
    for (int32_t i = 0; i < count; ++i) {
      UTENSOR_DCHECK(inputs[i] != nullptr && block_bytes[i] >= 0);
      const size_t n = static_cast<size_t>(block_bytes[i]);
      std::memcpy(out, static_cast<const uint8_t*>(inputs[i]) + static_cast<size_t>(o) * n, n);
      out += n;
    }
  }
}

}  // namespace utensor
