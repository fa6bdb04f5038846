#include "utensor/paged_tensor.hpp"

#include <algorithm>

namespace utensor {

static bool read_be32(std::FILE* f, int32_t* out) {
  unsigned char b[4];
  if (std::fread(b, 1, 4, f) != 4) return false;
  *out = static_cast<int32_t>((uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3]);
  return true;
}

Status PagedTensor::open(std::FILE* file) {
  if (!file) return Status::kIoError;
  std::setvbuf(file, nullptr, _IONBF, 0);  // no stdio buffer: the page buffer is the only one
  unsigned char magic[4];
  if (std::fseek(file, 0, SEEK_SET) != 0 || std::fread(magic, 1, 4, file) != 4) return Status::kIoError;
  if (magic[0] != 0 || magic[1] != 0 || magic[2] != 0x09 || magic[3] != 2) return Status::kBadFormat;
  if (!read_be32(file, &rows_) || !read_be32(file, &cols_)) return Status::kIoError;
  if (rows_ <= 0 || cols_ <= 0) return Status::kBadFormat;
  file_ = file;
  data_offset_ = 12;
  return Status::kOk;
}

Status PagedTensor::read_rows(int32_t first, int32_t count, int8_t* buffer) const {
  if (!file_ || first < 0 || first + count > rows_) return Status::kBadShape;
  if (std::fseek(file_, data_offset_ + static_cast<long>(first) * cols_, SEEK_SET) != 0) return Status::kIoError;
  const size_t want = static_cast<size_t>(count) * static_cast<size_t>(cols_);
  if (std::fread(buffer, 1, want, file_) != want) return Status::kIoError;
  ++pages_read_;
  return Status::kOk;
}

Status fully_connected_paged(const FullyConnectedParams& p, const int8_t* input, int32_t batches,
                             const PagedTensor& weights, const int32_t* bias, int8_t* output, int8_t* page,
                             int32_t page_bytes) {
  const int32_t cols = weights.cols(), rows = weights.rows();
  const int32_t rows_per_page = page_bytes / cols;
  if (rows_per_page < 1) return Status::kOutOfMemory;
  for (int32_t first = 0; first < rows; first += rows_per_page) {
    const int32_t count = std::min(rows_per_page, rows - first);
    const Status s = weights.read_rows(first, count, page);
    if (s != Status::kOk) return s;
    for (int32_t b = 0; b < batches; ++b) {
      for (int32_t r = 0; r < count; ++r) {
        const int32_t o = first + r;
        int32_t acc = dot_int8(input + b * cols, page + r * cols, cols, p.input_offset, p.weights_offset);
        if (bias) acc += bias[o];
        output[b * rows + o] = fc_output(p, acc, o);
      }
    }
  }
  return Status::kOk;
}

}  // namespace utensor
