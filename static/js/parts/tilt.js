// The MMA7660 accelerometer's view of the board: tilt it with two sliders, roll (about the
// board's y axis, right edge down is positive) and pitch (about x, top edge down is
// positive). The program's accelerometer then reads gravity in the board's frame, in g:
//   x = sin(roll) cos(pitch), y = sin(pitch), z = cos(roll) cos(pitch)
// (flat and face up: 0, 0, 1; roll 180: face down). The names are `sim run --set`'s:
// accel_x, accel_y, accel_z. A small picture of the board follows the tilt.
//   spec: {type: 'tilt', id, label, names: {x: 'accel_x', y: 'accel_y', z: 'accel_z'}}
import { slider } from './slider.js';

const RAD = Math.PI / 180;

/** Gravity in the board's frame for a roll and pitch in degrees, rounded to 1/1000 g. */
export function gravity(rollDeg, pitchDeg) {
  const r = rollDeg * RAD;
  const p = pitchDeg * RAD;
  const round = (v) => Math.round(v * 1000) / 1000 + 0;  // + 0: no -0
  return { x: round(Math.sin(r) * Math.cos(p)), y: round(Math.sin(p)), z: round(Math.cos(r) * Math.cos(p)) };
}

export default {
  type: 'tilt',
  create(spec, ctx) {
    const names = spec.names || { x: 'accel_x', y: 'accel_y', z: 'accel_z' };
    const box = document.createElement('fieldset');
    box.className = 'part sensor tilt';
    box.dataset.testid = spec.id;
    const legend = document.createElement('legend');
    legend.textContent = spec.label;
    const picture = document.createElement('div');
    picture.className = 'tilt-board';
    picture.setAttribute('aria-hidden', 'true');
    const readout = document.createElement('p');
    readout.className = 'tilt-readout';
    readout.dataset.testid = spec.id + '-g';
    readout.setAttribute('aria-live', 'polite');
    const send = () => {
      const g = gravity(roll.value, pitch.value);
      picture.style.transform = `perspective(160px) rotateY(${roll.value}deg) rotateX(${-pitch.value}deg)`;
      readout.textContent = `x ${g.x.toFixed(2)} g, y ${g.y.toFixed(2)} g, z ${g.z.toFixed(2)} g`;
      return [['x', g.x], ['y', g.y], ['z', g.z]].map(([axis, v]) => ({ type: 'input', name: names[axis], value: v }));
    };
    const move = () => { for (const msg of send()) ctx.input(msg); };
    const degrees = (v) => v + '°';
    const roll = slider({ testid: spec.id + '-roll', label: 'Roll (right edge down)', min: -180, max: 180, step: 5,
      value: 0, format: degrees, onInput: move });
    const pitch = slider({ testid: spec.id + '-pitch', label: 'Pitch (top edge down)', min: -90, max: 90, step: 5,
      value: 0, format: degrees, onInput: move });
    const flat = document.createElement('button');
    flat.type = 'button';
    flat.textContent = 'Lay flat';
    flat.addEventListener('click', () => { roll.reset(); pitch.reset(); move(); });
    box.append(legend, picture, roll.element, pitch.element, readout, flat);
    send();
    return {
      element: box,
      pins: [],
      powerOn: send,
    };
  },
};
