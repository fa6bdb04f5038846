// Internal: the one cheap requantization behind every fast kernel.
//
// TFLite requantizes an int32 accumulator with MultiplyByQuantizedMultiplier and then adds the
// output zero point. For the shifts convolutions and fully connected layers have in practice
// (multiplier * 2^shift with 2 <= -shift <= 24), both rounding modes reduce exactly to
//
//     out = (acc * M + R) >> (31 + s)            s = -shift, M the Q31 multiplier
//
// with a 64-bit rounding constant R that also carries the zero point:
//   single rounding (TFLite 2.x):  R = (1 + 2 zp) 2^(30+s)
//   double rounding (TFLite Micro): R = (1 + 2 zp) 2^(30+s) + 2^30, minus 2^31 when acc < 0.
// Why the double form holds: gemmlowp's SaturatingRoundingDoublingHighMul with its sign-
// dependent nudge and truncating division equals floor((acc M + 2^30) / 2^31) for every sign
// (the saturating case needs M = INT32_MIN, impossible for a Q31 multiplier in [2^30, 2^31));
// RoundingDivideByPOT rounds half away from zero; composing a floor with that rounding is one
// floor with the constant above. Checked against the reference arithmetic on all targets by
// tests/cpp/fast_kernels_app.cpp (every shift, extreme accumulators and zero points).
//
// Because s >= 2, R's low word is a constant (0 or 2^30) and its high word is (1 + 2 zp) << (s - 2),
// so on a 32-bit core the whole step is one SMLAL and one arithmetic shift of the high word.
#pragma once
#include <cstdint>

#include "utensor/fixed_point.hpp"

namespace utensor {
namespace detail {

constexpr int32_t kFastShiftMin = -24;  // beyond this acc * M + R can leave 64 bits
constexpr int32_t kFastShiftMax = -2;

// Per-channel constants of that form: `hi` = (1 + 2 zp) << (s - 2) (the high word of R), `rs` = s - 1.
// A multiplier of 0 (a channel whose real multiplier is below 2^-31) always gives the zero
// point, which the same formula yields with s = 2. Any other shift outside the fast range is
// marked rs = -1 and goes through the reference arithmetic (`requantize_slow`).
struct FastRequant {
  int32_t multiplier;
  int32_t hi;
  int32_t rs;
  int32_t shift;
  int32_t zero_point;
};

inline FastRequant fast_requant(int32_t multiplier, int32_t shift, int32_t zero_point) {
  if (multiplier == 0) shift = -2;
  if (shift < kFastShiftMin || shift > kFastShiftMax) return {multiplier, 0, -1, shift, zero_point};
  const int32_t s = -shift;
  return {multiplier, static_cast<int32_t>(static_cast<uint32_t>(1 + 2 * zero_point) << (s - 2)), s - 1, shift,
          zero_point};
}

// Reference arithmetic for the channels the fast form does not cover.
inline int32_t requantize_slow(int32_t acc, const FastRequant& q) {
  const int64_t v = static_cast<int64_t>(fp::multiply_by_quantized_multiplier(acc, q.multiplier, q.shift)) + q.zero_point;
  return static_cast<int32_t>(v < fp::kInt32Min ? fp::kInt32Min : v > fp::kInt32Max ? fp::kInt32Max : v);
}

// Portable form of the fast requantization (64-bit arithmetic), any channel.
inline int32_t requantize(int32_t acc, const FastRequant& q) {
  if (q.rs < 0) return requantize_slow(acc, q);
  int64_t r = static_cast<int64_t>(q.hi) * (int64_t{1} << 32);
#if !UTENSOR_SINGLE_ROUNDING
  r += (int64_t{1} << 30) - (acc < 0 ? (int64_t{1} << 31) : 0);
#endif
  return static_cast<int32_t>(((static_cast<int64_t>(acc) * q.multiplier + r) >> 32) >> q.rs);
}

// ADD's input rescaling, TFLite's MultiplyByQuantizedMultiplierSmallerThanOneExp of
// (a + offset) << 20 for an int8 a, as one multiply-accumulate: with x = a << 21 (no overflow),
//   scaled = (x * M + C) >> (32 + s),  s = -shift >= 0,
// C = 2^21 (offset M + 2^(10+s)) in single rounding; in double rounding C = 2^21 (offset M + 2^10
// [+ 2^(10+s) when s >= 1]), 2^32 less when s >= 1 and a + offset < 0 (the derivation above, in
// units of 2^20).
struct AddInputScale {
  int64_t c;      // C for a + offset >= 0
  int32_t s;      // right shift of the high word
  int32_t neg;    // 1 when a negative a + offset takes C - 2^32 (double rounding, s >= 1)
  int32_t offset;
  int32_t multiplier;
};

inline bool add_input_scale(int32_t offset, int32_t multiplier, int32_t shift, int32_t left_shift, AddInputScale* out) {
  if (left_shift != 20 || shift > 0 || shift < -31) return false;
  const int32_t s = -shift;
#if UTENSOR_SINGLE_ROUNDING
  int64_t c = static_cast<int64_t>(offset) * multiplier + (int64_t{1} << (10 + s));
#else
  int64_t c = static_cast<int64_t>(offset) * multiplier + (int64_t{1} << 10) + (s >= 1 ? int64_t{1} << (10 + s) : 0);
#endif
  *out = {c * (int64_t{1} << 21), s, (!UTENSOR_SINGLE_ROUNDING && s >= 1) ? 1 : 0, offset, multiplier};
  return true;
}

// Portable form.
inline int32_t add_scale(int32_t a, const AddInputScale& q) {
  int64_t c = q.c;
  if (q.neg && a + q.offset < 0) c -= int64_t{1} << 32;
  return static_cast<int32_t>((static_cast<int64_t>(a) * (int64_t{1} << 21) * q.multiplier + c) >> (32 + q.s));
}

inline int32_t clamp(int32_t v, int32_t lo, int32_t hi) { return v < lo ? lo : v > hi ? hi : v; }

}  // namespace detail
}  // namespace utensor
