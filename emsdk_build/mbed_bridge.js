// The Mbed layer's bridge to the page (an Emscripten --js-library). Each output calls a hook
// on the Module object when the page (or a test) provided one; otherwise it logs a line,
// so a run under node is observable. Contract: docs/DESIGN.md, docs/mbed-and-build.md.
mergeInto(LibraryManager.library, {
  js_sim_gpio_write: function (pin, value) {
    if (Module['onGpioWrite']) Module['onGpioWrite'](pin, value);
    else console.log('[gpio] ' + pin + ' ' + value);
  },
  js_sim_pwm_write: function (pin, duty) {
    if (Module['onPwmWrite']) Module['onPwmWrite'](pin, duty);
    else console.log('[pwm] ' + pin + ' ' + duty.toFixed(4));
  },
  js_sim_pwm_period: function (pin, seconds) {
    if (Module['onPwmPeriod']) Module['onPwmPeriod'](pin, seconds);
  },
  js_sim_lcd_flush: function (ptr, width, height) {
    var pixels = HEAPU8.slice(ptr, ptr + width * height);
    if (Module['onLcdFlush']) Module['onLcdFlush'](pixels, width, height);
  },
  js_sim_lcd_text: function (linesPtr, count) {
    var lines = [];
    for (var i = 0; i < count; i++) lines.push(UTF8ToString(HEAP32[(linesPtr >> 2) + i]));
    if (Module['onLcdText']) Module['onLcdText'](lines);
    else console.log('[lcd] ' + JSON.stringify(lines));
  },
  js_sim_analog_read__deps: ['sim_hal_stored_analog'],
  js_sim_analog_read: function (pin) {
    if (Module['readAnalog']) return Module['readAnalog'](pin);
    return _sim_hal_stored_analog(pin);
  },
});
