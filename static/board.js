// The virtual board page: LEDs, BUTTON1, the C12832 LCD, the serial console, the drawing
// canvas (sent to the server's harness, which returns the 28x28 IDX digit written to the
// firmware's /fs/tmp.idx), and the code editor with Run and Share.
// Talks to the server over Socket.IO's Engine.IO v4 websocket (a few lines below), so the
// page needs no framework or bundler.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const status = $('status');
  const lcd = $('lcd');
  const lcdCtx = lcd.getContext('2d');
  const serial = $('serial');
  const drawCanvas = $('draw');
  const draw = drawCanvas.getContext('2d');
  const preview = $('preview').getContext('2d');
  const source = $('source');
  const gutter = $('gutter');
  const button1 = $('button1');
  const LCD_ON = [0x20, 0x30, 0x10, 255];
  const LCD_OFF = [0xb9, 0xd3, 0x6c, 255];
  const LINE_WIDTH = 18;
  let pins = {};
  let ledByPin = {};
  let strokes = [];
  let currentStroke = null;
  let firmwareReady = null;  // a promise resolved when the running program accepts input
  let resolveReady = null;
  let runnerFrame = $('runner');
  let currentDemo = null;

  function setStatus(text, isError) {
    status.textContent = text;
    status.classList.toggle('error', !!isError);
  }

  // ---- Socket.IO (Engine.IO v4, websocket transport) ---------------------------------------
  const socket = (() => {
    const handlers = {};
    const pending = [];
    let ws = null;
    let open = false;
    let nextId = 1;
    const waiters = {};
    let binaryPending = null;  // a packet waiting for its binary attachments

    function connect() {
      const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/socket.io/?EIO=4&transport=websocket';
      ws = new WebSocket(url);
      ws.binaryType = 'arraybuffer';
      ws.onmessage = (ev) => onFrame(ev.data);
      ws.onclose = () => { open = false; setTimeout(connect, 1000); };
    }
    function onFrame(data) {
      if (typeof data !== 'string') {  // a binary attachment
        if (!binaryPending) return;
        binaryPending.buffers.push(data);
        if (binaryPending.buffers.length === binaryPending.count) {
          const { packet, buffers } = binaryPending;
          binaryPending = null;
          dispatch(rebuild(packet, buffers));
        }
        return;
      }
      const type = data[0];
      if (type === '0') { ws.send('40'); return; }              // engine open -> socket.io connect
      if (type === '2') { ws.send('3'); return; }               // ping -> pong
      if (type !== '4') return;
      const sio = data[1];
      if (sio === '0') { open = true; pending.splice(0).forEach((m) => ws.send(m)); return; }
      if (sio === '2') { dispatch(JSON.parse(data.slice(2))); return; }
      if (sio === '5') {                                        // binary event: N-[...]
        const dash = data.indexOf('-');
        binaryPending = { count: parseInt(data.slice(2, dash), 10), packet: JSON.parse(data.slice(dash + 1)), buffers: [] };
      }
    }
    function rebuild(node, buffers) {
      if (Array.isArray(node)) return node.map((n) => rebuild(n, buffers));
      if (node && typeof node === 'object') {
        if (node._placeholder) return new Uint8Array(buffers[node.num]);
        const out = {};
        for (const k of Object.keys(node)) out[k] = rebuild(node[k], buffers);
        return out;
      }
      return node;
    }
    function dispatch([event, payload]) {
      if (payload && payload.id != null && waiters[payload.id]) waiters[payload.id](event, payload);
      (handlers[event] || []).forEach((h) => h(payload));
    }
    function send(event, payload) {
      const msg = '42' + JSON.stringify([event, payload]);
      if (open) ws.send(msg); else pending.push(msg);
    }
    // Send an event and resolve with the first answer among `answers` carrying the same id.
    function request(event, payload, answers, onOther) {
      const id = 'r' + nextId++;
      return new Promise((resolve, reject) => {
        waiters[id] = (name, data) => {
          if (name === 'error_message') { delete waiters[id]; reject(new Error(data.message)); }
          else if (answers.includes(name)) { delete waiters[id]; resolve(data); }
          else if (onOther) onOther(name, data);
        };
        send(event, Object.assign({ id }, payload));
      });
    }
    connect();
    return { on: (e, h) => (handlers[e] = handlers[e] || []).push(h), send, request };
  })();

  // ---- The board ----------------------------------------------------------------------------
  function clearLcd() {
    const img = lcdCtx.createImageData(128, 32);
    for (let i = 0; i < 128 * 32; i++) img.data.set(LCD_OFF, i * 4);
    lcdCtx.putImageData(img, 0, 0);
    lcd.setAttribute('aria-label', '');
  }

  window.simBoard = {
    onGpioWrite(pin, value) {
      const led = ledByPin[pin];
      if (!led) return;
      led.dataset.state = value ? 'on' : 'off';
      led.setAttribute('aria-label', led.id.toUpperCase() + (value ? ' on' : ' off'));
    },
    onPwmWrite(pin, duty) {
      const led = ledByPin[pin];
      if (led) { led.dataset.state = duty > 0 ? 'on' : 'off'; led.style.opacity = String(0.25 + 0.75 * duty); }
    },
    onLcdFlush(pixels) {
      const img = lcdCtx.createImageData(128, 32);
      for (let i = 0; i < 128 * 32; i++) img.data.set(pixels[i] ? LCD_ON : LCD_OFF, i * 4);
      lcdCtx.putImageData(img, 0, 0);
    },
    onLcdText(lines) { lcd.setAttribute('aria-label', lines.join('\n')); },
    onSerial(text) {
      serial.textContent += text;
      if (serial.textContent.length > 20000) serial.textContent = serial.textContent.slice(-15000);
      serial.scrollTop = serial.scrollHeight;
    },
    onReady() { if (resolveReady) resolveReady(); setStatus('Running ' + (currentDemo || 'your program')); },
    onError(message) { setStatus('Error: ' + message, true); },
  };

  function startFirmware(key, label) {
    currentDemo = label;
    firmwareReady = new Promise((resolve) => { resolveReady = resolve; });
    serial.textContent = '';
    clearLcd();
    Object.values(ledByPin).forEach((led) => window.simBoard.onGpioWrite(Number(led.dataset.pin), 0));
    const frame = document.createElement('iframe');
    frame.hidden = true;
    frame.title = 'firmware';
    frame.src = '/static/runner.html?key=' + encodeURIComponent(key);
    runnerFrame.replaceWith(frame);
    runnerFrame = frame;
    frame.id = 'runner';
  }

  // ---- BUTTON1: the drawing goes to /fs/tmp.idx before the press reaches the program --------
  let pressChain = Promise.resolve();
  function press(level) {
    button1.setAttribute('aria-pressed', level ? 'true' : 'false');
    pressChain = pressChain.then(async () => {
      if (!firmwareReady) return;
      await firmwareReady;
      const fw = runnerFrame.contentWindow.firmware;
      if (level && strokes.length) {
        try {
          const answer = await socket.request('digit', {
            strokes, width: drawCanvas.width, height: drawCanvas.height, line_width: LINE_WIDTH,
          }, ['digit_result']);
          fw.writeFile('/fs/tmp.idx', answer.idx);
          showPreview(answer.pixels);
        } catch (err) {
          setStatus(err.message, true);
        }
      }
      fw.pin(pins.BUTTON1, level);
    });
  }
  button1.addEventListener('pointerdown', (e) => { e.preventDefault(); button1.focus(); press(1); });
  button1.addEventListener('pointerup', () => press(0));
  button1.addEventListener('pointerleave', () => { if (button1.getAttribute('aria-pressed') === 'true') press(0); });
  button1.addEventListener('keydown', (e) => {
    if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) { e.preventDefault(); press(1); }
  });
  button1.addEventListener('keyup', (e) => { if (e.key === ' ' || e.key === 'Enter') { e.preventDefault(); press(0); } });

  // ---- Drawing --------------------------------------------------------------------------------
  function guideBox() {
    draw.fillStyle = '#fff';
    draw.fillRect(0, 0, drawCanvas.width, drawCanvas.height);
    draw.strokeStyle = '#bbb';
    draw.lineWidth = 2;
    draw.setLineDash([6, 6]);
    draw.strokeRect(40, 40, 200, 200);
    draw.setLineDash([]);
  }
  function redraw() {
    guideBox();
    draw.strokeStyle = '#000';
    draw.fillStyle = '#000';
    draw.lineWidth = LINE_WIDTH;
    draw.lineCap = 'round';
    draw.lineJoin = 'round';
    for (const s of strokes) {
      draw.beginPath();
      s.forEach(([x, y], i) => (i ? draw.lineTo(x, y) : draw.moveTo(x, y)));
      if (s.length === 1) draw.lineTo(s[0][0] + 0.1, s[0][1]);
      draw.stroke();
    }
  }
  function pos(e) {
    const r = drawCanvas.getBoundingClientRect();
    return [Math.round((e.clientX - r.left) * drawCanvas.width / r.width), Math.round((e.clientY - r.top) * drawCanvas.height / r.height)];
  }
  drawCanvas.addEventListener('pointerdown', (e) => {
    drawCanvas.setPointerCapture(e.pointerId);
    currentStroke = [pos(e)];
    strokes.push(currentStroke);
    redraw();
  });
  drawCanvas.addEventListener('pointermove', (e) => {
    if (!currentStroke) return;
    currentStroke.push(pos(e));
    redraw();
  });
  const endStroke = () => { currentStroke = null; };
  drawCanvas.addEventListener('pointerup', endStroke);
  drawCanvas.addEventListener('pointercancel', endStroke);
  $('clear').addEventListener('click', () => { strokes = []; redraw(); showPreview(null); });

  function showPreview(pixels) {
    const img = preview.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = pixels ? pixels[i] : 0;
      img.data.set([v, v, v, 255], i * 4);
    }
    preview.putImageData(img, 0, 0);
  }

  // ---- Code editor, Run, Share ------------------------------------------------------------
  function renderGutter(errorLines) {
    const n = source.value.split('\n').length;
    const rows = [];
    for (let i = 1; i <= n; i++) {
      const div = document.createElement('div');
      div.textContent = String(i);
      div.dataset.line = String(i);
      if (errorLines && errorLines.has(i)) { div.className = 'error'; div.title = errorLines.get(i); }
      rows.push(div);
    }
    gutter.replaceChildren(...rows);
    gutter.scrollTop = source.scrollTop;
  }
  let errorLines = new Map();
  source.addEventListener('input', () => renderGutter(errorLines));
  source.addEventListener('scroll', () => { gutter.scrollTop = source.scrollTop; });

  function showDiagnostics(diags) {
    errorLines = new Map();
    const list = $('diagnostics');
    list.replaceChildren();
    for (const d of diags || []) {
      if (d.severity === 'note') continue;
      const li = document.createElement('li');
      li.textContent = (d.file ? d.file + ':' + d.line + ':' + d.col + ': ' : '') + d.severity + ': ' + d.message;
      if (d.hint) {
        const hint = document.createElement('div');
        hint.className = 'hint';
        hint.textContent = 'hint: ' + d.hint;
        li.appendChild(hint);
      }
      li.dataset.line = String(d.line);
      list.appendChild(li);
      if (d.severity === 'error' && d.file === 'main.cpp' && d.line) errorLines.set(d.line, d.message);
    }
    renderGutter(errorLines);
  }

  async function run(label) {
    setStatus('Building…');
    $('run').disabled = true;
    try {
      const result = await socket.request('build', { source: source.value }, ['build_result'], (name, data) => {
        if (name === 'build_status') {
          if (data.state === 'busy') setStatus(data.message, true);
          else if (data.position > 0) setStatus('Waiting to build: position ' + data.position + ' in the queue (' + data.seconds + ' s)…');
          else setStatus('Building… ' + (data.seconds ? data.seconds + ' s' : ''));
        }
      });
      showDiagnostics(result.diagnostics);
      $('build-log').textContent = result.log || (result.ok ? 'Built in ' + result.seconds + ' s' + (result.cache_hit ? ' (cached).' : '.') : '');
      if (!result.ok) { setStatus('Compile error: see the marked lines', true); return; }
      startFirmware(result.key, label);
      setStatus('Starting ' + (label || 'your program') + '…');
    } catch (err) {
      setStatus(err.message, true);
    } finally {
      $('run').disabled = false;
    }
  }
  $('run').addEventListener('click', () => run($('demo').value === '(edited)' ? null : $('demo').value));

  async function compress(text) {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let bin = '';
    bytes.forEach((b) => { bin += String.fromCharCode(b); });
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  async function decompress(b64) {
    const bin = atob(b64.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Response(stream).text();
  }
  $('share').addEventListener('click', async () => {
    const url = location.origin + location.pathname + '#src=' + await compress(source.value);
    history.replaceState(null, '', url);
    $('share-url').textContent = url;
    try { await navigator.clipboard.writeText(url); } catch (e) { /* the link is shown */ }
  });

  // ---- Start-up -----------------------------------------------------------------------------
  async function init() {
    guideBox();
    clearLcd();
    showPreview(null);
    pins = await (await fetch('/api/pins')).json();
    ['led1', 'led2', 'led3', 'led4'].forEach((id) => {
      const led = $(id);
      led.dataset.pin = String(pins[id.toUpperCase()]);
      ledByPin[pins[id.toUpperCase()]] = led;
    });
    const demos = await (await fetch('/api/demos')).json();
    const select = $('demo');
    for (const d of demos) {
      const opt = document.createElement('option');
      opt.value = d.name;
      opt.textContent = d.name;
      select.appendChild(opt);
    }
    const sources = Object.fromEntries(demos.map((d) => [d.name, d.source]));
    select.addEventListener('change', () => {
      if (sources[select.value] !== undefined) { source.value = sources[select.value]; showDiagnostics([]); }
    });
    source.addEventListener('input', () => {
      if (!Array.from(select.options).some((o) => o.value === '(edited)')) {
        const opt = document.createElement('option');
        opt.value = '(edited)';
        opt.textContent = '(edited)';
        select.appendChild(opt);
      }
      select.value = '(edited)';
    }, { once: false });

    const shared = location.hash.startsWith('#src=') ? location.hash.slice(5) : null;
    if (shared) {
      try {
        source.value = await decompress(shared);
        renderGutter();
        await run(null);
        return;
      } catch (err) {
        setStatus('The share link is damaged: ' + err.message, true);
      }
    }
    select.value = 'mnist';
    source.value = sources.mnist || '';
    renderGutter();
    setStatus('Building the mnist demo…');
    for (;;) {
      const info = await (await fetch('/api/default')).json();
      if (info.state === 'ready') { startFirmware(info.result.key, 'mnist'); return; }
      if (info.state === 'failed') { setStatus('The mnist demo did not build: ' + (info.result.error || 'see the log'), true); return; }
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  init().catch((err) => setStatus('Error: ' + err.message, true));
})();
