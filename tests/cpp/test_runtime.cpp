// Host unit tests for the runtime (doctest), built with -fsanitize=address,undefined.
// Kernel arithmetic is checked against TensorFlow in tests/test_runtime_bitexact.py; these
// tests cover the tensor kinds, the arena and graph, and properties of the kernels.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

#include "utensor/utensor.hpp"
#include "utensor/layer_timer.hpp"

using namespace utensor;

namespace {
std::vector<int8_t> random_int8(size_t n, uint32_t seed, int lo = -128, int hi = 127) {
  std::mt19937 gen(seed);
  std::uniform_int_distribution<int> dist(lo, hi);
  std::vector<int8_t> v(n);
  for (auto& x : v) x = static_cast<int8_t>(dist(gen));
  return v;
}

struct FcCase {
  int32_t batches, in_depth, out_depth;
  std::vector<int8_t> input, weights;
  std::vector<int32_t> bias, mult, shift;
  std::vector<float> scales;
  FullyConnectedParams p;
  FcCase(int32_t b, int32_t i, int32_t o, uint32_t seed, bool per_channel, double sparsity = 0.0)
      : batches(b), in_depth(i), out_depth(o), input(random_int8(b * i, seed)), weights(random_int8(o * i, seed + 1)),
        bias(o), mult(o), shift(o), scales(per_channel ? o : 1) {
    std::mt19937 gen(seed + 2);
    std::uniform_real_distribution<float> u(0.001f, 0.05f);
    for (auto& s : scales) s = u(gen);
    for (auto& x : bias) x = static_cast<int32_t>(gen() % 20001) - 10000;
    std::uniform_real_distribution<double> z(0.0, 1.0);
    for (auto& w : weights)
      if (z(gen) < sparsity) w = 0;
    prepare_fully_connected(0.05f, -3, scales.data(), static_cast<int32_t>(scales.size()), 0, 0.2f, 5,
                            Activation::kNone, mult.data(), shift.data(), &p);
  }
  std::vector<int8_t> dense() const {
    std::vector<int8_t> out(batches * out_depth);
    fully_connected(p, input.data(), batches, in_depth, weights.data(), bias.data(), out_depth, out.data());
    return out;
  }
};
}  // namespace

TEST_CASE("fixed point: rounding divide rounds half away from zero") {
  CHECK(fp::rounding_divide_by_pot(5, 1) == 3);
  CHECK(fp::rounding_divide_by_pot(-5, 1) == -3);
  CHECK(fp::rounding_divide_by_pot(4, 1) == 2);
  CHECK(fp::rounding_divide_by_pot(-7, 2) == -2);
  CHECK(fp::saturating_rounding_doubling_high_mul(fp::kInt32Min, fp::kInt32Min) == fp::kInt32Max);
}

TEST_CASE("quantize_multiplier represents the real multiplier") {
  for (double real : {1e-9, 0.000123, 0.25, 0.5, 0.999999, 1.0, 3.75, 1234.5}) {
    const Multiplier m = quantize_multiplier(real);
    const double back = m.value / 2147483648.0 * std::ldexp(1.0, m.shift);
    CHECK(back == doctest::Approx(real).epsilon(1e-8));
    CHECK(m.value >= (1 << 30));
  }
  CHECK(quantize_multiplier(0.0).value == 0);
  CHECK(quantize_multiplier(1e-12).value == 0);  // below 2^-31: TFLite flushes to zero
}

TEST_CASE("requantization saturates to the int8 range and honours fused activations") {
  int32_t lo, hi;
  activation_range_int8(Activation::kRelu6, 0.05f, -10, &lo, &hi);
  CHECK(lo == -10);
  CHECK(hi == 110);
  activation_range_int8(Activation::kNone, 0.05f, -10, &lo, &hi);
  CHECK(lo == -128);
  CHECK(hi == 127);
  // Extreme zero points and all-max inputs: outputs stay clamped, never wrap.
  const int8_t in[4] = {127, 127, 127, 127};
  const int8_t w[4] = {127, 127, 127, 127};
  int32_t mult, shift;
  const float ws = 1.0f;
  FullyConnectedParams p;
  prepare_fully_connected(1.0f, -128, &ws, 1, 0, 0.001f, 127, Activation::kNone, &mult, &shift, &p);
  int8_t out = 0;
  fully_connected(p, in, 1, 4, w, nullptr, 1, &out);
  CHECK(out == 127);
}

