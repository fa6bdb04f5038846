// The application shield's 5-way joystick: five switches, each on its own pin, active high
// (a pressed direction reads 1, as on the shield). Five buttons in a cross; each is held with
// the mouse, touch, Space or Enter, and the arrow keys hold a direction while any of them has
// focus (Enter or Space on the centre is "fire").
//   spec: {type: 'joystick', id, label, pins: {up, down, left, right, center}, activeLevel: 1}
import { pressable } from './pressable.js';

const DIRECTIONS = [  // [name, label, grid cell, arrow key, symbol]
  ['up', 'Up', '1 / 2', 'ArrowUp', '▲'],
  ['left', 'Left', '2 / 1', 'ArrowLeft', '◀'],
  ['center', 'Centre (fire)', '2 / 2', null, '●'],
  ['right', 'Right', '2 / 3', 'ArrowRight', '▶'],
  ['down', 'Down', '3 / 2', 'ArrowDown', '▼'],
];

export default {
  type: 'joystick',
  create(spec, ctx) {
    const active = spec.activeLevel === 0 ? 0 : 1;
    const group = document.createElement('div');
    group.className = 'part joystick';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', spec.label + ' (arrow keys, or Space/Enter on a direction)');
    group.dataset.testid = spec.id;
    const keys = new Map();
    const resets = [];
    const inputs = [];
    for (const [name, label, cell, key, symbol] of DIRECTIONS) {
      const pin = ctx.pin(spec.pins[name]);
      const el = document.createElement('button');
      el.type = 'button';
      el.className = 'joystick-' + name;
      el.dataset.testid = spec.id + '-' + name;
      el.style.gridArea = cell;
      el.textContent = symbol;
      el.setAttribute('aria-label', label + ' (' + spec.pins[name] + ')');
      el.title = spec.label + ' ' + label.toLowerCase() + ', pin ' + spec.pins[name];
      const button = pressable(el, (down) => ctx.input({ type: 'pin', pin, level: down ? active : 1 - active }));
      if (key) keys.set(key, button);
      resets.push(button.reset);
      inputs.push(pin);
      group.append(el);
    }
    // The arrow keys hold a direction while the key is down (without moving the focus).
    group.addEventListener('keydown', (e) => {
      const button = keys.get(e.key);
      if (!button) return;
      e.preventDefault();
      if (!e.repeat) button.press(true);
    });
    group.addEventListener('keyup', (e) => {
      const button = keys.get(e.key);
      if (button) { e.preventDefault(); button.press(false); }
    });
    group.addEventListener('focusout', (e) => {
      if (!group.contains(e.relatedTarget)) for (const b of keys.values()) b.press(false);
    });
    return {
      element: group,
      pins: [],
      // Every switch open when the program starts.
      powerOn: () => inputs.map((pin) => ({ type: 'pin', pin, level: 1 - active })),
      reset() { for (const r of resets) r(); },
    };
  },
};
