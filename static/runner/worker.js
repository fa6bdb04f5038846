// The firmware's own thread. runner/frame.js starts this function as a dedicated Worker (from
// its source text), so a program that never sleeps blocks only this thread: the page and the
// frame that can stop it stay responsive. Everything here, and the program's own JavaScript
// (EM_ASM, EM_JS), is untrusted from the frame's point of view: the frame checks every
// message that leaves this worker against runner/protocol.js.
//
// Bridge to the program (the Module hooks of docs/DESIGN.md, "Mbed layer <-> page bridge"):
// outputs arrive through onGpioWrite/onPwmWrite/onPwmPeriod/onLcdFlush/onLcdText/onSerial and
// become messages; input messages become calls of the exported entry points _sim_pin_event,
// _sim_analog_event, Module.simSet (device inputs by name), FS.writeFile and, for console
// input, Module.simSerialInput(bytes) (the Mbed layer's helper; a build without it answers
// 'serial-in-unsupported').
//
// `demo` is given only for the server's prebuilt demo, which index.html starts in a Worker of
// the page itself ({js, wasm}: the URLs of its build on this server): the worker then fetches
// the bytes itself, so the demo starts without waiting for the page's busy main thread. A
// runner frame never passes it (and its CSP forbids any fetch).
// eslint-disable-next-line no-unused-vars
function simFirmwareWorker(demo) {
  'use strict';
  let mod = null;
  let loading = false;
  const early = [];  // input that arrived while the module was instantiating
  let serialOut = '';
  let serialTimer = 0;
  let lastSerialFlush = 0;
  let toldNoSerialIn = false;

  const send = (msg, transfer) => self.postMessage(msg, transfer || []);
  // Every other message first brings the page's pins up to date, so the page sees outputs in
  // the order the program made them.
  const post = (msg, transfer) => { flushPins(); send(msg, transfer); };

  // Digital outputs are sent as levels, not edges: the latest level of each pin that changed,
  // once the program yields (or every 16 ms if it does not). A driver's chip-select and data
  // lines toggle thousands of times a second (the LCD's SPI bus: two edges a byte); a person
  // looking at the board sees levels, and each message crosses two threads and a process.
  const written = new Map();  // pin -> level written since the last flush
  const shown = new Map();    // pin -> level the page has
  let pinTimer = 0;
  let lastPinFlush = 0;
  function gpio(pin, value) {
    written.set(pin, value ? 1 : 0);
    if (performance.now() - lastPinFlush >= 16) flushPins();
    else if (!pinTimer) pinTimer = setTimeout(flushPins, 0);
  }
  function flushPins() {
    if (pinTimer) { clearTimeout(pinTimer); pinTimer = 0; }
    lastPinFlush = performance.now();
    for (const [pin, level] of written) {
      if (shown.get(pin) !== level) { shown.set(pin, level); send({ type: 'gpio', pin, value: level }); }
    }
    written.clear();
  }

  // Console output is batched: at most one message per 16 ms or per 16 KB, so a program that
  // prints in a tight loop cannot flood the page with one message per line.
  function serial(text) {
    serialOut += text;
    const now = performance.now();
    if (serialOut.length >= 16384 || now - lastSerialFlush >= 16) flushSerial();
    else if (!serialTimer) serialTimer = setTimeout(flushSerial, 16);
  }
  function flushSerial() {
    if (serialTimer) { clearTimeout(serialTimer); serialTimer = 0; }
    lastSerialFlush = performance.now();
    while (serialOut) {
      post({ type: 'serial', text: serialOut.slice(0, 65536) });
      serialOut = serialOut.slice(65536);
    }
  }

  function crash(err) {
    flushSerial();
    const text = err && err.message ? err.message : String(err);
    post({ type: 'crash', message: text.slice(0, 2000) });
  }

  const encoder = new TextEncoder();
  function input(msg) {
    switch (msg.type) {
      case 'pin': mod._sim_pin_event(msg.pin, msg.level); break;
      case 'analog': if (mod._sim_analog_event) mod._sim_analog_event(msg.pin, msg.value); break;
      case 'input': if (typeof mod.simSet === 'function') mod.simSet(msg.name, msg.value); break;
      case 'file': mod.FS.writeFile(msg.path, msg.bytes); break;
      case 'serial-in':
        if (typeof mod.simSerialInput !== 'function') {
          if (!toldNoSerialIn) post({ type: 'serial-in-unsupported' });
          toldNoSerialIn = true;
          break;
        }
        mod.simSerialInput(encoder.encode(msg.text));
        break;
      default: break;
    }
  }

  function load(msg) {
    if (loading) return;
    loading = true;
    const compiled = WebAssembly.compile(msg.wasm);  // compiles while the program's JS loads
    compiled.catch(() => {});
    try {
      const url = URL.createObjectURL(new Blob([msg.js], { type: 'text/javascript' }));
      self.importScripts(url);
      URL.revokeObjectURL(url);
    } catch (err) {
      crash(new Error('could not load the program: ' + (err && err.message ? err.message : err)));
      return;
    }
    if (typeof self.createMbedModule !== 'function') {
      crash(new Error('the program has no createMbedModule(): not a utensor-sim wasm build'));
      return;
    }
    self.createMbedModule({
      instantiateWasm: (imports, done) => {
        compiled.then((module) => WebAssembly.instantiate(module, imports))
          .then((instance) => done(instance), crash);
        return {};
      },
      onGpioWrite: gpio,
      onPwmWrite: (pin, duty) => post({ type: 'pwm', pin, duty: Math.min(1, Math.max(0, Number(duty) || 0)) }),
      onPwmPeriod: (pin, periodUs) => post({ type: 'pwm-period', pin,
        period_us: Math.min(2147483647, Math.max(1, Math.round(Number(periodUs)) || 1)) }),
      onLcdFlush: (pixels, width, height) => {
        const copy = new Uint8Array(pixels);
        post({ type: 'lcd', width: width || 128, height: height || 32, pixels: copy }, [copy.buffer]);
      },
      onLcdText: (lines) => post({ type: 'lcd-text', lines: Array.from(lines, (l) => String(l).slice(0, 256)).slice(0, 16) }),
      onSerial: serial,
      onAbort: (what) => crash(new Error('the program aborted: ' + what)),
      // onExit(code), or onExit(status, message) with status 'crashed' for a trap or abort.
      onExit: (status, message) => {
        flushSerial();
        if (status === 'crashed') post({ type: 'crash', message: String(message || 'the program crashed').slice(0, 2000) });
        else post({ type: 'exit', code: Number.isInteger(status) ? status : 0 });
      },
      // A model's result, for the page's pictures: class scores (dequantized, 0..1) and the
      // time of each layer in microseconds, the mean of `runs` runs (docs/browser.md, "What the
      // page needs from the firmware"; utensor/inference_report.hpp calls it).
      onInference: (model, scores, layerUs, runs) => post({
        type: 'inference', model: String(model).slice(0, 64),
        scores: Array.from(scores || [], Number).slice(0, 1000),
        layer_us: Array.from(layerUs || [], Number).slice(0, 256),
        runs: Math.max(0, Math.min(1e9, Math.floor(Number(runs) || 0))),
      }),
    }).then((m) => {
      mod = m;
      for (const f of msg.files) mod.FS.writeFile(f.path, f.bytes);
      post({ type: 'ready' });
      early.splice(0).forEach(input);
      try {
        mod.callMain([]);
      } catch (err) {
        if (!(err && err.name === 'ExitStatus')) crash(err);
      }
    }, crash);
  }

  self.onmessage = (e) => {
    const msg = e.data;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'load') { load(msg); return; }
    if (!mod) { early.push(msg); return; }
    try { input(msg); } catch (err) { crash(err); }
  };
  self.addEventListener('unhandledrejection', (e) => { e.preventDefault(); crash(e.reason); });
  self.addEventListener('error', (e) => { e.preventDefault(); crash(e.error || e.message); });

  if (demo) {
    const get = (url, read) => fetch(url).then((r) => {
      if (!r.ok) throw new Error('could not load the program (' + r.status + ')');
      return read(r);
    });
    Promise.all([get(demo.js, (r) => r.text()), get(demo.wasm, (r) => r.arrayBuffer())])
      .then(([js, wasm]) => load({ type: 'load', js, wasm, files: [] }), crash);
  }
}