TEST_CASE("sparse CSR weights give the dense kernel's results") {
  for (uint32_t seed = 1; seed < 20; ++seed) {
    FcCase c(3, 37 + seed, 11 + seed % 7, seed, seed % 2 == 0, 0.8);
    const auto want = c.dense();
    std::vector<int32_t> row_ptr(c.out_depth + 1);
    std::vector<uint16_t> cols(c.weights.size());
    std::vector<int8_t> vals(c.weights.size());
    SparseTensor s;
    REQUIRE(sparse_from_dense(c.weights.data(), c.out_depth, c.in_depth, row_ptr.data(), cols.data(), vals.data(),
                              static_cast<int32_t>(vals.size()), &s));
    CHECK(s.nnz() < static_cast<int32_t>(c.weights.size()));
    std::vector<int8_t> got(want.size());
    fully_connected_sparse(c.p, c.input.data(), c.batches, s, c.bias.data(), got.data());
    CHECK(got == want);
  }
}

TEST_CASE("sparse_from_dense reports a buffer that is too small") {
  const int8_t dense[6] = {1, 0, 2, 0, 3, 4};
  int32_t rp[3];
  uint16_t ci[3];
  int8_t v[3];
  SparseTensor s;
  CHECK_FALSE(sparse_from_dense(dense, 2, 3, rp, ci, v, 3, &s));
}

TEST_CASE("paged weights read from an IDX file give the dense kernel's results") {
  FcCase c(2, 300, 50, 7, true);
  const auto want = c.dense();
  std::FILE* f = std::tmpfile();
  REQUIRE(f);
  const unsigned char header[12] = {0, 0, 0x09, 2, 0, 0, 0, 50, 0, 0, 0x01, 0x2c};  // 50 x 300 int8
  std::fwrite(header, 1, 12, f);
  std::fwrite(c.weights.data(), 1, c.weights.size(), f);
  PagedTensor paged;
  REQUIRE(paged.open(f) == Status::kOk);
  CHECK(paged.rows() == 50);
  CHECK(paged.cols() == 300);
  for (int32_t page_rows : {1, 3, 7, 50}) {
    std::vector<int8_t> page(page_rows * 300);
    std::vector<int8_t> got(want.size());
    const int32_t before = paged.pages_read();
    REQUIRE(fully_connected_paged(c.p, c.input.data(), c.batches, paged, c.bias.data(), got.data(), page.data(),
                                  static_cast<int32_t>(page.size())) == Status::kOk);
    CHECK(got == want);
    CHECK(paged.pages_read() - before == (50 + page_rows - 1) / page_rows);
  }
  std::vector<int8_t> tiny(10), out(100);
  CHECK(fully_connected_paged(c.p, c.input.data(), 1, paged, nullptr, out.data(), tiny.data(), 10) ==
        Status::kOutOfMemory);
  std::fclose(f);
}

TEST_CASE("paged tensor rejects a file that is not a 2-D int8 IDX matrix") {
  std::FILE* f = std::tmpfile();
  const unsigned char header[8] = {0, 0, 0x08, 1, 0, 0, 0, 4};
  std::fwrite(header, 1, 8, f);
  PagedTensor paged;
  CHECK(paged.open(f) == Status::kBadFormat);
  std::fclose(f);
  CHECK(paged.open(nullptr) == Status::kIoError);
  std::FILE* g = std::tmpfile();
  const unsigned char truncated[6] = {0, 0, 0x09, 2, 0, 0};
  std::fwrite(truncated, 1, 6, g);
  CHECK(paged.open(g) == Status::kIoError);
  std::fclose(g);
}

TEST_CASE("ROM tensors cannot be written; RAM tensors can") {
  static const int8_t rom[4] = {1, 2, 3, 4};
  int8_t ram[4] = {};
  const Tensor r = rom_tensor(rom, Shape(2, 2), DType::kInt8);
  const Tensor w = ram_tensor(ram, Shape(4), DType::kInt8);
  CHECK(r.write<int8_t>() == nullptr);
  CHECK(r.read<int8_t>()[3] == 4);
  CHECK(w.write<int8_t>() == ram);
  CHECK(r.bytes() == 4);
  CHECK(ram_tensor(ram, Shape(1, 1), DType::kInt32).bytes() == 4);
}

