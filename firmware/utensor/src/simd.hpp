// Internal: the vector primitives behind kernels_simd.cpp, one implementation per instruction set,
// chosen at compile time by the compiler's own macros (and UTENSOR_WASM_SIMD for wasm):
//   WebAssembly SIMD128      i32x4.dot_i16x8_s on sign-extended int8
//   x86 AVX-512 VNNI         vpdpbusd, 64 int8 products per instruction (weights biased to uint8,
//                            the bias undone with the input's sum)
//   x86 AVX2                 vpmaddwd on sign-extended int8, 16 products per instruction
//   x86 SSE2 (any x86-64)    pmaddwd on int8 sign-extended by unpack + shift
//   anything else            plain C++
// All are exact integer arithmetic: the same sums in every build.
#pragma once
#include <cstdint>
#include <cstring>

#if UTENSOR_WASM_SIMD
#include <wasm_simd128.h>
#define UTENSOR_SIMD_NAME "wasm-simd128"
#elif defined(__AVX512VNNI__) && defined(__AVX512BW__) && defined(__AVX512VL__)
// GCC 12's AVX-512 intrinsics trip -Wmaybe-uninitialized on their own _mm512_undefined_*()
// placeholders (a known false positive), reported at the header's lines.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#define UTENSOR_SIMD_AVX512 1
#define UTENSOR_SIMD_NAME "x86-avx512vnni"
#elif defined(__AVX2__)
#include <immintrin.h>
#define UTENSOR_SIMD_AVX2 1
#define UTENSOR_SIMD_NAME "x86-avx2"
#elif defined(__SSE2__)
#include <emmintrin.h>
#define UTENSOR_SIMD_SSE2 1
#define UTENSOR_SIMD_NAME "x86-sse2"
#else
#define UTENSOR_SIMD_NAME "portable"
#endif

