#include "utensor/ops/batch_matmul.hpp"

#include "utensor/check.hpp"

namespace utensor {

void batch_matmul(const BatchMatMulParams& p, const int8_t* lhs, const Shape& ls, const int8_t* rhs, const Shape& rs,
                  int8_t* output, const Shape& os) {
  UTENSOR_DCHECK(lhs != nullptr && rhs != nullptr && output != nullptr);
  UTENSOR_DCHECK(ls.rank == 4 && rs.rank == 4 && os.rank == 4);
  const int32_t m = p.adj_x ? ls[3] : ls[2], depth = p.adj_x ? ls[2] : ls[3];
  const int32_t n = p.adj_y ? rs[2] : rs[3];
  UTENSOR_DCHECK((p.adj_y ? rs[3] : rs[2]) == depth);
  UTENSOR_DCHECK(os[2] == m && os[3] == n);
  // Element (i, k) of the lhs matrix and (k, j) of the rhs matrix.
  const int32_t l_row = p.adj_x ? 1 : depth, l_col = p.adj_x ? m : 1;
  const int32_t r_row = p.adj_y ? 1 : n, r_col = p.adj_y ? depth : 1;
  const int32_t l_matrix = ls[2] * ls[3], r_matrix = rs[2] * rs[3];
  for (int32_t b0 = 0; b0 < os[0]; ++b0) {
    for (int32_t b1 = 0; b1 < os[1]; ++b1) {
      UTENSOR_DCHECK((ls[0] == 1 || ls[0] == os[0]) && (ls[1] == 1 || ls[1] == os[1]));
      UTENSOR_DCHECK((rs[0] == 1 || rs[0] == os[0]) && (rs[1] == 1 || rs[1] == os[1]));
      const int8_t* a = lhs + ((ls[0] == 1 ? 0 : b0) * ls[1] + (ls[1] == 1 ? 0 : b1)) * l_matrix;
      const int8_t* b = rhs + ((rs[0] == 1 ? 0 : b0) * rs[1] + (rs[1] == 1 ? 0 : b1)) * r_matrix;
      int8_t* out = output + (b0 * os[1] + b1) * m * n;
      for (int32_t i = 0; i < m; ++i) {
        for (int32_t j = 0; j < n; ++j) {
          int32_t acc = 0;
          for (int32_t k = 0; k < depth; ++k)
            acc += (a[i * l_row + k * l_col] + p.lhs_offset) * (b[k * r_row + j * r_col] + p.rhs_offset);
          int32_t v;
#if UTENSOR_SINGLE_ROUNDING
          if (p.scale != 0.0f) {
            v = fp::requantize_fp32(acc, p.scale, p.act_min - p.output_offset, p.act_max - p.output_offset) +
                p.output_offset;
            out[i * n + j] = static_cast<int8_t>(v);
            continue;
          }
#endif
          // Double rounding in both builds: TFLite Micro, and tf.lite's builtin kernel when XNNPACK declines.
          v = fp::multiply_by_quantized_multiplier_double_rounding(acc, p.output.value, p.output.shift) + p.output_offset;
          out[i * n + j] = static_cast<int8_t>(v < p.act_min ? p.act_min : v > p.act_max ? p.act_max : v);
        }
      }
    }
  }
}

}  // namespace utensor
