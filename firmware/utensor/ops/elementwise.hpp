// Binary element-wise ops with numpy/TFLite broadcasting (up to 4 dims): ADD, SUB, MUL,
// MINIMUM, MAXIMUM on int8.
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
};

struct MulParams {
  int32_t input1_offset = 0, input2_offset = 0, output_offset = 0;
  Multiplier output;
  int32_t act_min = -128, act_max = 127;
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
