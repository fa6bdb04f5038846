// Cortex-M4 kernels (DSP extension). See fast_kernels.hpp for the contract and requant.hpp for
// the requantization. Inner loops are inline assembly so that the register allocation (and
// with it the instruction count, which is what QEMU's icount measures) does not depend on the
// compiler's mood; everything around them is C++.
#if UTENSOR_ARM_DSP
#include <cstdint>
#include <cstring>

#include "arm_dsp.hpp"
#include "fast_kernels.hpp"

namespace utensor {
namespace fast {

using arm::load32;
using detail::FastRequant;
using detail::fast_requant;

int32_t requantize(int32_t acc, int32_t multiplier, int32_t shift, int32_t zero_point) {
  return arm::requant(acc, fast_requant(multiplier, shift, zero_point));
}

const char* name() { return "arm-dsp"; }

namespace {

// Clamp to the fused activation range after SSAT to int8 (most layers need only the SSAT).
struct OutputRange {
  int32_t lo, hi;
  bool narrow;
  OutputRange(int32_t act_min, int32_t act_max) : lo(act_min), hi(act_max), narrow(act_min > -128 || act_max < 127) {}
  int8_t operator()(int32_t v) const {
    v = arm::ssat8(v);
    if (narrow) v = v < lo ? lo : v > hi ? hi : v;
    return static_cast<int8_t>(v);
  }
};

// ---- FULLY_CONNECTED ------------------------------------------------------------------------
// Four rows at a time: each input word is loaded and unpacked once (SXTB16 into bytes 0/2 and
// 1/3) and feeds eight SMLADs, 1.5 instructions per MAC with the loop.

// acc[r] += sum_k x[k] * w[r * stride + k] for r < 4, over 8 * n8 columns.
__attribute__((noinline)) void dot_rows4_x8(const int8_t* x, const int8_t* w, int32_t stride, int32_t n8, int32_t acc[4]) {
  int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
  const int8_t* w2 = w + 2 * stride;
  uint32_t xl, xh, v, t;
  asm volatile(
      "1:\n\t"
      "ldr %[xl], [%[x]], #4\n\t"
      "sxtb16 %[xh], %[xl], ror #8\n\t"
      "sxtb16 %[xl], %[xl]\n\t"
      "ldr %[v], [%[w], %[s]]\n\t"
      "sxtb16 %[t], %[v], ror #8\n\t"
      "sxtb16 %[v], %[v]\n\t"
      "smlad %[a1], %[v], %[xl], %[a1]\n\t"
      "smlad %[a1], %[t], %[xh], %[a1]\n\t"
      "ldr %[v], [%[w]], #4\n\t"
      "sxtb16 %[t], %[v], ror #8\n\t"
      "sxtb16 %[v], %[v]\n\t"
      "smlad %[a0], %[v], %[xl], %[a0]\n\t"
      "smlad %[a0], %[t], %[xh], %[a0]\n\t"
      "ldr %[v], [%[w2], %[s]]\n\t"
      "sxtb16 %[t], %[v], ror #8\n\t"
      "sxtb16 %[v], %[v]\n\t"
      "smlad %[a3], %[v], %[xl], %[a3]\n\t"
      "smlad %[a3], %[t], %[xh], %[a3]\n\t"
      "ldr %[v], [%[w2]], #4\n\t"
      "sxtb16 %[t], %[v], ror #8\n\t"
      "sxtb16 %[v], %[v]\n\t"
      "smlad %[a2], %[v], %[xl], %[a2]\n\t"
      "smlad %[a2], %[t], %[xh], %[a2]\n\t"
      "ldr %[xl], [%[x]], #4\n\t"
      "sxtb16 %[xh], %[xl], ror #8\n\t"
      "sxtb16 %[xl], %[xl]\n\t"
      "ldr %[v], [%[w], %[s]]\n\t"
      "sxtb16 %[t], %[v], ror #8\n\t"
      "sxtb16 %[v], %[v]\n\t"
      "smlad %[a1], %[v], %[xl], %[a1]\n\t"
      "smlad %[a1], %[t], %[xh], %[a1]\n\t"
      "ldr %[v], [%[w]], #4\n\t"
      "sxtb16 %[t], %[v], ror #8\n\t"
      "sxtb16 %[v], %[v]\n\t"
      "smlad %[a0], %[v], %[xl], %[a0]\n\t"
      "smlad %[a0], %[t], %[xh], %[a0]\n\t"
      "ldr %[v], [%[w2], %[s]]\n\t"
      "sxtb16 %[t], %[v], ror #8\n\t"
      "sxtb16 %[v], %[v]\n\t"
      "smlad %[a3], %[v], %[xl], %[a3]\n\t"
      "smlad %[a3], %[t], %[xh], %[a3]\n\t"
      "ldr %[v], [%[w2]], #4\n\t"
      "sxtb16 %[t], %[v], ror #8\n\t"
      "sxtb16 %[v], %[v]\n\t"
      "smlad %[a2], %[v], %[xl], %[a2]\n\t"
      "smlad %[a2], %[t], %[xh], %[a2]\n\t"
      "subs %[n], %[n], #1\n\t"
      "bne 1b\n\t"
      : [x] "+r"(x), [w] "+r"(w), [w2] "+r"(w2), [n] "+r"(n8), [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2),
        [a3] "+r"(a3), [xl] "=&r"(xl), [xh] "=&r"(xh), [v] "=&r"(v), [t] "=&r"(t)
      : [s] "r"(stride)
      : "cc", "memory");
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

// acc[r] += sum_k x[k] * w[r * stride + k] for r < 2, over 8 * n8 columns.
__attribute__((noinline)) void dot_rows2_x8(const int8_t* x, const int8_t* w, int32_t stride, int32_t n8,
                                            int32_t acc[2]) {
  int32_t a0 = acc[0], a1 = acc[1];
  uint32_t xl, xh, v, t;
#define UT_FC2_STEP                            \
  "ldr %[xl], [%[x]], #4\n\t"                  \
  "sxtb16 %[xh], %[xl], ror #8\n\t"            \
  "sxtb16 %[xl], %[xl]\n\t"                    \
  "ldr %[v], [%[w], %[s]]\n\t"                 \
  "sxtb16 %[t], %[v], ror #8\n\t"              \
  "sxtb16 %[v], %[v]\n\t"                      \
  "smlad %[a1], %[v], %[xl], %[a1]\n\t"        \
  "smlad %[a1], %[t], %[xh], %[a1]\n\t"        \
  "ldr %[v], [%[w]], #4\n\t"                   \
  "sxtb16 %[t], %[v], ror #8\n\t"              \
  "sxtb16 %[v], %[v]\n\t"                      \
  "smlad %[a0], %[v], %[xl], %[a0]\n\t"        \
  "smlad %[a0], %[t], %[xh], %[a0]\n\t"
  asm volatile("1:\n\t" UT_FC2_STEP UT_FC2_STEP
               "subs %[n], %[n], #1\n\t"
               "bne 1b\n\t"
               : [x] "+r"(x), [w] "+r"(w), [n] "+r"(n8), [a0] "+r"(a0), [a1] "+r"(a1), [xl] "=&r"(xl),
                 [xh] "=&r"(xh), [v] "=&r"(v), [t] "=&r"(t)
               : [s] "r"(stride)
               : "cc", "memory");
#undef UT_FC2_STEP
  acc[0] = a0;
  acc[1] = a1;
}

// acc += sum_k x[k] * w[k] over 8 * n8 columns.
inline int32_t dot_row_x8(const int8_t* x, const int8_t* w, int32_t n8, int32_t acc) {
  uint32_t xl, xh, v, t;
  asm volatile(
      "1:\n\t"
      "ldr %[xl], [%[x]], #4\n\t"
      "ldr %[v], [%[w]], #4\n\t"
      "sxtb16 %[xh], %[xl], ror #8\n\t"
      "sxtb16 %[xl], %[xl]\n\t"
      "sxtb16 %[t], %[v], ror #8\n\t"
      "sxtb16 %[v], %[v]\n\t"
      "smlad %[a], %[v], %[xl], %[a]\n\t"
      "smlad %[a], %[t], %[xh], %[a]\n\t"
      "ldr %[xl], [%[x]], #4\n\t"
      "ldr %[v], [%[w]], #4\n\t"
      "sxtb16 %[xh], %[xl], ror #8\n\t"
      "sxtb16 %[xl], %[xl]\n\t"
      "sxtb16 %[t], %[v], ror #8\n\t"
      "sxtb16 %[v], %[v]\n\t"
      "smlad %[a], %[v], %[xl], %[a]\n\t"
      "smlad %[a], %[t], %[xh], %[a]\n\t"
      "subs %[n], %[n], #1\n\t"
      "bne 1b\n\t"
      : [x] "+r"(x), [w] "+r"(w), [n] "+r"(n8), [a] "+r"(acc), [xl] "=&r"(xl), [xh] "=&r"(xh), [v] "=&r"(v),
        [t] "=&r"(t)
      :
      : "cc", "memory");
  return acc;
}

// The columns the unrolled loops leave (fewer than 8): plain multiply-accumulate.
inline int32_t dot_tail(const int8_t* x, const int8_t* w, int32_t n, int32_t acc) {
  for (int32_t k = 0; k < n; ++k) acc += x[k] * w[k];
  return acc;
}

}  // namespace

bool fully_connected(const FullyConnectedParams& p, const int8_t* input, int32_t batches, int32_t in_depth,
                     const int8_t* weights, const int32_t* bias, int32_t out_depth, int8_t* output) {
  if (p.weights_offset != 0) return false;
  const OutputRange range(p.act_min, p.act_max);
  const int32_t n8 = in_depth / 8, done = n8 * 8, rest = in_depth - done;
  const int32_t zp = p.output_offset;
  FastRequant q = fast_requant(p.multipliers[0], p.shifts[0], zp);
  for (int32_t b = 0; b < batches; ++b) {
    const int8_t* x = input + b * in_depth;
    int8_t* out = output + b * out_depth;
    int32_t o = 0;
    for (; o + 4 <= out_depth; o += 4) {
      const int8_t* w = weights + o * in_depth;
      int32_t acc[4] = {0, 0, 0, 0};
      if (bias) std::memcpy(acc, bias + o, sizeof acc);
      if (n8) dot_rows4_x8(x, w, in_depth, n8, acc);
      for (int r = 0; r < 4; ++r) {
        if (rest) acc[r] = dot_tail(x + done, w + r * in_depth + done, rest, acc[r]);
        if (p.per_channel) q = fast_requant(p.multipliers[o + r], p.shifts[o + r], zp);
        out[o + r] = range(arm::requant(acc[r], q));
      }
    }
    if (o + 2 <= out_depth) {
      const int8_t* w = weights + o * in_depth;
      int32_t acc[2] = {bias ? bias[o] : 0, bias ? bias[o + 1] : 0};
      if (n8) dot_rows2_x8(x, w, in_depth, n8, acc);
      for (int r = 0; r < 2; ++r) {
        if (rest) acc[r] = dot_tail(x + done, w + r * in_depth + done, rest, acc[r]);
        if (p.per_channel) q = fast_requant(p.multipliers[o + r], p.shifts[o + r], zp);
        out[o + r] = range(arm::requant(acc[r], q));
      }
      o += 2;
    }
    for (; o < out_depth; ++o) {
      const int8_t* w = weights + o * in_depth;
      int32_t acc = bias ? bias[o] : 0;
      if (n8) acc = dot_row_x8(x, w, n8, acc);
      if (rest) acc = dot_tail(x + done, w + done, rest, acc);
      if (p.per_channel) q = fast_requant(p.multipliers[o], p.shifts[o], zp);
      out[o] = range(arm::requant(acc, q));
    }
  }
  return true;
}

// ---- CONV_2D ----------------------------------------------------------------------------------
// im2col into int16 for two output pixels at a time, then a 2x2 block (two output channels x two
// pixels): each group of four patch values is one LDM of four words, each weight word is loaded
// and unpacked once and feeds four SMLADs (about 1 instruction per MAC). The patch is stored in
// the lane order SXTB16 gives the weights, (k0, k2) then (k1, k3), so the weights need no
// shuffling: per group of four values the buffer holds [A02 A13 B02 B13] (A, B the two pixels).

namespace {

constexpr int kLanePos[4] = {0, 2, 1, 3};  // where value j of a group of four goes in a pixel's slot

struct ConvGeometry {
  int32_t in_h, in_w, in_c, k_h, k_w, out_w, k;
  int32_t stride_h, stride_w, dil_h, dil_w, pad_h, pad_w;
  uint32_t zp2;  // the input zero point in both int16 lanes (padding)
  int16_t zp;
};

// Four int8 values -> two words of int16 lanes (0, 2) and (1, 3) at dst[0], dst[1].
inline void expand4(const int8_t* src, uint32_t* dst) {
  const uint32_t v = load32(src);
  dst[0] = arm::sxtb16(v);
  dst[1] = arm::sxtb16_ror8(v);
}

// Writes the patch of output pixel (b, oy, ox) into `slot` (0 or 1) of the im2col buffer. Rows of
// the filter window whose values do not fall on whole groups of four (e.g. 3 input channels) are
// first copied as bytes into `stage` (Kpad bytes, its tail past k kept zero) and expanded from there.
void fill_patch(const ConvGeometry& g, const int8_t* input, int32_t b, int32_t oy, int32_t ox, int16_t* cols,
                int slot, int8_t* stage) {
  const int32_t y0 = oy * g.stride_h - g.pad_h, x0 = ox * g.stride_w - g.pad_w;
  const int32_t run = g.k_w * g.in_c;  // values per filter row
  if ((run & 3) == 0) {
    for (int32_t ky = 0; ky < g.k_h; ++ky) {
      const int32_t y = y0 + ky * g.dil_h;
      uint32_t* dst = reinterpret_cast<uint32_t*>(cols + ((ky * run) >> 2) * 8 + slot * 4);
      if (y < 0 || y >= g.in_h) {
        for (int32_t q = 0; q < run; q += 4, dst += 4) dst[0] = dst[1] = g.zp2;
        continue;
      }
      const int8_t* row = input + ((b * g.in_h + y) * g.in_w) * g.in_c;
      if (g.dil_w == 1 && x0 >= 0 && x0 + g.k_w <= g.in_w) {
        const int8_t* src = row + x0 * g.in_c;
        for (int32_t q = 0; q < run; q += 4, dst += 4) expand4(src + q, dst);
        continue;
      }
      if ((g.in_c & 3) == 0) {
        for (int32_t kx = 0; kx < g.k_w; ++kx) {
          const int32_t x = x0 + kx * g.dil_w;
          if (x >= 0 && x < g.in_w) {
            const int8_t* src = row + x * g.in_c;
            for (int32_t c = 0; c < g.in_c; c += 4, dst += 4) expand4(src + c, dst);
          } else {
            for (int32_t c = 0; c < g.in_c; c += 4, dst += 4) dst[0] = dst[1] = g.zp2;
          }
        }
        continue;
      }
      int8_t* st = stage;  // a partial row of a window with in_c % 4 != 0: via bytes
      for (int32_t kx = 0; kx < g.k_w; ++kx, st += g.in_c) {
        const int32_t x = x0 + kx * g.dil_w;
        if (x >= 0 && x < g.in_w)
          std::memcpy(st, row + x * g.in_c, g.in_c);
        else
          std::memset(st, static_cast<int8_t>(g.zp), g.in_c);
      }
      for (int32_t q = 0; q < run; q += 4, dst += 4) expand4(stage + q, dst);
    }
    return;
  }
  int8_t* st = stage;
  for (int32_t ky = 0; ky < g.k_h; ++ky) {
    const int32_t y = y0 + ky * g.dil_h;
    const bool row_in = y >= 0 && y < g.in_h;
    const int8_t* row = input + ((b * g.in_h + y) * g.in_w) * g.in_c;
    if (row_in && g.dil_w == 1 && x0 >= 0 && x0 + g.k_w <= g.in_w) {
      std::memcpy(st, row + x0 * g.in_c, run);
      st += run;
      continue;
    }
    for (int32_t kx = 0; kx < g.k_w; ++kx, st += g.in_c) {
      const int32_t x = x0 + kx * g.dil_w;
      if (row_in && x >= 0 && x < g.in_w)
        std::memcpy(st, row + x * g.in_c, g.in_c);
      else
        std::memset(st, static_cast<int8_t>(g.zp), g.in_c);
    }
  }
  uint32_t* dst = reinterpret_cast<uint32_t*>(cols + slot * 4);
  for (int32_t q = 0; q < g.k; q += 4, dst += 4) expand4(stage + q, dst);  // tail: stage's zeros
}

// The 2x2 block: acc[0..3] = (ch0, A), (ch0, B), (ch1, A), (ch1, B) += over n4 groups.
__attribute__((noinline)) void block2x2(const int16_t* cols, const int8_t* w0, const int8_t* w1, int32_t n4,
                                        int32_t acc[4]) {
  int32_t c00 = acc[0], c01 = acc[1], c10 = acc[2], c11 = acc[3];
  register uint32_t a02 asm("r8"), a13 asm("r9"), b02 asm("r10"), b13 asm("r11");
  uint32_t v, t;
  if (n4 & 1) {
    asm volatile(
        "ldm %[p]!, {%[a02], %[a13], %[b02], %[b13]}\n\t"
        "ldr %[v], [%[w0]], #4\n\t"
        "sxtb16 %[t], %[v], ror #8\n\t"
        "sxtb16 %[v], %[v]\n\t"
        "smlad %[c00], %[v], %[a02], %[c00]\n\t"
        "smlad %[c00], %[t], %[a13], %[c00]\n\t"
        "smlad %[c01], %[v], %[b02], %[c01]\n\t"
        "smlad %[c01], %[t], %[b13], %[c01]\n\t"
        "ldr %[v], [%[w1]], #4\n\t"
        "sxtb16 %[t], %[v], ror #8\n\t"
        "sxtb16 %[v], %[v]\n\t"
        "smlad %[c10], %[v], %[a02], %[c10]\n\t"
        "smlad %[c10], %[t], %[a13], %[c10]\n\t"
        "smlad %[c11], %[v], %[b02], %[c11]\n\t"
        "smlad %[c11], %[t], %[b13], %[c11]\n\t"
        : [p] "+r"(cols), [w0] "+r"(w0), [w1] "+r"(w1), [c00] "+r"(c00), [c01] "+r"(c01), [c10] "+r"(c10),
          [c11] "+r"(c11), [a02] "=&r"(a02), [a13] "=&r"(a13), [b02] "=&r"(b02), [b13] "=&r"(b13), [v] "=&r"(v),
          [t] "=&r"(t)
        :
        : "memory");
  }
  int32_t n2 = n4 >> 1;
  if (n2) {
    asm volatile(
        "1:\n\t"
        "ldm %[p]!, {%[a02], %[a13], %[b02], %[b13]}\n\t"
        "ldr %[v], [%[w0]], #4\n\t"
        "sxtb16 %[t], %[v], ror #8\n\t"
        "sxtb16 %[v], %[v]\n\t"
        "smlad %[c00], %[v], %[a02], %[c00]\n\t"
        "smlad %[c00], %[t], %[a13], %[c00]\n\t"
        "smlad %[c01], %[v], %[b02], %[c01]\n\t"
        "smlad %[c01], %[t], %[b13], %[c01]\n\t"
        "ldr %[v], [%[w1]], #4\n\t"
        "sxtb16 %[t], %[v], ror #8\n\t"
        "sxtb16 %[v], %[v]\n\t"
        "smlad %[c10], %[v], %[a02], %[c10]\n\t"
        "smlad %[c10], %[t], %[a13], %[c10]\n\t"
        "smlad %[c11], %[v], %[b02], %[c11]\n\t"
        "smlad %[c11], %[t], %[b13], %[c11]\n\t"
        "ldm %[p]!, {%[a02], %[a13], %[b02], %[b13]}\n\t"
        "ldr %[v], [%[w0]], #4\n\t"
        "sxtb16 %[t], %[v], ror #8\n\t"
        "sxtb16 %[v], %[v]\n\t"
        "smlad %[c00], %[v], %[a02], %[c00]\n\t"
        "smlad %[c00], %[t], %[a13], %[c00]\n\t"
        "smlad %[c01], %[v], %[b02], %[c01]\n\t"
        "smlad %[c01], %[t], %[b13], %[c01]\n\t"
        "ldr %[v], [%[w1]], #4\n\t"
        "sxtb16 %[t], %[v], ror #8\n\t"
        "sxtb16 %[v], %[v]\n\t"
        "smlad %[c10], %[v], %[a02], %[c10]\n\t"
        "smlad %[c10], %[t], %[a13], %[c10]\n\t"
        "smlad %[c11], %[v], %[b02], %[c11]\n\t"
        "smlad %[c11], %[t], %[b13], %[c11]\n\t"
        "subs %[n], %[n], #1\n\t"
        "bne 1b\n\t"
        : [p] "+r"(cols), [w0] "+r"(w0), [w1] "+r"(w1), [n] "+r"(n2), [c00] "+r"(c00), [c01] "+r"(c01),
          [c10] "+r"(c10), [c11] "+r"(c11), [a02] "=&r"(a02), [a13] "=&r"(a13), [b02] "=&r"(b02), [b13] "=&r"(b13),
          [v] "=&r"(v), [t] "=&r"(t)
        :
        : "cc", "memory");
  }
  acc[0] = c00;
  acc[1] = c01;
  acc[2] = c10;
  acc[3] = c11;
}

// One output channel x two pixels: acc[0..1] = (A, B).
__attribute__((noinline)) void block1x2(const int16_t* cols, const int8_t* w0, int32_t n4, int32_t acc[2]) {
  int32_t c00 = acc[0], c01 = acc[1];
  register uint32_t a02 asm("r8"), a13 asm("r9"), b02 asm("r10"), b13 asm("r11");
  uint32_t v, t;
  asm volatile(
      "1:\n\t"
      "ldm %[p]!, {%[a02], %[a13], %[b02], %[b13]}\n\t"
      "ldr %[v], [%[w0]], #4\n\t"
      "sxtb16 %[t], %[v], ror #8\n\t"
      "sxtb16 %[v], %[v]\n\t"
      "smlad %[c00], %[v], %[a02], %[c00]\n\t"
      "smlad %[c00], %[t], %[a13], %[c00]\n\t"
      "smlad %[c01], %[v], %[b02], %[c01]\n\t"
      "smlad %[c01], %[t], %[b13], %[c01]\n\t"
      "subs %[n], %[n], #1\n\t"
      "bne 1b\n\t"
      : [p] "+r"(cols), [w0] "+r"(w0), [n] "+r"(n4), [c00] "+r"(c00), [c01] "+r"(c01), [a02] "=&r"(a02),
        [a13] "=&r"(a13), [b02] "=&r"(b02), [b13] "=&r"(b13), [v] "=&r"(v), [t] "=&r"(t)
      :
      : "cc", "memory");
  acc[0] = c00;
  acc[1] = c01;
}

// The last k % 4 values of each patch (group n4 of the buffer), for one channel.
inline void tail_macs(const int16_t* group, const int8_t* w, int32_t rem, int32_t* acc_a, int32_t* acc_b) {
  for (int32_t j = 0; j < rem; ++j) {
    *acc_a += group[kLanePos[j]] * w[j];
    *acc_b += group[4 + kLanePos[j]] * w[j];
  }
}

// All channel pairs of a pixel pair: the 2x2 block loop, then each of the four outputs
// requantized (requant.hpp, the zero point added after the shift so any shift in [-31, -2] works,
// and a zero multiplier gives the zero point) and stored. Plain assembly on this job; the pointers
// advance in place. Weight rows are read in whole groups of four: the last group of a row may run
// into the next row, whose values meet zeros in the im2col tail (the caller keeps the last pair,
// which has no next row, for the C path).
struct ConvJob {
  const int16_t* cols;   // 0
  const int8_t* w;       // 4: row of the pair's first channel
  int32_t k;             // 8: bytes per weight row
  int32_t n2;            // 12: pairs of groups of four
  int32_t odd;           // 16: one more single group first
  const int32_t* bias;   // 20
  const int32_t* mult;   // 24
  const int32_t* shift;  // 28
  int8_t* out;           // 32: pixel A's output of the pair's first channel
  int32_t out_b;         // 36: pixel B's output minus pixel A's (0: no pixel B)
  int32_t pairs;         // 40
  int32_t zp;            // 44
  int32_t lo, hi;        // 48, 52 (the _narrow variant clamps to them)
};
static_assert(sizeof(ConvJob) == 56, "offsets used by the assembly");

extern "C" void utensor_conv_pairs(ConvJob* job);
extern "C" void utensor_conv_pairs_narrow(ConvJob* job);

#define UT_GROUP                        \
  "ldm r0!, {r8, r9, r10, r11}\n"       \
  "ldr r12, [r1], #4\n"                 \
  "sxtb16 lr, r12, ror #8\n"            \
  "sxtb16 r12, r12\n"                   \
  "smlad r4, r12, r8, r4\n"             \
  "smlad r4, lr, r9, r4\n"              \
  "smlad r5, r12, r10, r5\n"            \
  "smlad r5, lr, r11, r5\n"             \
  "ldr r12, [r2], #4\n"                 \
  "sxtb16 lr, r12, ror #8\n"            \
  "sxtb16 r12, r12\n"                   \
  "smlad r6, r12, r8, r6\n"             \
  "smlad r6, lr, r9, r6\n"              \
  "smlad r7, r12, r10, r7\n"            \
  "smlad r7, lr, r11, r7\n"
#if UTENSOR_SINGLE_ROUNDING
#define UT_ROUND(A) "movs lr, #0\n"
#else
#define UT_ROUND(A) "and lr, " A ", #0x80000000\n rsbs lr, lr, #0x40000000\n sbc r3, r3, #0\n"
#endif
// Output A (acc) with multiplier M, shift RS, hi in r12 -> [ADDR]. Uses r3, lr.
#define UT_OUT(A, M, RS, ADDR, CLAMP) \
  "mov r3, r12\n" UT_ROUND(A)           \
  "smlal lr, r3, " A ", " M "\n"        \
  "asr r3, r3, " RS "\n"                \
  "add r3, r3, r2\n"                    \
  "ssat r3, #8, r3\n" CLAMP             \
  "strb r3, " ADDR "\n"
#define UT_CLAMP                        \
  "ldr lr, [sp]\n"                      \
  "ldr lr, [lr, #48]\n"                 \
  "cmp r3, lr\n it lt\n movlt r3, lr\n" \
  "ldr lr, [sp]\n"                      \
  "ldr lr, [lr, #52]\n"                 \
  "cmp r3, lr\n it gt\n movgt r3, lr\n"
// hi = 1 << (rs - 1) into r12 (rs in RS).
#define UT_HI(RS) "sub r12, " RS ", #1\n mov lr, #1\n lsl r12, lr, r12\n"
#define UT_CONV_FUNCTION(NAME, CLAMP)                                            \
  ".section .text." NAME ",\"ax\",%progbits\n"                                   \
  ".global " NAME "\n"                                                           \
  ".type " NAME ", %function\n"                                                  \
  ".thumb_func\n"                                                                \
  ".p2align 2\n" NAME ":\n"                                                      \
  "push {r0, r4-r11, lr}\n"                                                      \
  "1:\n"                                                                         \
  "ldr r12, [sp]\n"                                                              \
  "ldr r0, [r12, #20]\n"                                                         \
  "ldrd r4, r6, [r0], #8\n"                                                      \
  "str r0, [r12, #20]\n"                                                         \
  "mov r5, r4\n mov r7, r6\n"                                                    \
  "ldrd r0, r1, [r12, #0]\n"                                                     \
  "ldr r3, [r12, #8]\n"                                                          \
  "add r2, r1, r3\n"                                                             \
  "ldr r3, [r12, #16]\n"                                                         \
  "cbz r3, 2f\n" UT_GROUP                                                        \
  "2:\n"                                                                         \
  "ldr r3, [sp]\n"                                                               \
  "ldr r3, [r3, #12]\n"                                                          \
  "cbz r3, 4f\n"                                                                 \
  "3:\n" UT_GROUP UT_GROUP                                                       \
  "subs r3, r3, #1\n"                                                            \
  "bne 3b\n"                                                                     \
  "4:\n"                                                                         \
  "ldr r12, [sp]\n"                                                              \
  "ldrd r0, r3, [r12, #4]\n"                                                     \
  "add r0, r0, r3, lsl #1\n"                                                     \
  "str r0, [r12, #4]\n"                                                          \
  "ldr r0, [r12, #24]\n ldr r8, [r0], #4\n ldr r10, [r0], #4\n str r0, [r12, #24]\n" \
  "ldr r0, [r12, #28]\n ldr r9, [r0], #4\n ldr r11, [r0], #4\n str r0, [r12, #28]\n" \
  "mvn r9, r9\n cmp r8, #0\n it eq\n moveq r9, #1\n"                             \
  "mvn r11, r11\n cmp r10, #0\n it eq\n moveq r11, #1\n"                         \
  "ldrd r0, r1, [r12, #32]\n"                                                    \
  "ldr r2, [r12, #44]\n" UT_HI("r9")                                             \
  UT_OUT("r5", "r8", "r9", "[r0, r1]", CLAMP) UT_OUT("r4", "r8", "r9", "[r0]", CLAMP) \
  "add r0, r0, #1\n" UT_HI("r11")                                                \
  UT_OUT("r7", "r10", "r11", "[r0, r1]", CLAMP) UT_OUT("r6", "r10", "r11", "[r0]", CLAMP) \
  "add r0, r0, #1\n"                                                             \
  "ldr r12, [sp]\n"                                                              \
  "str r0, [r12, #32]\n"                                                         \
  "ldr r3, [r12, #40]\n"                                                         \
  "subs r3, r3, #1\n"                                                            \
  "str r3, [r12, #40]\n"                                                         \
  "bne 1b\n"                                                                     \
  "pop {r0, r4-r11, pc}\n"                                                       \
  ".size " NAME ", .-" NAME "\n"

asm(".syntax unified\n.thumb\n" UT_CONV_FUNCTION("utensor_conv_pairs", "")
        UT_CONV_FUNCTION("utensor_conv_pairs_narrow", UT_CLAMP) ".text\n");

#undef UT_CONV_FUNCTION
#undef UT_HI
#undef UT_CLAMP
#undef UT_OUT
#undef UT_ROUND
#undef UT_GROUP

// Whether utensor_conv_pairs' requantization covers channel c: shift in [-31, -2], or multiplier 0.
inline bool conv_pairs_requant_ok(const int32_t* multipliers, const int32_t* shifts, int32_t count) {
  for (int32_t c = 0; c < count; ++c)
    if (multipliers[c] != 0 && (shifts[c] < -31 || shifts[c] > -2)) return false;
  return true;
}

}  // namespace

bool conv2d(const ConvParams& p, const int8_t* input, const Shape& is, const int8_t* filter, const Shape& fs,
            const int32_t* bias, int8_t* output, const Shape& os) {
  const int32_t batches = is[0], out_c = fs[0];
  ConvGeometry g;
  g.in_h = is[1];
  g.in_w = is[2];
  g.in_c = is[3];
  g.k_h = fs[1];
  g.k_w = fs[2];
  g.k = g.k_h * g.k_w * g.in_c;
  g.out_w = os[2];
  g.stride_h = p.stride_h;
  g.stride_w = p.stride_w;
  g.dil_h = p.dilation_h;
  g.dil_w = p.dilation_w;
  g.pad_h = p.pad_h;
  g.pad_w = p.pad_w;
  g.zp = static_cast<int16_t>(-p.input_offset);
  g.zp2 = (static_cast<uint32_t>(g.zp) & 0xFFFFu) * 0x10001u;
  if (fs[3] != g.in_c || p.scratch_bytes < conv2d_scratch_bytes(g.k_h, g.k_w, g.in_c) ||
      (reinterpret_cast<uintptr_t>(p.scratch) & 3))
    return false;
  int16_t* cols = static_cast<int16_t*>(p.scratch);
  const int32_t n4 = g.k >> 2, rem = g.k & 3;
  const int32_t kpad = (g.k + 3) & ~3;
  constexpr int32_t kMaxStage = 1024;  // bytes of stack for patches whose rows need the byte path
  const bool needs_stage = ((g.k_w * g.in_c) & 3) != 0 || (g.in_c & 3) != 0;
  if (needs_stage && kpad > kMaxStage) return false;
  alignas(4) int8_t stage[needs_stage ? kpad : 4];
  if (needs_stage) std::memset(stage, 0, static_cast<size_t>(kpad));
  // The im2col tail (values k .. kpad) stays zero: fill_patch never writes it.
  if (rem)
    for (int j = 0; j < 8; ++j) cols[n4 * 8 + j] = 0;
  const int16_t* tail = cols + n4 * 8;
  const OutputRange range(p.act_min, p.act_max);
  const int32_t zp_out = p.output_offset;
  const int32_t pixels = batches * os[1] * os[2];
  const int32_t per_image = os[1] * os[2];
  // Channel pairs the assembly takes: all but the last when weight rows are read past their end.
  const bool use_asm = bias != nullptr && conv_pairs_requant_ok(p.multipliers, p.shifts, out_c);
  const int32_t asm_pairs = use_asm ? (rem ? (out_c - 1) / 2 : out_c / 2) : 0;
  const int32_t groups = rem ? n4 + 1 : n4;
  for (int32_t px = 0; px < pixels; px += 2) {
    const bool pair = px + 1 < pixels;
    fill_patch(g, input, px / per_image, (px % per_image) / g.out_w, px % g.out_w, cols, 0, stage);
    if (pair) {
      const int32_t q = px + 1;
      fill_patch(g, input, q / per_image, (q % per_image) / g.out_w, q % g.out_w, cols, 1, stage);
    }
    int8_t* out_a = output + px * out_c;
    int8_t* out_b = out_a + out_c;
    int32_t c = 0;
    if (asm_pairs > 0) {
      ConvJob job;
      job.cols = cols;
      job.w = filter;
      job.k = g.k;
      job.n2 = groups >> 1;
      job.odd = groups & 1;
      job.bias = bias;
      job.mult = p.multipliers;
      job.shift = p.shifts;
      job.out = out_a;
      job.out_b = pair ? out_c : 0;
      job.pairs = asm_pairs;
      job.zp = zp_out;
      job.lo = p.act_min;
      job.hi = p.act_max;
      (range.narrow ? utensor_conv_pairs_narrow : utensor_conv_pairs)(&job);
      c = 2 * asm_pairs;
    }
    for (; c + 2 <= out_c; c += 2) {
      const int8_t* w0 = filter + c * g.k;
      const int8_t* w1 = w0 + g.k;
      const int32_t b0 = bias ? bias[c] : 0, b1 = bias ? bias[c + 1] : 0;
      int32_t acc[4] = {b0, b0, b1, b1};
      if (n4) block2x2(cols, w0, w1, n4, acc);
      if (rem) {
        tail_macs(tail, w0 + n4 * 4, rem, &acc[0], &acc[1]);
        tail_macs(tail, w1 + n4 * 4, rem, &acc[2], &acc[3]);
      }
      const FastRequant q0 = fast_requant(p.multipliers[c], p.shifts[c], zp_out);
      const FastRequant q1 = fast_requant(p.multipliers[c + 1], p.shifts[c + 1], zp_out);
      out_a[c] = range(arm::requant(acc[0], q0));
      out_a[c + 1] = range(arm::requant(acc[2], q1));
      if (pair) {
        out_b[c] = range(arm::requant(acc[1], q0));
        out_b[c + 1] = range(arm::requant(acc[3], q1));
      }
    }
    if (c < out_c) {
      const int8_t* w0 = filter + c * g.k;
      const int32_t b0 = bias ? bias[c] : 0;
      int32_t acc[2] = {b0, b0};
      if (n4) block1x2(cols, w0, n4, acc);
      if (rem) tail_macs(tail, w0 + n4 * 4, rem, &acc[0], &acc[1]);
      const FastRequant q0 = fast_requant(p.multipliers[c], p.shifts[c], zp_out);
      out_a[c] = range(arm::requant(acc[0], q0));
      if (pair) out_b[c] = range(arm::requant(acc[1], q0));
    }
  }
  return true;
}

// ---- DEPTHWISE_CONV_2D ------------------------------------------------------------------------
// Four channels per word: for every tap one input word and one weight word, each unpacked by two
// SXTB16 into lanes (c0, c2) and (c1, c3), feed four 16x16 MACs (SMLABB / SMLATT). Channel groups
// are the outer loop so each group's four requantization constants are derived once.

namespace {


// A run of output pixels of one group of four channels, 3x3 taps all inside the input:
// accumulate, requantize, store. Plain assembly (no compiler register allocation) taking this
// job; the pointers and count advance in place.
struct Dw3x3Job {
  const int8_t* in;    // 0: top-left tap, first pixel, first of the four channels
  const int8_t* w;     // 4: tap 0's weights for the four channels
  int32_t c;           // 8: bytes from tap to tap (channels; the weights' stride too)
  int32_t row;         // 12: bytes from input row to input row
  int32_t in_step;     // 16: input advance per output pixel
  int8_t* out;         // 20: first output
  int32_t out_step;    // 24: output advance per pixel (channels)
  int32_t count;       // 28: pixels
  int32_t bias[4];     // 32
  int32_t rq[4][3];    // 48: multiplier, hi, rs per channel (requant.hpp)
  int32_t lo, hi;      // 96: the activation range (the _narrow variant clamps to it)
};
static_assert(sizeof(Dw3x3Job) == 104, "offsets used by the assembly");

extern "C" void utensor_dw3x3_run(Dw3x3Job* job);
extern "C" void utensor_dw3x3_run_narrow(Dw3x3Job* job);

#define UT_STR2(x) #x
#define UT_STR(x) UT_STR2(x)
#define UT_TAP(XOFF)                  \
  "ldr r8, [r1" XOFF "]\n"            \
  "ldr r10, [r2" XOFF "]\n"           \
  "sxtb16 r9, r8, ror #8\n"           \
  "sxtb16 r8, r8\n"                   \
  "sxtb16 r11, r10, ror #8\n"         \
  "sxtb16 r10, r10\n"                 \
  "smlabb r4, r8, r10, r4\n"          \
  "smlatt r6, r8, r10, r6\n"          \
  "smlabb r5, r9, r11, r5\n"          \
  "smlatt r7, r9, r11, r7\n"
#define UT_TAPROW UT_TAP("") UT_TAP(", r3") UT_TAP(", r12")
#if UTENSOR_SINGLE_ROUNDING
#define UT_ROUND "movs r11, #0\n"
#else
#define UT_ROUND                      \
  "and r11, %A, #0x80000000\n"        \
  "rsbs r11, r11, #0x40000000\n"      \
  "sbc r9, r9, #0\n"
#endif
#define UT_REQ(A, J, CLAMP)           \
  "ldm r2!, {r8, r9, r10}\n"          \
  UT_REQ_ROUND(A)                     \
  "smlal r11, r9, " A ", r8\n"        \
  "asr r9, r9, r10\n"                 \
  "ssat r9, #8, r9\n" CLAMP           \
  "strb r9, [r1, #" J "]\n"
#if UTENSOR_SINGLE_ROUNDING
#define UT_REQ_ROUND(A) "movs r11, #0\n"
#else
#define UT_REQ_ROUND(A) "and r11, " A ", #0x80000000\n rsbs r11, r11, #0x40000000\n sbc r9, r9, #0\n"
#endif
#define UT_CLAMP                      \
  "ldrd r10, r11, [r0, #96]\n"        \
  "cmp r9, r10\n"                     \
  "it lt\n"                           \
  "movlt r9, r10\n"                   \
  "cmp r9, r11\n"                     \
  "it gt\n"                           \
  "movgt r9, r11\n"
#define UT_DW_FUNCTION(NAME, CLAMP)                                         \
  ".section .text." NAME ",\"ax\",%progbits\n"                              \
  ".global " NAME "\n"                                                      \
  ".type " NAME ", %function\n"                                             \
  ".thumb_func\n"                                                           \
  ".p2align 2\n" NAME ":\n"                                                 \
  "push {r4-r11, lr}\n"                                                     \
  "1:\n"                                                                    \
  "ldrd r1, r2, [r0, #0]\n"                                                 \
  "ldrd r3, lr, [r0, #8]\n"                                                 \
  "lsl r12, r3, #1\n"                                                       \
  "add r8, r0, #32\n"                                                       \
  "ldm r8, {r4-r7}\n" UT_TAPROW                                             \
  "add r1, r1, lr\n add r2, r2, r12\n add r2, r2, r3\n" UT_TAPROW           \
  "add r1, r1, lr\n add r2, r2, r12\n add r2, r2, r3\n" UT_TAPROW           \
  "ldr r1, [r0, #20]\n"                                                     \
  "add r2, r0, #48\n"                                                       \
  UT_REQ("r4", "0", CLAMP) UT_REQ("r5", "1", CLAMP) UT_REQ("r6", "2", CLAMP) \
  UT_REQ("r7", "3", CLAMP)                                                  \
  "ldr r3, [r0, #24]\n add r1, r1, r3\n str r1, [r0, #20]\n"                \
  "ldr r1, [r0, #0]\n ldr r3, [r0, #16]\n add r1, r1, r3\n"              \
  "str r1, [r0, #0]\n"                                                      \
  "ldr r3, [r0, #28]\n subs r3, r3, #1\n str r3, [r0, #28]\n"              \
  "bne 1b\n"                                                                \
  "pop {r4-r11, pc}\n"                                                      \
  ".size " NAME ", .-" NAME "\n"

asm(".syntax unified\n.thumb\n" UT_DW_FUNCTION("utensor_dw3x3_run", "")
        UT_DW_FUNCTION("utensor_dw3x3_run_narrow", UT_CLAMP) ".text\n");

#undef UT_DW_FUNCTION
#undef UT_CLAMP
#undef UT_REQ
#undef UT_REQ_ROUND
#undef UT_ROUND
#undef UT_TAPROW
#undef UT_TAP
#undef UT_STR
#undef UT_STR2

// Taps [ky0, ky1) x [kx0, kx1) for four channels in C (border pixels, other kernel sizes).
// Also sums the weights it used (lanes (c0, c2), (c1, c3)) so that the caller can add the
// padded taps' contribution, zero point x their weights, in one step.
inline void dw_taps4(const int8_t* in, const int8_t* w, int32_t ch, int32_t in_w, int32_t dil_h, int32_t dil_w,
                     int32_t ky0, int32_t ky1, int32_t kx0, int32_t kx1, int32_t k_w, int32_t acc[4],
                     uint32_t* used02, uint32_t* used13) {
  uint32_t s02 = 0, s13 = 0;
  int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
  for (int32_t ky = ky0; ky < ky1; ++ky) {
    const int8_t* xr = in + ky * dil_h * in_w * ch;
    const int8_t* wr = w + ky * k_w * ch;
    for (int32_t kx = kx0; kx < kx1; ++kx) {
      const uint32_t x = load32(xr + kx * dil_w * ch), v = load32(wr + kx * ch);
      const uint32_t x02 = arm::sxtb16(x), x13 = arm::sxtb16_ror8(x);
      const uint32_t w02 = arm::sxtb16(v), w13 = arm::sxtb16_ror8(v);
      a0 = arm::smlabb(x02, w02, a0);
      a2 = arm::smlatt(x02, w02, a2);
      a1 = arm::smlabb(x13, w13, a1);
      a3 = arm::smlatt(x13, w13, a3);
      s02 = arm::sadd16(s02, w02);
      s13 = arm::sadd16(s13, w13);
    }
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
  *used02 = s02;
  *used13 = s13;
}

// First index i in [0, n) with lo <= base + i * step, and one past the last with base + i * step < hi.
inline int32_t first_at_least(int32_t base, int32_t step, int32_t lo) {
  return base >= lo ? 0 : (lo - base + step - 1) / step;
}
inline int32_t end_below(int32_t base, int32_t step, int32_t hi, int32_t n) {
  if (base >= hi) return 0;
  const int32_t e = (hi - 1 - base) / step + 1;
  return e < n ? e : n;
}

}  // namespace

bool depthwise_conv2d(const ConvParams& p, const int8_t* input, const Shape& is, const int8_t* filter,
                      const Shape& fs, const int32_t* bias, int8_t* output, const Shape& os) {
  const int32_t batches = is[0], in_h = is[1], in_w = is[2], ch = is[3];
  const int32_t k_h = fs[1], k_w = fs[2];
  const int32_t out_h = os[1], out_w = os[2];
  if (p.depth_multiplier != 1 || fs[3] != ch) return false;
  const OutputRange range(p.act_min, p.act_max);
  const int32_t zp_in = -p.input_offset;
  const uint32_t zp16 = static_cast<uint32_t>(zp_in) & 0xFFFFu;
  const int32_t row = in_w * ch;
  const bool fast3x3 = k_h == 3 && k_w == 3 && p.dilation_h == 1 && p.dilation_w == 1;
  const int32_t groups = ch / 4;
  const uint32_t zp4 = (static_cast<uint32_t>(zp_in) & 0xFFu) * 0x01010101u;
  for (int32_t g = 0; g < groups; ++g) {
    const int32_t c = 4 * g;
    FastRequant q[4];
    int32_t b[4];
    for (int j = 0; j < 4; ++j) {
      q[j] = fast_requant(p.multipliers[c + j], p.shifts[c + j], p.output_offset);
      b[j] = bias ? bias[c + j] : 0;
    }
    uint32_t all02 = 0, all13 = 0;  // the group's weight sums over every tap
    for (int32_t t = 0; t < k_h * k_w; ++t) {
      const uint32_t v = load32(filter + t * ch + c);
      all02 = arm::sadd16(all02, arm::sxtb16(v));
      all13 = arm::sadd16(all13, arm::sxtb16_ror8(v));
    }
    bool group_fast = fast3x3;
    Dw3x3Job job;
    if (fast3x3) {
      for (int j = 0; j < 4; ++j) {
        if (q[j].rs < 0) group_fast = false;
        job.bias[j] = b[j];
        job.rq[j][0] = q[j].multiplier;
        job.rq[j][1] = q[j].hi;
        job.rq[j][2] = q[j].rs;
      }
      job.w = filter + c;
      job.c = ch;
      job.out_step = ch;
      job.lo = p.act_min;
      job.hi = p.act_max;
    }
    auto run_job = range.narrow ? utensor_dw3x3_run_narrow : utensor_dw3x3_run;
    for (int32_t n = 0; n < batches; ++n) {
      const int8_t* image = input + n * in_h * row + c;
      for (int32_t oy = 0; oy < out_h; ++oy) {
        const int32_t y0 = oy * p.stride_h - p.pad_h;
        const int32_t ky0 = first_at_least(y0, p.dilation_h, 0), ky1 = end_below(y0, p.dilation_h, in_h, k_h);
        int8_t* out_row = output + ((n * out_h + oy) * out_w) * ch + c;
        // Interior pixels of the row (all nine taps inside) in one assembly run; the border ones below.
        int32_t ox_lo = out_w, ox_hi = out_w;
        if (group_fast && ky0 == 0 && ky1 == 3) {
          ox_lo = (p.pad_w + p.stride_w - 1) / p.stride_w;
          const int32_t last = in_w - 3 + p.pad_w;
          ox_hi = last < 0 ? 0 : last / p.stride_w + 1;
          if (ox_hi > out_w) ox_hi = out_w;
          if (ox_lo > ox_hi) ox_lo = ox_hi;
          if (ox_hi > ox_lo) {
            job.in = image + (y0 * in_w + ox_lo * p.stride_w - p.pad_w) * ch;
            job.row = row;
            job.in_step = p.stride_w * ch;
            job.out = out_row + ox_lo * ch;
            job.count = ox_hi - ox_lo;
            run_job(&job);
          }
        }
        int8_t* out = out_row;
        for (int32_t ox = 0; ox < out_w; ++ox, out += ch) {
          if (ox >= ox_lo && ox < ox_hi) continue;
          const int32_t x0 = ox * p.stride_w - p.pad_w;
          const int32_t kx0 = first_at_least(x0, p.dilation_w, 0), kx1 = end_below(x0, p.dilation_w, in_w, k_w);
          int32_t acc[4] = {b[0], b[1], b[2], b[3]};
          uint32_t used02 = 0, used13 = 0;
          if (ky0 < ky1 && kx0 < kx1)
            dw_taps4(image + ((y0 + ky0 * p.dilation_h) * in_w + x0 + kx0 * p.dilation_w) * ch,
                     filter + (ky0 * k_w + kx0) * ch + c, ch, in_w, p.dilation_h, p.dilation_w, 0, ky1 - ky0, 0,
                     kx1 - kx0, k_w, acc, &used02, &used13);
          // Padded taps: the zero point times the weights not used above.
          const uint32_t pad02 = arm::ssub16(all02, used02), pad13 = arm::ssub16(all13, used13);
          acc[0] = arm::smlabb(pad02, zp16, acc[0]);
          acc[2] = arm::smlatb(pad02, zp16, acc[2]);
          acc[1] = arm::smlabb(pad13, zp16, acc[1]);
          acc[3] = arm::smlatb(pad13, zp16, acc[3]);
          for (int j = 0; j < 4; ++j) out[j] = range(arm::requant(acc[j], q[j]));
        }
      }
    }
  }
  // Channels past the last group of four: one at a time.
  for (int32_t c = groups * 4; c < ch; ++c) {
    const FastRequant q = fast_requant(p.multipliers[c], p.shifts[c], p.output_offset);
    for (int32_t n = 0; n < batches; ++n)
      for (int32_t oy = 0; oy < out_h; ++oy)
        for (int32_t ox = 0; ox < out_w; ++ox) {
          int32_t acc = bias ? bias[c] : 0;
          for (int32_t ky = 0; ky < k_h; ++ky)
            for (int32_t kx = 0; kx < k_w; ++kx) {
              const int32_t y = oy * p.stride_h - p.pad_h + ky * p.dilation_h;
              const int32_t x = ox * p.stride_w - p.pad_w + kx * p.dilation_w;
              const int32_t v = y >= 0 && y < in_h && x >= 0 && x < in_w ? input[((n * in_h + y) * in_w + x) * ch + c]
                                                                         : zp_in;
              acc += v * filter[(ky * k_w + kx) * ch + c];
            }
          output[((n * out_h + oy) * out_w + ox) * ch + c] = range(arm::requant(acc, q));
        }
  }
  return true;
}

// ---- ADD --------------------------------------------------------------------------------------
// Each input's rescaling is one SMLAL with a per-input 64-bit constant (requant.hpp,
// AddInputScale), the output one fast requantization: about 20 instructions per element.

namespace {

template <bool kNeg1, bool kNeg2>
void add_loop(const detail::AddInputScale& q1, const detail::AddInputScale& q2, const FastRequant& qo,
              const OutputRange& range, const int8_t* __restrict a, const int8_t* __restrict b,
              int8_t* __restrict out, int32_t n) {
  const int32_t m1 = q1.multiplier, m2 = q2.multiplier, s1 = q1.s, s2 = q2.s, off1 = q1.offset, off2 = q2.offset;
  const uint32_t lo1 = static_cast<uint32_t>(q1.c), lo2 = static_cast<uint32_t>(q2.c);
  const int32_t hi1 = static_cast<int32_t>(q1.c >> 32), hi2 = static_cast<int32_t>(q2.c >> 32);
  for (int32_t i = 0; i < n; ++i) {
    const int32_t x1 = a[i], x2 = b[i];
    uint32_t l1 = lo1, l2 = lo2;
    int32_t h1 = kNeg1 ? hi1 + ((x1 + off1) >> 31) : hi1;
    int32_t h2 = kNeg2 ? hi2 + ((x2 + off2) >> 31) : hi2;
    asm("smlal %0, %1, %2, %3" : "+r"(l1), "+r"(h1) : "r"(x1 << 21), "r"(m1));
    asm("smlal %0, %1, %2, %3" : "+r"(l2), "+r"(h2) : "r"(x2 << 21), "r"(m2));
    out[i] = range(arm::requant((h1 >> s1) + (h2 >> s2), qo.multiplier, qo.hi, qo.rs));
  }
}

}  // namespace

bool add(const AddParams& p, const int8_t* a, const int8_t* b, int8_t* out, int32_t n) {
  detail::AddInputScale q1, q2;
  if (!detail::add_input_scale(p.input1_offset, p.input1.value, p.input1.shift, p.left_shift, &q1) ||
      !detail::add_input_scale(p.input2_offset, p.input2.value, p.input2.shift, p.left_shift, &q2))
    return false;
  const FastRequant qo = fast_requant(p.output.value, p.output.shift, p.output_offset);
  if (qo.rs < 0) return false;
  const OutputRange range(p.act_min, p.act_max);
  if (q1.neg && q2.neg)
    add_loop<true, true>(q1, q2, qo, range, a, b, out, n);
  else if (q1.neg)
    add_loop<true, false>(q1, q2, qo, range, a, b, out, n);
  else if (q2.neg)
    add_loop<false, true>(q1, q2, qo, range, a, b, out, n);
  else
    add_loop<false, false>(q1, q2, qo, range, a, b, out, n);
  return true;
}

// ---- MAX_POOL_2D / AVERAGE_POOL_2D -----------------------------------------------------------
// Four channels per word. Max: SSUB8 + SEL per word. Average: SXTB16 into int16 lanes summed by
// SADD16 (exact for up to 255 pixels, then flushed to int32), one SDIV per output.

namespace {

struct Window {
  int32_t y0, x0, ky0, ky1, kx0, kx1;
};

inline Window window(const PoolParams& p, int32_t in_h, int32_t in_w, int32_t oy, int32_t ox) {
  Window w;
  w.y0 = oy * p.stride_h - p.pad_h;
  w.x0 = ox * p.stride_w - p.pad_w;
  w.ky0 = w.y0 < 0 ? -w.y0 : 0;
  w.ky1 = in_h - w.y0 < p.filter_h ? in_h - w.y0 : p.filter_h;
  w.kx0 = w.x0 < 0 ? -w.x0 : 0;
  w.kx1 = in_w - w.x0 < p.filter_w ? in_w - w.x0 : p.filter_w;
  return w;
}

inline int32_t rounded_average(int32_t sum, int32_t count) {
  return sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
}

}  // namespace

bool max_pool2d(const PoolParams& p, const int8_t* input, const Shape& is, int8_t* output, const Shape& os) {
  const int32_t batches = is[0], in_h = is[1], in_w = is[2], ch = is[3], out_h = os[1], out_w = os[2];
  const int32_t groups = ch / 4;
  const uint32_t lo4 = (static_cast<uint32_t>(p.act_min) & 0xFFu) * 0x01010101u;
  const uint32_t hi4 = (static_cast<uint32_t>(p.act_max) & 0xFFu) * 0x01010101u;
  for (int32_t n = 0; n < batches; ++n)
    for (int32_t oy = 0; oy < out_h; ++oy)
      for (int32_t ox = 0; ox < out_w; ++ox) {
        const Window w = window(p, in_h, in_w, oy, ox);
        const int8_t* base = input + ((n * in_h + w.y0) * in_w + w.x0) * ch;
        int8_t* out = output + ((n * out_h + oy) * out_w + ox) * ch;
        for (int32_t g = 0; g < groups; ++g) {
          uint32_t m = 0x80808080u;
          for (int32_t ky = w.ky0; ky < w.ky1; ++ky) {
            const int8_t* px = base + (ky * in_w + w.kx0) * ch + 4 * g;
            for (int32_t kx = w.kx0; kx < w.kx1; ++kx, px += ch) m = arm::max8x4(load32(px), m);
          }
          m = arm::max8x4(m, lo4);
          m = arm::min8x4(m, hi4);
          arm::store32(out + 4 * g, m);
        }
        for (int32_t c = groups * 4; c < ch; ++c) {
          int32_t m = -128;
          for (int32_t ky = w.ky0; ky < w.ky1; ++ky)
            for (int32_t kx = w.kx0; kx < w.kx1; ++kx) {
              const int32_t v = base[(ky * in_w + kx) * ch + c];
              m = v > m ? v : m;
            }
          out[c] = static_cast<int8_t>(m < p.act_min ? p.act_min : m > p.act_max ? p.act_max : m);
        }
      }
  return true;
}

bool average_pool2d(const PoolParams& p, const int8_t* input, const Shape& is, int8_t* output, const Shape& os) {
  const int32_t batches = is[0], in_h = is[1], in_w = is[2], ch = is[3], out_h = os[1], out_w = os[2];
  const int32_t groups = ch / 4;
  for (int32_t n = 0; n < batches; ++n)
    for (int32_t oy = 0; oy < out_h; ++oy)
      for (int32_t ox = 0; ox < out_w; ++ox) {
        const Window w = window(p, in_h, in_w, oy, ox);
        const int8_t* base = input + ((n * in_h + w.y0) * in_w + w.x0) * ch;
        int8_t* out = output + ((n * out_h + oy) * out_w + ox) * ch;
        int32_t count = (w.ky1 - w.ky0) * (w.kx1 - w.kx0);
        if (count <= 0) count = 1;
        for (int32_t g = 0; g < groups; ++g) {
          int32_t sum[4] = {0, 0, 0, 0};
          uint32_t s02 = 0, s13 = 0;
          int32_t pending = 0;
          for (int32_t ky = w.ky0; ky < w.ky1; ++ky) {
            const int8_t* px = base + (ky * in_w + w.kx0) * ch + 4 * g;
            for (int32_t kx = w.kx0; kx < w.kx1; ++kx, px += ch) {
              const uint32_t v = load32(px);
              s02 = arm::sadd16(s02, arm::sxtb16(v));
              s13 = arm::sadd16(s13, arm::sxtb16_ror8(v));
              if (++pending == 255) {  // int16 lanes hold 255 sums of int8 exactly
                sum[0] += static_cast<int16_t>(s02);
                sum[2] += static_cast<int16_t>(s02 >> 16);
                sum[1] += static_cast<int16_t>(s13);
                sum[3] += static_cast<int16_t>(s13 >> 16);
                s02 = s13 = 0;
                pending = 0;
              }
            }
          }
          sum[0] += static_cast<int16_t>(s02);
          sum[2] += static_cast<int16_t>(s02 >> 16);
          sum[1] += static_cast<int16_t>(s13);
          sum[3] += static_cast<int16_t>(s13 >> 16);
          for (int j = 0; j < 4; ++j) {
            const int32_t v = rounded_average(sum[j], count);
            out[4 * g + j] = static_cast<int8_t>(v < p.act_min ? p.act_min : v > p.act_max ? p.act_max : v);
          }
        }
        for (int32_t c = groups * 4; c < ch; ++c) {
          int32_t sum = 0;
          for (int32_t ky = w.ky0; ky < w.ky1; ++ky)
            for (int32_t kx = w.kx0; kx < w.kx1; ++kx) sum += base[(ky * in_w + kx) * ch + c];
          const int32_t v = rounded_average(sum, count);
          out[c] = static_cast<int8_t>(v < p.act_min ? p.act_min : v > p.act_max ? p.act_max : v);
        }
      }
  return true;
}

}  // namespace fast
}  // namespace utensor
#endif  // UTENSOR_ARM_DSP