namespace utensor {
namespace simd {

inline int32_t dot_scalar(const int8_t* x, const int8_t* w, int32_t n) {
  int32_t acc = 0;
  for (int32_t k = 0; k < n; ++k) acc += x[k] * w[k];
  return acc;
}

// acc[r] += sum_{k < n} x[k] * w[r * stride + k] for r < 4.
inline void dot4(const int8_t* x, const int8_t* w, int32_t stride, int32_t n, int32_t acc[4]) {
  const int8_t* w0 = w;
  const int8_t* w1 = w + stride;
  const int8_t* w2 = w + 2 * stride;
  const int8_t* w3 = w + 3 * stride;
  int32_t k = 0;
#if UTENSOR_WASM_SIMD
  // v128.load8x8_s sign-extends while loading: one instruction per 8 values (an extend of the
  // high half of a full vector costs a shuffle more).
  v128_t a0 = wasm_i32x4_splat(0), a1 = a0, a2 = a0, a3 = a0;
  for (; k + 16 <= n; k += 16) {
    const v128_t xl = wasm_i16x8_load8x8(x + k), xh = wasm_i16x8_load8x8(x + k + 8);
#define UT_ROW(A, W)                                                                    \
  {                                                                                     \
    A = wasm_i32x4_add(A, wasm_i32x4_dot_i16x8(wasm_i16x8_load8x8(W + k), xl));         \
    A = wasm_i32x4_add(A, wasm_i32x4_dot_i16x8(wasm_i16x8_load8x8(W + k + 8), xh));     \
  }
    UT_ROW(a0, w0) UT_ROW(a1, w1) UT_ROW(a2, w2) UT_ROW(a3, w3)
#undef UT_ROW
  }
  // Horizontal sums of the four accumulators at once.
  const v128_t s01 = wasm_i32x4_add(wasm_i32x4_shuffle(a0, a1, 0, 2, 4, 6), wasm_i32x4_shuffle(a0, a1, 1, 3, 5, 7));
  const v128_t s23 = wasm_i32x4_add(wasm_i32x4_shuffle(a2, a3, 0, 2, 4, 6), wasm_i32x4_shuffle(a2, a3, 1, 3, 5, 7));
  const v128_t s = wasm_i32x4_add(wasm_i32x4_shuffle(s01, s23, 0, 2, 4, 6), wasm_i32x4_shuffle(s01, s23, 1, 3, 5, 7));
  acc[0] += wasm_i32x4_extract_lane(s, 0);
  acc[1] += wasm_i32x4_extract_lane(s, 1);
  acc[2] += wasm_i32x4_extract_lane(s, 2);
  acc[3] += wasm_i32x4_extract_lane(s, 3);
#elif UTENSOR_SIMD_AVX512
  __m256i b0 = _mm256_setzero_si256(), b1 = b0, b2 = b0, b3 = b0;
  if (n >= 64) {
    // dpbusd multiplies unsigned by signed bytes: (w + 128) * x summed, then 128 * sum(x) removed.
    const __m512i bias = _mm512_set1_epi8(static_cast<char>(0x80)), ones = _mm512_set1_epi8(1);
    __m512i a0 = _mm512_setzero_si512(), a1 = a0, a2 = a0, a3 = a0, xs = a0;
    for (; k + 64 <= n; k += 64) {
      const __m512i xv = _mm512_loadu_si512(x + k);
      xs = _mm512_dpbusd_epi32(xs, ones, xv);
      a0 = _mm512_dpbusd_epi32(a0, _mm512_xor_si512(_mm512_loadu_si512(w0 + k), bias), xv);
      a1 = _mm512_dpbusd_epi32(a1, _mm512_xor_si512(_mm512_loadu_si512(w1 + k), bias), xv);
      a2 = _mm512_dpbusd_epi32(a2, _mm512_xor_si512(_mm512_loadu_si512(w2 + k), bias), xv);
      a3 = _mm512_dpbusd_epi32(a3, _mm512_xor_si512(_mm512_loadu_si512(w3 + k), bias), xv);
    }
    const __m512i corr = _mm512_slli_epi32(xs, 7);
    auto fold = [](__m512i v) {
      return _mm256_add_epi32(_mm512_castsi512_si256(v), _mm512_maskz_extracti64x4_epi64(0xFF, v, 1));
    };
    b0 = fold(_mm512_sub_epi32(a0, corr));
    b1 = fold(_mm512_sub_epi32(a1, corr));
    b2 = fold(_mm512_sub_epi32(a2, corr));
    b3 = fold(_mm512_sub_epi32(a3, corr));
  }
  for (; k + 16 <= n; k += 16) {
    const __m256i xv = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(x + k)));
    b0 = _mm256_dpwssd_epi32(b0, _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w0 + k))), xv);
    b1 = _mm256_dpwssd_epi32(b1, _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w1 + k))), xv);
    b2 = _mm256_dpwssd_epi32(b2, _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w2 + k))), xv);
    b3 = _mm256_dpwssd_epi32(b3, _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w3 + k))), xv);
  }
  {
    const __m256i s01 = _mm256_hadd_epi32(b0, b1), s23 = _mm256_hadd_epi32(b2, b3);
    const __m256i s = _mm256_hadd_epi32(s01, s23);
    const __m128i t = _mm_add_epi32(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
    acc[0] += _mm_extract_epi32(t, 0);
    acc[1] += _mm_extract_epi32(t, 1);
    acc[2] += _mm_extract_epi32(t, 2);
    acc[3] += _mm_extract_epi32(t, 3);
  }
#elif UTENSOR_SIMD_AVX2
  __m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0;
  for (; k + 16 <= n; k += 16) {
    const __m256i xv = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(x + k)));
#define UT_ROW(A, W) \
  A = _mm256_add_epi32(A, _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(W + k))), xv));
    UT_ROW(a0, w0) UT_ROW(a1, w1) UT_ROW(a2, w2) UT_ROW(a3, w3)
