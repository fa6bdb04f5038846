// Press-and-hold behaviour shared by the push buttons and the joystick: mouse, touch or pen
// (held while down), Space or Enter while focused. `onChange(down)` is called on each change
// only (a key's auto-repeat or a second pointer does not press again); losing focus releases.
// Returns press(down) for other keys (the joystick's arrow keys) and a reset that releases
// without telling anyone (a new program starts with every button up).
export function pressable(el, onChange) {
  el.setAttribute('aria-pressed', 'false');
  const press = (down) => {
    if ((el.getAttribute('aria-pressed') === 'true') === down) return;
    el.setAttribute('aria-pressed', down ? 'true' : 'false');
    onChange(down);
  };
  el.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    el.focus();
    el.setPointerCapture(e.pointerId);
    press(true);
  });
  el.addEventListener('pointerup', () => press(false));
  el.addEventListener('pointercancel', () => press(false));
  el.addEventListener('keydown', (e) => {
    if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) { e.preventDefault(); press(true); }
  });
  el.addEventListener('keyup', (e) => {
    if (e.key === ' ' || e.key === 'Enter') { e.preventDefault(); press(false); }
  });
  el.addEventListener('blur', () => press(false));
  return { press, reset: () => el.setAttribute('aria-pressed', 'false') };
}
