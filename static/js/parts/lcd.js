// The C12832 128x32 monochrome LCD of the application shield, drawn pixel-exact from the
// firmware's framebuffer (one byte per pixel, row-major) on a canvas scaled up with
// `image-rendering: pixelated`. Updates are drawn at once, or at most once per animation
// frame when they come faster (the latest wins). The text lines the program printed are the canvas's aria-label and are
// announced through a polite live region.
//   spec: {type: 'lcd', id, label, width: 128, height: 32}
const ON = [0x20, 0x30, 0x10, 255];
const OFF = [0xb9, 0xd3, 0x6c, 255];
const rgba32 = (c) => new Uint32Array(new Uint8Array(c).buffer)[0];  // one pixel as a 32-bit word
const ON32 = rgba32(ON);
const OFF32 = rgba32(OFF);

export default {
  type: 'lcd',
  create(spec) {
    const width = spec.width || 128;
    const height = spec.height || 32;
    const frame = document.createElement('div');
    frame.className = 'part lcd-frame';
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.className = 'lcd';
    canvas.dataset.testid = spec.id;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', '');
    canvas.setAttribute('aria-roledescription', spec.label);
    const live = document.createElement('p');
    live.className = 'visually-hidden';
    live.setAttribute('aria-live', 'polite');
    live.dataset.testid = spec.id + '-live';
    frame.append(canvas, live);
    const ctx2d = canvas.getContext('2d');
    let pixels = null;
    let lines = null;  // text waiting to be shown with the next paint
    let scheduled = false;

    // Pixels and text change together, in one paint: when the label says something, the
    // canvas already shows it.
    const paint = () => {
      scheduled = false;
      const img = ctx2d.createImageData(width, height);
      const words = new Uint32Array(img.data.buffer);
      for (let i = 0; i < width * height; i++) words[i] = pixels && pixels[i] ? ON32 : OFF32;
      ctx2d.putImageData(img, 0, 0);
      if (lines) {
        canvas.setAttribute('aria-label', lines.join('\n'));
        live.textContent = lines.filter((l) => l.trim()).join('. ');
        lines = null;
      }
    };
    // An update paints at once unless one was painted in the last 16 ms; then it waits for the
    // next animation frame, so a program that redraws in a tight loop costs one paint a frame.
    let last = -Infinity;
    const schedule = () => {
      if (scheduled) return;
      if (performance.now() - last >= 16) { last = performance.now(); paint(); return; }
      scheduled = true;
      requestAnimationFrame(() => { last = performance.now(); paint(); });
    };
    const clear = () => { pixels = null; lines = []; paint(); };
    clear();
    return {
      element: frame,
      pins: [],
      accepts: ['lcd', 'lcd-text'],
      receive(msg) {
        if (msg.type === 'lcd') {
          if (msg.width !== width || msg.height !== height) return;
          pixels = msg.pixels;
        } else {
          lines = msg.lines;
        }
        schedule();
      },
      reset: clear,
    };
  },
};
