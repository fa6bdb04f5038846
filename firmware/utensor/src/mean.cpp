#include "utensor/ops/mean.hpp"

#include "utensor/check.hpp"

namespace utensor {

void mean(const MeanParams& p, const int8_t* input, const Shape& is, int8_t* output) {
  UTENSOR_DCHECK(input != nullptr && output != nullptr && is.rank == kMaxRank);
  int32_t stride[kMaxRank], outer[kMaxRank], inner[kMaxRank];
  stride[kMaxRank - 1] = 1;
  for (int d = kMaxRank - 2; d >= 0; --d) stride[d] = stride[d + 1] * is[d + 1];
  int32_t count = 1;
  for (int d = 0; d < kMaxRank; ++d) {
    outer[d] = p.reduce[d] ? 1 : is[d];
    inner[d] = p.reduce[d] ? is[d] : 1;
    count *= inner[d];
  }
  UTENSOR_DCHECK(count == p.count);
  for (int32_t o0 = 0; o0 < outer[0]; ++o0)
    for (int32_t o1 = 0; o1 < outer[1]; ++o1)
      for (int32_t o2 = 0; o2 < outer[2]; ++o2)
        for (int32_t o3 = 0; o3 < outer[3]; ++o3) {
          const int8_t* base = input + o0 * stride[0] + o1 * stride[1] + o2 * stride[2] + o3 * stride[3];
          int32_t sum = 0;
          for (int32_t i0 = 0; i0 < inner[0]; ++i0)
            for (int32_t i1 = 0; i1 < inner[1]; ++i1)
              for (int32_t i2 = 0; i2 < inner[2]; ++i2)
                for (int32_t i3 = 0; i3 < inner[3]; ++i3)
                  sum += base[i0 * stride[0] + i1 * stride[1] + i2 * stride[2] + i3 * stride[3]];
          const int32_t centered = sum - p.input_zero_point * count;
          int32_t v;
#if UTENSOR_SINGLE_ROUNDING
          if (p.xnn_scale != 0.0f) {
            // Rounded half away from zero (measured against tf.lite: ties go away from zero).
            const float y = static_cast<float>(sum) * p.xnn_scale + p.xnn_zero_point;
            const float r = y < -128.0f ? -128.0f : y > 127.0f ? 127.0f : y;
            const float a = r < 0.0f ? -r : r;
            const int32_t t = static_cast<int32_t>(a);  // a - t is exact in float
            const int32_t rounded = a - static_cast<float>(t) >= 0.5f ? t + 1 : t;
            *output++ = static_cast<int8_t>(r < 0.0f ? -rounded : rounded);
            continue;
          }
#endif
          v = fp::multiply_by_quantized_multiplier_double_rounding(centered, p.multiplier.value, p.multiplier.shift) +
              p.output_zero_point;
          *output++ = static_cast<int8_t>(v < -128 ? -128 : v > 127 ? 127 : v);
        }
}

}  // namespace utensor
