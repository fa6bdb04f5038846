// Fast kernels for this target (see fast_kernels.hpp). Work in progress: none yet.
#if UTENSOR_WASM_SIMD
#include "fast_kernels.hpp"
#include "requant.hpp"

namespace utensor {
namespace fast {

int32_t requantize(int32_t acc, int32_t multiplier, int32_t shift, int32_t zero_point) {
  return detail::requantize(acc, detail::fast_requant(multiplier, shift, zero_point));
}

const char* name() { return "wasm-simd128"; }

bool fully_connected(const FullyConnectedParams&, const int8_t*, int32_t, int32_t, const int8_t*, const int32_t*,
                     int32_t, int8_t*) {
  return false;
}
bool conv2d(const ConvParams&, const int8_t*, const Shape&, const int8_t*, const Shape&, const int32_t*, int8_t*,
            const Shape&) {
  return false;
}
bool depthwise_conv2d(const ConvParams&, const int8_t*, const Shape&, const int8_t*, const Shape&, const int32_t*,
                      int8_t*, const Shape&) {
  return false;
}
bool add(const AddParams&, const int8_t*, const int8_t*, int8_t*, int32_t) { return false; }
bool max_pool2d(const PoolParams&, const int8_t*, const Shape&, int8_t*, const Shape&) { return false; }
bool average_pool2d(const PoolParams&, const int8_t*, const Shape&, int8_t*, const Shape&) { return false; }

}  // namespace fast
}  // namespace utensor
#endif
