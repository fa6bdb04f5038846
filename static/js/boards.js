// The boards the page offers (the `board` field of a build request, docs/DESIGN.md contract 1):
// which parts each has, their labels, pins and polarity, as on the real hardware.
// Pin names are resolved to numbers with the server's table (/api/pins?board=NAME).
const shieldLcd = { type: 'lcd', id: 'lcd', label: 'C12832 LCD, 128 by 32 pixels', width: 128, height: 32 };
const console_ = { type: 'serial', id: 'serial', label: 'Serial console (USBTX/USBRX)', slot: 'console' };

// The mbed application shield (on the LPC1768: the mbed application board), with the pins it
// is wired to on each board (`pins`: role -> pin name; simulator/build/boards.py has the same
// parts, a test checks they agree). The sensors on its I2C bus take their inputs by the names
// of `sim run --set` (docs/shield.md).
function shield(pins) {
  return [
    // Common anode: a channel is lit when its pin is low (a PwmOut duty of 1 is off).
    { type: 'rgb-led', id: 'shield-rgb', slot: 'shield', activeLow: true, pins: pins.rgb,
      label: `Shield RGB LED (${pins.rgb.red} red, ${pins.rgb.green} green, ${pins.rgb.blue} blue)` },
    // Five switches to the supply: a pressed direction reads 1.
    { type: 'joystick', id: 'joystick', slot: 'shield', label: 'Joystick', pins: pins.joystick, activeLevel: 1 },
    { type: 'pot', id: 'pot1', slot: 'shield', label: `Pot 1 (${pins.pot1})`, pin: pins.pot1, value: 0.5 },
    { type: 'pot', id: 'pot2', slot: 'shield', label: `Pot 2 (${pins.pot2})`, pin: pins.pot2, value: 0.5 },
    { type: 'speaker', id: 'speaker', slot: 'shield', label: `Speaker (${pins.speaker})`, pin: pins.speaker },
    { type: 'sensor', id: 'lm75b', slot: 'shield', label: 'LM75B temperature sensor (I2C 0x48)', inputs: [
      { name: 'lm75b.temp', label: 'Temperature', unit: '°C', min: -55, max: 125, step: 0.5, value: 25 }] },
    { type: 'tilt', id: 'mma7660', slot: 'shield', label: 'MMA7660 accelerometer (I2C 0x4C): tilt the board',
      names: { x: 'accel_x', y: 'accel_y', z: 'accel_z' } },
    // Not on the shield: the SHT31 the Mbed Simulator put on the same bus (its temperature demo).
    { type: 'sensor', id: 'sht31', slot: 'shield', label: 'SHT31 temperature and humidity sensor (I2C 0x44)', inputs: [
      { name: 'sht31.temp', label: 'Temperature', unit: '°C', min: -40, max: 125, step: 0.5, value: 25 },
      { name: 'sht31.humidity', label: 'Humidity', unit: '%RH', min: 0, max: 100, step: 1, value: 45 }] },
  ];
}

export const BOARDS = {
  lpc1768: {
    name: 'lpc1768',
    title: 'mbed LPC1768 on the application shield',
    button: 'button1',
    parts: [
      shieldLcd,
      // The mbed module's four blue LEDs, lit when the pin is high.
      { type: 'led', id: 'led1', label: 'LED1', pin: 'LED1' },
      { type: 'led', id: 'led2', label: 'LED2', pin: 'LED2' },
      { type: 'led', id: 'led3', label: 'LED3', pin: 'LED3' },
      { type: 'led', id: 'led4', label: 'LED4', pin: 'LED4' },
      // The Mbed Simulator's extra user button, active low like the boards' buttons (pressed reads
      // 0; simulator/build/boards.py).
      { type: 'button', id: 'button1', label: 'BUTTON1', pin: 'BUTTON1', activeLevel: 0 },
      // The mbed application board's parts, on the LPC1768's DIP pins.
      ...shield({
        rgb: { red: 'p23', green: 'p24', blue: 'p25' },
        joystick: { up: 'p15', down: 'p12', left: 'p13', right: 'p16', center: 'p14' },
        pot1: 'p19', pot2: 'p20', speaker: 'p26',
      }),
      console_,
    ],
  },
  k64f: {
    name: 'k64f',
    title: 'NXP FRDM-K64F on the application shield',
    button: 'sw2',
    parts: [
      shieldLcd,
      // One RGB LED (LED1 red, LED2 green, LED3 blue), common anode: lit when the pin is low.
      { type: 'rgb-led', id: 'rgb-led', label: 'RGB LED (LED1 red, LED2 green, LED3 blue)',
        pins: { red: 'LED1', green: 'LED2', blue: 'LED3' }, activeLow: true },
      // SW2 and SW3 pull their pins low when pressed.
      { type: 'button', id: 'sw2', label: 'SW2', pin: 'SW2', activeLevel: 0 },
      { type: 'button', id: 'sw3', label: 'SW3', pin: 'SW3', activeLevel: 0 },
      // The mbed application shield on the FRDM-K64F's Arduino header.
      ...shield({
        rgb: { red: 'D5', green: 'D9', blue: 'D8' },
        joystick: { up: 'A2', down: 'A3', left: 'A4', right: 'A5', center: 'D4' },
        pot1: 'A0', pot2: 'A1', speaker: 'D6',
      }),
      console_,
    ],
  },
};

export const DEFAULT_BOARD = 'lpc1768';
