// Sparse int8 weights in CSR form (row pointers, column indices, non-zero values) with
// their own FULLY_CONNECTED: results identical to the dense kernel on the same matrix,
// with flash and MACs proportional to the non-zeros.
#pragma once
#include <cstdint>

#include "utensor/ops/fully_connected.hpp"

namespace utensor {

struct SparseTensor {
  int32_t rows = 0, cols = 0;
  const int32_t* row_ptr = nullptr;   // rows + 1 entries
  const uint16_t* col_idx = nullptr;  // nnz entries
  const int8_t* values = nullptr;     // nnz entries
  int32_t nnz() const { return rows ? row_ptr[rows] : 0; }
};

// Build CSR arrays from a dense [rows][cols] matrix into caller buffers (capacity = max nnz).
// Returns false if the non-zeros do not fit or cols > 65536.
bool sparse_from_dense(const int8_t* dense, int32_t rows, int32_t cols, int32_t* row_ptr, uint16_t* col_idx,
                       int8_t* values, int32_t capacity, SparseTensor* out);

// Requires weights_offset == 0 (symmetric weights), as TFLite's int8 weights are.
void fully_connected_sparse(const FullyConnectedParams& p, const int8_t* input, int32_t batches,
                            const SparseTensor& weights, const int32_t* bias, int8_t* output);

}  // namespace utensor
