// Internal: Cortex-M4 DSP-extension primitives (UTENSOR_ARM_DSP builds only).
//
// Inline assembly rather than ACLE intrinsics where GCC 12 does not fold a rotation into
// SXTB16 / SXTAB16 (it emits a separate ROR), and for the requantization, whose 64-bit
// rounding constant must be built without a branch.
#pragma once
#include <cstdint>
#include <cstring>

#include "requant.hpp"

namespace utensor {
namespace arm {

inline uint32_t load32(const void* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);  // one LDR (unaligned access is allowed on Cortex-M4)
  return v;
}

inline void store32(void* p, uint32_t v) { std::memcpy(p, &v, 4); }

// Bytes 0 and 2 of x as two int16 lanes.
inline uint32_t sxtb16(uint32_t x) {
  uint32_t r;
  asm("sxtb16 %0, %1" : "=r"(r) : "r"(x));
  return r;
}

// Bytes 1 and 3 of x as two int16 lanes.
inline uint32_t sxtb16_ror8(uint32_t x) {
  uint32_t r;
  asm("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
  return r;
}

inline int32_t smlad(uint32_t a, uint32_t b, int32_t acc) {
  int32_t r;
  asm("smlad %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
  return r;
}

inline int32_t smlabb(uint32_t a, uint32_t b, int32_t acc) {
  int32_t r;
  asm("smlabb %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
  return r;
}

inline int32_t smlatt(uint32_t a, uint32_t b, int32_t acc) {
  int32_t r;
  asm("smlatt %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
  return r;
}

inline int32_t smlatb(uint32_t a, uint32_t b, int32_t acc) {
  int32_t r;
  asm("smlatb %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
  return r;
}

inline uint32_t sadd16(uint32_t a, uint32_t b) {
  uint32_t r;
  asm("sadd16 %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}

inline uint32_t ssub16(uint32_t a, uint32_t b) {
  uint32_t r;
  asm("ssub16 %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}

// Per byte: a >= b ? a : b (signed), via SSUB8's GE flags and SEL.
inline uint32_t max8x4(uint32_t a, uint32_t b) {
  uint32_t r;
  asm("ssub8 %0, %1, %2\n\t"
      "sel %0, %1, %2"
      : "=&r"(r)
      : "r"(a), "r"(b)
      : "cc");
  return r;
}

// Per byte: a <= b ? a : b (signed).
inline uint32_t min8x4(uint32_t a, uint32_t b) {
  uint32_t r;
  asm("ssub8 %0, %2, %1\n\t"
      "sel %0, %1, %2"
      : "=&r"(r)
      : "r"(a), "r"(b)
      : "cc");
  return r;
}

inline int32_t ssat8(int32_t v) {
  int32_t r;
  asm("ssat %0, #8, %1" : "=r"(r) : "r"(v));
  return r;
}

// (acc * M + R) >> 32 >> rs with R's high word `hi` and, in double rounding, the low word
// 2^30 minus 2^31 for a negative accumulator (see requant.hpp). Five instructions.
inline int32_t requant(int32_t acc, int32_t multiplier, int32_t hi, int32_t rs) {
  uint32_t lo;
#if UTENSOR_SINGLE_ROUNDING
  asm("movs %0, #0\n\t"
      "smlal %0, %1, %2, %3"
      : "=&r"(lo), "+&r"(hi)
      : "r"(acc), "r"(multiplier)
      : "cc");
#else
  asm("and %0, %2, #0x80000000\n\t"
      "rsbs %0, %0, #0x40000000\n\t"
      "sbc %1, %1, #0\n\t"
      "smlal %0, %1, %2, %3"
      : "=&r"(lo), "+&r"(hi)
      : "r"(acc), "r"(multiplier)
      : "cc");
#endif
  (void)lo;
  return hi >> rs;
}

inline int32_t requant(int32_t acc, const detail::FastRequant& q) {
  if (__builtin_expect(q.rs < 0, 0)) return detail::requantize_slow(acc, q);
  return requant(acc, q.multiplier, q.hi, q.rs);
}

}  // namespace arm
}  // namespace utensor
