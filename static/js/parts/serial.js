// The serial console (USBTX/USBRX): what the program prints, and a line the user types for
// the program (getc, scanf, BufferedSerial::read), sent with the chosen line ending.
//   spec: {type: 'serial', id, label}
const MAX_TEXT = 20000;
const ENDINGS = { lf: '\n', cr: '\r', crlf: '\r\n', none: '' };  // (HTML would turn \r into \n in a value)

export default {
  type: 'serial',
  create(spec, ctx) {
    const box = document.createElement('div');
    box.className = 'part serial';
    const heading = document.createElement('h3');
    heading.id = spec.id + '-label';
    heading.textContent = spec.label;
    const out = document.createElement('pre');
    out.className = 'serial-out';
    out.dataset.testid = spec.id;
    out.setAttribute('role', 'log');
    out.setAttribute('aria-live', 'polite');
    out.setAttribute('aria-labelledby', heading.id);
    out.tabIndex = 0;
    const form = document.createElement('form');
    form.className = 'serial-in';
    form.innerHTML =
      '<label>Send to the board <input type="text" autocomplete="off" spellcheck="false" maxlength="1000"></label>' +
      '<label>Line ending <select><option value="lf">LF (\\n)</option><option value="cr">CR (\\r)</option>' +
      '<option value="crlf">CR LF</option><option value="none">none</option></select></label>' +
      '<button type="submit">Send</button><span class="serial-note" role="status"></span>';
    const input = form.querySelector('input');
    const ending = form.querySelector('select');
    const note = form.querySelector('.serial-note');
    input.dataset.testid = spec.id + '-input';
    form.querySelector('button').dataset.testid = spec.id + '-send';
    box.append(heading, out, form);

    let text = '';
    let scheduled = false;
    const paint = () => {
      scheduled = false;
      if (text.length > MAX_TEXT) text = text.slice(-Math.floor(MAX_TEXT * 0.75));
      const atEnd = out.scrollTop + out.clientHeight >= out.scrollHeight - 4;
      out.textContent = text;
      if (atEnd) out.scrollTop = out.scrollHeight;
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const line = input.value + ENDINGS[ending.value];
      if (!line) return;
      ctx.input({ type: 'serial-in', text: line });
      input.value = '';
    });
    return {
      element: box,
      pins: [],
      accepts: ['serial', 'serial-in-unsupported'],
      receive(msg) {
        if (msg.type === 'serial-in-unsupported') {
          note.textContent = 'This program\'s build cannot read console input yet.';
          return;
        }
        text += msg.text;
        if (!scheduled) { scheduled = true; requestAnimationFrame(paint); }
      },
      // Emptied without reading the layout: reset() runs while the page starts, where reading
      // the scroll position would force a layout of the whole page before its first paint.
      reset() { text = ''; out.textContent = ''; note.textContent = ''; },
    };
  },
};
