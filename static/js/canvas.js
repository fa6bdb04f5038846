// The drawing canvas of the mnist demo: strokes with mouse, touch or pen inside the gray
// guide box, and the 28x28 preview of what the network sees. The server's harness turns the
// strokes into the IDX digit (Socket.IO `digit`); the page asks as soon as a stroke ends, so
// the answer is usually there before BUTTON1 is pressed.
const LINE_WIDTH = 18;

export class DrawingPad {
  /**
   * @param {HTMLCanvasElement} canvas the 280x280 drawing canvas
   * @param {HTMLCanvasElement} preview the 28x28 preview
   * @param {(payload: object) => Promise<{idx: ArrayBuffer, pixels: number[]}>} convert
   */
  constructor(canvas, preview, convert) {
    this.canvas = canvas;
    this.draw = canvas.getContext('2d');
    this.preview = preview.getContext('2d');
    this.convert = convert;
    this.strokes = [];
    this.current = null;
    this.version = 0;      // bumps on every change of the strokes
    this.digit = null;     // {version, promise, failed} of the latest conversion
    this.timer = 0;
    canvas.addEventListener('pointerdown', (e) => {
      clearTimeout(this.timer);
      canvas.setPointerCapture(e.pointerId);
      this.current = [this.pos(e)];
      this.strokes.push(this.current);
      this.changed();
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.current) return;
      this.current.push(this.pos(e));
      this.changed();
    });
    // Convert shortly after a stroke ends (not at every stroke of a digit drawn in one go).
    const end = () => {
      if (!this.current) return;
      this.current = null;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.request(), 150);
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
    this.redraw();
    this.showPreview(null);
  }

  get empty() { return this.strokes.length === 0; }

  clear() {
    this.strokes = [];
    this.current = null;
    this.changed();
    this.showPreview(null);
  }

  changed() {
    this.version++;
    this.digit = null;
    this.redraw();
  }

  /** Start converting the current strokes (once per version; again after a failure). */
  request() {
    if (this.empty) return null;
    if (!this.digit || this.digit.version !== this.version || this.digit.failed) {
      const payload = { strokes: this.strokes.map((s) => s.slice()), width: this.canvas.width,
                        height: this.canvas.height, line_width: LINE_WIDTH };
      const digit = { version: this.version, failed: false, promise: this.convert(payload) };
      digit.promise.catch(() => { digit.failed = true; });  // reported when someone awaits it
      this.digit = digit;
    }
    return this.digit.promise;
  }

  /** The IDX bytes and 28x28 pixels of the current drawing (null when empty). */
  async image() {
    const answer = await this.request();
    if (answer) this.showPreview(answer.pixels);
    return answer;
  }

  pos(e) {
    const r = this.canvas.getBoundingClientRect();
    return [Math.round((e.clientX - r.left) * this.canvas.width / r.width),
            Math.round((e.clientY - r.top) * this.canvas.height / r.height)];
  }

  redraw() {
    const d = this.draw;
    d.fillStyle = '#fff';
    d.fillRect(0, 0, this.canvas.width, this.canvas.height);
    d.strokeStyle = '#bbb';
    d.lineWidth = 2;
    d.setLineDash([6, 6]);
    d.strokeRect(40, 40, 200, 200);
    d.setLineDash([]);
    d.strokeStyle = '#000';
    d.lineWidth = LINE_WIDTH;
    d.lineCap = 'round';
    d.lineJoin = 'round';
    for (const s of this.strokes) {
      d.beginPath();
      s.forEach(([x, y], i) => (i ? d.lineTo(x, y) : d.moveTo(x, y)));
      if (s.length === 1) d.lineTo(s[0][0] + 0.1, s[0][1]);
      d.stroke();
    }
  }

  showPreview(pixels) {
    const img = this.preview.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = pixels ? pixels[i] : 0;
      img.data.set([v, v, v, 255], i * 4);
    }
    this.preview.putImageData(img, 0, 0);
  }
}
