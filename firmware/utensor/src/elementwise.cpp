#include "utensor/ops/elementwise.hpp"

#include <algorithm>

#include "fast_kernels.hpp"
#include "utensor/check.hpp"

namespace utensor {

namespace {

inline int8_t clamp8(int32_t v, int32_t lo, int32_t hi) { return static_cast<int8_t>(std::min(std::max(v, lo), hi)); }

// Calls f(out_index, a_index, b_index) for every output element, broadcasting size-1 dims.
template <typename F>
void broadcast_for_each(const Shape& sa, const Shape& sb, const Shape& so, F f) {
  int32_t od[4], as[4], bs[4];
  int32_t a_stride = 1, b_stride = 1;
  for (int k = 3; k >= 0; --k) {
    const int src = k - (4 - so.rank);
    od[k] = src >= 0 ? so.dims[src] : 1;
    const int ia = k - (4 - sa.rank), ib = k - (4 - sb.rank);
    const int32_t da = ia >= 0 ? sa.dims[ia] : 1, db = ib >= 0 ? sb.dims[ib] : 1;
    as[k] = da == 1 ? 0 : a_stride;
    bs[k] = db == 1 ? 0 : b_stride;
    a_stride *= da;
    b_stride *= db;
  }
  int32_t o = 0;
  for (int32_t i0 = 0; i0 < od[0]; ++i0)
    for (int32_t i1 = 0; i1 < od[1]; ++i1)
      for (int32_t i2 = 0; i2 < od[2]; ++i2)
        for (int32_t i3 = 0; i3 < od[3]; ++i3, ++o)
          f(o, i0 * as[0] + i1 * as[1] + i2 * as[2] + i3 * as[3], i0 * bs[0] + i1 * bs[1] + i2 * bs[2] + i3 * bs[3]);
}

template <bool kSub>
void add_or_sub(const AddParams& p, const int8_t* a, const Shape& sa, const int8_t* b, const Shape& sb, int8_t* out,
                const Shape& so) {
  Multiplier m2 = p.input2;
#if UTENSOR_SINGLE_ROUNDING
  if (p.xnn_shift) {
    broadcast_for_each(sa, sb, so, [&](int32_t o, int32_t ia, int32_t ib) {
      const int32_t acc = p.xnn_bias + a[ia] * p.xnn_a_multiplier + b[ib] * p.xnn_b_multiplier;
      out[o] = clamp8((acc >> p.xnn_shift) + p.output_offset, p.act_min, p.act_max);
    });
    return;
  }
  // TFLite runs 8-bit SUB through its ADD kernel with the second multiplier negated.
  if (kSub) m2.value = -m2.value;
  constexpr bool kSubtract = false;
#else
  constexpr bool kSubtract = kSub;  // TFLite Micro subtracts the rescaled values
#endif
  broadcast_for_each(sa, sb, so, [&](int32_t o, int32_t ia, int32_t ib) {
    // Double rounding in both modes: TFLM's kernel, and tf.lite's builtin one (used when XNNPACK
    // declines the op; its MultiplyByQuantizedMultiplierSmallerThanOneExp rounds twice).
    const int32_t x1 = (p.input1_offset + a[ia]) * (1 << p.left_shift);
    const int32_t x2 = (p.input2_offset + b[ib]) * (1 << p.left_shift);
    const int32_t s1 = fp::multiply_by_quantized_multiplier_double_rounding(x1, p.input1.value, p.input1.shift);
    const int32_t s2 = fp::multiply_by_quantized_multiplier_double_rounding(x2, m2.value, m2.shift);
    const int32_t raw = kSubtract ? s1 - s2 : s1 + s2;
    out[o] = clamp8(fp::multiply_by_quantized_multiplier_double_rounding(raw, p.output.value, p.output.shift) +
                        p.output_offset,
                    p.act_min, p.act_max);
  });
}

}  // namespace

void add_int16(const AddParams& p, const int16_t* a, const Shape& sa, const int16_t* b, const Shape& sb, int16_t* out,
               const Shape& so) {
  UTENSOR_DCHECK(a != nullptr && b != nullptr && out != nullptr);
  broadcast_for_each(sa, sb, so, [&](int32_t o, int32_t ia, int32_t ib) {
    const int32_t x1 = (p.input1_offset + a[ia]) * (1 << p.left_shift);
    const int32_t x2 = (p.input2_offset + b[ib]) * (1 << p.left_shift);
    const int32_t raw = fp::multiply_by_quantized_multiplier_double_rounding(x1, p.input1.value, p.input1.shift) +
                        fp::multiply_by_quantized_multiplier_double_rounding(x2, p.input2.value, p.input2.shift);
    const int32_t v =
        fp::multiply_by_quantized_multiplier_double_rounding(raw, p.output.value, p.output.shift) + p.output_offset;
    out[o] = static_cast<int16_t>(std::min(std::max(v, p.act_min), p.act_max));
  });
}

bool broadcast_shape(const Shape& a, const Shape& b, Shape* out) {
  Shape r;
  r.rank = std::max(a.rank, b.rank);
  for (int k = 0; k < r.rank; ++k) {
    const int32_t da = a.from_end(k - r.rank), db = b.from_end(k - r.rank);
    if (da != db && da != 1 && db != 1) return false;
    r.dims[k] = da == 1 ? db : da;
  }
  *out = r;
  return true;
}

AddParams prepare_add(float s1, int32_t zp1, float s2, int32_t zp2, float s_out, int32_t zp_out, Activation act) {
  AddParams p;
  p.input1_offset = -zp1;
  p.input2_offset = -zp2;
  p.output_offset = zp_out;
  p.left_shift = 20;
  const double twice_max = 2 * static_cast<double>(std::max(s1, s2));
  p.input1 = quantize_multiplier(s1 / twice_max);
  p.input2 = quantize_multiplier(s2 / twice_max);
  p.output = quantize_multiplier(twice_max / ((1 << p.left_shift) * static_cast<double>(s_out)));
  activation_range_int8(act, s_out, zp_out, &p.act_min, &p.act_max);
  return p;
}

MulParams prepare_mul(float s1, int32_t zp1, float s2, int32_t zp2, float s_out, int32_t zp_out, Activation act) {
  MulParams p;
  p.input1_offset = -zp1;
  p.input2_offset = -zp2;
  p.output_offset = zp_out;
  p.output = quantize_multiplier(static_cast<double>(s1) * static_cast<double>(s2) / static_cast<double>(s_out));
  activation_range_int8(act, s_out, zp_out, &p.act_min, &p.act_max);
  return p;
}

namespace reference {
void add(const AddParams& p, const int8_t* a, const Shape& sa, const int8_t* b, const Shape& sb, int8_t* out,
         const Shape& so) {
  add_or_sub<false>(p, a, sa, b, sb, out, so);
}
}  // namespace reference

void add(const AddParams& p, const int8_t* a, const Shape& sa, const int8_t* b, const Shape& sb, int8_t* out,
         const Shape& so) {
  if (sa == sb && sa.num_elements() == so.num_elements() && fast::add(p, a, b, out, so.num_elements())) return;
  reference::add(p, a, sa, b, sb, out, so);
}

void sub(const AddParams& p, const int8_t* a, const Shape& sa, const int8_t* b, const Shape& sb, int8_t* out,
         const Shape& so) {
  add_or_sub<true>(p, a, sa, b, sb, out, so);
}

void mul(const MulParams& p, const int8_t* a, const Shape& sa, const int8_t* b, const Shape& sb, int8_t* out,
         const Shape& so) {
#if UTENSOR_SINGLE_ROUNDING
  if (p.xnn_scale != 0.0f) {
    broadcast_for_each(sa, sb, so, [&](int32_t o, int32_t ia, int32_t ib) {
      const int32_t prod = (p.input1_offset + a[ia]) * (p.input2_offset + b[ib]);
      out[o] = static_cast<int8_t>(
          fp::requantize_fp32(prod, p.xnn_scale, p.act_min - p.output_offset, p.act_max - p.output_offset) +
          p.output_offset);
    });
    return;
  }
#endif
  broadcast_for_each(sa, sb, so, [&](int32_t o, int32_t ia, int32_t ib) {
    const int32_t prod = (p.input1_offset + a[ia]) * (p.input2_offset + b[ib]);  // double rounding, as ADD
    out[o] = clamp8(p.output_offset + fp::multiply_by_quantized_multiplier_double_rounding(prod, p.output.value,
                                                                                           p.output.shift),
                    p.act_min, p.act_max);
  });
}

void minimum(const int8_t* a, const Shape& sa, const int8_t* b, const Shape& sb, int8_t* out, const Shape& so) {
  broadcast_for_each(sa, sb, so, [&](int32_t o, int32_t ia, int32_t ib) { out[o] = std::min(a[ia], b[ib]); });
}

void maximum(const int8_t* a, const Shape& sa, const int8_t* b, const Shape& sb, int8_t* out, const Shape& so) {
  broadcast_for_each(sa, sb, so, [&](int32_t o, int32_t ia, int32_t ib) { out[o] = std::max(a[ia], b[ib]); });
}

}  // namespace utensor
