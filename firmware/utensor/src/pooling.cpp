#include "utensor/ops/pooling.hpp"

#include <algorithm>

#include "fast_kernels.hpp"

namespace utensor {

template <bool kMax>
static void pool(const PoolParams& p, const int8_t* input, const Shape& is, int8_t* output, const Shape& os) {
  const int32_t batches = is[0], in_h = is[1], in_w = is[2], depth = is[3];
  const int32_t out_h = os[1], out_w = os[2];
  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t oy = 0; oy < out_h; ++oy) {
      const int32_t y0 = oy * p.stride_h - p.pad_h;
      const int32_t ky_start = std::max<int32_t>(0, -y0), ky_end = std::min(p.filter_h, in_h - y0);
      for (int32_t ox = 0; ox < out_w; ++ox) {
        const int32_t x0 = ox * p.stride_w - p.pad_w;
        const int32_t kx_start = std::max<int32_t>(0, -x0), kx_end = std::min(p.filter_w, in_w - x0);
        for (int32_t c = 0; c < depth; ++c) {
          int32_t acc = kMax ? -128 : 0;
          int32_t count = 0;
          for (int32_t ky = ky_start; ky < ky_end; ++ky) {
            for (int32_t kx = kx_start; kx < kx_end; ++kx) {
              const int32_t v = input[((b * in_h + y0 + ky) * in_w + x0 + kx) * depth + c];
              acc = kMax ? std::max(acc, v) : acc + v;
              ++count;
            }
          }
          if (!kMax) {
            if (count == 0) count = 1;
            acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
          }
          acc = std::min(std::max(acc, p.act_min), p.act_max);
          output[((b * out_h + oy) * out_w + ox) * depth + c] = static_cast<int8_t>(acc);
        }
      }
    }
  }
}

namespace reference {

void max_pool2d(const PoolParams& p, const int8_t* input, const Shape& is, int8_t* output, const Shape& os) {
  pool<true>(p, input, is, output, os);
}

void average_pool2d(const PoolParams& p, const int8_t* input, const Shape& is, int8_t* output, const Shape& os) {
  pool<false>(p, input, is, output, os);
}

}  // namespace reference

void max_pool2d(const PoolParams& p, const int8_t* input, const Shape& is, int8_t* output, const Shape& os) {
  if (fast::max_pool2d(p, input, is, output, os)) return;
  reference::max_pool2d(p, input, is, output, os);
}

void average_pool2d(const PoolParams& p, const int8_t* input, const Shape& is, int8_t* output, const Shape& os) {
  if (fast::average_pool2d(p, input, is, output, os)) return;
  reference::average_pool2d(p, input, is, output, os);
}

}  // namespace utensor
