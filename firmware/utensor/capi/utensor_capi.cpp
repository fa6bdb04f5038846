// A C ABI over the runtime's kernels, taking float scales and zero points as TFLite's tensor
// details give them. Used by the Python tests (ctypes) to run any op on vectors made by
// TensorFlow, and by tools that need the runtime's exact multiplier arithmetic.
// Not part of the inference path on a device.
#include <cstdint>

#include "utensor/utensor.hpp"

using namespace utensor;

namespace {
constexpr int kMaxChannels = 4096;
Shape make_shape(int32_t rank, const int32_t* dims) {
  Shape s;
  s.rank = rank;
  for (int i = 0; i < rank; ++i) s.dims[i] = dims[i];
  return s;
}
}  // namespace

extern "C" {

int ut_single_rounding() { return UTENSOR_SINGLE_ROUNDING; }

void ut_quantize_multiplier(double real, int32_t* multiplier, int32_t* shift) {
  const Multiplier m = quantize_multiplier(real);
  *multiplier = m.value;
  *shift = m.shift;
}

int ut_fully_connected(const int8_t* input, int32_t batches, int32_t in_depth, float in_scale, int32_t in_zp,
                       const int8_t* weights, const float* w_scales, int32_t n_scales, int32_t w_zp,
                       const int32_t* bias, int32_t out_depth, float out_scale, int32_t out_zp, int32_t act,
                       int8_t* output) {
  static int32_t mult[kMaxChannels], shift[kMaxChannels];
  if (n_scales > kMaxChannels) return 1;
  FullyConnectedParams p;
  prepare_fully_connected(in_scale, in_zp, w_scales, n_scales, w_zp, out_scale, out_zp, static_cast<Activation>(act),
                          mult, shift, &p);
  fully_connected(p, input, batches, in_depth, weights, bias, out_depth, output);
  return 0;
}

int ut_fully_connected_sparse(const int8_t* input, int32_t batches, int32_t in_depth, float in_scale, int32_t in_zp,
                              const int8_t* weights, const float* w_scales, int32_t n_scales, const int32_t* bias,
                              int32_t out_depth, float out_scale, int32_t out_zp, int32_t act, int8_t* output,
                              int32_t* row_ptr, uint16_t* col_idx, int8_t* values, int32_t capacity) {
  static int32_t mult[kMaxChannels], shift[kMaxChannels];
  FullyConnectedParams p;
  prepare_fully_connected(in_scale, in_zp, w_scales, n_scales, 0, out_scale, out_zp, static_cast<Activation>(act),
                          mult, shift, &p);
  SparseTensor sparse;
  if (!sparse_from_dense(weights, out_depth, in_depth, row_ptr, col_idx, values, capacity, &sparse)) return 2;
  fully_connected_sparse(p, input, batches, sparse, bias, output);
  return 0;
}

// kind: 0 conv2d, 1 depthwise. padding: 0 SAME, 1 VALID.
int ut_conv(int32_t kind, const int8_t* input, const int32_t* in_dims, float in_scale, int32_t in_zp,
            const int8_t* filter, const int32_t* f_dims, const float* w_scales, int32_t n_scales, const int32_t* bias,
            int32_t stride_h, int32_t stride_w, int32_t dil_h, int32_t dil_w, int32_t padding, int32_t depth_multiplier,
            int32_t act, float out_scale, int32_t out_zp, int8_t* output, const int32_t* out_dims) {
  static int32_t mult[kMaxChannels], shift[kMaxChannels];
  const Shape is = make_shape(4, in_dims), fs = make_shape(4, f_dims), os = make_shape(4, out_dims);
  const int32_t channels = kind == 0 ? fs[0] : fs[3];
  if (channels > kMaxChannels) return 1;
  ConvParams p;
  prepare_conv(in_scale, in_zp, w_scales, n_scales, channels, out_scale, out_zp, static_cast<Activation>(act), mult,
               shift, &p);
  const Padding pad = static_cast<Padding>(padding);
  p.stride_h = stride_h;
  p.stride_w = stride_w;
  p.dilation_h = dil_h;
  p.dilation_w = dil_w;
  p.depth_multiplier = depth_multiplier;
  p.pad_h = conv_padding(pad, is[1], fs[1], stride_h, dil_h, os[1]);
  p.pad_w = conv_padding(pad, is[2], fs[2], stride_w, dil_w, os[2]);
  if (os[1] != conv_output_size(pad, is[1], fs[1], stride_h, dil_h) ||
      os[2] != conv_output_size(pad, is[2], fs[2], stride_w, dil_w))
    return 3;
  if (kind == 0)
    conv2d(p, input, is, filter, fs, bias, output, os);
  else
    depthwise_conv2d(p, input, is, filter, fs, bias, output, os);
  return 0;
}

// kind: 0 max, 1 average.
int ut_pool(int32_t kind, const int8_t* input, const int32_t* in_dims, int32_t filter_h, int32_t filter_w,
            int32_t stride_h, int32_t stride_w, int32_t padding, int32_t act, float out_scale, int32_t out_zp,
            int8_t* output, const int32_t* out_dims) {
  const Shape is = make_shape(4, in_dims), os = make_shape(4, out_dims);
  const Padding pad = static_cast<Padding>(padding);
  PoolParams p;
  p.filter_h = filter_h;
  p.filter_w = filter_w;
  p.stride_h = stride_h;
  p.stride_w = stride_w;
  p.pad_h = conv_padding(pad, is[1], filter_h, stride_h, 1, os[1]);
  p.pad_w = conv_padding(pad, is[2], filter_w, stride_w, 1, os[2]);
  activation_range_int8(static_cast<Activation>(act), out_scale, out_zp, &p.act_min, &p.act_max);
  if (kind == 0)
    max_pool2d(p, input, is, output, os);
  else
    average_pool2d(p, input, is, output, os);
  return 0;
}

// kind: 0 add, 1 sub, 2 mul, 3 minimum, 4 maximum.
int ut_binary(int32_t kind, const int8_t* a, int32_t rank_a, const int32_t* dims_a, float s1, int32_t zp1,
              const int8_t* b, int32_t rank_b, const int32_t* dims_b, float s2, int32_t zp2, int8_t* out,
              int32_t rank_o, const int32_t* dims_o, float so, int32_t zpo, int32_t act) {
  const Shape sa = make_shape(rank_a, dims_a), sb = make_shape(rank_b, dims_b), sout = make_shape(rank_o, dims_o);
  Shape expect;
  if (!broadcast_shape(sa, sb, &expect) || expect.num_elements() != sout.num_elements()) return 1;
  const Activation ac = static_cast<Activation>(act);
  switch (kind) {
    case 0: add(prepare_add(s1, zp1, s2, zp2, so, zpo, ac), a, sa, b, sb, out, sout); break;
    case 1: sub(prepare_add(s1, zp1, s2, zp2, so, zpo, ac), a, sa, b, sb, out, sout); break;
    case 2: mul(prepare_mul(s1, zp1, s2, zp2, so, zpo, ac), a, sa, b, sb, out, sout); break;
    case 3: minimum(a, sa, b, sb, out, sout); break;
    case 4: maximum(a, sa, b, sb, out, sout); break;
    default: return 2;
  }
  return 0;
}

void ut_relu(const int8_t* input, int32_t n, float in_scale, int32_t in_zp, float out_scale, int32_t out_zp,
             int32_t act, int8_t* output) {
  relu(prepare_relu(static_cast<Activation>(act), in_scale, in_zp, out_scale, out_zp), input, output, n);
}

void ut_softmax(const int8_t* input, int32_t rows, int32_t depth, float beta, float in_scale, int8_t* output) {
  softmax(prepare_softmax(beta, in_scale), input, rows, depth, output);
}

// kind: 0 arg_max, 1 arg_min; dtype 0 int8, 3 float32; output int64.
void ut_arg(int32_t kind, int32_t dtype, const void* input, int32_t rank, const int32_t* dims, int32_t axis,
            int64_t* output) {
  const Shape s = make_shape(rank, dims);
  if (dtype == 3) {
    if (kind == 0) arg_max(static_cast<const float*>(input), s, axis, output);
    else arg_min(static_cast<const float*>(input), s, axis, output);
  } else {
    if (kind == 0) arg_max(static_cast<const int8_t*>(input), s, axis, output);
    else arg_min(static_cast<const int8_t*>(input), s, axis, output);
  }
}

void ut_quantize(const float* input, int32_t n, float scale, int32_t zp, int8_t* output) {
  quantize(input, output, n, scale, zp);
}

void ut_requantize(const int8_t* input, int32_t n, float in_scale, int32_t in_zp, float out_scale, int32_t out_zp,
                   int8_t* output) {
  requantize(prepare_requantize(in_scale, in_zp, out_scale, out_zp), input, output, n);
}

void ut_dequantize(const int8_t* input, int32_t n, float scale, int32_t zp, float* output) {
  dequantize(input, output, n, scale, zp);
}

void ut_fully_connected_f32(const float* input, int32_t batches, int32_t in_depth, const float* weights,
                            const float* bias, int32_t out_depth, int32_t act, float* output) {
  fully_connected_f32(input, batches, in_depth, weights, bias, out_depth, static_cast<Activation>(act), output);
}

void ut_softmax_f32(const float* input, int32_t rows, int32_t depth, float beta, float* output) {
  softmax_f32(input, rows, depth, beta, output);
}

}  // extern "C"
