// The page's side of the runner bridge. Each program someone built or sent runs in a fresh
// <iframe sandbox="allow-scripts"> (static/runner.html: an opaque origin) with the program
// itself in a Worker inside it. The page fetches the build's app.js and app.wasm from its own
// origin and posts the bytes in, so the frame needs no network access and the server no CORS.
// Messages from the frame are accepted only from the current frame's window and only in the
// shapes of static/runner/protocol.js; everything else is ignored.
//
// One program skips the frame: the server's prebuilt demo at start-up. It is the server's own
// build of its own source, as trusted as this page's scripts, so index.html starts it in a
// Worker of this page (the same runner/worker.js) before the modules load, and adoptDemo takes
// that worker over (docs/browser.md, "The isolated runner").
import '../runner/protocol.js';

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
    this.worker = null;  // the prebuilt demo's Worker (adoptDemo), when it runs
    this.current = null;
    this.generation = 0;
    this.ready = null;  // resolves when the current program's main() started
    window.addEventListener('message', (e) => this.receive(e));
    this.spare = null;  // a frame made ahead (prepareSpare), its process and worker up
  }

  /** Make the next program's frame now (once the page has started), unless one is waiting. */
  prepareSpare() {
    if (!this.spare) this.spare = this.makeFrame();
  }

  /** A new program: the previous one ends, and `started` settles when this one's main() runs. */
  begin() {
    this.stop();
    const generation = ++this.generation;
    let started;
    this.ready = new Promise((resolve, reject) => { started = { resolve, reject }; });
    this.ready.catch(() => {});  // a crash is reported through onMessage as well
    this.current = { generation, started };
    return { generation, started };
  }

  /**
   * Take over the server's prebuilt demo, started by index.html in a Worker of this page
   * (`demo`: {key, worker, early}, `early` what it said before this). Its messages are checked
   * against the protocol like a frame's.
   */
  adoptDemo(demo) {
    if (!demo || !KEY_RE.test(demo.key) || !(demo.worker instanceof Worker)) throw new Error('no prebuilt demo to run');
    const { generation } = this.begin();
    const { worker } = demo;
    this.worker = worker;
    const take = (data) => {
      if (this.worker !== worker || generation !== this.generation) return;
      const msg = P.fromFirmware(data);
      if (msg && msg.type !== 'frame-ready') this.deliver(msg);
    };
    worker.onmessage = (e) => take(e.data);
    worker.onmessageerror = () => {};
    worker.onerror = (e) => {
      e.preventDefault();
      take({ type: 'crash', message: String(e.message || 'the program failed').slice(0, 2000) });
    };
    demo.early.splice(0).forEach(take);
    return this.ready;
  }

  /** Start the build `key` in a sandboxed frame; `files` ({path, bytes}) are written to /fs before main(). */
  start(key, files = []) {
    if (!KEY_RE.test(key)) throw new Error('bad build key');
    const { generation, started } = this.begin();
    const bytes = Promise.all([
      fetchOk('/builds/' + key + '/app.js').then((r) => r.text()),
      fetchOk('/builds/' + key + '/app.wasm').then((r) => r.arrayBuffer()),
    ]);
    const frame = this.takeSpare();
    this.frame = frame;
    Promise.all([bytes, frame.listening]).then(([[js, wasm]]) => {
      if (generation !== this.generation) return;
      const load = { type: 'load', js, wasm, files: files.map((f) => ({ path: f.path, bytes: f.bytes })) };
      if (!P.toFirmware(load)) throw new Error('the program is too large to run here');
      frame.contentWindow.postMessage(load, '*', [wasm]);
    }).catch((err) => {
      if (generation === this.generation) { started.reject(err); this.onMessage({ type: 'crash', message: err.message }); }
    });
    // The next program gets a fresh frame too, made while this one runs.
    setTimeout(() => this.prepareSpare(), 1000);
    return this.ready;
  }

  /** A new runner frame. It answers 'frame-ready' when its script runs. */
  makeFrame() {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('allow', '');
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.title = 'firmware runner (isolated)';
    frame.hidden = true;
    frame.src = '/static/runner.html';
    frame.listening = new Promise((resolve) => { frame.frameReady = resolve; });
    this.host.appendChild(frame);
    return frame;
  }

  takeSpare() {
    const frame = this.spare || this.makeFrame();
    this.spare = null;
    frame.dataset.testid = 'runner';
    return frame;
  }

  /** End the current program: its frame (and the worker inside) is removed. */
  stop() {
    if (this.worker) {
      this.worker.terminate();
      this.worker = null;
    }
    if (this.frame) {
      this.frame.remove();
      this.frame = null;
    }
    this.generation++;
    this.current = null;
  }

  get running() { return !!(this.frame || this.worker); }

  send(msg) {
    if (!this.running || !P.toFirmware(msg)) return false;
    if (this.worker) this.worker.postMessage(msg);
    else this.frame.contentWindow.postMessage(msg, '*');
    return true;
  }

  pin(pin, level) { return this.send({ type: 'pin', pin, level: level ? 1 : 0 }); }
  analog(pin, value) { return this.send({ type: 'analog', pin, value }); }
  writeFile(path, bytes) { return this.send({ type: 'file', path, bytes }); }
  serialIn(text) { return this.send({ type: 'serial-in', text }); }

  receive(e) {
    const frames = [this.frame, this.spare].filter((f) => f && e.source === f.contentWindow);
    if (!frames.length) return;  // not from one of our frames
    const msg = P.fromFirmware(e.data);
    if (!msg) return;
    if (msg.type === 'frame-ready') { frames[0].frameReady(); return; }
    if (frames[0] !== this.frame) return;  // a spare runs nothing yet
    this.deliver(msg);
  }

  /** A checked message of the current program. */
  deliver(msg) {
    const current = this.current;
    if (msg.type === 'ready' && current) current.started.resolve();
    if (msg.type === 'crash' && current) current.started.reject(new Error(msg.message));
    this.onMessage(msg);
  }
}

async function fetchOk(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error('could not load the program (' + r.status + ')');
  return r;
}
