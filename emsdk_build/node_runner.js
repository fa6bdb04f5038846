// Run a wasm build of an app under node, headless, for tests and `sim run --target wasm`:
//   node --no-experimental-fetch node_runner.js app.js CONFIG_JSON
// CONFIG: {"until_ms": 2000, "input": [[pin, at_ms, level(, "analog")], ...],
//          "set": [[name, at_ms, value], ...] (named inputs: temp, humidity, accel_x, pot1...),
//          "files": {"/fs/x": base64}}
// Prints one JSON object per line: {"serial": text}, {"gpio": [t_ms, pin, value]},
// {"pwm": [t_ms, pin, duty]}, {"pwm_period": [t_ms, pin, seconds]},
// {"lcd_text": [...]} and, at the end, {"done": true, "lcd_text": [...], "lcd_pixels": [...32 hex rows]}.
'use strict';
const path = require('path');
const [appJs, configJson] = process.argv.slice(2);
const config = JSON.parse(configJson || '{}');
const createMbedModule = require(path.resolve(appJs));
const t0 = Date.now();
const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
let lcdPixels = null;
let lcdText = [];

createMbedModule({
  onSerial: (text) => out({ serial: text }),
  onGpioWrite: (pin, value) => out({ gpio: [Date.now() - t0, pin, value] }),
  onPwmWrite: (pin, duty) => out({ pwm: [Date.now() - t0, pin, duty] }),
  onPwmPeriod: (pin, seconds) => out({ pwm_period: [Date.now() - t0, pin, seconds] }),
  onLcdFlush: (pixels) => { lcdPixels = pixels; },
  onLcdText: (lines) => { lcdText = lines; out({ lcd_text: lines }); },
}).then((Module) => {
  for (const [name, b64] of Object.entries(config.files || {})) {
    Module.FS.mkdirTree(path.posix.dirname(name));
    Module.FS.writeFile(name, Buffer.from(b64, 'base64'));
  }
  for (const [pin, atMs, level, kind] of config.input || []) {
    if (kind === 'analog' && atMs <= 0) Module._sim_analog_event(pin, level);
    else if (kind === 'analog') setTimeout(() => Module._sim_analog_event(pin, level), atMs);
    else setTimeout(() => Module._sim_pin_event(pin, level), atMs);
  }
  for (const [name, atMs, value] of config.set || []) {
    const apply = () => Module.ccall('sim_input_set', 'number', ['string', 'number'], [name, value]);
    if (atMs <= 0) apply();  // in place before main starts, as on the host and QEMU
    else setTimeout(apply, atMs);
  }
  setTimeout(() => {
    const rows = [];
    if (lcdPixels) {
      for (let y = 0; y < 32; y++) {
        let row = '';
        for (let x = 0; x < 128; x += 4) {
          row += ((lcdPixels[y * 128 + x] << 3) | (lcdPixels[y * 128 + x + 1] << 2) |
                  (lcdPixels[y * 128 + x + 2] << 1) | lcdPixels[y * 128 + x + 3]).toString(16);
        }
        rows.push(row);
      }
    }
    out({ done: true, lcd_text: lcdText, lcd_pixels: rows });
    process.exit(0);
  }, config.until_ms || 2000);
  Module.callMain([]);
});
