// Tensors are views: shape, element type and quantization over memory the caller owns.
// A ROM tensor views `const` data (weights in flash); a RAM tensor views bytes in an Arena.
#pragma once
#include <cstddef>
#include <cstdint>

#include "utensor/quantization.hpp"
#include "utensor/types.hpp"

namespace utensor {

struct Tensor {
  const void* data = nullptr;
  Shape shape;
  DType type = DType::kInt8;
  QuantParams quant;
  bool writable = false;

  size_t bytes() const { return static_cast<size_t>(shape.num_elements()) * dtype_size(type); }
  template <typename T>
  const T* read() const {
    return static_cast<const T*>(data);
  }
  // Null for ROM tensors: writing to flash is a bug the type system catches at run time.
  template <typename T>
  T* write() const {
    return writable ? static_cast<T*>(const_cast<void*>(data)) : nullptr;
  }
};

inline Tensor rom_tensor(const void* data, Shape shape, DType type, QuantParams q = {}) {
  Tensor t;
  t.data = data;
  t.shape = shape;
  t.type = type;
  t.quant = q;
  t.writable = false;
  return t;
}

inline Tensor ram_tensor(void* data, Shape shape, DType type, QuantParams q = {}) {
  Tensor t = rom_tensor(data, shape, type, q);
  t.writable = true;
  return t;
}

}  // namespace utensor
