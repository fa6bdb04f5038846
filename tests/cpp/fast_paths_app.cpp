// Runs the int8 FULLY_CONNECTED kernel on 60 pseudo-random cases (odd depths, extreme zero
// points, per-tensor and per-channel scales) and prints a checksum of every output and raw
// dot product. Built for host (portable kernel), cortex-m4 (SMLAD path) and wasm (SIMD128
// path) by tests/test_runtime_fast_paths.py, which requires the three checksums to be equal.
#include <cstdint>
#include <cstdio>

#include "utensor/ops/fully_connected.hpp"

namespace {
uint32_t g_seed = 20181107u;
uint32_t next() {
  g_seed = g_seed * 1664525u + 1013904223u;
  return g_seed >> 8;
}
uint32_t g_hash = 2166136261u, g_dot_hash = 2166136261u;
void mix(uint32_t& hash, uint32_t v) {
  for (int i = 0; i < 4; ++i) {
    hash ^= (v >> (8 * i)) & 0xFF;
    hash *= 16777619u;
  }
}
int8_t input[4 * 801];
int8_t weights[67 * 801];
int32_t bias[67], mult[67], shift[67];
float scales[67];
int8_t output[4 * 67];
}  // namespace

int main() {
  int values = 0;
  for (int c = 0; c < 60; ++c) {
    const int32_t in_depth = 1 + static_cast<int32_t>(next() % 801);
    const int32_t out_depth = 1 + static_cast<int32_t>(next() % 67);
    const int32_t batches = 1 + static_cast<int32_t>(next() % 4);
    const int32_t zp_in = c % 3 == 0 ? -128 : c % 3 == 1 ? 127 : static_cast<int32_t>(next() % 256) - 128;
    const int32_t count = c % 2 ? out_depth : 1;
    for (int32_t i = 0; i < batches * in_depth; ++i) input[i] = static_cast<int8_t>(next());
    for (int32_t i = 0; i < out_depth * in_depth; ++i) weights[i] = static_cast<int8_t>(next());
    for (int32_t o = 0; o < out_depth; ++o) bias[o] = static_cast<int32_t>(next() % 200001) - 100000;
    // Scales exact in binary, so no target's float contraction (FMA) can change them.
    for (int32_t k = 0; k < count; ++k) scales[k] = static_cast<float>(1 + next() % 1000) / 65536.0f;
    utensor::FullyConnectedParams p;
    utensor::prepare_fully_connected(0.02f, zp_in, scales, count, 0, static_cast<float>(64 + c) / 1024.0f, static_cast<int32_t>(next() % 256) - 128,
                                     static_cast<utensor::Activation>(c % 4), mult, shift, &p);
    utensor::fully_connected(p, input, batches, in_depth, weights, bias, out_depth, output);
    for (int32_t i = 0; i < batches * out_depth; ++i) mix(g_hash, static_cast<uint32_t>(output[i]));
    for (int32_t o = 0; o < out_depth; ++o) mix(g_dot_hash, static_cast<uint32_t>(utensor::dot_int8(input, weights + o * in_depth, in_depth, -zp_in, 0)));
    values += batches * out_depth + out_depth;
  }
  std::printf("kernel %s: %d values, checksum %08lx, dots %08lx, multiplier0 %ld %ld\n", utensor::dot_kernel_name(), values,
              static_cast<unsigned long>(g_hash), static_cast<unsigned long>(g_dot_hash), static_cast<long>(mult[0]),
              static_cast<long>(shift[0]));
  return 0;
}
