// A C ABI over the runtime's parameter helpers (`prepare_*`, `quantize_multiplier`, activation
// ranges, padding), for tests/test_params.py: the code generator computes every op's constant
// parameters in Python (simulator/model/params.py) and emits them as data; hand-written apps
// call these C++ helpers instead. The test requires both to give the same numbers, in both
// rounding modes. Kernels are tested through generated models (tests/test_conformance.py,
// tests/test_runtime_bitexact.py), not through this ABI. Not part of the inference path.
#include <cstdint>

#include "utensor/utensor.hpp"

using namespace utensor;

namespace {
constexpr int kMaxChannels = 4096;
}  // namespace

extern "C" {

int ut_single_rounding() { return UTENSOR_SINGLE_ROUNDING; }

void ut_quantize_multiplier(double real, int32_t* multiplier, int32_t* shift) {
  const Multiplier m = quantize_multiplier(real);
  *multiplier = m.value;
  *shift = m.shift;
}

void ut_activation_range(int32_t act, float scale, int32_t zero_point, int32_t* act_min, int32_t* act_max) {
  activation_range_int8(static_cast<Activation>(act), scale, zero_point, act_min, act_max);
}

// padding: 0 SAME, 1 VALID.
int32_t ut_conv_padding(int32_t padding, int32_t in, int32_t filter, int32_t stride, int32_t dilation, int32_t out) {
  return conv_padding(static_cast<Padding>(padding), in, filter, stride, dilation, out);
}

// fields: input_offset, weights_offset, output_offset, act_min, act_max, per_channel.
int ut_prepare_fully_connected(float in_scale, int32_t in_zp, const float* w_scales, int32_t n_scales, int32_t w_zp,
                               float out_scale, int32_t out_zp, int32_t act, int32_t* mult, int32_t* shift,
                               int32_t* fields) {
  if (n_scales > kMaxChannels) return 1;
  FullyConnectedParams p;
  prepare_fully_connected(in_scale, in_zp, w_scales, n_scales, w_zp, out_scale, out_zp, static_cast<Activation>(act),
                          mult, shift, &p);
  const int32_t values[] = {p.input_offset, p.weights_offset, p.output_offset, p.act_min, p.act_max, p.per_channel};
  for (int i = 0; i < 6; ++i) fields[i] = values[i];
  return 0;
}

// fields: input_offset, output_offset, act_min, act_max.
int ut_prepare_conv(float in_scale, int32_t in_zp, const float* w_scales, int32_t n_scales, int32_t channels,
                    float out_scale, int32_t out_zp, int32_t act, int32_t* mult, int32_t* shift, int32_t* fields) {
  if (channels > kMaxChannels) return 1;
  ConvParams p;
  prepare_conv(in_scale, in_zp, w_scales, n_scales, channels, out_scale, out_zp, static_cast<Activation>(act), mult,
               shift, &p);
  const int32_t values[] = {p.input_offset, p.output_offset, p.act_min, p.act_max};
  for (int i = 0; i < 4; ++i) fields[i] = values[i];
  return 0;
}

// fields: input1_offset, input2_offset, output_offset, left_shift, input1.value, input1.shift,
// input2.value, input2.shift, output.value, output.shift, act_min, act_max.
void ut_prepare_add(float s1, int32_t zp1, float s2, int32_t zp2, float so, int32_t zpo, int32_t act, int32_t* fields) {
  const AddParams p = prepare_add(s1, zp1, s2, zp2, so, zpo, static_cast<Activation>(act));
  const int32_t values[] = {p.input1_offset, p.input2_offset, p.output_offset, p.left_shift,    p.input1.value,
                            p.input1.shift,  p.input2.value,  p.input2.shift,  p.output.value, p.output.shift,
                            p.act_min,       p.act_max};
  for (int i = 0; i < 12; ++i) fields[i] = values[i];
}

// fields: input1_offset, input2_offset, output_offset, output.value, output.shift, act_min, act_max.
void ut_prepare_mul(float s1, int32_t zp1, float s2, int32_t zp2, float so, int32_t zpo, int32_t act, int32_t* fields) {
  const MulParams p = prepare_mul(s1, zp1, s2, zp2, so, zpo, static_cast<Activation>(act));
  const int32_t values[] = {p.input1_offset, p.input2_offset, p.output_offset, p.output.value,
                            p.output.shift,  p.act_min,       p.act_max};
  for (int i = 0; i < 7; ++i) fields[i] = values[i];
}

// fields: input_zero_point, output_zero_point, multiplier.value, multiplier.shift, act_min, act_max, clamp_only.
void ut_prepare_relu(int32_t act, float in_scale, int32_t in_zp, float out_scale, int32_t out_zp, int32_t* fields) {
  const ReluParams p = prepare_relu(static_cast<Activation>(act), in_scale, in_zp, out_scale, out_zp);
  const int32_t values[] = {p.input_zero_point, p.output_zero_point, p.multiplier.value, p.multiplier.shift,
                            p.act_min,          p.act_max,           p.clamp_only};
  for (int i = 0; i < 7; ++i) fields[i] = values[i];
}

// fields: input_multiplier, input_left_shift, diff_min.
void ut_prepare_softmax(float beta, float in_scale, int32_t* fields) {
  const SoftmaxParams p = prepare_softmax(beta, in_scale);
  fields[0] = p.input_multiplier;
  fields[1] = p.input_left_shift;
  fields[2] = p.diff_min;
}

// fields: input_zero_point, output_zero_point, multiplier.value, multiplier.shift, q8_multiplier.
void ut_prepare_requantize(float in_scale, int32_t in_zp, float out_scale, int32_t out_zp, int32_t* fields) {
  const RequantizeParams p = prepare_requantize(in_scale, in_zp, out_scale, out_zp);
  const int32_t values[] = {p.input_zero_point, p.output_zero_point, p.multiplier.value, p.multiplier.shift,
                            p.q8_multiplier};
  for (int i = 0; i < 5; ++i) fields[i] = values[i];
}

}  // extern "C"
