#include "utensor/ops/lstm.hpp"

#include <algorithm>
#include <cstdlib>

#include "utensor/fixed_point.hpp"
#include "utensor/ops/fully_connected.hpp"

namespace utensor {

namespace {

// sigmoid(i / 24) in 0.16 fixed point for i = 0..255, the table TensorFlow Lite's int16
// LOGISTIC and TANH interpolate (tensorflow/lite/kernels/internal/common.h, Apache-2.0,
// The TensorFlow Authors). These exact values define TFLite's and TFLite Micro's int16 results;
// they are not round(65536 * sigmoid(i / 24)) (44 entries differ by one), so they are data here.
constexpr uint16_t kSigmoidTable[256] = {
    32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149,
    40794, 41432, 42064, 42688, 43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369,
    47911, 48443, 48964, 49475, 49975, 50464, 50942, 51409, 51865, 52311, 52745, 53169,
    53581, 53983, 54374, 54755, 55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433,
    57724, 58007, 58280, 58544, 58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370,
    60565, 60753, 60935, 61110, 61279, 61441, 61599, 61750, 61896, 62036, 62172, 62302,
    62428, 62549, 62666, 62778, 62886, 62990, 63090, 63186, 63279, 63368, 63454, 63536,
    63615, 63691, 63765, 63835, 63903, 63968, 64030, 64090, 64148, 64204, 64257, 64308,
    64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652, 64687, 64721, 64754, 64786,
    64816, 64845, 64873, 64900, 64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079,
    65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234, 65246, 65258,
    65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360, 65367,
    65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425, 65429, 65433,
    65438, 65442, 65445, 65449, 65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474,
    65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491, 65493, 65495, 65497, 65498,
    65500, 65501, 65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513,
    65514, 65515, 65516, 65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522,
    65523, 65523, 65524, 65524, 65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528,
    65528, 65528, 65529, 65529, 65529, 65529, 65530, 65530, 65530, 65530, 65531, 65531,
    65531, 65531, 65531, 65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533,
    65533, 65533, 65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534, 65534, 65534,
    65534, 65534, 65534, 65535};

inline int16_t sat16(int32_t v) { return static_cast<int16_t>(std::min<int32_t>(std::max<int32_t>(v, -32768), 32767)); }

inline int32_t scale_input(int16_t x, int32_t multiplier, int32_t shift) {
  const int32_t round = shift > 0 ? 1 << (shift - 1) : 0;
  return (x * multiplier + round) >> shift;
}

// One gate: gate = act(FC_x(x) + FC_h(h)), int16 at 2^-12 before the activation.
void gate(const LstmParams& p, const LstmGate& g, const int8_t* x, const int8_t* h, int32_t rows, int16_t* out,
          int16_t* tmp, bool tanh_activation) {
  const int32_t n = p.state_size;
  for (int32_t r = 0; r < rows; ++r) {
    for (int32_t s = 0; s < n; ++s) {
      int32_t acc = dot_int8(x + r * p.input_size, g.input_weights + s * p.input_size, p.input_size, p.input_offset, 0);
      if (g.bias) acc += g.bias[s];
      const int c = g.input_per_channel ? s : 0;
      out[r * n + s] = sat16(fp::multiply_by_quantized_multiplier_double_rounding(acc, g.input_multipliers[c],
                                                                                 g.input_shifts[c]));
      const int32_t rec = dot_int8(h + r * n, g.recurrent_weights + s * n, n, p.hidden_offset, 0);
      const int rc = g.recurrent_per_channel ? s : 0;
      tmp[r * n + s] = sat16(fp::multiply_by_quantized_multiplier_double_rounding(rec, g.recurrent_multipliers[rc],
                                                                                 g.recurrent_shifts[rc]));
    }
  }
  for (int32_t i = 0; i < rows * n; ++i) {
    const int16_t sum = sat16(out[i] + tmp[i]);
    // Gate inputs are Q3.12: the table's input scale is reached with a multiplier of 3.
    out[i] = tanh_activation ? tanh_int16(sum, 3, 0) : sigmoid_int16(sum, 3, 0);
  }
}

inline int32_t mul16(int32_t a, int32_t b, const Multiplier& m) {
  return fp::multiply_by_quantized_multiplier_double_rounding(a * b, m.value, m.shift);
}

// One time step for `rows` batch rows whose states are at h / c.
void micro_step(const LstmParams& p, const int8_t* x, int8_t* h, int16_t* c, int8_t* out, int32_t rows, int16_t* scratch) {
  const int32_t n = rows * p.state_size;
  int16_t* forget = scratch;
  int16_t* input_gate = scratch + n;
  int16_t* cell_gate = scratch + 2 * n;
  int16_t* tmp = scratch + 3 * n;
  gate(p, p.forget, x, h, rows, forget, tmp, false);
  gate(p, p.input, x, h, rows, input_gate, tmp, false);
  gate(p, p.cell, x, h, rows, cell_gate, tmp, p.cell_gate_tanh);
  for (int32_t i = 0; i < n; ++i) {
    const int16_t kept = sat16(mul16(forget[i], c[i], p.forget_times_cell));
    const int16_t added = sat16(mul16(input_gate[i], cell_gate[i], p.input_times_cell_gate));
    int16_t v = sat16(kept + added);
    if (p.cell_clip > 0) v = static_cast<int16_t>(std::min<int32_t>(std::max<int32_t>(v, -p.cell_clip), p.cell_clip));
    c[i] = v;
  }
  int16_t* output_gate = input_gate;  // the input gate is consumed
  gate(p, p.output, x, h, rows, output_gate, tmp, false);  // still reads h_(t-1)
  for (int32_t i = 0; i < n; ++i) {
    const int16_t t = tanh_int16(c[i], p.tanh_multiplier, p.tanh_shift);
    const int32_t v = mul16(t, output_gate[i], p.output_times_tanh) + p.hidden_zero_point;
    h[i] = static_cast<int8_t>(std::min<int32_t>(std::max<int32_t>(v, -128), 127));
    out[i] = h[i];
  }
}


#if UTENSOR_SINGLE_ROUNDING
// --- tf.lite's integer LSTM (TFLite 2.x mode) ------------------------------------------------
// gemmlowp's 16-bit fixed point, written from its algorithm: a value with k integer bits is an
// int16 raw with 15 - k fractional bits; products are saturating rounding doubling high
// multiplies, constants are gemmlowp's Q0.31 constants rounded to 16 bits.
namespace fx16 {

inline int16_t wrap(int32_t v) { return static_cast<int16_t>(v); }

inline int16_t mul(int16_t a, int16_t b) {  // SaturatingRoundingDoublingHighMul
  if (a == -32768 && b == -32768) return 32767;
  const int32_t ab = static_cast<int32_t>(a) * b;
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return wrap((ab + nudge) / (1 << 15));
}

inline int16_t rdbpot(int16_t x, int e) {  // RoundingDivideByPOT
  const int32_t mask = (1 << e) - 1;
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return wrap((x >> e) + (remainder > threshold ? 1 : 0));
}

inline int16_t sat_mul_pot(int16_t x, int e) {  // SaturatingRoundingMultiplyByPOT, e > 0
  const int32_t threshold = (1 << (15 - e)) - 1;
  if (x > threshold) return 32767;
  if (x < -threshold) return -32768;
  return wrap(x * (1 << e));
}

inline int16_t rescale(int16_t x, int from_bits, int to_bits) {
  const int e = from_bits - to_bits;
  return e > 0 ? sat_mul_pot(x, e) : e < 0 ? rdbpot(x, -e) : x;
}

inline int16_t constant(int32_t q31) {  // gemmlowp's RescaleConstantInitializer for int16
  return wrap(fp::rounding_divide_by_pot(q31, 16));
}

inline int16_t sat_add(int16_t a, int16_t b) { return sat16(a + b); }

// exp(a) for a in [-1/4, 0), a and the result with 0 integer bits.
int16_t exp_quarter(int16_t a) {
  const int16_t c = constant(1895147668), third = constant(715827883);
  const int16_t x = wrap(a + (1 << 12));  // + 1/8
  const int16_t x2 = mul(x, x), x3 = mul(x2, x), x4 = mul(x2, x2);
  const int16_t x4_over_4 = rdbpot(x4, 2);
  const int16_t poly = rdbpot(wrap(mul(wrap(x4_over_4 + x3), third) + x2), 1);
  return sat_add(c, mul(c, wrap(x + poly)));
}

// exp(a) for a <= 0 with `bits` integer bits; result with 0 integer bits.
int16_t exp_negative(int16_t a, int bits) {
  const int fractional = 15 - bits;
  const int16_t quarter = wrap(1 << (fractional - 2));
  const int16_t a_mod = wrap((a & (quarter - 1)) - quarter);
  int16_t result = exp_quarter(rescale(a_mod, bits, 0));
  const int16_t remainder = wrap(a_mod - a);
  static constexpr int32_t kMultipliers[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
  for (int exponent = -2; exponent <= 4; ++exponent) {
    if (bits > exponent && (remainder & (1 << (fractional + exponent))))
      result = mul(result, constant(kMultipliers[exponent + 2]));
  }
  if (bits > 5) {
    const int16_t clamp = constant(-(1 << (36 - bits)));
    if (a < clamp) result = 0;
  }
  return a == 0 ? 32767 : result;
}

// Newton-Raphson 1 / (1 + a) (Q2.13 iterate) for a in [0, 1), before the final rescale.
int16_t reciprocal_iterate(int16_t a) {
  const int32_t sum = a + 32767;
  const int16_t half_denominator = wrap((sum + (sum >= 0 ? 1 : -1)) / 2);
  int16_t x = wrap(constant(1515870810) + mul(half_denominator, constant(-1010580540)));
  for (int i = 0; i < 3; ++i) {
    const int16_t one_minus = wrap((1 << 13) - mul(half_denominator, x));
    x = wrap(x + rescale(mul(x, one_minus), 4, 2));
  }
  return x;
}

int16_t logistic(int16_t a, int bits) {
  if (a == 0) return constant(1 << 30);
  const int16_t abs_a = a > 0 ? a : wrap(-a);
  const int16_t positive = rescale(reciprocal_iterate(exp_negative(wrap(-abs_a), bits)), 1, 0);
  return a > 0 ? positive : wrap(32767 - positive);
}

int16_t tanh(int16_t a, int bits) {
  if (a == 0) return 0;
  const int16_t n = a < 0 ? a : wrap(-a);
  const int16_t t = rescale(wrap(reciprocal_iterate(exp_negative(n, bits + 1)) - (1 << 13)), 2, 0);
  return a < 0 ? wrap(-t) : t;
}

}  // namespace fx16

inline int32_t mbqm(int32_t x, int32_t m, int32_t s) { return fp::multiply_by_quantized_multiplier_double_rounding(x, m, s); }

// gate = act(clamp(FC_h(h) + clamp(FC_x(x)))) as tf.lite accumulates it.
void tflite_gate(const LstmParams& p, const LstmGate& g, const int8_t* x, const int8_t* h, int32_t rows,
                 int16_t* out, bool tanh_activation) {
  const int32_t n = p.state_size;
  for (int32_t r = 0; r < rows; ++r) {
    for (int32_t s = 0; s < n; ++s) {
      int32_t acc = dot_int8(x + r * p.input_size, g.input_weights + s * p.input_size, p.input_size, p.input_offset, 0);
      if (g.bias) acc += g.bias[s];
      const int c = g.input_per_channel ? s : 0;
      const int16_t first = sat16(mbqm(acc, g.input_multipliers[c], g.input_shifts[c]));
      const int32_t rec = dot_int8(h + r * n, g.recurrent_weights + s * n, n, p.hidden_offset, 0);
      const int rc = g.recurrent_per_channel ? s : 0;
      const int16_t sum = sat16(mbqm(rec, g.recurrent_multipliers[rc], g.recurrent_shifts[rc]) + first);
      out[r * n + s] = tanh_activation ? fx16::tanh(sum, 3) : fx16::logistic(sum, 3);
    }
  }
}

void tflite_step(const LstmParams& p, const int8_t* x, int8_t* h, int16_t* c, int8_t* out, int32_t rows,
                 int16_t* scratch) {
  const int32_t n = rows * p.state_size;
  int16_t* forget = scratch;
  int16_t* input_gate = scratch + n;
  int16_t* cell_gate = scratch + 2 * n;
  int16_t* output_gate = scratch + 3 * n;
  tflite_gate(p, p.forget, x, h, rows, forget, false);
  tflite_gate(p, p.cell, x, h, rows, cell_gate, p.cell_gate_tanh);
  tflite_gate(p, p.input, x, h, rows, input_gate, false);
  for (int32_t i = 0; i < n; ++i) {
    // tf.lite's CwiseMul: rounding shifts, and a plain int16 conversion (no saturation).
    const int16_t kept = fx16::wrap(fp::rounding_divide_by_pot(forget[i] * c[i], 15));
    forget[i] = fx16::wrap(fp::rounding_divide_by_pot(input_gate[i] * cell_gate[i], 30 + p.cell_scale_power));
    int16_t v = sat16(kept + forget[i]);
    if (p.tflite_cell_clip > 0)
      v = static_cast<int16_t>(std::min<int32_t>(std::max<int32_t>(v, -p.tflite_cell_clip), p.tflite_cell_clip));
    c[i] = v;
  }
  tflite_gate(p, p.output, x, h, rows, output_gate, false);
  const int bits = 15 + p.cell_scale_power;
  for (int32_t i = 0; i < n; ++i) {
    // tf.lite's ApplyTanh handles 0..6 integer bits; outside that (a cell scale below 2^-15 or
    // above 2^-9) it writes nothing, and its output buffer, the one that held the input gate,
    // is used as it is: so are we.
    const int16_t t = bits >= 0 && bits <= 6 ? fx16::tanh(c[i], bits) : input_gate[i];
    const int32_t v = mbqm(output_gate[i] * t, p.tflite_hidden.value, p.tflite_hidden.shift) +
                      p.tflite_hidden_zero_point;
    h[i] = static_cast<int8_t>(std::min<int32_t>(std::max<int32_t>(v, -128), 127));
    out[i] = h[i];
  }
}
#endif  // UTENSOR_SINGLE_ROUNDING

void step(const LstmParams& p, const int8_t* x, int8_t* h, int16_t* c, int8_t* out, int32_t rows, int16_t* scratch) {
#if UTENSOR_SINGLE_ROUNDING
  if (p.tflite_kernel) {
    tflite_step(p, x, h, c, out, rows, scratch);
    return;
  }
#endif
  micro_step(p, x, h, c, out, rows, scratch);
}

}  // namespace

int16_t sigmoid_int16(int16_t x, int32_t multiplier, int32_t shift) {
  const int32_t v = scale_input(x, multiplier, shift);
  const uint32_t a = static_cast<uint32_t>(std::abs(v));
  const uint32_t index = a >> 9;  // table step 1/24 is 2^9 input units after the scaling
  uint32_t r;
  if (index >= 255) {
    r = 0x7FFFu << 10;
  } else {
    const uint32_t lo = kSigmoidTable[index], hi = kSigmoidTable[index + 1];
    r = (lo << 9) + (a & 0x1FFu) * (hi - lo);
  }
  // sigmoid(-x) = 1 - sigmoid(x); round to nearest, back to 16 bits (Q0.15).
  r = v >= 0 ? r + (1u << 9) : (1u << 25) - r + (1u << 9) - 1;
  return static_cast<int16_t>(r >> 10);
}

int16_t tanh_int16(int16_t x, int32_t multiplier, int32_t shift) {
  const int32_t v = scale_input(x, multiplier, shift);
  const uint32_t a = static_cast<uint32_t>(std::abs(v));
  const uint32_t index = a >> 8;  // tanh(x) = 2 sigmoid(2x) - 1: half the table step
  int32_t r;
  if (index >= 255) {
    r = 0xFFFF << 8;
  } else {
    const uint32_t lo = kSigmoidTable[index], hi = kSigmoidTable[index + 1];
    r = static_cast<int32_t>((lo << 8) + (a & 0xFFu) * (hi - lo));
  }
  r = v >= 0 ? r - (1 << 23) + (1 << 7) : -r + (1 << 23) + (1 << 7) - 1;
  return static_cast<int16_t>(r >> 8);
}

void lstm(const LstmParams& p, const int8_t* input, int8_t* hidden_state, int16_t* cell_state, int8_t* output,
          int16_t* scratch) {
  const int32_t n = p.state_size;

  if (p.time_major) {  // all batch rows advance together
    for (int32_t t = 0; t < p.time_steps; ++t)
      step(p, input + t * p.batches * p.input_size, hidden_state, cell_state, output + t * p.batches * n, p.batches,
           scratch);
    return;
  }
  for (int32_t b = 0; b < p.batches; ++b)
    for (int32_t t = 0; t < p.time_steps; ++t)
      step(p, input + (b * p.time_steps + t) * p.input_size, hidden_state + b * n, cell_state + b * n,
           output + (b * p.time_steps + t) * n, 1, scratch);
}

}  // namespace utensor
