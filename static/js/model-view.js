// Pictures of the network a program runs (the mnist demo): the arena map (which activation
// tensors share which bytes, over the layers), the per-layer table of RAM, flash and time,
// and the ten class scores of the last prediction.
//
// Where the numbers come from:
// - memory: /api/models, the model's NAME_report.json written by `sim convert` plus the arena
//   layout of the planner that placed the tensors in the generated C++ (simulator/server/models.py);
// - time and scores: what the running program reports. The `inference` runner message
//   ({model, scores, layer_us, runs}) carries them (utensor/inference_report.hpp; the mnist demo
//   sends one after each prediction): the dequantized scores, and each layer's time in this
//   browser's wasm, the mean of `runs` runs timed through the model's step hook (the browser's
//   clock moves in ~100 us steps, so one run cannot time a 20 us layer, many runs can). Before
//   that, the mnist demo's serial line "Predicted: N (inference T us)" gives its Timer's total.
const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f'];

function el(tag, attrs = {}, text) {
  const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text != null) node.textContent = text;
  return node;
}

export class ModelView {
  /** @param {HTMLElement} section the (hidden until used) section that holds the pictures */
  constructor(section) {
    this.section = section;
    this.models = null;
    this.model = null;
    this.layerReport = false;
  }

  async load() {
    if (!this.models) {
      const r = await fetch('/api/models');
      this.models = r.ok ? await r.json() : [];
    }
    return this.models;
  }

  /** Show the model that `files` include (models/NAME/NAME.hpp), or hide the section. */
  async showFor(files) {
    const text = Object.values(files).join('\n');
    const m = /#\s*include\s*["<]models\/(\w+)\/\1\.hpp[">]/.exec(text);
    if (!m) { this.section.hidden = true; this.model = null; return; }
    const models = await this.load();
    const model = models.find((x) => x.name === m[1]);
    if (!model) { this.section.hidden = true; this.model = null; return; }
    if (this.model !== model) {
      this.model = model;
      this.layerReport = false;
      this.render();
    }
    this.section.hidden = false;
  }

  render() {
    const model = this.model;
    const body = this.section.querySelector('.model-body');
    this.section.querySelector('.model-name').textContent = model.name;
    const summary = el('p', { class: 'model-summary' },
      `${model.layers.length} layers; RAM: one ${model.arena_bytes}-byte arena for all activations; ` +
      `flash: ${model.flash_bytes} bytes of weights and parameters.`);
    this.scores = el('figure', { class: 'scores', 'data-testid': 'scores' });
    this.scores.append(el('figcaption', {}, 'Class scores of the last prediction'),
      el('p', { class: 'muted' }, 'Press the button to see the scores of the ten digits.'));
    this.time = el('p', { class: 'muted', 'data-testid': 'inference-time' },
      'The time of each layer appears after the first prediction, measured by the program in this browser.');
    body.replaceChildren(summary, this.scores, this.arenaMap(model), this.layerTable(model), this.time);
  }