#undef UT_ROW
  }
  const __m256i s01 = _mm256_hadd_epi32(a0, a1), s23 = _mm256_hadd_epi32(a2, a3);
  const __m256i s = _mm256_hadd_epi32(s01, s23);
  const __m128i t = _mm_add_epi32(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
  acc[0] += _mm_cvtsi128_si32(t);
  acc[1] += _mm_cvtsi128_si32(_mm_shuffle_epi32(t, 1));
  acc[2] += _mm_cvtsi128_si32(_mm_shuffle_epi32(t, 2));
  acc[3] += _mm_cvtsi128_si32(_mm_shuffle_epi32(t, 3));
#elif UTENSOR_SIMD_SSE2
  __m128i a0 = _mm_setzero_si128(), a1 = a0, a2 = a0, a3 = a0;
  for (; k + 16 <= n; k += 16) {
    const __m128i xv = _mm_loadu_si128(reinterpret_cast<const __m128i*>(x + k));
    const __m128i xl = _mm_srai_epi16(_mm_unpacklo_epi8(xv, xv), 8), xh = _mm_srai_epi16(_mm_unpackhi_epi8(xv, xv), 8);
#define UT_ROW(A, W)                                                                                              \
  {                                                                                                               \
    const __m128i wv = _mm_loadu_si128(reinterpret_cast<const __m128i*>(W + k));                                 \
    A = _mm_add_epi32(A, _mm_madd_epi16(_mm_srai_epi16(_mm_unpacklo_epi8(wv, wv), 8), xl));                       \
    A = _mm_add_epi32(A, _mm_madd_epi16(_mm_srai_epi16(_mm_unpackhi_epi8(wv, wv), 8), xh));                       \
  }
    UT_ROW(a0, w0) UT_ROW(a1, w1) UT_ROW(a2, w2) UT_ROW(a3, w3)
#undef UT_ROW
  }
  // Transpose-and-add the four accumulators.
  const __m128i t01lo = _mm_unpacklo_epi32(a0, a1), t01hi = _mm_unpackhi_epi32(a0, a1);
  const __m128i t23lo = _mm_unpacklo_epi32(a2, a3), t23hi = _mm_unpackhi_epi32(a2, a3);
  const __m128i s01 = _mm_add_epi32(t01lo, t01hi), s23 = _mm_add_epi32(t23lo, t23hi);
  const __m128i s = _mm_add_epi32(_mm_unpacklo_epi64(s01, s23), _mm_unpackhi_epi64(s01, s23));
  alignas(16) int32_t lanes[4];
  _mm_store_si128(reinterpret_cast<__m128i*>(lanes), s);
  for (int r = 0; r < 4; ++r) acc[r] += lanes[r];
#endif
#if UTENSOR_WASM_SIMD
  if (k + 8 <= n) {
    const v128_t xl = wasm_i16x8_load8x8(x + k);
    const v128_t s0 = wasm_i32x4_dot_i16x8(wasm_i16x8_load8x8(w0 + k), xl);
    const v128_t s1 = wasm_i32x4_dot_i16x8(wasm_i16x8_load8x8(w1 + k), xl);
    const v128_t s2 = wasm_i32x4_dot_i16x8(wasm_i16x8_load8x8(w2 + k), xl);
    const v128_t s3 = wasm_i32x4_dot_i16x8(wasm_i16x8_load8x8(w3 + k), xl);
    acc[0] += wasm_i32x4_extract_lane(s0, 0) + wasm_i32x4_extract_lane(s0, 1) + wasm_i32x4_extract_lane(s0, 2) +
              wasm_i32x4_extract_lane(s0, 3);
    acc[1] += wasm_i32x4_extract_lane(s1, 0) + wasm_i32x4_extract_lane(s1, 1) + wasm_i32x4_extract_lane(s1, 2) +
              wasm_i32x4_extract_lane(s1, 3);
    acc[2] += wasm_i32x4_extract_lane(s2, 0) + wasm_i32x4_extract_lane(s2, 1) + wasm_i32x4_extract_lane(s2, 2) +
              wasm_i32x4_extract_lane(s2, 3);
    acc[3] += wasm_i32x4_extract_lane(s3, 0) + wasm_i32x4_extract_lane(s3, 1) + wasm_i32x4_extract_lane(s3, 2) +
              wasm_i32x4_extract_lane(s3, 3);
    k += 8;
  }
#elif UTENSOR_SIMD_SSE2 || UTENSOR_SIMD_AVX2 || UTENSOR_SIMD_AVX512
  if (k + 8 <= n) {
    auto ext = [](const int8_t* p) {
      const __m128i v = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
      return _mm_srai_epi16(_mm_unpacklo_epi8(v, v), 8);
    };
    const __m128i xl = ext(x + k);
    const __m128i s0 = _mm_madd_epi16(ext(w0 + k), xl), s1 = _mm_madd_epi16(ext(w1 + k), xl);
    const __m128i s2 = _mm_madd_epi16(ext(w2 + k), xl), s3 = _mm_madd_epi16(ext(w3 + k), xl);
    const __m128i t01 = _mm_add_epi32(_mm_unpacklo_epi32(s0, s1), _mm_unpackhi_epi32(s0, s1));
    const __m128i t23 = _mm_add_epi32(_mm_unpacklo_epi32(s2, s3), _mm_unpackhi_epi32(s2, s3));
    const __m128i t = _mm_add_epi32(_mm_unpacklo_epi64(t01, t23), _mm_unpackhi_epi64(t01, t23));
    alignas(16) int32_t lanes[4];
    _mm_store_si128(reinterpret_cast<__m128i*>(lanes), t);
    for (int r = 0; r < 4; ++r) acc[r] += lanes[r];
    k += 8;
  }
#endif
  if (k < n) {
    acc[0] += dot_scalar(x + k, w0 + k, n - k);
    acc[1] += dot_scalar(x + k, w1 + k, n - k);
    acc[2] += dot_scalar(x + k, w2 + k, n - k);
    acc[3] += dot_scalar(x + k, w3 + k, n - k);
  }
}

