// UNIDIRECTIONAL_SEQUENCE_LSTM with int8 activations and weights and an int16 cell state, with
// TensorFlow Lite Micro's integer arithmetic (and, in UTENSOR_SINGLE_ROUNDING builds when
// tflite_kernel is set, tf.lite's own integer kernel). For every time step (and batch):
//   gate = act(FC(x_t) + FC(h_{t-1}))      four gates, int16 at scale 2^-12 before the activation,
//                                          Q0.15 after it (sigmoid; the cell gate tanh)
//   c_t  = sat16(forget * c_{t-1} + input * cell)   (optionally clipped to +-cell_clip)
//   h_t  = int8(output * tanh(c_t));  output[t] = h_t
// The hidden and cell states are the model's variable tensors: they persist across runs (the
// generated NAME_reset() sets them back), as in TFLite. No peephole, projection, layer norm or
// CIFG (the code generator refuses those models, naming the operator).
#pragma once
#include <cstddef>
#include <cstdint>

#include "utensor/quantization.hpp"

namespace utensor {

struct LstmGate {
  const int8_t* input_weights = nullptr;      // [state][input]
  const int8_t* recurrent_weights = nullptr;  // [state][state]
  const int32_t* bias = nullptr;              // [state] or null
  // Requantization to the gate's int16 scale 2^-12: one multiplier, or one per state unit.
  const int32_t* input_multipliers = nullptr;
  const int32_t* input_shifts = nullptr;
  const int32_t* recurrent_multipliers = nullptr;
  const int32_t* recurrent_shifts = nullptr;
  bool input_per_channel = false;
  bool recurrent_per_channel = false;
};

struct LstmParams {
  int32_t batches = 1, time_steps = 1, input_size = 0, state_size = 0;
  bool time_major = false;          // input [time][batch][input] instead of [batch][time][input]
  int32_t input_offset = 0;         // -(input zero point)
  int32_t hidden_offset = 0;        // -(hidden state zero point): the recurrent FC's input offset
  int32_t hidden_zero_point = 0;    // the hidden state's and the output's zero point
  LstmGate forget, input, cell, output;
  bool cell_gate_tanh = true;       // TANH (the usual) or SIGMOID on the cell gate
  Multiplier forget_times_cell;     // 2^-15 * cell_scale -> cell_scale
  Multiplier input_times_cell_gate; // 2^-15 * 2^-15 -> cell_scale
  Multiplier output_times_tanh;     // 2^-15 * 2^-15 -> hidden scale
  int32_t cell_clip = 0;            // quantized clip of the cell state; 0: none
  // tanh(c): c's int16 is scaled by (c * tanh_multiplier + round) >> tanh_shift to the table's
  // input scale (from the cell state's power-of-two scale).
  int32_t tanh_multiplier = 3, tanh_shift = 0;
  // TFLite 2.x mode only: tf.lite's own integer kernel (lstm_eval.cc, "8x8_16") instead of
  // TFLite Micro's: gemmlowp 16-bit fixed-point sigmoid and tanh, power-of-two products for
  // the cell update, the gate FCs accumulated before one clamp, the hidden state requantized
  // with tflite_hidden plus its (intermediate) zero point.
  bool tflite_kernel = false;
  int32_t cell_scale_power = -12;   // log2 of the cell state's scale
  Multiplier tflite_hidden;         // 2^-15 * 2^-15 / the hidden intermediate's scale, in float32
  int32_t tflite_hidden_zero_point = 0;
  int32_t tflite_cell_clip = 0;     // quantized in float32
};

// int16 working memory the kernel needs: four gate buffers of one step's states.
constexpr size_t lstm_scratch_bytes(int32_t batches, int32_t state_size, bool time_major) {
  return 4u * static_cast<size_t>(time_major ? batches : 1) * static_cast<size_t>(state_size) * sizeof(int16_t);
}

// input: [batch][time][input] (or time-major); output [batch][time][state] int8 (or time-major);
// hidden_state [batch][state] int8 and cell_state [batch][state] int16 are read and updated.
void lstm(const LstmParams& p, const int8_t* input, int8_t* hidden_state, int16_t* cell_state, int8_t* output,
          int16_t* scratch);

// TFLite's int16 logistic and tanh (a 256-entry sigmoid table with linear interpolation), for
// inputs scaled by (x * multiplier + round) >> shift. Output Q0.15.
int16_t sigmoid_int16(int16_t x, int32_t multiplier, int32_t shift);
int16_t tanh_int16(int16_t x, int32_t multiplier, int32_t shift);

}  // namespace utensor
