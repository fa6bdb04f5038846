// Binary element-wise ops with numpy/TFLite broadcasting (up to 4 dims): ADD, SUB, MUL,
// MINIMUM, MAXIMUM on int8.
//
// In place: `out` may be the same pointer as an input of the output's shape (the memory planner
// runs these ops in place when that input is not read later). Each output element is written
// after the input elements it needs are read; keep it so (no __restrict__ on the operands).
#pragma once
#include <cstdint>

#include "utensor/quantization.hpp"

namespace utensor {

struct AddParams {
  int32_t input1_offset = 0, input2_offset = 0;  // -(zero points)
  int32_t output_offset = 0;
  int32_t left_shift = 20;
  Multiplier input1, input2, output;
  int32_t act_min = -128, act_max = 127;
  // TFLite 2.x mode only, when tf.lite runs the op on XNNPACK: out = ((xnn_bias + a *
  // xnn_a_multiplier + b * xnn_b_multiplier) >> xnn_shift) + output_offset, clamped; raw int8
  // a, b; SUB has a negative b multiplier. xnn_shift 0: the scheme above.
  int32_t xnn_a_multiplier = 0, xnn_b_multiplier = 0, xnn_bias = 0, xnn_shift = 0;
};

struct MulParams {
  int32_t input1_offset = 0, input2_offset = 0, output_offset = 0;
  Multiplier output;
  int32_t act_min = -128, act_max = 127;
  // TFLite 2.x mode only, when tf.lite runs the op on XNNPACK: the product times this float32
  // scale, rounded half to even (fixed_point.hpp, requantize_fp32). 0: the multiplier above.
  float xnn_scale = 0.0f;
};

// ADD and SUB share parameters (TFLite's scheme: both inputs rescaled to 2 * max scale << 20).
AddParams prepare_add(float s1, int32_t zp1, float s2, int32_t zp2, float s_out, int32_t zp_out, Activation act);
MulParams prepare_mul(float s1, int32_t zp1, float s2, int32_t zp2, float s_out, int32_t zp_out, Activation act);

void add(const AddParams& p, const int8_t* a, const Shape& sa, const int8_t* b, const Shape& sb, int8_t* out,
         const Shape& so);
void sub(const AddParams& p, const int8_t* a, const Shape& sa, const int8_t* b, const Shape& sb, int8_t* out,
         const Shape& so);
void mul(const MulParams& p, const int8_t* a, const Shape& sa, const int8_t* b, const Shape& sb, int8_t* out,
         const Shape& so);
// ADD in the int16x8 scheme: TFLite's general int16 path (both inputs rescaled to twice the
// larger scale, left shift 15, double rounding), the one TFLite Micro always runs and tf.lite
// runs for models whose ADD has pot_scale_int16 = false (what TensorFlow's converter writes).
void add_int16(const AddParams& p, const int16_t* a, const Shape& sa, const int16_t* b, const Shape& sb, int16_t* out,
               const Shape& so);
// The portable ADD (broadcasting); add() runs the target's fast kernel for same-shape inputs.
namespace reference {
void add(const AddParams& p, const int8_t* a, const Shape& sa, const int8_t* b, const Shape& sb, int8_t* out,
         const Shape& so);
}  // namespace reference
// MINIMUM / MAXIMUM compare raw values (TFLite requires equal quantization of inputs and output).
void minimum(const int8_t* a, const Shape& sa, const int8_t* b, const Shape& sb, int8_t* out, const Shape& so);
void maximum(const int8_t* a, const Shape& sa, const int8_t* b, const Shape& sb, int8_t* out, const Shape& so);

// The broadcast output shape of two shapes, false if they do not broadcast.
bool broadcast_shape(const Shape& a, const Shape& b, Shape* out);

}  // namespace utensor