// sum_{k < n} x[k] * w[k].
inline int32_t dot1(const int8_t* x, const int8_t* w, int32_t n) {
  int32_t k = 0, acc = 0;
#if UTENSOR_WASM_SIMD
  v128_t a = wasm_i32x4_splat(0);
  for (; k + 16 <= n; k += 16) {
    a = wasm_i32x4_add(a, wasm_i32x4_dot_i16x8(wasm_i16x8_load8x8(w + k), wasm_i16x8_load8x8(x + k)));
    a = wasm_i32x4_add(a, wasm_i32x4_dot_i16x8(wasm_i16x8_load8x8(w + k + 8), wasm_i16x8_load8x8(x + k + 8)));
  }
  acc = wasm_i32x4_extract_lane(a, 0) + wasm_i32x4_extract_lane(a, 1) + wasm_i32x4_extract_lane(a, 2) +
        wasm_i32x4_extract_lane(a, 3);
#elif UTENSOR_SIMD_AVX512 || UTENSOR_SIMD_AVX2
  __m256i a = _mm256_setzero_si256();
  for (; k + 16 <= n; k += 16) {
    const __m256i xv = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(x + k)));
    const __m256i wv = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w + k)));
    a = _mm256_add_epi32(a, _mm256_madd_epi16(wv, xv));
  }
  const __m128i t = _mm_add_epi32(_mm256_castsi256_si128(a), _mm256_extracti128_si256(a, 1));
  const __m128i u = _mm_add_epi32(t, _mm_shuffle_epi32(t, 0x4E));
  acc = _mm_cvtsi128_si32(_mm_add_epi32(u, _mm_shuffle_epi32(u, 0xB1)));
#elif UTENSOR_SIMD_SSE2
  __m128i a = _mm_setzero_si128();
  for (; k + 16 <= n; k += 16) {
    const __m128i xv = _mm_loadu_si128(reinterpret_cast<const __m128i*>(x + k));
    const __m128i wv = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w + k));
    a = _mm_add_epi32(a, _mm_madd_epi16(_mm_srai_epi16(_mm_unpacklo_epi8(wv, wv), 8),
                                        _mm_srai_epi16(_mm_unpacklo_epi8(xv, xv), 8)));
    a = _mm_add_epi32(a, _mm_madd_epi16(_mm_srai_epi16(_mm_unpackhi_epi8(wv, wv), 8),
                                        _mm_srai_epi16(_mm_unpackhi_epi8(xv, xv), 8)));
  }
  const __m128i u = _mm_add_epi32(a, _mm_shuffle_epi32(a, 0x4E));
  acc = _mm_cvtsi128_si32(_mm_add_epi32(u, _mm_shuffle_epi32(u, 0xB1)));
#endif
  return acc + dot_scalar(x + k, w + k, n - k);
}

// Four outputs requantized at once (requant.hpp's fast form): out[j] = clamp(((acc[j] * m[j] + R_j)
// >> 32) >> rs[j], lo, hi) with R_j's high word hi[j] and its low word 2^30 minus 2^31 for a
// negative accumulator (double rounding) or 0 (single). 64-bit products per lane; the per-lane
// shift is AVX2's vpsravd on x86 and, in wasm (no per-lane shifts), an exact f64 multiply by
// 2^-rs and floor. Returns false where this build has no vector form (the caller goes scalar).
#if UTENSOR_WASM_SIMD || UTENSOR_SIMD_AVX2 || UTENSOR_SIMD_AVX512
constexpr bool kVectorRequant = true;
#else
constexpr bool kVectorRequant = false;
#endif

