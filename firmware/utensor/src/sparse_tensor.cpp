#include "utensor/sparse_tensor.hpp"

#include <algorithm>

namespace utensor {

bool sparse_from_dense(const int8_t* dense, int32_t rows, int32_t cols, int32_t* row_ptr, uint16_t* col_idx,
                       int8_t* values, int32_t capacity, SparseTensor* out) {
  if (cols > 65536) return false;
  int32_t n = 0;
  row_ptr[0] = 0;
  for (int32_t r = 0; r < rows; ++r) {
    for (int32_t c = 0; c < cols; ++c) {
      const int8_t v = dense[r * cols + c];
      if (v == 0) continue;
      if (n >= capacity) return false;
      col_idx[n] = static_cast<uint16_t>(c);
      values[n] = v;
      ++n;
    }
    row_ptr[r + 1] = n;
  }
  out->rows = rows;
  out->cols = cols;
  out->row_ptr = row_ptr;
  out->col_idx = col_idx;
  out->values = values;
  return true;
}

void fully_connected_sparse(const FullyConnectedParams& p, const int8_t* input, int32_t batches,
                            const SparseTensor& w, const int32_t* bias, int8_t* output) {
  for (int32_t b = 0; b < batches; ++b) {
    const int8_t* in = input + b * w.cols;
    for (int32_t o = 0; o < w.rows; ++o) {
      int32_t acc = 0;
      for (int32_t k = w.row_ptr[o]; k < w.row_ptr[o + 1]; ++k) acc += w.values[k] * (in[w.col_idx[k]] + p.input_offset);
      if (bias) acc += bias[o];
      output[b * w.rows + o] = fc_output(p, acc, o);
    }
  }
}

}  // namespace utensor
