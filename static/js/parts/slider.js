// A labelled range input with its value shown beside it (an <output>), for the shield's pots,
// sensors and tilt. Native <input type=range>: arrow keys, Page Up/Down, Home and End work,
// and screen readers announce the label and the value text.
//   slider({testid, label, min, max, step, value, format(v) -> text, onInput(v)})
//   -> {element, input, get value(), reset()}
let serial = 0;

export function slider(o) {
  const id = 'slider-' + (++serial);
  const row = document.createElement('div');
  row.className = 'slider';
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = o.label;
  const input = document.createElement('input');
  input.type = 'range';
  input.id = id;
  input.min = String(o.min);
  input.max = String(o.max);
  input.step = String(o.step);
  input.value = String(o.value);
  input.dataset.testid = o.testid;
  const out = document.createElement('output');
  out.htmlFor = id;
  out.dataset.testid = o.testid + '-value';
  const show = () => {
    const text = o.format(Number(input.value));
    out.textContent = text;
    input.setAttribute('aria-valuetext', text);
  };
  input.addEventListener('input', () => { show(); o.onInput(Number(input.value)); });
  show();
  row.append(label, input, out);
  return {
    element: row,
    input,
    get value() { return Number(input.value); },
    reset() { input.value = String(o.value); show(); },
  };
}
