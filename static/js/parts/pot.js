// A potentiometer on an AnalogIn pin (the shield's Pot 1 and Pot 2): a slider from 0 to 1 of
// the 3.3 V supply. Each move goes to the program at once; when a program starts it gets the
// slider's current position.
//   spec: {type: 'pot', id, label, pin: 'p19', value: 0.5}
import { slider } from './slider.js';

export default {
  type: 'pot',
  create(spec, ctx) {
    const pin = ctx.pin(spec.pin);
    const s = slider({
      testid: spec.id, label: spec.label, min: 0, max: 1, step: 0.01, value: spec.value ?? 0.5,
      format: (v) => v.toFixed(2) + ' (' + (3.3 * v).toFixed(2) + ' V)',
      onInput: (v) => ctx.input({ type: 'analog', pin, value: v }),
    });
    s.element.classList.add('part', 'pot');
    return {
      element: s.element,
      pins: [],
      powerOn: () => [{ type: 'analog', pin, value: s.value }],
    };
  },
};
