// The page's side of the runner bridge. Each program runs in a fresh
// <iframe sandbox="allow-scripts"> (static/runner.html: an opaque origin) with the program
// itself in a Worker inside it. The page fetches the build's app.js and app.wasm from its own
// origin and posts the bytes in, so the frame needs no network access and the server no CORS.
// Messages from the frame are accepted only from the current frame's window and only in the
// shapes of static/runner/protocol.js; everything else is ignored.
import '/static/runner/protocol.js';

const P = globalThis.SimProtocol;
const KEY_RE = /^[0-9a-f]{24}$/;

export class Runner {
  /**
   * @param {HTMLElement} host where the (hidden) frame lives
   * @param {(msg: object) => void} onMessage called with every valid message of the current program
   */
  constructor(host, onMessage) {
    this.host = host;
    this.onMessage = onMessage;
    this.frame = null;
    this.generation = 0;
    this.ready = null;  // resolves when the current program's main() started
    window.addEventListener('message', (e) => this.receive(e));
  }

  /** Start the build `key`; `files` ({path, bytes}) are written to /fs before main(). */
  start(key, files = []) {
    if (!KEY_RE.test(key)) throw new Error('bad build key');
    this.stop();
    const generation = ++this.generation;
    const bytes = Promise.all([
      fetchOk('/builds/' + key + '/app.js').then((r) => r.text()),
      fetchOk('/builds/' + key + '/app.wasm').then((r) => r.arrayBuffer()),
    ]);
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('allow', '');
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.title = 'firmware runner (isolated)';
    frame.hidden = true;
    frame.dataset.testid = 'runner';
    let frameReady;
    const listening = new Promise((resolve) => { frameReady = resolve; });
    let started;
    this.ready = new Promise((resolve, reject) => { started = { resolve, reject }; });
    this.ready.catch(() => {});  // a crash is reported through onMessage as well
    this.pending = { generation, frameReady, started };
    frame.src = '/static/runner.html';
    this.host.appendChild(frame);
    this.frame = frame;
    Promise.all([bytes, listening]).then(([[js, wasm]]) => {
      if (generation !== this.generation) return;
      const load = { type: 'load', js, wasm, files: files.map((f) => ({ path: f.path, bytes: f.bytes })) };
      if (!P.toFirmware(load)) throw new Error('the program is too large to run here');
      frame.contentWindow.postMessage(load, '*', [wasm]);
    }).catch((err) => {
      if (generation === this.generation) { started.reject(err); this.onMessage({ type: 'crash', message: err.message }); }
    });
    return this.ready;
  }

  /** End the current program: its frame (and the worker inside) is removed. */
  stop() {
    if (this.frame) {
      this.frame.remove();
      this.frame = null;
    }
    this.generation++;
    this.pending = null;
  }

  get running() { return !!this.frame; }

  send(msg) {
    if (!this.frame || !P.toFirmware(msg)) return false;
    this.frame.contentWindow.postMessage(msg, '*');
    return true;
  }

  pin(pin, level) { return this.send({ type: 'pin', pin, level: level ? 1 : 0 }); }
  analog(pin, value) { return this.send({ type: 'analog', pin, value }); }
  writeFile(path, bytes) { return this.send({ type: 'file', path, bytes }); }
  serialIn(text) { return this.send({ type: 'serial-in', text }); }

  receive(e) {
    if (!this.frame || e.source !== this.frame.contentWindow) return;  // not our current program
    const msg = P.fromFirmware(e.data);
    if (!msg) return;
    const pending = this.pending;
    if (msg.type === 'frame-ready') { if (pending) pending.frameReady(); return; }
    if (msg.type === 'ready' && pending) pending.started.resolve();
    if (msg.type === 'crash' && pending) pending.started.reject(new Error(msg.message));
    this.onMessage(msg);
  }
}

async function fetchOk(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error('could not load the program (' + r.status + ')');
  return r;
}
