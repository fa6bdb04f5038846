// A sensor on the board's I2C bus (the LM75B thermometer, the SHT31 hygrometer): one slider
// per quantity it measures. The values go to the device model in the program by the names
// `sim run --set` takes ("lm75b.temp", "sht31.humidity"): Module.simSet through the runner.
//   spec: {type: 'sensor', id, label, inputs: [{name, label, unit, min, max, step, value}]}
import { slider } from './slider.js';

export default {
  type: 'sensor',
  create(spec, ctx) {
    const box = document.createElement('fieldset');
    box.className = 'part sensor';
    box.dataset.testid = spec.id;
    const legend = document.createElement('legend');
    legend.textContent = spec.label;
    box.append(legend);
    const sliders = spec.inputs.map((q) => {
      const decimals = String(q.step).includes('.') ? String(q.step).split('.')[1].length : 0;
      const s = slider({
        testid: spec.id + '-' + q.name.split('.').pop(), label: q.label, min: q.min, max: q.max, step: q.step,
        value: q.value, format: (v) => v.toFixed(decimals) + ' ' + q.unit,
        onInput: (v) => ctx.input({ type: 'input', name: q.name, value: v }),
      });
      box.append(s.element);
      return [q.name, s];
    });
    return {
      element: box,
      pins: [],
      powerOn: () => sliders.map(([name, s]) => ({ type: 'input', name, value: s.value })),
    };
  },
};
