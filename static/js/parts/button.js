// A push button on one pin: mouse or touch (press and hold), or Space/Enter when focused.
// `activeLevel` is the pin level while pressed (1 for BUTTON1 on this board, 0 for the
// FRDM-K64F's SW2/SW3, which pull the pin low). Edges go to the program through ctx.input,
// so the page may run work before a press reaches the program (the mnist digit file).
// powerOn() gives the released level when the program starts.
//   spec: {type: 'button', id, label, pin: 'BUTTON1', activeLevel: 1, key?: 'b'}
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
    el.setAttribute('aria-pressed', 'false');
    const press = (down) => {
      if ((el.getAttribute('aria-pressed') === 'true') === down) return;
      el.setAttribute('aria-pressed', down ? 'true' : 'false');
      ctx.input({ type: 'pin', pin, level: down ? active : 1 - active });
    };
    el.addEventListener('pointerdown', (e) => { e.preventDefault(); el.focus(); el.setPointerCapture(e.pointerId); press(true); });
    el.addEventListener('pointerup', () => press(false));
    el.addEventListener('pointercancel', () => press(false));
    el.addEventListener('keydown', (e) => {
      if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) { e.preventDefault(); press(true); }
    });
    el.addEventListener('keyup', (e) => { if (e.key === ' ' || e.key === 'Enter') { e.preventDefault(); press(false); } });
    el.addEventListener('blur', () => press(false));
    return {
      element: el,
      pins: [],
      inputPin: pin,
      // The released level at power-on, so a pulled-up input (activeLevel 0) reads 1.
      powerOn: () => (active === 0 ? [{ type: 'pin', pin, level: 1 }] : []),
      reset() { el.setAttribute('aria-pressed', 'false'); },
    };
  },
};
