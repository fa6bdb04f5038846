// The boards the page offers (the `board` field of a build request, docs/DESIGN.md contract 1):
// which parts each has, their labels, pins and polarity, as on the real hardware.
// Pin names are resolved to numbers with the server's table (/api/pins?board=NAME).
const shieldLcd = { type: 'lcd', id: 'lcd', label: 'C12832 LCD, 128 by 32 pixels', width: 128, height: 32 };
const console_ = { type: 'serial', id: 'serial', label: 'Serial console (USBTX/USBRX)', slot: 'console' };

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
      { type: 'button', id: 'button1', label: 'BUTTON1', pin: 'BUTTON1', activeLevel: 1 },
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
      console_,
    ],
  },
};

export const DEFAULT_BOARD = 'lpc1768';
