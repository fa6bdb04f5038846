// Tells whoever watches the program what a model just computed, for pictures of the network:
// the class scores (dequantized, e.g. the softmax's 0..1) and the time of each layer.
//
// - In the simulator (UTENSOR_SIM, set by its builds) the report goes to the simulator: on the
//   page it becomes the bar chart of the scores and the time column of the layer table
//   (docs/DESIGN.md, "Mbed layer <-> page bridge", Module.onInference); headless runs ignore it.
// - On a board it compiles to nothing: print what you need on the serial console instead.
//
// Portable: no Mbed, no simulator header. Any thread may call it (not an interrupt handler).
#pragma once

#if defined(UTENSOR_SIM)
// The simulator's side (firmware/mbed/src/sim_io.cpp).
extern "C" void sim_report_inference(const char* model, const float* scores, int classes, const float* layer_us,
                                     int layers, int runs);
#endif

namespace utensor {

// `model`: the model's name (NAME of models/NAME/NAME.hpp); `scores[classes]`; `layer_us[layers]`:
// microseconds per layer, each the mean of `runs` runs (layers = 0 if not measured).
inline void report_inference(const char* model, const float* scores, int classes, const float* layer_us, int layers,
                             int runs) {
#if defined(UTENSOR_SIM)
  sim_report_inference(model, scores, classes, layer_us, layers, runs);
#else
  (void)model, (void)scores, (void)classes, (void)layer_us, (void)layers, (void)runs;
#endif
}

}  // namespace utensor
