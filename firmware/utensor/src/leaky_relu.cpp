#include "utensor/ops/leaky_relu.hpp"

#include "utensor/check.hpp"

namespace utensor {

namespace {
inline int8_t clamp8(int32_t v) { return static_cast<int8_t>(v < -128 ? -128 : v > 127 ? 127 : v); }

inline int32_t rescale(int32_t x, const Multiplier& m) {
  return fp::multiply_by_quantized_multiplier_double_rounding(x, m.value, m.shift);
}
}  // namespace

void leaky_relu(const LeakyReluParams& p, const int8_t* input, int8_t* output, int32_t n) {
  UTENSOR_DCHECK(input != nullptr && output != nullptr && n >= 0);
  if (p.xnn_positive != 0) {
    const int32_t bias = static_cast<int32_t>(static_cast<uint32_t>(p.output_zero_point) << 8) + 0x80;
    for (int32_t i = 0; i < n; ++i) {
      const int32_t x = input[i] - p.input_zero_point;
      output[i] = clamp8((bias + x * (x < 0 ? p.xnn_negative : p.xnn_positive)) >> 8);
    }
    return;
  }
  for (int32_t i = 0; i < n; ++i) {
    const int32_t x = input[i] - p.input_zero_point;
    output[i] = clamp8(p.output_zero_point + rescale(x, x >= 0 ? p.identity : p.alpha));
  }
}

void prelu(const PreluParams& p, const int8_t* input, const Shape& is, const int8_t* alpha, const Shape& as,
           int8_t* output, const Shape& os) {
  UTENSOR_DCHECK(input != nullptr && alpha != nullptr && output != nullptr);
  UTENSOR_DCHECK(os.rank >= is.rank && os.rank >= as.rank && os.rank <= kMaxRank);
  // Right-align both operands with the output; a dimension of 1 broadcasts (stride 0).
  int32_t out_dims[kMaxRank] = {1, 1, 1, 1}, in_stride[kMaxRank] = {0, 0, 0, 0}, a_stride[kMaxRank] = {0, 0, 0, 0};
  const int lead = kMaxRank - os.rank;
  for (int d = 0; d < os.rank; ++d) out_dims[lead + d] = os[d];
  int32_t s = 1;
  for (int d = is.rank - 1; d >= 0; --d) {
    const int k = kMaxRank - is.rank + d;
    UTENSOR_DCHECK(is[d] == out_dims[k] || is[d] == 1);
    in_stride[k] = is[d] == 1 ? 0 : s;
    s *= is[d];
  }
  s = 1;
  for (int d = as.rank - 1; d >= 0; --d) {
    const int k = kMaxRank - as.rank + d;
    UTENSOR_DCHECK(as[d] == out_dims[k] || as[d] == 1);
    a_stride[k] = as[d] == 1 ? 0 : s;
    s *= as[d];
  }
  int32_t o = 0;
  for (int32_t i0 = 0; i0 < out_dims[0]; ++i0)
    for (int32_t i1 = 0; i1 < out_dims[1]; ++i1)
      for (int32_t i2 = 0; i2 < out_dims[2]; ++i2)
        for (int32_t i3 = 0; i3 < out_dims[3]; ++i3, ++o) {
          const int32_t x = p.input_offset +
                            input[i0 * in_stride[0] + i1 * in_stride[1] + i2 * in_stride[2] + i3 * in_stride[3]];
          int32_t v;
          if (x >= 0) {
            v = rescale(x, p.positive);
          } else {
            const int32_t a = p.alpha_offset + alpha[i0 * a_stride[0] + i1 * a_stride[1] + i2 * a_stride[2] + i3 * a_stride[3]];
            v = rescale(x * a, p.negative);
          }
          output[o] = clamp8(v + p.output_offset);
        }
}

}  // namespace utensor