namespace {
struct Ctx {
  Tensor in, out;
};
Status step_double(Arena& arena, void* c) {
  auto* ctx = static_cast<Ctx*>(c);
  auto* tmp = static_cast<int8_t*>(arena.at(0, 8));
  if (!tmp) return Status::kOutOfMemory;
  for (int i = 0; i < 8; ++i) tmp[i] = static_cast<int8_t>(ctx->in.read<int8_t>()[i] * 2);
  return Status::kOk;
}
Status step_copy(Arena& arena, void* c) {
  auto* ctx = static_cast<Ctx*>(c);
  auto* tmp = static_cast<int8_t*>(arena.at(0, 8));
  auto* out = static_cast<int8_t*>(arena.at(8, 8));
  if (!out) return Status::kOutOfMemory;
  std::memcpy(out, tmp, 8);
  std::memcpy(ctx->out.write<int8_t>(), out, 8);
  return Status::kOk;
}
void count_steps(int, const char*, const Arena&, void* user) { ++*static_cast<int*>(user); }
}  // namespace

TEST_CASE("graph runs steps in order and the arena measures the RAM used") {
  alignas(8) uint8_t buffer[64];
  Arena arena(buffer, sizeof buffer);
  const int8_t input[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  int8_t output[8] = {};
  Ctx ctx{rom_tensor(input, Shape(8), DType::kInt8), ram_tensor(output, Shape(8), DType::kInt8)};
  const Step steps[] = {{"double", step_double}, {"copy", step_copy}};
  Graph g(steps, 2, arena);
  int calls = 0;
  g.set_hook(count_steps, &calls);
  arena.paint(0xA5);
  REQUIRE(g.run(&ctx) == Status::kOk);
  CHECK(calls == 2);
  CHECK(output[7] == 16);
  CHECK(g.peak_ram() == 16);
  CHECK(arena.touched(0xA5) == 16);

  uint8_t small[12];
  Arena tight(small, sizeof small);
  Graph g2(steps, 2, tight);
  CHECK(g2.run(&ctx) == Status::kOutOfMemory);
}

namespace {
// A clock that moves in coarse steps, as the browser's does (100 us), over a true time in ns
// that the test advances; a step's phase against the ticks differs from run to run.
struct CoarseClock {
  using duration = std::chrono::microseconds;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::time_point<CoarseClock>;
  static const bool is_steady = true;
  static inline int64_t true_ns = 0;
  static time_point now() { return time_point{duration{true_ns / 100000 * 100}}; }
};
const int64_t kStepNs[] = {23400, 1700, 300};  // three steps of a model, in true time
Status step_time(Arena&, void* ctx) {
  int* i = static_cast<int*>(ctx);
  CoarseClock::true_ns += kStepNs[(*i)++ % 3];
  return Status::kOk;
}
}  // namespace

TEST_CASE("layer timer: the means of many runs resolve steps far below the clock's tick") {
  alignas(8) uint8_t buffer[16];
  Arena arena(buffer, sizeof buffer);
  const Step steps[] = {{"a", step_time}, {"b", step_time}, {"c", step_time}};
  Graph g(steps, 3, arena);
  LayerTimer<CoarseClock> timer;
  g.set_hook(timer.hook, &timer);
  std::mt19937 rng(7);
  int index = 0;
  for (int run = 0; run < 4000; ++run) {
    CoarseClock::true_ns += rng() % 50000;  // the app's own work between runs
    timer.start_run();
    if (run == 200) CoarseClock::true_ns += 30000000;  // preempted for 30 ms: left out
    REQUIRE(g.run(&index) == Status::kOk);
    timer.end_run();
  }
  CHECK(timer.steps() == 3);
  CHECK(timer.rejected() == 1);
  CHECK(timer.runs() == 3999);
  CHECK(timer.mean_us(0) == doctest::Approx(23.4).epsilon(0.1));
  CHECK(timer.mean_us(1) == doctest::Approx(1.7).epsilon(0.35));
  CHECK(timer.mean_us(2) < 1.0f);
  CHECK(timer.elapsed() >= std::chrono::milliseconds(30));
  timer.reset();
  CHECK(timer.runs() == 0);
  CHECK(timer.mean_us(0) == 0.0f);
}

TEST_CASE("arena bump allocation aligns and refuses overflow") {
  uint8_t buf[32];
  Arena a(buf, sizeof buf);
  void* p1 = a.allocate(3);
  void* p2 = a.allocate(4, 8);
  CHECK(p1 == buf);
  CHECK(p2 == buf + 8);
  CHECK(a.allocate(100) == nullptr);
  CHECK(a.high_water() == 12);
}

TEST_CASE("arg max / arg min take the first index on ties, along any axis") {
  const int8_t v[6] = {3, 7, 7, -1, -1, 2};  // shape 2x3
  int32_t out2[2];
  arg_max(v, Shape(2, 3), 1, out2);
  CHECK(out2[0] == 1);
  CHECK(out2[1] == 2);
  arg_min(v, Shape(2, 3), 1, out2);
  CHECK(out2[0] == 0);
  CHECK(out2[1] == 0);
  int64_t out3[3];
  arg_max(v, Shape(2, 3), 0, out3);
  CHECK(out3[0] == 0);
  CHECK(out3[1] == 0);
  CHECK(out3[2] == 0);
  const float f[4] = {0.5f, 2.0f, -1.0f, 2.0f};
  int32_t fo;
  arg_max(f, Shape(4), 0, &fo);
  CHECK(fo == 1);
}

TEST_CASE("broadcast shapes follow numpy rules") {
  Shape out;
  CHECK(broadcast_shape(Shape(4, 1, 3), Shape(5, 1), &out));
  CHECK(out == Shape(4, 5, 3));
  CHECK_FALSE(broadcast_shape(Shape(2, 3), Shape(4, 3), &out));
}

TEST_CASE("conv output size and padding match TFLite's rules") {
  CHECK(conv_output_size(Padding::kSame, 28, 3, 2, 1) == 14);
  CHECK(conv_output_size(Padding::kValid, 28, 3, 2, 1) == 13);
  CHECK(conv_output_size(Padding::kValid, 10, 3, 1, 2) == 6);
  CHECK(conv_padding(Padding::kSame, 28, 3, 1, 1, 28) == 1);
  CHECK(conv_padding(Padding::kSame, 28, 4, 2, 1, 14) == 1);
}

TEST_CASE("depthwise conv with depth multiplier 1 and a 1x1 kernel is a per-channel scale") {
  const int8_t in[2 * 2 * 3] = {1, 2, 3, 4, 5, 6, -1, -2, -3, 10, 20, 30};
  const int8_t f[3] = {2, -1, 1};
  int32_t mult[3], shift[3];
  const float scales[3] = {1.0f, 1.0f, 1.0f};
  ConvParams p;
  prepare_conv(1.0f, 0, scales, 3, 3, 1.0f, 0, Activation::kNone, mult, shift, &p);
  int8_t out[12];
  depthwise_conv2d(p, in, Shape(1, 2, 2, 3), f, Shape(1, 1, 1, 3), nullptr, out, Shape(1, 2, 2, 3));
  for (int i = 0; i < 12; ++i) CHECK(out[i] == in[i] * f[i % 3]);
}

TEST_CASE("float reference kernels") {
  const float x[2] = {1.0f, -2.0f};
  const float w[4] = {1.0f, 1.0f, 0.5f, -1.0f};
  const float b[2] = {0.0f, 1.0f};
  float y[2];
  fully_connected_f32(x, 1, 2, w, b, 2, Activation::kRelu, y);
  CHECK(y[0] == 0.0f);
  CHECK(y[1] == doctest::Approx(3.5f));
  float s[3];
  const float logits[3] = {1.0f, 1.0f, 1.0f};
  softmax_f32(logits, 1, 3, 1.0f, s);
  CHECK(s[0] == doctest::Approx(1.0f / 3));
  float q[2];
  add_f32(x, x, q, 2, Activation::kRelu6);
  CHECK(q[0] == 2.0f);
  CHECK(q[1] == 0.0f);
}