inline void requant4(const int32_t* acc, const int32_t* m, const int32_t* hi, const int32_t* rs, const double* scale,
                     int32_t lo_clamp, int32_t hi_clamp, int8_t* out) {
#if UTENSOR_WASM_SIMD
  (void)rs;
  const v128_t a = wasm_v128_load(acc), mv = wasm_v128_load(m);
#if UTENSOR_SINGLE_ROUNDING
  const v128_t low = wasm_i32x4_splat(0);
#else
  const v128_t low = wasm_v128_or(wasm_i32x4_splat(0x40000000), wasm_v128_and(a, wasm_i32x4_splat(INT32_MIN)));
#endif
  const v128_t s01 = wasm_i64x2_add(wasm_i64x2_extmul_low_i32x4(a, mv), wasm_i64x2_extend_low_i32x4(low));
  const v128_t s23 = wasm_i64x2_add(wasm_i64x2_extmul_high_i32x4(a, mv), wasm_i64x2_extend_high_i32x4(low));
  const v128_t h = wasm_i32x4_add(wasm_i32x4_shuffle(s01, s23, 1, 3, 5, 7), wasm_v128_load(hi));
  const v128_t f01 = wasm_f64x2_floor(wasm_f64x2_mul(wasm_f64x2_convert_low_i32x4(h), wasm_v128_load(scale)));
  const v128_t f23 = wasm_f64x2_floor(
      wasm_f64x2_mul(wasm_f64x2_convert_low_i32x4(wasm_i32x4_shuffle(h, h, 2, 3, 0, 1)), wasm_v128_load(scale + 2)));
  v128_t r = wasm_i32x4_shuffle(wasm_i32x4_trunc_sat_f64x2_zero(f01), wasm_i32x4_trunc_sat_f64x2_zero(f23), 0, 1, 4, 5);
  r = wasm_i32x4_min(wasm_i32x4_max(r, wasm_i32x4_splat(lo_clamp)), wasm_i32x4_splat(hi_clamp));
  const v128_t b = wasm_i8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(r, r), wasm_i16x8_splat(0));
  wasm_v128_store32_lane(out, b, 0);
#elif UTENSOR_SIMD_AVX2 || UTENSOR_SIMD_AVX512
  (void)scale;
  const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(acc));
  const __m128i mv = _mm_loadu_si128(reinterpret_cast<const __m128i*>(m));
#if UTENSOR_SINGLE_ROUNDING
  const __m128i low = _mm_setzero_si128();
#else
  const __m128i low = _mm_or_si128(_mm_set1_epi32(0x40000000), _mm_and_si128(a, _mm_set1_epi32(INT32_MIN)));
#endif
  const __m128i even = _mm_add_epi64(_mm_mul_epi32(a, mv), _mm_cvtepi32_epi64(_mm_shuffle_epi32(low, 0x08)));
  const __m128i odd = _mm_add_epi64(_mm_mul_epi32(_mm_srli_epi64(a, 32), _mm_srli_epi64(mv, 32)),
                                    _mm_cvtepi32_epi64(_mm_shuffle_epi32(low, 0x0D)));
  __m128i h = _mm_blend_epi16(_mm_srli_epi64(even, 32), odd, 0xCC);
  h = _mm_add_epi32(h, _mm_loadu_si128(reinterpret_cast<const __m128i*>(hi)));
  __m128i r = _mm_srav_epi32(h, _mm_loadu_si128(reinterpret_cast<const __m128i*>(rs)));
  r = _mm_min_epi32(_mm_max_epi32(r, _mm_set1_epi32(lo_clamp)), _mm_set1_epi32(hi_clamp));
  const __m128i b = _mm_packs_epi16(_mm_packs_epi32(r, r), _mm_setzero_si128());
  const int32_t word = _mm_cvtsi128_si32(b);
  std::memcpy(out, &word, 4);
#else
  (void)acc, (void)m, (void)hi, (void)rs, (void)scale, (void)lo_clamp, (void)hi_clamp, (void)out;
