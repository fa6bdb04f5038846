// The message set between the page and the firmware runner (docs/browser.md, "The runner
// protocol"). The firmware is someone's program: it runs in a Worker inside a sandboxed,
// opaque-origin iframe, and every message that crosses a boundary is checked here, in both
// directions. A message whose type is unknown, or whose fields are missing, extra or of the
// wrong type or size, is dropped: the receiver never acts on a shape it did not expect.
//
// A classic script (no `export`), so the sandboxed frame can load it without CORS; the page
// imports it for its side effect and reads globalThis.SimProtocol.
(function (root) {
  'use strict';

  const MAX_PIN = 65535;  // PinName values: K64F port << 12 | pin (up to 16415), the LPC1768 profile's BUTTON1 is 1337
  const LCD_MAX_PIXELS = 256 * 64;
  const MAX_FILE_BYTES = 4 << 20;
  const MAX_SERIAL_IN = 4096;
  const MAX_SERIAL_OUT = 65536;
  const MAX_JS = 16 << 20;
  const MAX_WASM = 64 << 20;

  // Field checkers: each returns true when the value is acceptable.
  const int = (lo, hi) => (v) => Number.isInteger(v) && v >= lo && v <= hi;
  const num = (lo, hi) => (v) => typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;
  const str = (max) => (v) => typeof v === 'string' && v.length <= max;
  const bytes = (max) => (v) => v instanceof Uint8Array && v.length <= max;
  const buffer = (max) => (v) => v instanceof ArrayBuffer && v.byteLength > 0 && v.byteLength <= max;
  const strings = (maxItems, maxLen) => (v) => Array.isArray(v) && v.length <= maxItems && v.every(str(maxLen));
  const path = (v) => typeof v === 'string' && /^\/fs\/[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/.test(v);
  const numbers = (maxItems) => (v) => Array.isArray(v) && v.length <= maxItems &&
    v.every((x) => typeof x === 'number' && Number.isFinite(x));
  // A device input's name, as `sim run --set` takes it: "temp", "lm75b.temp", "accel_x".
  const inputName = (v) => typeof v === 'string' && /^[a-z][a-z0-9_]{0,23}(\.[a-z][a-z0-9_]{0,23})?$/.test(v);
  const files = (v) => Array.isArray(v) && v.length <= 16 &&
    v.every((f) => f && typeof f === 'object' && Object.keys(f).length === 2 && path(f.path) && bytes(MAX_FILE_BYTES)(f.bytes));

  // To the firmware: what the page (and the frame, for the worker) may ask for.
  const TO_FIRMWARE = {
    load: { js: str(MAX_JS), wasm: buffer(MAX_WASM), files },   // start a program (frame only)
    pin: { pin: int(0, MAX_PIN), level: int(0, 1) },             // a digital input edge
    analog: { pin: int(0, MAX_PIN), value: num(0, 1) },          // an AnalogIn voltage, 0..1 of 3.3 V
    input: { name: inputName, value: num(-1000, 1000) },         // a device input (temp, humidity, accel_x...)
    file: { path, bytes: bytes(MAX_FILE_BYTES) },                // write /fs/NAME
    'serial-in': { text: str(MAX_SERIAL_IN) },                   // bytes typed into the console
    stop: {},                                                    // end the program
  };

  // From the firmware: what a program may tell the page.
  const FROM_FIRMWARE = {
    'frame-ready': {},                                           // the frame listens (frame only)
    ready: {},                                                   // main() started
    gpio: { pin: int(0, MAX_PIN), value: int(0, 1) },
    pwm: { pin: int(0, MAX_PIN), duty: num(0, 1) },
    'pwm-period': { pin: int(0, MAX_PIN), period_us: int(1, 2147483647) },  // a PwmOut's period
    lcd: { width: int(1, 256), height: int(1, 64), pixels: bytes(LCD_MAX_PIXELS) },
    'lcd-text': { lines: strings(16, 256) },
    serial: { text: str(MAX_SERIAL_OUT) },
    'serial-in-unsupported': {},                                 // this build has no console input
    inference: { model: str(64), scores: numbers(1000), layer_us: numbers(256), runs: int(0, 1e9) },
    exit: { code: int(-2147483648, 2147483647) },
    crash: { message: str(2000) },
  };

  function check(table, msg) {
    if (!msg || typeof msg !== 'object' || Array.isArray(msg)) return null;
    const spec = Object.prototype.hasOwnProperty.call(table, msg.type) ? table[msg.type] : null;
    if (!spec) return null;
    const keys = Object.keys(msg);
    if (keys.length !== Object.keys(spec).length + 1) return null;
    for (const k of keys) {
      if (k === 'type') continue;
      if (!Object.prototype.hasOwnProperty.call(spec, k) || !spec[k](msg[k])) return null;
    }
    if (msg.type === 'lcd' && msg.pixels.length !== msg.width * msg.height) return null;
    return msg;
  }

  root.SimProtocol = Object.freeze({
    /** The message if it is a valid page -> firmware message, else null. */
    toFirmware: (msg) => check(TO_FIRMWARE, msg),
    /** The message if it is a valid firmware -> page message, else null. */
    fromFirmware: (msg) => check(FROM_FIRMWARE, msg),
    TO_FIRMWARE_TYPES: Object.freeze(Object.keys(TO_FIRMWARE)),
    FROM_FIRMWARE_TYPES: Object.freeze(Object.keys(FROM_FIRMWARE)),
    MAX_SERIAL_IN,
  });
})(globalThis);
