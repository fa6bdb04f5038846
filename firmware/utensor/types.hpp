// Basic types shared by every part of the runtime: element types, shapes, status codes.
#pragma once
#include <cstddef>
#include <cstdint>

namespace utensor {

enum class DType : uint8_t { kInt8 = 0, kInt16 = 1, kInt32 = 2, kFloat32 = 3 };

constexpr size_t dtype_size(DType t) {
  return t == DType::kInt8 ? 1 : t == DType::kInt16 ? 2 : 4;
}

enum class Status : int8_t {
  kOk = 0,
  kBadShape = 1,      // shapes of the operands do not agree
  kOutOfMemory = 2,   // the arena or a page buffer is too small
  kIoError = 3,       // a paged tensor could not read its file
  kBadFormat = 4,     // a paged tensor's file is not the expected IDX layout
};

constexpr int kMaxRank = 4;

// Up to 4 dimensions, outermost first (TFLite's NHWC for images).
struct Shape {
  int32_t rank = 0;
  int32_t dims[kMaxRank] = {1, 1, 1, 1};

  constexpr Shape() = default;
  constexpr Shape(int32_t d0) : rank(1), dims{d0, 1, 1, 1} {}
  constexpr Shape(int32_t d0, int32_t d1) : rank(2), dims{d0, d1, 1, 1} {}
  constexpr Shape(int32_t d0, int32_t d1, int32_t d2) : rank(3), dims{d0, d1, d2, 1} {}
  constexpr Shape(int32_t d0, int32_t d1, int32_t d2, int32_t d3) : rank(4), dims{d0, d1, d2, d3} {}

  constexpr int32_t num_elements() const {
    int32_t n = 1;
    for (int i = 0; i < rank; ++i) n *= dims[i];
    return n;
  }
  constexpr int32_t operator[](int i) const { return dims[i]; }
  // The dimension counted from the end (-1 = last), 1 when the shape has fewer dims.
  constexpr int32_t from_end(int i) const { return rank + i >= 0 ? dims[rank + i] : 1; }
};

constexpr bool operator==(const Shape& a, const Shape& b) {
  if (a.rank != b.rank) return false;
  for (int i = 0; i < a.rank; ++i)
    if (a.dims[i] != b.dims[i]) return false;
  return true;
}

// Activation fused into an op (TFLite's FusedActivationFunctionType subset).
enum class Activation : uint8_t { kNone = 0, kRelu = 1, kReluN1To1 = 2, kRelu6 = 3 };

}  // namespace utensor
