// A three-colour LED (the FRDM-K64F's LED_RED/GREEN/BLUE, the application shield's RGB LED):
// three pins, each on/off (DigitalOut) or dimmed (PwmOut duty), shown as their mixed colour.
// Both are common-anode parts: `activeLow: true`, a channel is lit when its pin is low.
//   spec: {type: 'rgb-led', id, label, pins: {red: 'LED1', green: 'LED2', blue: 'LED3'}, activeLow}
export default {
  type: 'rgb-led',
  create(spec, ctx) {
    const channels = ['red', 'green', 'blue'];
    const pins = channels.map((c) => ctx.pin(spec.pins[c]));
    const level = [0, 0, 0];  // brightness of each channel, 0..1
    const el = document.createElement('span');
    el.className = 'part rgb-led';
    el.dataset.testid = spec.id;
    el.dataset.label = spec.label;
    el.setAttribute('role', 'img');
    const show = () => {
      const rgb = level.map((v) => Math.round(255 * v));
      const hex = '#' + rgb.map((v) => v.toString(16).padStart(2, '0')).join('');
      const lit = level.some((v) => v > 0);
      el.dataset.color = hex;
      el.dataset.state = lit ? 'on' : 'off';
      el.style.setProperty('--rgb', lit ? hex : '');
      const names = channels.filter((_, i) => level[i] > 0);
      el.setAttribute('aria-label', spec.label + (lit ? ' ' + names.join('+') + ' (' + hex + ')' : ' off'));
    };
    const set = (pin, brightness) => {
      const i = pins.indexOf(pin);
      if (i >= 0) level[i] = spec.activeLow ? 1 - brightness : brightness;
      show();
    };
    // Before the program drives the pins, a common-anode LED is dark.
    const reset = () => { level.fill(0); show(); };
    reset();
    return {
      element: el,
      pins,
      gpio(pin, value) { set(pin, value ? 1 : 0); },
      pwm(pin, duty) { set(pin, duty); },
      reset,
    };
  },
};
