// Cortex-M4 kernels (DSP extension). See fast_kernels.hpp for the contract and requant.hpp for
// the requantization. Inner loops are inline assembly so that the register allocation (and
// with it the instruction count, which is what QEMU's icount measures) does not depend on the
// compiler's mood; everything around them is C++.
#if UTENSOR_ARM_DSP
#include <cstring>

#include "arm_dsp.hpp"
#include "fast_kernels.hpp"

namespace utensor {
namespace fast {

using arm::load32;
using detail::FastRequant;
using detail::fast_requant;

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
  if (p.weights_offset != 0 || !detail::fast_requant_ok(p.shifts, p.per_channel ? out_depth : 1)) return false;
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

bool conv2d(const ConvParams&, const int8_t*, const Shape&, const int8_t*, const Shape&, const int32_t*, int8_t*,
            const Shape&) {
  return false;
}

bool depthwise_conv2d(const ConvParams&, const int8_t*, const Shape&, const int8_t*, const Shape&, const int32_t*,
                      int8_t*, const Shape&) {
  return false;
}

bool add(const AddParams&, const int8_t*, const int8_t*, int8_t*, int32_t) { return false; }

bool max_pool2d(const PoolParams&, const int8_t*, const Shape&, int8_t*, const Shape&) { return false; }
bool average_pool2d(const PoolParams&, const int8_t*, const Shape&, int8_t*, const Shape&) { return false; }

}  // namespace fast
}  // namespace utensor
#endif  // UTENSOR_ARM_DSP
