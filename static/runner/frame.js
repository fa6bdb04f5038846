// The runner frame: static/runner.html, loaded in <iframe sandbox="allow-scripts"> (an opaque
// origin: no access to the page, its storage, cookies or the server's origin). It starts the
// program in a Worker (runner/worker.js) and relays messages, checking each against
// runner/protocol.js: from the page only what the page may ask, from the program only what a
// program may tell. A program that floods the page with messages is stopped.
(function () {
  'use strict';
  // Only ever run programs in an opaque origin. Framed without the sandbox (by another site, or
  // opened directly), this page would hand a program this server's origin: refuse instead.
  if (self.origin !== 'null' || window === parent) {
    document.body.textContent = 'The firmware runner works only inside the simulator page.';
    return;
  }
  const P = globalThis.SimProtocol;
  const MAX_MESSAGES_PER_SECOND = 5000;
  let worker = null;
  let started = false;
  let windowStart = 0;
  let windowCount = 0;

  const toPage = (msg, transfer) => parent.postMessage(msg, '*', transfer || []);

  function stop(reason) {
    if (!worker) return;
    worker.terminate();
    worker = null;
    if (reason) toPage({ type: 'crash', message: reason });
  }

  function fromProgram(e) {
    const msg = P.fromFirmware(e.data);
    if (!msg || msg.type === 'frame-ready') return;  // anything else a program posts is dropped
    const now = performance.now();
    if (now - windowStart > 1000) { windowStart = now; windowCount = 0; }
    if (++windowCount > MAX_MESSAGES_PER_SECOND) {
      stop('the program sent more than ' + MAX_MESSAGES_PER_SECOND + ' messages in a second to the page; it was stopped');
      return;
    }
    if (msg.type === 'lcd') {
      const pixels = new Uint8Array(msg.pixels);  // a fresh buffer that only the page will hold
      toPage({ type: 'lcd', width: msg.width, height: msg.height, pixels }, [pixels.buffer]);
      return;
    }
    toPage(msg);
  }

  // The worker starts with the frame, idle until a program arrives: a spare frame is ready
  // to run the next program at once.
  function spawn() {
    const source = '(' + simFirmwareWorker.toString() + ')();\n';
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    worker = new Worker(url, { name: 'firmware' });
    URL.revokeObjectURL(url);
    worker.onmessage = fromProgram;
    worker.onmessageerror = () => {};
    worker.onerror = (e) => {
      e.preventDefault();
      toPage({ type: 'crash', message: String(e.message || 'the program failed').slice(0, 2000) });
    };
  }

  function start(msg) {
    if (started || !worker) return;  // one program per frame: the page makes a new frame for the next one
    started = true;
    worker.postMessage(msg, [msg.wasm]);
  }

  addEventListener('message', (e) => {
    if (e.source !== parent) return;
    const msg = P.toFirmware(e.data);
    if (!msg) return;
    if (msg.type === 'load') start(msg);
    else if (msg.type === 'stop') stop(null);
    else if (worker && started) worker.postMessage(msg);
  });
  spawn();
  toPage({ type: 'frame-ready' });
})();