  arenaMap(model) {
    const buffers = model.buffers || [];
    const fig = el('figure', { class: 'arena' });
    fig.append(el('figcaption', {}, 'Arena map: which tensors share which bytes'));
    if (!buffers.length) { fig.append(el('p', { class: 'muted' }, 'This report has no arena layout.')); return fig; }
    const n = model.layers.length;
    const cols = n + 2;  // the input before layer 0, the layers, the output after the last
    const W = 460, H = 180, left = 58, top = 6, bottom = 34;
    const cw = (W - left - 6) / cols;
    const scale = (H - top - bottom) / Math.max(1, model.arena_bytes);
    const svg = el('svg:svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'data-testid': 'arena-map',
      'aria-label': `Arena of ${model.arena_bytes} bytes: ${buffers.length} tensors placed at ${new Set(buffers.map((b) => b.offset)).size} offsets; ` +
        'tensors alive at different layers reuse the same bytes.' });
    for (let c = 0; c < cols; c++) {
      const label = c === 0 ? 'in' : c === cols - 1 ? 'out' : String(c - 1);
      svg.append(el('svg:text', { x: left + c * cw + cw / 2, y: H - bottom + 14, 'text-anchor': 'middle', class: 'axis' }, label));
    }
    svg.append(el('svg:text', { x: left + (W - left) / 2, y: H - 4, 'text-anchor': 'middle', class: 'axis' }, 'layer (time)'));
    for (const y of [0, model.arena_bytes]) {
      svg.append(el('svg:text', { x: left - 4, y: top + y * scale + 4, 'text-anchor': 'end', class: 'axis' }, y + ' B'));
    }
    buffers.forEach((b, i) => {
      const c0 = b.first + 1, c1 = b.last + 1;
      const rect = el('svg:rect', {
        x: left + c0 * cw + 1, y: top + b.offset * scale, width: Math.max(2, (c1 - c0 + 1) * cw - 2),
        height: Math.max(2, b.size * scale), fill: COLORS[i % COLORS.length], 'data-offset': b.offset, 'data-size': b.size,
      });
      rect.append(el('svg:title', {}, `${describe(b, model)}: bytes ${b.offset}..${b.offset + b.size - 1} (${b.size} B), ` +
        `alive from ${b.first < 0 ? 'the input' : 'layer ' + b.first} to ${b.last >= n ? 'the output' : 'layer ' + b.last}`));
      svg.append(rect);
    });
    fig.append(svg);
    const list = el('ul', { class: 'arena-list' });
    for (const b of buffers) {
      list.append(el('li', {}, `bytes ${b.offset}..${b.offset + b.size - 1}: ${describe(b, model)}`));
    }
    const details = el('details');
    details.append(el('summary', {}, 'Tensors in the arena'), list);
    fig.append(details);
    return fig;
  }

  layerTable(model) {
    const maxRam = Math.max(1, ...model.layers.map((l) => l.ram_bytes));
    const maxFlash = Math.max(1, ...model.layers.map((l) => l.flash_bytes));
    const table = el('table', { class: 'layers', 'data-testid': 'layer-table' });
    table.append(el('caption', {}, 'Per layer: RAM live during the layer, flash of its weights, time'));
    const head = el('tr');
    for (const h of ['#', 'layer', 'RAM (B)', 'flash (B)', 'time (µs)']) head.append(el('th', { scope: 'col' }, h));
    const thead = el('thead');
    thead.append(head);
    table.append(thead);
    const tbody = el('tbody');
    this.timeCells = [];
    for (const l of model.layers) {
      const tr = el('tr');
      tr.append(el('td', {}, l.index), el('td', {}, l.op), bar(l.ram_bytes, maxRam, 'ram'), bar(l.flash_bytes, maxFlash, 'flash'));
      const t = el('td', { class: 'num' }, '–');
      this.timeCells.push(t);
      tr.append(t);
      tbody.append(tr);
    }
    table.append(tbody);
    return table;
  }

  /** A runner message from the program (validated). */
  receive(msg) {
    if (!this.model) return;
    if (msg.type === 'inference' && msg.model === this.model.name) {
      if (msg.scores.length) this.showScores(msg.scores);
      if (msg.layer_us.length === this.model.layers.length) {
        const max = Math.max(1e-9, ...msg.layer_us);
        msg.layer_us.forEach((us, i) => {
          const td = bar(us, max, 'time', us.toFixed(1));
          this.timeCells[i].replaceWith(td);
          this.timeCells[i] = td;
        });
        const total = msg.layer_us.reduce((a, b) => a + b, 0);
        this.layerReport = true;
        this.time.textContent = `Time per layer in this browser (WebAssembly): ${total.toFixed(1)} µs per inference, ` +
          `the mean of ${msg.runs} run${msg.runs === 1 ? '' : 's'}. The program times each layer through the model's ` +
          'step hook with Mbed\'s HighResClock, which on this page is the browser\'s clock: it moves in steps of ' +
          'about 100 µs, so the program repeats the inference and averages.';
      }
    } else if (msg.type === 'serial' && !this.layerReport) {
      const m = /Predicted: (\d) \(inference (\d+) us\)/.exec(msg.text);
      if (m) {
        this.time.textContent = `Last inference: ${m[2]} µs in this browser (wasm), by the program's Timer ` +
          '(the browser\'s clock moves in steps of about 100 µs). Per-layer times appear when the program reports them.';
      }
    }
  }

  showScores(scores) {
    const best = scores.indexOf(Math.max(...scores));
    const W = 300, H = 120, bw = W / scores.length;
    const svg = el('svg:svg', { viewBox: `0 0 ${W} ${H}`, role: 'img',
      'aria-label': 'Scores: ' + scores.map((s, i) => `${i}: ${(100 * s).toFixed(0)}%`).join(', ') });
    scores.forEach((s, i) => {
      const h = Math.max(1, s * (H - 20));
      svg.append(el('svg:rect', { x: i * bw + 3, y: H - 16 - h, width: bw - 6, height: h, class: i === best ? 'best' : '', 'data-score': s }));
      svg.append(el('svg:text', { x: i * bw + bw / 2, y: H - 3, 'text-anchor': 'middle', class: 'axis' }, String(i)));
    });
    this.scores.replaceChildren(el('figcaption', {}, 'Class scores of the last prediction'), svg);
  }
}

function describe(b, model) {
  if (b.first < 0) return 'the model input ' + JSON.stringify(b.shape);
  const layer = model.layers[b.first];
  return `output of layer ${b.first} (${layer ? layer.op : '?'}) ${JSON.stringify(b.shape)}`;
}

function bar(value, max, kind, text) {
  const td = el('td', { class: 'bar ' + kind });
  const span = el('span', { class: 'bar-fill', style: `width:${(100 * value / max).toFixed(1)}%` });
  td.append(span, el('span', { class: 'bar-text' }, text != null ? text : String(value)));
  return td;
}
