// A push button on one pin: mouse or touch (press and hold), or Space/Enter when focused.
// `activeLevel` is the pin level while pressed (0 for the boards' buttons, which pull the pin
// low: BUTTON1 on the LPC1768 profile, SW2/SW3 on the FRDM-K64F). Edges go to the program through ctx.input,
// so the page may run work before a press reaches the program (the mnist digit file).
// powerOn() gives the released level when the program starts.
//   spec: {type: 'button', id, label, pin: 'BUTTON1', activeLevel: 1, key?: 'b'}
import { pressable } from './pressable.js';

export default {
  type: 'button',
  create(spec, ctx) {
    const pin = ctx.pin(spec.pin);
    const active = spec.activeLevel === 0 ? 0 : 1;
    const el = document.createElement('button');
    el.type = 'button';
    el.className = 'part push-button';
    el.dataset.testid = spec.id;
    el.textContent = spec.label;
    el.title = spec.label + ' (mouse, touch, Space or Enter)';
    const { reset } = pressable(el, (down) => ctx.input({ type: 'pin', pin, level: down ? active : 1 - active }));
    return {
      element: el,
      pins: [],
      inputPin: pin,
      // The released level at power-on, so a pulled-up input (activeLevel 0) reads 1.
      powerOn: () => (active === 0 ? [{ type: 'pin', pin, level: 1 }] : []),
      reset,
    };
  },
};
