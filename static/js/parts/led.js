// A single-colour LED on one pin (LED1..LED4 of the mbed LPC1768). It follows DigitalOut
// writes and, for PwmOut, shows the duty cycle as brightness. `activeLow` is the board's
// wiring: the LED is lit when the pin is low.
//   spec: {type: 'led', id, label, pin: 'LED1', color?: '#4dd2ff', activeLow?: false}
export default {
  type: 'led',
  create(spec, ctx) {
    const pin = ctx.pin(spec.pin);
    const el = document.createElement('span');
    el.className = 'part led';
    el.dataset.testid = spec.id;
    el.dataset.label = spec.label;
    el.setAttribute('role', 'img');
    if (spec.color) el.style.setProperty('--led-color', spec.color);
    const show = (lit, brightness) => {
      el.dataset.state = lit ? 'on' : 'off';
      el.style.opacity = brightness == null ? '' : String(0.25 + 0.75 * brightness);
      el.setAttribute('aria-label', spec.label + (lit ? ' on' : ' off'));
    };
    show(false);
    return {
      element: el,
      pins: [pin],
      gpio(_pin, value) { show(spec.activeLow ? !value : !!value); },
      pwm(_pin, duty) {
        const b = spec.activeLow ? 1 - duty : duty;
        show(b > 0, b);
      },
      reset() { show(false); },
    };
  },
};