#endif
}

// Sixteen int32 accumulators in vector registers, for 16 channels of a depthwise convolution:
// mac() adds x[c] * w[c] for c < 16.
struct Acc16 {
#if UTENSOR_WASM_SIMD
  v128_t a0, a1, a2, a3;
  void init(const int32_t* v) {
    a0 = wasm_v128_load(v);
    a1 = wasm_v128_load(v + 4);
    a2 = wasm_v128_load(v + 8);
    a3 = wasm_v128_load(v + 12);
  }
  void mac(const int8_t* x, const int8_t* w) {
    const v128_t lo = wasm_i16x8_mul(wasm_i16x8_load8x8(x), wasm_i16x8_load8x8(w));
    const v128_t hi = wasm_i16x8_mul(wasm_i16x8_load8x8(x + 8), wasm_i16x8_load8x8(w + 8));
    a0 = wasm_i32x4_add(a0, wasm_i32x4_extend_low_i16x8(lo));
    a1 = wasm_i32x4_add(a1, wasm_i32x4_extend_high_i16x8(lo));
    a2 = wasm_i32x4_add(a2, wasm_i32x4_extend_low_i16x8(hi));
    a3 = wasm_i32x4_add(a3, wasm_i32x4_extend_high_i16x8(hi));
  }
  void store(int32_t* v) const {
    wasm_v128_store(v, a0);
    wasm_v128_store(v + 4, a1);
    wasm_v128_store(v + 8, a2);
    wasm_v128_store(v + 12, a3);
  }
#elif UTENSOR_SIMD_AVX512 || UTENSOR_SIMD_AVX2
  __m256i a0, a1;
  void init(const int32_t* v) {
    a0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(v));
    a1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(v + 8));
  }
  void mac(const int8_t* x, const int8_t* w) {
    const __m256i p = _mm256_mullo_epi16(_mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(x))),
                                         _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w))));
    a0 = _mm256_add_epi32(a0, _mm256_cvtepi16_epi32(_mm256_castsi256_si128(p)));
    a1 = _mm256_add_epi32(a1, _mm256_cvtepi16_epi32(_mm256_extracti128_si256(p, 1)));
  }
  void store(int32_t* v) const {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(v), a0);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(v + 8), a1);
  }
#elif UTENSOR_SIMD_SSE2
  __m128i a0, a1, a2, a3;
  void init(const int32_t* v) {
    a0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(v));
    a1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(v + 4));
    a2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(v + 8));
    a3 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(v + 12));
  }
  void mac(const int8_t* x, const int8_t* w) {
    const __m128i xv = _mm_loadu_si128(reinterpret_cast<const __m128i*>(x));
    const __m128i wv = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w));
    const __m128i lo = _mm_mullo_epi16(_mm_srai_epi16(_mm_unpacklo_epi8(xv, xv), 8),
                                       _mm_srai_epi16(_mm_unpacklo_epi8(wv, wv), 8));
    const __m128i hi = _mm_mullo_epi16(_mm_srai_epi16(_mm_unpackhi_epi8(xv, xv), 8),
                                       _mm_srai_epi16(_mm_unpackhi_epi8(wv, wv), 8));
    a0 = _mm_add_epi32(a0, _mm_srai_epi32(_mm_unpacklo_epi16(lo, lo), 16));
    a1 = _mm_add_epi32(a1, _mm_srai_epi32(_mm_unpackhi_epi16(lo, lo), 16));
    a2 = _mm_add_epi32(a2, _mm_srai_epi32(_mm_unpacklo_epi16(hi, hi), 16));
    a3 = _mm_add_epi32(a3, _mm_srai_epi32(_mm_unpackhi_epi16(hi, hi), 16));
  }
  void store(int32_t* v) const {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(v), a0);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(v + 4), a1);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(v + 8), a2);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(v + 12), a3);
  }
#else
  int32_t a[16];
  void init(const int32_t* v) { std::memcpy(a, v, sizeof a); }
  void mac(const int8_t* x, const int8_t* w) {
    for (int j = 0; j < 16; ++j) a[j] += x[j] * w[j];
  }
  void store(int32_t* v) const { std::memcpy(v, a, sizeof a); }
#endif
};

}  // namespace simd
}  // namespace utensor
