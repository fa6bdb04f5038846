// mbed::MbedCRC<polynomial, width>: cyclic redundancy checks with the parameters Mbed OS uses
// for its standard polynomials (CRC-32 as in zlib/Ethernet, CRC-16 CCITT and IBM, CRC-8 CCITT,
// CRC-7 SD), computed in software with a lookup table.
//
// @code
// MbedCRC<POLY_32BIT_ANSI, 32> ct;
// uint32_t crc;
// ct.compute("123456789", 9, &crc);   // crc == 0xCBF43926
// @endcode
#pragma once
#include <cstddef>
#include <cstdint>

namespace mbed {

/** The polynomials Mbed OS names. */
enum crc_polynomial {
  POLY_7BIT_SD = 0x09,        ///< x7+x3+1
  POLY_8BIT_CCITT = 0x07,     ///< x8+x2+x+1
  POLY_16BIT_CCITT = 0x1021,  ///< x16+x12+x5+1
  POLY_16BIT_IBM = 0x8005,    ///< x16+x15+x2+1
  POLY_32BIT_ANSI = 0x04C11DB7,
};

typedef size_t crc_data_size_t;

/** Where the CRC is computed; the simulator always computes in software (a table). */
enum class CrcMode { HARDWARE, TABLE, BITWISE };

namespace impl {
struct CrcDefaults {
  uint32_t initial_xor, final_xor;
  bool reflect_data, reflect_remainder;
};
constexpr CrcDefaults crc_defaults(uint32_t polynomial, uint8_t width) {
  return polynomial == POLY_32BIT_ANSI && width == 32   ? CrcDefaults{0xFFFFFFFFu, 0xFFFFFFFFu, true, true}
         : polynomial == POLY_16BIT_IBM && width == 16  ? CrcDefaults{0, 0, true, true}
         : polynomial == POLY_16BIT_CCITT && width == 16 ? CrcDefaults{0xFFFF, 0, false, false}
                                                          : CrcDefaults{0, 0, false, false};
}
}  // namespace impl

template <uint32_t polynomial = POLY_32BIT_ANSI, uint8_t width = 32, CrcMode mode_limit = CrcMode::HARDWARE>
class MbedCRC {
  static_assert(width >= 1 && width <= 32, "CRC width must be 1..32 bits");

 public:
  /** The standard parameters of the polynomial (see crc_polynomial). */
  MbedCRC()
      : MbedCRC(impl::crc_defaults(polynomial, width).initial_xor, impl::crc_defaults(polynomial, width).final_xor,
                impl::crc_defaults(polynomial, width).reflect_data,
                impl::crc_defaults(polynomial, width).reflect_remainder) {}
  /** Custom parameters: initial value, final XOR, and whether input bytes and the result are
   *  bit-reflected. */
  MbedCRC(uint32_t initial_xor, uint32_t final_xor, bool reflect_data, bool reflect_remainder)
      : initial_xor_(initial_xor), final_xor_(final_xor), reflect_data_(reflect_data),
        reflect_remainder_(reflect_remainder) {}

  /** CRC of `size` bytes at `buffer` into *crc. Returns 0. */
  int32_t compute(const void* buffer, crc_data_size_t size, uint32_t* crc) {
    uint32_t c;
    compute_partial_start(&c);
    compute_partial(buffer, size, &c);
    compute_partial_stop(&c);
    *crc = c;
    return 0;
  }
  /** Start a CRC over several buffers: then compute_partial for each, then compute_partial_stop. */
  int32_t compute_partial_start(uint32_t* crc) {
    *crc = (initial_xor_ & kMask) << (32 - width);  // the register is kept left-aligned in 32 bits
    return 0;
  }
  int32_t compute_partial(const void* buffer, crc_data_size_t size, uint32_t* crc) {
    const uint8_t* data = static_cast<const uint8_t*>(buffer);
    uint32_t r = *crc;
    for (crc_data_size_t i = 0; i < size; ++i) {
      const uint8_t b = reflect_data_ ? reflect8(data[i]) : data[i];
      r = (r << 8) ^ kTable.entries[((r >> 24) ^ b) & 0xFF];
    }
    *crc = r;
    return 0;
  }
  int32_t compute_partial_stop(uint32_t* crc) {
    uint32_t r = *crc >> (32 - width);
    if (reflect_remainder_) r = reflect(r, width);
    r = (r ^ final_xor_) & kMask;
    // Mbed OS returns a 7-bit CRC shifted left by one, as the SD card protocol sends it.
    if (width == 7) r <<= 1;
    *crc = r;
    return 0;
  }

  static constexpr uint32_t get_polynomial() { return polynomial; }
  static constexpr uint8_t get_width() { return width; }

 private:
  static constexpr uint32_t kMask = width == 32 ? 0xFFFFFFFFu : ((1u << width) - 1u);
  static constexpr uint32_t kPoly = static_cast<uint32_t>(static_cast<uint64_t>(polynomial) << (32 - width));
  // The byte table, computed by the compiler and kept in flash (one per polynomial, as Mbed OS's
  // tables are), so a MbedCRC object is a few words, not a 1 KB table on the stack.
  struct Table {
    uint32_t entries[256];
  };
  static constexpr Table make_table() {
    Table t{};
    for (uint32_t byte = 0; byte < 256; ++byte) {
      uint32_t r = byte << 24;
      for (int bit = 0; bit < 8; ++bit) r = (r & 0x80000000u) ? (r << 1) ^ kPoly : (r << 1);
      t.entries[byte] = r;
    }
    return t;
  }
  static constexpr Table kTable = make_table();
  static uint8_t reflect8(uint8_t v) { return static_cast<uint8_t>(reflect(v, 8)); }
  static uint32_t reflect(uint32_t v, int bits) {
    uint32_t r = 0;
    for (int i = 0; i < bits; ++i)
      if (v & (1u << i)) r |= 1u << (bits - 1 - i);
    return r;
  }

  uint32_t initial_xor_, final_xor_;
  bool reflect_data_, reflect_remainder_;
};

}  // namespace mbed
