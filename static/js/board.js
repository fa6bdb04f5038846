// The virtual board: builds the parts of a board description (static/js/boards.js) into the
// page and routes the program's messages to them. The board knows parts only through the
// part interface (docs/browser.md, "Adding a part"):
//
//   part module: export default { type: 'led', create(spec, ctx) -> part }
//   part:        { element, pins: [pin numbers whose gpio/pwm it shows], accepts?: [message types],
//                  gpio?(pin, value), pwm?(pin, duty), pwmPeriod?(pin, periodUs), receive?(msg),
//                  reset?(), powerOn?() -> [msgs] }
//   ctx:         { pin(name) -> number, input(msg) -> bool }   (input: a page -> firmware message)
//
// Parts send input with ctx.input({type: 'pin' | 'analog' | 'input' | 'serial-in', ...}); the board
// runs the page's input filters (for example the mnist demo writes the drawing to /fs before
// BUTTON1's press) in order, then hands the message to the runner.
import led from './parts/led.js';
import rgbLed from './parts/rgb-led.js';
import button from './parts/button.js';
import lcd from './parts/lcd.js';
import serial from './parts/serial.js';
import joystick from './parts/joystick.js';
import pot from './parts/pot.js';
import speaker from './parts/speaker.js';
import sensor from './parts/sensor.js';
import tilt from './parts/tilt.js';

const PART_TYPES = new Map([led, rgbLed, button, lcd, serial, joystick, pot, speaker, sensor, tilt].map((p) => [p.type, p]));

/** Make a part type available to board descriptions (for parts loaded later). */
export function registerPart(module) { PART_TYPES.set(module.type, module); }

export class Board {
  /**
   * @param {{pcb: HTMLElement, shield?: HTMLElement, console: HTMLElement}} slots where parts go (by spec.slot)
   * @param {(msg: object) => boolean} send delivers an input message to the running program
   */
  constructor(slots, send) {
    this.slots = slots;
    this.send = send;
    this.parts = [];
    this.byPin = new Map();
    this.byType = new Map();
    this.filters = [];
    this.chain = Promise.resolve();
    this.pins = {};
    this.description = null;
  }

  /** Replace the parts with those of `description`; `pins` maps pin names to numbers. */
  mount(description, pins) {
    for (const spec of description.parts) {  // check first: a bad description changes nothing
      if (!PART_TYPES.has(spec.type)) throw new Error('unknown part type ' + spec.type);
    }
    for (const slot of Object.values(this.slots)) slot.replaceChildren();
    this.parts = [];
    this.byPin.clear();
    this.byType.clear();
    this.pins = pins;
    this.description = description;
    for (const spec of description.parts) {
      const type = PART_TYPES.get(spec.type);
      const part = type.create(spec, this.context(spec));
      part.spec = spec;
      this.parts.push(part);
      (this.slots[spec.slot || 'pcb'] || this.slots.pcb).appendChild(part.element);
      for (const pin of part.pins || []) this.listen(this.byPin, pin, part);
      for (const t of part.accepts || []) this.listen(this.byType, t, part);
    }
  }

  listen(map, key, part) {
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(part);
  }

  context(spec) {
    return {
      pin: (name) => {
        const n = this.pins[name];
        if (!Number.isInteger(n)) throw new Error(spec.id + ': the board has no pin ' + name);
        return n;
      },
      input: (msg) => this.input(msg),
    };
  }

  /** Run `filter(msg)` (may be async) before each input message reaches the program. */
  addInputFilter(filter) { this.filters.push(filter); }

  input(msg) {
    this.chain = this.chain.then(async () => {
      for (const f of this.filters) await f(msg);
      this.send(msg);
    }).catch((err) => console.error(err));
    return true;
  }

  /** Find a part by its spec id (for the page's own wiring, never for a part's internals). */
  part(id) { return this.parts.find((p) => p.spec.id === id) || null; }

  /** A message from the program (already validated by the runner protocol). */
  receive(msg) {
    if (msg.type === 'gpio' || msg.type === 'pwm' || msg.type === 'pwm-period') {
      for (const part of this.byPin.get(msg.pin) || []) {
        if (msg.type === 'gpio' && part.gpio) part.gpio(msg.pin, msg.value);
        if (msg.type === 'pwm' && part.pwm) part.pwm(msg.pin, msg.duty);
        if (msg.type === 'pwm-period' && part.pwmPeriod) part.pwmPeriod(msg.pin, msg.period_us);
      }
      return;
    }
    for (const part of this.byType.get(msg.type) || []) part.receive(msg);
  }

  /** A new program starts: every part goes back to its power-on look. */
  reset() {
    for (const part of this.parts) if (part.reset) part.reset();
  }

  /** The program runs: inputs take their resting levels (a pulled-up button reads 1). */
  powerOn() {
    for (const part of this.parts) for (const msg of (part.powerOn ? part.powerOn() : [])) this.send(msg);
  }
}
