// A weight matrix too large for RAM, read from an IDX file a page of rows at a time through
// a small caller-provided buffer (uTensor's "paging of memory for larger models"). The file
// holds an int8 (IDX type 0x09) 2-D
// matrix [out_depth][in_depth]; stdio is used unbuffered so no heap is touched.
#pragma once
#include <cstdint>
#include <cstdio>

#include "utensor/ops/fully_connected.hpp"
#include "utensor/types.hpp"

namespace utensor {

class PagedTensor {
 public:
  // Reads and checks the IDX header. The FILE stays owned by the caller.
  Status open(std::FILE* file);
  int32_t rows() const { return rows_; }
  int32_t cols() const { return cols_; }
  // Reads rows [first, first + count) into `buffer` (count * cols bytes).
  Status read_rows(int32_t first, int32_t count, int8_t* buffer) const;
  // Number of file reads done so far (each is one page).
  int32_t pages_read() const { return pages_read_; }

 private:
  std::FILE* file_ = nullptr;
  long data_offset_ = 0;
  int32_t rows_ = 0, cols_ = 0;
  mutable int32_t pages_read_ = 0;
};

// FULLY_CONNECTED with the weights paged in: same results as fully_connected() on the whole
// matrix. `page` must hold at least one row (cols bytes); more rows per page = fewer reads.
Status fully_connected_paged(const FullyConnectedParams& p, const int8_t* input, int32_t batches,
                             const PagedTensor& weights, const int32_t* bias, int8_t* output, int8_t* page,
                             int32_t page_bytes);

}  // namespace utensor
