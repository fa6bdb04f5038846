// The Mbed layer's bridge to the page (an Emscripten --js-library): each output of the
// simulator calls a hook on the Module object when the page (or emsdk_build/node_runner.js)
// provided one. Contract: docs/DESIGN.md, "Page <-> firmware bridge".
mergeInto(LibraryManager.library, {
  $simDecoder: null,
  js_sim_gpio_write: function (pin, value) {
    if (Module['onGpioWrite']) Module['onGpioWrite'](pin, value);
  },
  js_sim_pwm_write: function (pin, duty) {
    if (Module['onPwmWrite']) Module['onPwmWrite'](pin, duty);
  },
  js_sim_pwm_period: function (pin, periodUs) {
    if (Module['onPwmPeriod']) Module['onPwmPeriod'](pin, periodUs);
  },
  js_sim_lcd_flush: function (ptr, width, height) {
    if (Module['onLcdFlush']) Module['onLcdFlush'](HEAPU8.slice(ptr, ptr + width * height), width, height);
  },
  js_sim_lcd_text: function (linesPtr, count) {
    if (!Module['onLcdText']) return;
    var lines = [];
    for (var i = 0; i < count; i++) lines.push(UTF8ToString(HEAP32[(linesPtr >> 2) + i]));
    Module['onLcdText'](lines);
  },
  js_sim_serial__deps: ['$simDecoder'],
  js_sim_serial: function (ptr, length) {
    if (!Module['onSerial']) return;
    // A streaming decoder: a UTF-8 character split across two writes stays whole.
    if (!simDecoder) simDecoder = new TextDecoder('utf-8');
    var text = simDecoder.decode(HEAPU8.subarray(ptr, ptr + length), { stream: true });
    if (text) Module['onSerial'](text);
  },
  js_sim_record: function (ptr, length) {
    if (!Module['onReport']) return;
    var s = '';
    for (var i = 0; i < length; i++) s += String.fromCharCode(HEAPU8[ptr + i]);
    Module['onReport'](s);
  },
  // utensor/inference_report.hpp: class scores and per-layer microseconds (float arrays).
  js_sim_inference: function (model, scores, classes, layerUs, layers, runs) {
    if (!Module['onInference']) return;
    Module['onInference'](UTF8ToString(model), Array.from(HEAPF32.subarray(scores >> 2, (scores >> 2) + classes)),
      Array.from(HEAPF32.subarray(layerUs >> 2, (layerUs >> 2) + layers)), runs);
  },
  js_sim_exit: function (status, message) {
    Module['simExited'] = true;
    if (Module['onExit']) Module['onExit'](UTF8ToString(status), UTF8ToString(message));
  },
});
