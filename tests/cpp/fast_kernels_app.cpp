// Every fast kernel against the portable reference kernel, on pseudo-random cases: FULLY_CONNECTED,
// CONV_2D (1x1, 3x3, other sizes, one input channel, odd channel counts, padding, strides,
// dilation, batches), DEPTHWISE_CONV_2D (3x3 and other sizes, depth multipliers), ADD, MAX_POOL_2D,
// AVERAGE_POOL_2D, and the fast requantization on edge values (every shift, extreme accumulators
// and zero points, zero and huge multipliers).
//
// The reference runs each op with an unfolded bias and no scratch (the portable kernels); the
// fast path gets the bias folded with the input offset and an im2col scratch buffer, as generated
// code does. tests/test_fast_kernels.py builds this for the host (x86, with sanitizers), the
// Cortex-M4 (QEMU) and wasm (node) in both rounding modes, requires zero mismatches and the same
// checksum of all outputs on the three targets.
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "utensor/src/fast_kernels.hpp"
#include "utensor/utensor.hpp"

#if defined(__arm__)
extern "C" void SysTick_Handler() {}
#endif

using namespace utensor;

namespace {

uint32_t g_seed = 0x1234567u;
uint32_t next() {
  g_seed = g_seed * 1664525u + 1013904223u;
  return g_seed >> 8;
}
int32_t uniform(int32_t lo, int32_t hi) { return lo + static_cast<int32_t>(next() % static_cast<uint32_t>(hi - lo + 1)); }

uint32_t g_hash = 2166136261u;
void mix(uint32_t v) {
  for (int i = 0; i < 4; ++i) {
    g_hash ^= (v >> (8 * i)) & 0xFF;
    g_hash *= 16777619u;
  }
}

long g_cases = 0, g_values = 0, g_mismatches = 0;

void compare(const char* what, int c, const int8_t* want, const int8_t* got, int32_t n) {
  int bad = 0;
  for (int32_t i = 0; i < n; ++i) {
    mix(static_cast<uint8_t>(got[i]));
    if (want[i] != got[i] && bad++ < 3)
      std::printf("MISMATCH %s case %d at %ld: reference %d fast %d\n", what, c, static_cast<long>(i), want[i], got[i]);
  }
  ++g_cases;
  g_values += n;
  g_mismatches += bad;
}

constexpr int kMaxIn = 4096, kMaxW = 12000, kMaxOut = 4096, kMaxC = 64;
int8_t g_in[kMaxIn], g_in2[kMaxIn], g_w[kMaxW], g_ref[kMaxOut], g_fast[kMaxOut];
int32_t g_bias[kMaxC], g_folded[kMaxC], g_mult[kMaxC], g_shift[kMaxC];
float g_scales[kMaxC];
alignas(16) uint8_t g_scratch[conv2d_scratch_bytes(5, 5, 64) + 16];

void fill(int8_t* p, int32_t n) {
  for (int32_t i = 0; i < n; ++i) p[i] = static_cast<int8_t>(next());
}

int32_t random_zero_point(int c) {
  switch (c % 4) {
    case 0: return -128;
    case 1: return 127;
    default: return uniform(-128, 127);
  }
}

// Scales with occasional dead channels (tiny scale: shift past the fast range, or multiplier 0).
void random_scales(int32_t n) {
  for (int32_t k = 0; k < n; ++k) {
    const uint32_t r = next() % 16;
    g_scales[k] = r == 0 ? 1e-12f : r == 1 ? 3e-9f : static_cast<float>(1 + next() % 1000) / 65536.0f;
  }
}

void random_bias(int32_t n) {
  for (int32_t k = 0; k < n; ++k) {
    const uint32_t r = next() % 16;
    g_bias[k] = r == 0 ? -(1 << 30) : r == 1 ? (1 << 30) - 7 : uniform(-100000, 100000);
  }
}

void requant_edges() {
  const int32_t accs[] = {INT32_MIN, INT32_MIN + 1, -(1 << 30) - 1, -(1 << 30), -65536, -257, -1, 0, 1, 255, 65537,
                          (1 << 30), INT32_MAX - 1, INT32_MAX};
  const int32_t mults[] = {0, 1 << 30, (1 << 30) + 1, 1518500250, INT32_MAX};
  const int32_t zps[] = {-128, -1, 0, 1, 127};
  int bad = 0;
  long n = 0;
  for (int32_t shift = -31; shift <= 0; ++shift)
    for (int32_t m : mults)
      for (int32_t zp : zps) {
        for (int k = 0; k < 14 + 40; ++k) {
          const uint32_t hi = next(), lo = next();  // (two statements: a fixed order on every compiler)
          const int32_t acc = k < 14 ? accs[k] : static_cast<int32_t>(hi << 8 ^ lo);
          const int64_t exact = static_cast<int64_t>(fp::multiply_by_quantized_multiplier(acc, m, shift)) + zp;
          if (exact < INT32_MIN || exact > INT32_MAX) continue;  // the reference itself would overflow
          const int32_t want = static_cast<int32_t>(exact);
          const int32_t got = fast::requantize(acc, m, shift, zp);
          ++n;
          mix(static_cast<uint32_t>(got));
          if (want != got && bad++ < 5)
            std::printf("MISMATCH requantize acc %ld mult %ld shift %ld zp %ld: reference %ld fast %ld\n",
                        static_cast<long>(acc), static_cast<long>(m), static_cast<long>(shift), static_cast<long>(zp),
                        static_cast<long>(want), static_cast<long>(got));
        }
      }
  ++g_cases;
  g_values += n;
  g_mismatches += bad;
}

void fully_connected_cases() {
  for (int c = 0; c < 40; ++c) {
    const int32_t in_depth = c < 4 ? 8 * uniform(1, 40) : uniform(1, 300);
    const int32_t out_depth = uniform(1, kMaxC);
    const int32_t batches = uniform(1, 3);
    if (in_depth * out_depth > kMaxW || in_depth * batches > kMaxIn) continue;
    fill(g_in, batches * in_depth);
    fill(g_w, in_depth * out_depth);
    random_bias(out_depth);
    const bool per_channel = c % 3 != 0;
    random_scales(per_channel ? out_depth : 1);
    if (!per_channel) g_scales[0] = static_cast<float>(1 + next() % 1000) / 65536.0f;
    FullyConnectedParams p;
    const int32_t zp_in = random_zero_point(c);
    const int32_t zp_out = random_zero_point(c + 1);
    prepare_fully_connected(0.02f, zp_in, g_scales, per_channel ? out_depth : 1, 0, (64 + c) / 1024.0f, zp_out,
                            static_cast<Activation>(c % 4), g_mult, g_shift, &p);
    const int32_t* bias = c % 7 == 3 ? nullptr : g_bias;
    fully_connected(p, g_in, batches, in_depth, g_w, bias, out_depth, g_ref);
    fold_input_offset(g_w, out_depth, in_depth, bias, p.input_offset, g_folded);
    p.bias_folded = true;
    fully_connected(p, g_in, batches, in_depth, g_w, g_folded, out_depth, g_fast);
    compare("fully_connected", c, g_ref, g_fast, batches * out_depth);
  }
}

void conv_cases(bool depthwise) {
  for (int c = 0; c < 60; ++c) {
    const int32_t batches = c % 9 == 8 ? 2 : 1;
    int32_t in_c, out_c, k_h, k_w, m = 1;
    const int kind = c % 6;  // 0: 1x1, 1-2: 3x3, 3: one input channel, 4-5: other sizes
    k_h = k_w = kind == 0 ? 1 : kind <= 2 ? 3 : uniform(1, 5);
    if (kind == 3) k_w = uniform(1, 4);
    in_c = kind == 3 ? 1 : c % 5 == 0 ? uniform(1, 7) : 4 * uniform(1, 8);
    if (depthwise) {
      m = c % 7 == 6 ? uniform(2, 3) : 1;
      if (in_c * m > kMaxC) in_c = kMaxC / m;
      out_c = in_c * m;
    } else {
      out_c = uniform(1, 40);
    }
    const int32_t in_h = uniform(k_h, 12), in_w = uniform(k_w, 12);
    ConvParams p;
    p.stride_h = uniform(1, 2);
    p.stride_w = c % 4 == 1 ? 3 - p.stride_h : p.stride_h;
    p.dilation_h = p.dilation_w = (p.stride_h == 1 && c % 8 == 5) ? 2 : 1;
    const Padding pad = c % 3 == 2 ? Padding::kValid : Padding::kSame;
    if (pad == Padding::kValid && ((k_h - 1) * p.dilation_h + 1 > in_h || (k_w - 1) * p.dilation_w + 1 > in_w)) continue;
    const int32_t out_h = conv_output_size(pad, in_h, k_h, p.stride_h, p.dilation_h);
    const int32_t out_w = conv_output_size(pad, in_w, k_w, p.stride_w, p.dilation_w);
    p.pad_h = conv_padding(pad, in_h, k_h, p.stride_h, p.dilation_h, out_h);
    p.pad_w = conv_padding(pad, in_w, k_w, p.stride_w, p.dilation_w, out_w);
    p.depth_multiplier = m;
    const int32_t w_count = depthwise ? k_h * k_w * out_c : out_c * k_h * k_w * in_c;
    const int32_t in_count = batches * in_h * in_w * in_c, out_count = batches * out_h * out_w * out_c;
    if (w_count > kMaxW || in_count > kMaxIn || out_count > kMaxOut || out_h < 1 || out_w < 1) continue;
    fill(g_in, in_count);
    fill(g_w, w_count);
    random_bias(out_c);
    random_scales(out_c);
    const int32_t zp_in = random_zero_point(c), zp_out = random_zero_point(c + 2);
    prepare_conv(0.03f, zp_in, g_scales, out_c, out_c, (50 + c) / 1024.0f, zp_out, static_cast<Activation>(c % 4),
                 g_mult, g_shift, &p);
    const Shape is(batches, in_h, in_w, in_c), os(batches, out_h, out_w, out_c);
    const Shape fs = depthwise ? Shape(1, k_h, k_w, out_c) : Shape(out_c, k_h, k_w, in_c);
    const int32_t* bias = c % 11 == 4 ? nullptr : g_bias;
    if (depthwise) {
      depthwise_conv2d(p, g_in, is, g_w, fs, bias, g_ref, os);
      fold_input_offset_depthwise(g_w, k_h * k_w, out_c, bias, p.input_offset, g_folded);
    } else {
      conv2d(p, g_in, is, g_w, fs, bias, g_ref, os);
      fold_input_offset(g_w, out_c, k_h * k_w * in_c, bias, p.input_offset, g_folded);
    }
    p.bias_folded = true;
    p.scratch = g_scratch;
    p.scratch_bytes = conv2d_scratch_bytes(k_h, k_w, in_c);
    if (depthwise)
      depthwise_conv2d(p, g_in, is, g_w, fs, g_folded, g_fast, os);
    else
      conv2d(p, g_in, is, g_w, fs, g_folded, g_fast, os);
    compare(depthwise ? "depthwise_conv2d" : "conv2d", c, g_ref, g_fast, out_count);
  }
}

void add_cases() {
  for (int c = 0; c < 30; ++c) {
    const int32_t n = c < 3 ? 4096 : uniform(1, 600);
    fill(g_in, n);
    fill(g_in2, n);
    const float s1 = static_cast<float>(1 + next() % 500) / 4096.0f, s2 = static_cast<float>(1 + next() % 500) / 4096.0f;
    const float so = static_cast<float>(1 + next() % 900) / 4096.0f;
    const int32_t z1 = random_zero_point(c), z2 = random_zero_point(c + 1), zo = random_zero_point(c + 2);
    const AddParams p = prepare_add(s1, z1, s2, z2, so, zo, static_cast<Activation>(c % 4));
    const Shape s(n);
    // Reference: the broadcasting kernel on shapes it cannot take the fast path for.
    const Shape sa(1, n), sb(n);
    Shape so_shape;
    broadcast_shape(sa, sb, &so_shape);
    add(p, g_in, sa, g_in2, sb, g_ref, so_shape);
    add(p, g_in, s, g_in2, s, g_fast, s);
    compare("add", c, g_ref, g_fast, n);
  }
}

void pool_cases(bool max) {
  for (int c = 0; c < 30; ++c) {
    const int32_t batches = c % 7 == 6 ? 2 : 1;
    const int32_t in_h = uniform(1, 25), in_w = uniform(1, 10), ch = c % 4 == 0 ? uniform(1, 9) : 4 * uniform(1, 16);
    PoolParams p;
    p.filter_h = uniform(1, in_h);
    p.filter_w = uniform(1, in_w);
    if (c % 5 == 0) {  // global pooling, as the MLPerf Tiny models end
      p.filter_h = in_h;
      p.filter_w = in_w;
    }
    p.stride_h = c % 5 == 0 ? in_h : uniform(1, 3);
    p.stride_w = c % 5 == 0 ? in_w : uniform(1, 3);
    const Padding pad = c % 3 == 1 ? Padding::kSame : Padding::kValid;
    const int32_t out_h = conv_output_size(pad, in_h, p.filter_h, p.stride_h, 1);
    const int32_t out_w = conv_output_size(pad, in_w, p.filter_w, p.stride_w, 1);
    p.pad_h = conv_padding(pad, in_h, p.filter_h, p.stride_h, 1, out_h);
    p.pad_w = conv_padding(pad, in_w, p.filter_w, p.stride_w, 1, out_w);
    const int32_t in_count = batches * in_h * in_w * ch, out_count = batches * out_h * out_w * ch;
    if (in_count > kMaxIn || out_count > kMaxOut || out_h < 1 || out_w < 1) continue;
    activation_range_int8(static_cast<Activation>(c % 4), 0.05f, random_zero_point(c), &p.act_min, &p.act_max);
    fill(g_in, in_count);
    const Shape is(batches, in_h, in_w, ch), os(batches, out_h, out_w, ch);
    // Reference: the same op on a copy through the portable path (channel count 1 per call
    // forces it), fast: the whole tensor.
    for (int32_t b = 0; b < batches; ++b)
      for (int32_t k = 0; k < ch; ++k) {
        static int8_t one_in[kMaxIn], one_out[kMaxOut];
        for (int32_t i = 0; i < in_h * in_w; ++i) one_in[i] = g_in[(b * in_h * in_w + i) * ch + k];
        const Shape is1(1, in_h, in_w, 1), os1(1, out_h, out_w, 1);
        if (max)
          max_pool2d(p, one_in, is1, one_out, os1);
        else
          average_pool2d(p, one_in, is1, one_out, os1);
        for (int32_t i = 0; i < out_h * out_w; ++i) g_ref[(b * out_h * out_w + i) * ch + k] = one_out[i];
      }
    if (max)
      max_pool2d(p, g_in, is, g_fast, os);
    else
      average_pool2d(p, g_in, is, g_fast, os);
    compare(max ? "max_pool2d" : "average_pool2d", c, g_ref, g_fast, out_count);
  }
}

}  // namespace

int main() {
  requant_edges();
  fully_connected_cases();
  conv_cases(false);
  conv_cases(true);
  add_cases();
  pool_cases(true);
  pool_cases(false);
  std::printf("fast kernels %s single_rounding %d: %ld cases, %ld values, %ld mismatches, checksum %08lx\n",
              fast::name(), UTENSOR_SINGLE_ROUNDING, g_cases, g_values, g_mismatches,
              static_cast<unsigned long>(g_hash));
  return g_mismatches ? 1 : 0;
}
