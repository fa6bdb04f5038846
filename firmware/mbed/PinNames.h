// Pin names of the simulated board: an mbed LPC1768 (DIP pins p5..p30, LED1..LED4) on the
// mbed application shield, plus BUTTON1/SW2/SW3 and Arduino-style names. One X-macro list
// feeds the enum here, the pin-name table of the host runtime, and the browser (parsed by
// simulator/build/pins.py), so every part agrees on the numbers.
#pragma once

#define SIM_PIN_LIST(X)                                                                            \
  X(p5, 5) X(p6, 6) X(p7, 7) X(p8, 8) X(p9, 9) X(p10, 10) X(p11, 11) X(p12, 12) X(p13, 13)       \
  X(p14, 14) X(p15, 15) X(p16, 16) X(p17, 17) X(p18, 18) X(p19, 19) X(p20, 20) X(p21, 21)        \
  X(p22, 22) X(p23, 23) X(p24, 24) X(p25, 25) X(p26, 26) X(p27, 27) X(p28, 28) X(p29, 29)        \
  X(p30, 30) X(LED1, 101) X(LED2, 102) X(LED3, 103) X(LED4, 104) X(BUTTON1, 110)                 \
  X(SW3, 111) X(USBTX, 120) X(USBRX, 121) X(D0, 130) X(D1, 131) X(D2, 132) X(D3, 133)             \
  X(D4, 134) X(D5, 135) X(D6, 136) X(D7, 137) X(D8, 138) X(D9, 139) X(D10, 140) X(D11, 141)       \
  X(D12, 142) X(D13, 143) X(D14, 144) X(D15, 145) X(A0, 150) X(A1, 151) X(A2, 152) X(A3, 153)     \
  X(A4, 154) X(A5, 155)

typedef enum {
#define SIM_PIN_ENUM(name, value) name = value,
  SIM_PIN_LIST(SIM_PIN_ENUM)
#undef SIM_PIN_ENUM
  NC = -1,
  // Aliases, as on the LPC1768 and the mbed application shield.
  SW2 = BUTTON1,
  LED_RED = LED1,
  SPI_MOSI = p5,
  SPI_MISO = p6,
  SPI_SCK = p7,
  JOYSTICK_DOWN = p12,
  JOYSTICK_LEFT = p13,
  JOYSTICK_CENTER = p14,
  JOYSTICK_UP = p15,
  JOYSTICK_RIGHT = p16,
  POT1 = p19,
  POT2 = p20,
  SPEAKER = p26,
  CONSOLE_TX = USBTX,
  CONSOLE_RX = USBRX,
} PinName;

typedef enum { PIN_INPUT, PIN_OUTPUT } PinDirection;

typedef enum { PullNone = 0, PullUp = 1, PullDown = 2, OpenDrain = 3, PullDefault = PullNone } PinMode;

constexpr int kSimMaxPin = 160;
