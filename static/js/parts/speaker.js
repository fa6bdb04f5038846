// The application shield's speaker on a PwmOut: it sounds at 1 / period while the duty is
// between 0 and 1 (a square wave, as the pin drives it; loudest at duty 0.5). The page plays
// it with WebAudio, muted until the user turns the sound on (a browser needs that click for
// audio anyway); the tone is always shown as text. The period comes with the `pwm-period`
// message (Module.onPwmPeriod), the duty with `pwm`; Mbed's default period is 20 ms.
//   spec: {type: 'speaker', id, label, pin: 'p26'}
//   part.audio: {context, oscillator, gain} once the sound was turned on (null before): the
//   nodes, for tests and for anyone who wants to look.
const DEFAULT_PERIOD_US = 20000;
const VOLUME = 0.08;  // a square wave is loud: keep it well below full scale
const GLIDE_S = 0.004;  // gain changes ramp over a few ms, so starting and stopping do not click

export default {
  type: 'speaker',
  create(spec, ctx) {
    const pin = ctx.pin(spec.pin);
    let periodUs = DEFAULT_PERIOD_US;
    let duty = 0;
    let soundOn = false;
    let audio = null;

    const box = document.createElement('div');
    box.className = 'part speaker';
    box.dataset.testid = spec.id;
    const state = document.createElement('span');
    state.className = 'speaker-state';
    state.dataset.testid = spec.id + '-state';
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.dataset.testid = spec.id + '-sound';
    toggle.setAttribute('aria-pressed', 'false');
    toggle.textContent = 'Sound';
    toggle.title = 'Play the speaker through this computer\'s audio';
    box.append(state, toggle);

    const frequency = () => 1e6 / periodUs;
    const sounding = () => duty > 0 && duty < 1;
    const show = () => {
      const on = sounding();
      box.dataset.state = on ? 'on' : 'off';
      box.dataset.frequency = on ? frequency().toFixed(1) : '';
      state.textContent = spec.label + ': ' + (on ? frequency().toFixed(frequency() < 100 ? 1 : 0) + ' Hz' : 'silent') +
        (soundOn ? '' : (on ? ' (muted)' : ''));
      toggle.textContent = soundOn ? 'Sound on' : 'Sound off';
      if (!audio || !soundOn) return;
      const now = audio.context.currentTime;
      const nyquist = audio.context.sampleRate / 2;
      const f = frequency();
      const audible = on && f < nyquist;
      if (audible) audio.oscillator.frequency.setValueAtTime(f, now);
      // The fundamental of a square wave of this duty: sin(pi * duty) of the 50% wave's.
      audio.gain.gain.setTargetAtTime(audible ? VOLUME * Math.sin(Math.PI * duty) : 0, now, GLIDE_S);
    };

    const start = () => {
      if (!audio) {
        const context = new AudioContext();
        const oscillator = context.createOscillator();
        oscillator.type = 'square';
        const gain = context.createGain();
        gain.gain.value = 0;
        oscillator.connect(gain).connect(context.destination);
        oscillator.start();
        audio = { context, oscillator, gain };
      }
      return audio.context.resume();
    };
    toggle.addEventListener('click', () => {
      soundOn = !soundOn;
      toggle.setAttribute('aria-pressed', soundOn ? 'true' : 'false');
      if (soundOn) {
        start().catch((err) => { state.textContent = spec.label + ': no audio (' + err.message + ')'; });
      } else if (audio) {
        audio.gain.gain.setValueAtTime(0, audio.context.currentTime);
        audio.context.suspend().catch(() => {});
      }
      show();
    });
    show();
    return {
      element: box,
      pins: [pin],
      get audio() { return audio; },
      gpio(_pin, value) { duty = value ? 1 : 0; show(); },  // a DigitalOut: a click, no tone
      pwm(_pin, d) { duty = d; show(); },
      pwmPeriod(_pin, us) { periodUs = us; show(); },
      reset() { periodUs = DEFAULT_PERIOD_US; duty = 0; show(); },
    };
  },
};
