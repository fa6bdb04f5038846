// Fast kernels for the host (x86: SSE2, AVX2 or AVX-512 VNNI as the build's -march allows) and
// for WebAssembly SIMD128: every build that is not the Cortex-M4's. See fast_kernels.hpp for the
// contract and simd.hpp for the vector primitives.
//
// FULLY_CONNECTED and CONV_2D share one matrix-vector core (four output channels per pass over
// the input vector); CONV_2D first gathers each output pixel's patch (im2col, raw int8 with the
// input zero point in the padding) into the scratch the memory plan gives it, or reads 1x1
// stride-1 patches in place. DEPTHWISE_CONV_2D takes 16 channels per vector step.
#if !UTENSOR_ARM_DSP
#include <cstring>

#include "fast_kernels.hpp"
#include "requant.hpp"
#include "simd.hpp"

namespace utensor {
namespace fast {

using detail::FastRequant;
using detail::fast_requant;

int32_t requantize(int32_t acc, int32_t multiplier, int32_t shift, int32_t zero_point) {
  return detail::requantize(acc, fast_requant(multiplier, shift, zero_point));
}

const char* name() { return UTENSOR_SIMD_NAME; }

namespace {

// Branch-free (conditional moves): after a ReLU about half the outputs clamp, unpredictably.
inline int8_t clamp8(int32_t v, int32_t lo, int32_t hi) {
  v = v < lo ? lo : v;
  v = v > hi ? hi : v;
  return static_cast<int8_t>(v);
}

// Per-channel requantization constants, computed once per call for up to kMaxTable channels
// (2.5 KB of stack: inference may run on a small thread stack; wider layers derive them per output).
constexpr int32_t kMaxTable = 128;

struct RequantTable {
  // Structure of arrays, for requant4: multiplier, high word of R, shift, 2^-shift.
  alignas(16) int32_t m[kMaxTable];
  alignas(16) int32_t hi[kMaxTable];
  alignas(16) int32_t rs[kMaxTable];
  alignas(16) double scale[kMaxTable];
  const int32_t *multipliers, *shifts;
  int32_t zp, count;
  bool table, per_channel;
  RequantTable(const int32_t* mults, const int32_t* sh, bool per_ch, int32_t n, int32_t zero_point)
      : multipliers(mults), shifts(sh), zp(zero_point), count(n), table(n <= kMaxTable), per_channel(per_ch) {
    if (!table) return;
    for (int32_t c = 0; c < n; ++c) {  // per-tensor: the one multiplier repeated
      const FastRequant q = fast_requant(mults[per_ch ? c : 0], sh[per_ch ? c : 0], zp);
      m[c] = q.multiplier;
      hi[c] = q.hi;
      rs[c] = q.rs;
      scale[c] = q.rs >= 0 ? 1.0 / static_cast<double>(int64_t{1} << q.rs) : 0.0;
    }
  }
  int32_t operator()(int32_t acc, int32_t c) const {
    const int32_t i = per_channel ? c : 0;
    if (__builtin_expect(!table || rs[c] < 0, 0))
      return detail::requantize(acc, fast_requant(multipliers[i], shifts[i], zp));
    // The fast form inline (requant.hpp): one 64-bit multiply-add and a shift.
    int64_t r = static_cast<int64_t>(hi[c]) * (int64_t{1} << 32);
#if !UTENSOR_SINGLE_ROUNDING
    r += (int64_t{1} << 30) - (static_cast<int64_t>(acc < 0) << 31);
#endif
    return static_cast<int32_t>(((static_cast<int64_t>(acc) * m[c] + r) >> 32) >> rs[c]);
  }
  // Outputs c .. c + 3 into out[0..3].
  void four(const int32_t* acc, int32_t c, int32_t lo, int32_t hi_clamp, int8_t* out) const {
    if (simd::kVectorRequant && table && (rs[c] | rs[c + 1] | rs[c + 2] | rs[c + 3]) >= 0) {
      simd::requant4(acc, m + c, hi + c, rs + c, scale + c, lo, hi_clamp, out);
      return;
    }
    for (int j = 0; j < 4; ++j) out[j] = clamp8((*this)(acc[j], c + j), lo, hi_clamp);
  }
};

// out[o * out_stride] = requantized (bias[o] + sum_i x[i] w[o][i]) for o < rows.
void matvec(const int8_t* x, const int8_t* weights, int32_t k, int32_t rows, const int32_t* bias,
            const RequantTable& rq, int32_t lo, int32_t hi, int8_t* out) {
  int32_t o = 0;
  for (; o + 4 <= rows; o += 4) {
    int32_t acc[4] = {0, 0, 0, 0};
    if (bias) std::memcpy(acc, bias + o, sizeof acc);
    simd::dot4(x, weights + o * k, k, k, acc);
    rq.four(acc, o, lo, hi, out + o);
  }
  for (; o < rows; ++o) {
    const int32_t acc = (bias ? bias[o] : 0) + simd::dot1(x, weights + o * k, k);
    out[o] = clamp8(rq(acc, o), lo, hi);
  }
}

}  // namespace

bool fully_connected(const FullyConnectedParams& p, const int8_t* input, int32_t batches, int32_t in_depth,
                     const int8_t* weights, const int32_t* bias, int32_t out_depth, int8_t* output) {
  if (p.weights_offset != 0) return false;
  const RequantTable rq(p.multipliers, p.shifts, p.per_channel, out_depth, p.output_offset);
  for (int32_t b = 0; b < batches; ++b)
    matvec(input + b * in_depth, weights, in_depth, out_depth, bias, rq, p.act_min, p.act_max,
           output + b * out_depth);
  return true;
}

bool conv2d(const ConvParams& p, const int8_t* input, const Shape& is, const int8_t* filter, const Shape& fs,
            const int32_t* bias, int8_t* output, const Shape& os) {
  const int32_t batches = is[0], in_h = is[1], in_w = is[2], in_c = is[3];
  const int32_t out_c = fs[0], k_h = fs[1], k_w = fs[2];
  const int32_t out_h = os[1], out_w = os[2];
  const int32_t k = k_h * k_w * in_c;
  if (fs[3] != in_c) return false;
  const bool in_place = k_h == 1 && k_w == 1 && p.stride_h == 1 && p.stride_w == 1 && p.pad_h == 0 && p.pad_w == 0;
  if (!in_place && p.scratch_bytes < conv2d_scratch_bytes(k_h, k_w, in_c)) return false;
  int8_t* patch = static_cast<int8_t*>(p.scratch);
  const RequantTable rq(p.multipliers, p.shifts, true, out_c, p.output_offset);
  const int8_t zp = static_cast<int8_t>(-p.input_offset);
  const int32_t run = k_w * in_c;
  for (int32_t n = 0; n < batches; ++n)
    for (int32_t oy = 0; oy < out_h; ++oy)
      for (int32_t ox = 0; ox < out_w; ++ox) {
        const int8_t* x;
        if (in_place) {
          x = input + ((n * in_h + oy) * in_w + ox) * in_c;
        } else {
          const int32_t y0 = oy * p.stride_h - p.pad_h, x0 = ox * p.stride_w - p.pad_w;
          for (int32_t ky = 0; ky < k_h; ++ky) {
            const int32_t y = y0 + ky * p.dilation_h;
            int8_t* dst = patch + ky * run;
            if (y < 0 || y >= in_h) {
              std::memset(dst, zp, run);
              continue;
            }
            const int8_t* row = input + ((n * in_h + y) * in_w) * in_c;
            if (p.dilation_w == 1 && x0 >= 0 && x0 + k_w <= in_w) {
              std::memcpy(dst, row + x0 * in_c, run);
              continue;
            }
            for (int32_t kx = 0; kx < k_w; ++kx) {
              const int32_t xx = x0 + kx * p.dilation_w;
              if (xx < 0 || xx >= in_w)
                std::memset(dst + kx * in_c, zp, in_c);
              else
                std::memcpy(dst + kx * in_c, row + xx * in_c, in_c);
            }
          }
          x = patch;
        }
        matvec(x, filter, k, out_c, bias, rq, p.act_min, p.act_max, output + ((n * out_h + oy) * out_w + ox) * out_c);
      }
  return true;
}

bool depthwise_conv2d(const ConvParams& p, const int8_t* input, const Shape& is, const int8_t* filter,
                      const Shape& fs, const int32_t* bias, int8_t* output, const Shape& os) {
  const int32_t batches = is[0], in_h = is[1], in_w = is[2], ch = is[3];
  const int32_t k_h = fs[1], k_w = fs[2];
  const int32_t out_h = os[1], out_w = os[2];
  if (p.depth_multiplier != 1 || fs[3] != ch) return false;
  const int32_t zp = -p.input_offset;
  const int32_t vec = ch / 16 * 16;
  const RequantTable rq(p.multipliers, p.shifts, true, ch, p.output_offset);
  alignas(16) int8_t zp_block[16];
  std::memset(zp_block, static_cast<int8_t>(zp), sizeof zp_block);
  alignas(16) int32_t acc[16];
  for (int32_t n = 0; n < batches; ++n)
    for (int32_t oy = 0; oy < out_h; ++oy)
      for (int32_t ox = 0; ox < out_w; ++ox) {
        const int32_t y0 = oy * p.stride_h - p.pad_h, x0 = ox * p.stride_w - p.pad_w;
        int8_t* out = output + ((n * out_h + oy) * out_w + ox) * ch;
        for (int32_t c = 0; c < vec; c += 16) {
          simd::Acc16 a;
          if (bias) {
            a.init(bias + c);
          } else {
            std::memset(acc, 0, sizeof acc);
            a.init(acc);
          }
          for (int32_t ky = 0; ky < k_h; ++ky) {
            const int32_t y = y0 + ky * p.dilation_h;
            const bool y_in = y >= 0 && y < in_h;
            const int8_t* row = input + ((n * in_h + y) * in_w) * ch + c;
            const int8_t* w = filter + ky * k_w * ch + c;
            for (int32_t kx = 0; kx < k_w; ++kx, w += ch) {
              const int32_t xx = x0 + kx * p.dilation_w;
              // A tap in the padding stands for the input zero point (the bias is folded).
              a.mac(y_in && xx >= 0 && xx < in_w ? row + xx * ch : zp_block, w);
            }
          }
          a.store(acc);
          for (int32_t j = 0; j < 16; j += 4) rq.four(acc + j, c + j, p.act_min, p.act_max, out + c + j);
        }
        for (int32_t c = vec; c < ch; ++c) {
          int32_t sum = bias ? bias[c] : 0;
          for (int32_t ky = 0; ky < k_h; ++ky)
            for (int32_t kx = 0; kx < k_w; ++kx) {
              const int32_t y = y0 + ky * p.dilation_h, xx = x0 + kx * p.dilation_w;
              const bool inside = y >= 0 && y < in_h && xx >= 0 && xx < in_w;
              sum += (inside ? input[((n * in_h + y) * in_w + xx) * ch + c] : zp) * filter[(ky * k_w + kx) * ch + c];
            }
          out[c] = clamp8(rq(sum, c), p.act_min, p.act_max);
        }
      }
  return true;
}

bool add(const AddParams& p, const int8_t* a, const int8_t* b, int8_t* out, int32_t n) {
  detail::AddInputScale q1, q2;
  if (!detail::add_input_scale(p.input1_offset, p.input1.value, p.input1.shift, p.left_shift, &q1) ||
      !detail::add_input_scale(p.input2_offset, p.input2.value, p.input2.shift, p.left_shift, &q2))
    return false;
  const FastRequant qo = fast_requant(p.output.value, p.output.shift, p.output_offset);
  if (qo.rs < 0) return false;
  // Each input takes 256 values: rescale them once (two tables on the stack), then one requantize
  // per element.
  int32_t t1[256], t2[256];
  for (int32_t v = -128; v < 128; ++v) {
    t1[v + 128] = detail::add_scale(v, q1);
    t2[v + 128] = detail::add_scale(v, q2);
  }
  for (int32_t i = 0; i < n; ++i)
    out[i] = clamp8(detail::requantize(t1[a[i] + 128] + t2[b[i] + 128], qo), p.act_min, p.act_max);
  return true;
}

bool max_pool2d(const PoolParams&, const int8_t*, const Shape&, int8_t*, const Shape&) { return false; }
bool average_pool2d(const PoolParams&, const int8_t*, const Shape&, int8_t*, const Shape&) { return false; }

}  // namespace fast
}  // namespace utensor
#endif  // !UTENSOR_ARM_DSP
