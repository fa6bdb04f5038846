#include "utensor/ops/conv2d.hpp"

#include <algorithm>

#include "fast_kernels.hpp"
#include "utensor/check.hpp"

namespace utensor {

int32_t conv_output_size(Padding padding, int32_t in, int32_t filter, int32_t stride, int32_t dilation) {
  const int32_t effective = (filter - 1) * dilation + 1;
  return padding == Padding::kSame ? (in + stride - 1) / stride : (in - effective + stride) / stride;
}

int32_t conv_padding(Padding padding, int32_t in, int32_t filter, int32_t stride, int32_t dilation, int32_t out) {
  if (padding == Padding::kValid) return 0;
  const int32_t effective = (filter - 1) * dilation + 1;
  return std::max<int32_t>(0, (out - 1) * stride + effective - in) / 2;
}

static inline int8_t finish(const ConvParams& p, int32_t acc, int32_t channel) {
#if UTENSOR_SINGLE_ROUNDING
  if (p.scales)
    return static_cast<int8_t>(fp::requantize_fp32(acc, p.scales[channel], p.act_min - p.output_offset,
                                                   p.act_max - p.output_offset) +
                               p.output_offset);
#endif
  acc = fp::multiply_by_quantized_multiplier(acc, p.multipliers[channel], p.shifts[channel]) + p.output_offset;
  return static_cast<int8_t>(std::min(std::max(acc, p.act_min), p.act_max));
}

namespace reference {

void conv2d(const ConvParams& p, const int8_t* input, const Shape& is, const int8_t* filter, const Shape& fs,
            const int32_t* bias, int8_t* output, const Shape& os) {
  const int32_t batches = is[0], in_h = is[1], in_w = is[2], in_c = is[3];
  const int32_t out_c = fs[0], k_h = fs[1], k_w = fs[2], filter_c = fs[3];
  const int32_t out_h = os[1], out_w = os[2];
  const int32_t groups = in_c / filter_c;
  const int32_t per_group = out_c / groups;
  // With a folded bias, a tap in the padding stands for the input zero point (raw value -offset).
  const bool folded = p.bias_folded;
  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t oy = 0; oy < out_h; ++oy) {
      const int32_t y0 = oy * p.stride_h - p.pad_h;
      for (int32_t ox = 0; ox < out_w; ++ox) {
        const int32_t x0 = ox * p.stride_w - p.pad_w;
        for (int32_t oc = 0; oc < out_c; ++oc) {
          const int32_t group = oc / per_group;
          int32_t acc = 0;
          for (int32_t ky = 0; ky < k_h; ++ky) {
            const int32_t y = y0 + p.dilation_h * ky;
            for (int32_t kx = 0; kx < k_w; ++kx) {
              const int32_t x = x0 + p.dilation_w * kx;
              const int8_t* w = filter + ((oc * k_h + ky) * k_w + kx) * filter_c;
              if (y < 0 || y >= in_h || x < 0 || x >= in_w) {
                if (folded)
                  for (int32_t ic = 0; ic < filter_c; ++ic) acc -= w[ic] * p.input_offset;
                continue;
              }
              const int8_t* in = input + ((b * in_h + y) * in_w + x) * in_c + group * filter_c;
              if (folded)
                for (int32_t ic = 0; ic < filter_c; ++ic) acc += w[ic] * in[ic];
              else
                for (int32_t ic = 0; ic < filter_c; ++ic) acc += w[ic] * (in[ic] + p.input_offset);
            }
          }
          if (bias) acc += bias[oc];
          output[((b * out_h + oy) * out_w + ox) * out_c + oc] = finish(p, acc, oc);
        }
      }
    }
  }
}

void depthwise_conv2d(const ConvParams& p, const int8_t* input, const Shape& is, const int8_t* filter,
                      const Shape& fs, const int32_t* bias, int8_t* output, const Shape& os) {
  const int32_t batches = is[0], in_h = is[1], in_w = is[2], in_c = is[3];
  const int32_t k_h = fs[1], k_w = fs[2], out_c = fs[3];
  const int32_t out_h = os[1], out_w = os[2];
  const int32_t m = p.depth_multiplier;
  const bool folded = p.bias_folded;
  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t oy = 0; oy < out_h; ++oy) {
      const int32_t y0 = oy * p.stride_h - p.pad_h;
      for (int32_t ox = 0; ox < out_w; ++ox) {
        const int32_t x0 = ox * p.stride_w - p.pad_w;
        for (int32_t ic = 0; ic < in_c; ++ic) {
          for (int32_t mi = 0; mi < m; ++mi) {
            const int32_t oc = ic * m + mi;
            int32_t acc = 0;
            for (int32_t ky = 0; ky < k_h; ++ky) {
              const int32_t y = y0 + p.dilation_h * ky;
              for (int32_t kx = 0; kx < k_w; ++kx) {
                const int32_t x = x0 + p.dilation_w * kx;
                const int32_t w = filter[(ky * k_w + kx) * out_c + oc];
                if (y < 0 || y >= in_h || x < 0 || x >= in_w) {
                  if (folded) acc -= w * p.input_offset;
                  continue;
                }
                const int32_t v = input[((b * in_h + y) * in_w + x) * in_c + ic];
                acc += w * (folded ? v : v + p.input_offset);
              }
            }
            if (bias) acc += bias[oc];
            output[((b * out_h + oy) * out_w + ox) * out_c + oc] = finish(p, acc, oc);
          }
        }
      }
    }
  }
}

}  // namespace reference

