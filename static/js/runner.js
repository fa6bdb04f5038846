// The page's side of the runner bridge. Each program runs in a fresh
// <iframe sandbox="allow-scripts"> (static/runner.html: an opaque origin) with the program
// itself in a Worker inside it. The page fetches the build's app.js and app.wasm from its own
// origin and posts the bytes in, so the frame needs no network access and the server no CORS.
// Messages from the frame are accepted only from the current frame's window and only in the
// shapes of static/runner/protocol.js; everything else is ignored.
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
    this.current = null;
    this.generation = 0;
    this.ready = null;  // resolves when the current program's main() started
    this.posted = null;  // resolves when the current program's bytes went to its frame
    window.addEventListener('message', (e) => this.receive(e));
    // A frame made at start-up, so its process and worker are up when the first program comes.
    const early = host.querySelector('iframe[data-spare]');
    this.spare = early || this.makeFrame();
    if (early) {
      early.listening = new Promise((resolve) => { early.frameReady = resolve; });
      early.contentWindow.postMessage({ type: 'ping' }, '*');
    }
  }

  /**
   * Start the build `key`; `files` ({path, bytes}) are written to /fs before main().
   * `fetched` may hold the build's bytes already ({key, js, wasm}, fetched at start-up).
   */
  start(key, files = [], fetched = null) {
    if (!KEY_RE.test(key)) throw new Error('bad build key');
    this.stop();
    const generation = ++this.generation;
    const bytes = fetched && fetched.key === key ? Promise.resolve([fetched.js, fetched.wasm]) : Promise.all([
      fetchOk('/builds/' + key + '/app.js').then((r) => r.text()),
      fetchOk('/builds/' + key + '/app.wasm').then((r) => r.arrayBuffer()),
    ]);
    const frame = this.takeSpare();
    let started;
    let posted;
    this.ready = new Promise((resolve, reject) => { started = { resolve, reject }; });
    this.ready.catch(() => {});  // a crash is reported through onMessage as well
    this.posted = new Promise((resolve) => { posted = resolve; });
    this.frame = frame;
    this.current = { generation, started };
    Promise.all([bytes, frame.listening]).then(([[js, wasm]]) => {
      if (generation !== this.generation) return;
      const load = { type: 'load', js, wasm, files: files.map((f) => ({ path: f.path, bytes: f.bytes })) };
      if (!P.toFirmware(load)) throw new Error('the program is too large to run here');
      frame.contentWindow.postMessage(load, '*', [wasm]);
      posted();
    }).catch((err) => {
      posted();
      if (generation === this.generation) { started.reject(err); this.onMessage({ type: 'crash', message: err.message }); }
    });
    // The next program gets a fresh frame too, made while this one runs.
    setTimeout(() => { if (!this.spare) this.spare = this.makeFrame(); }, 1000);
    return this.ready;
  }

  /**
   * A new runner frame. It answers 'frame-ready' when its script runs, and again to every
   * 'ping' (the page may have missed the first one while its modules loaded).
   */
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
    if (this.frame) {
      this.frame.remove();
      this.frame = null;
    }
    this.generation++;
    this.current = null;
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
    const frames = [this.frame, this.spare].filter((f) => f && e.source === f.contentWindow);
    if (!frames.length) return;  // not from one of our frames
    const msg = P.fromFirmware(e.data);
    if (!msg) return;
    if (msg.type === 'frame-ready') { frames[0].frameReady(); return; }
    if (frames[0] !== this.frame) return;  // a spare runs nothing yet
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