void conv2d(const ConvParams& p, const int8_t* input, const Shape& is, const int8_t* filter, const Shape& fs,
            const int32_t* bias, int8_t* output, const Shape& os) {
  if (p.bias_folded && !p.scales && fast::conv2d(p, input, is, filter, fs, bias, output, os)) return;
  reference::conv2d(p, input, is, filter, fs, bias, output, os);
}

void depthwise_conv2d(const ConvParams& p, const int8_t* input, const Shape& is, const int8_t* filter,
                      const Shape& fs, const int32_t* bias, int8_t* output, const Shape& os) {
  if (p.bias_folded && !p.scales && fast::depthwise_conv2d(p, input, is, filter, fs, bias, output, os)) return;
  reference::depthwise_conv2d(p, input, is, filter, fs, bias, output, os);
}

void conv2d_int16(const ConvParams& p, const int16_t* input, const Shape& is, const int8_t* filter, const Shape& fs,
                  const int64_t* bias, int16_t* output, const Shape& os) {
  UTENSOR_DCHECK(input != nullptr && filter != nullptr && output != nullptr && p.multipliers != nullptr);
  UTENSOR_DCHECK(is.rank == 4 && fs.rank == 4 && os.rank == 4 && is[3] % fs[3] == 0 && os[3] == fs[0]);
  const int32_t batches = is[0], in_h = is[1], in_w = is[2], in_c = is[3];
  const int32_t out_c = fs[0], k_h = fs[1], k_w = fs[2], filter_c = fs[3];
  const int32_t out_h = os[1], out_w = os[2];
  const int32_t per_group = out_c / (in_c / filter_c);
  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t oy = 0; oy < out_h; ++oy) {
      const int32_t y0 = oy * p.stride_h - p.pad_h;
      for (int32_t ox = 0; ox < out_w; ++ox) {
        const int32_t x0 = ox * p.stride_w - p.pad_w;
        for (int32_t oc = 0; oc < out_c; ++oc) {
          const int32_t group = oc / per_group;
          int64_t acc = 0;
          for (int32_t ky = 0; ky < k_h; ++ky) {
            const int32_t y = y0 + p.dilation_h * ky;
            if (y < 0 || y >= in_h) continue;  // zero padding: the taps are left out
            for (int32_t kx = 0; kx < k_w; ++kx) {
              const int32_t x = x0 + p.dilation_w * kx;
              if (x < 0 || x >= in_w) continue;
              const int8_t* w = filter + ((oc * k_h + ky) * k_w + kx) * filter_c;
              const int16_t* in = input + ((b * in_h + y) * in_w + x) * in_c + group * filter_c;
              for (int32_t ic = 0; ic < filter_c; ++ic) acc += w[ic] * in[ic];
            }
          }
          if (bias) acc += bias[oc];
          const int32_t v = fp::multiply_by_quantized_multiplier_int64(acc, p.multipliers[oc], p.shifts[oc]) + p.output_offset;
          output[((b * out_h + oy) * out_w + ox) * out_c + oc] =
              static_cast<int16_t>(std::min(std::max(v, p.act_min), p.act_max));
        }
      }
    }
  }
}

void fold_input_offset_depthwise(const int8_t* filter, int32_t taps, int32_t channels, const int32_t* bias,
                                 int32_t input_offset, int32_t* folded) {
  for (int32_t c = 0; c < channels; ++c) {
    int32_t sum = 0;
    for (int32_t t = 0; t < taps; ++t) sum += filter[t * channels + c];
    folded[c] = (bias ? bias[c] : 0) + input_offset * sum;
  }
}

void prepare_conv(float input_scale, int32_t input_zero_point, const float* weight_scales, int32_t weight_scale_count,
                  int32_t count, float output_scale, int32_t output_zero_point, Activation act,
                  int32_t* multipliers, int32_t* shifts, ConvParams* p) {
  p->input_offset = -input_zero_point;
  p->output_offset = output_zero_point;
  for (int32_t c = 0; c < count; ++c) {
    const Multiplier m =
        channel_multiplier(input_scale, weight_scales[weight_scale_count > 1 ? c : 0], output_scale);
    multipliers[c] = m.value;
    shifts[c] = m.shift;
  }
  p->multipliers = multipliers;
  p->shifts = shifts;
  activation_range_int8(act, output_scale, output_zero_point, &p->act_min, &p->act_max);
}

}  // namespace utensor
