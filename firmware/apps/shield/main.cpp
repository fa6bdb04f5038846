// Shield: every part of the mbed application shield at once. The LCD shows the LM75B's
// temperature, the SHT31's humidity, the MMA7660's tilt and the two pots; the pots set the
// RGB LED's red and green; the joystick's centre plays a 440 Hz tone on the speaker (and lights
// the blue LED) while it is held, and the other directions are printed on the serial console.
#include "C12832.h"
#include "LM75B.h"
#include "MMA7660.h"
#include "Sht31.h"
#include "mbed.h"

#include <math.h>

#if defined(TARGET_K64F)  // the shield on a FRDM-K64F's Arduino header
C12832 lcd(D11, D13, D12, D7, D10);
AnalogIn pot1(A0), pot2(A1);
PwmOut red(D5), green(D9);  // one RGB LED, common anode: a duty of 1 is off
DigitalOut blue(D8, 1);      // PTC12 has no PWM on the K64F: on (0) or off (1) only
PwmOut speaker(D6);
DigitalIn joy_up(A2), joy_down(A3), joy_left(A4), joy_right(A5), fire(D4);  // the joystick, active high
LM75B thermometer(D14, D15);
MMA7660 accelerometer(D14, D15);
Sht31 hygrometer(D14, D15);
#else  // the LPC1768 application board
C12832 lcd(p5, p7, p6, p8, p11);
AnalogIn pot1(p19), pot2(p20);
PwmOut red(p23), green(p24);
DigitalOut blue(p25, 1);
PwmOut speaker(p26);
DigitalIn joy_up(p15), joy_down(p12), joy_left(p13), joy_right(p16), fire(p14);
LM75B thermometer(p28, p27);
MMA7660 accelerometer(p28, p27);
Sht31 hygrometer(p28, p27);
#endif

// Mbed OS 6 prints with minimal-printf, which has no %f by default: a number with
// `decimals` digits after the point, rounded, as text ("+" in front of a positive one if asked).
class Fixed {
 public:
  Fixed(float value, int decimals, bool plus = false) {
    long scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    const long n = lroundf(value * static_cast<float>(scale));
    const unsigned long magnitude = static_cast<unsigned long>(n < 0 ? -n : n);
    char* o = text_;
    if (n < 0) *o++ = '-';
    else if (plus) *o++ = '+';
    o += snprintf(o, sizeof text_ - 4, "%lu", magnitude / static_cast<unsigned long>(scale));
    if (decimals > 0) {
      *o++ = '.';
      unsigned long frac = magnitude % static_cast<unsigned long>(scale);
      for (long digit = scale / 10; digit > 0; digit /= 10) {
        *o++ = static_cast<char>('0' + frac / static_cast<unsigned long>(digit));
        frac %= static_cast<unsigned long>(digit);
      }
    }
    *o = 0;
  }
  const char* operator*() const { return text_; }

 private:
  char text_[24];
};

int main() {
  red = 1.0f;  // off
  green = 1.0f;
  speaker.period(1.0f / 440.0f);
  speaker = 0.0f;
  printf("Shield demo: move the pots, tilt the board, press the joystick\n");
  bool tone = false;
  const char* direction = "";
  for (int tick = 0;; ++tick) {
    const float level1 = pot1.read(), level2 = pot2.read();
    red = 1.0f - level1;
    green = 1.0f - level2;
    const char* now = joy_up ? "up" : joy_down ? "down" : joy_left ? "left" : joy_right ? "right" : "";  // not left/right: Mbed OS's mbed.h brings std::left and std::right into scope
    if (now != direction && *now) printf("joystick %s\n", now);
    direction = now;
    if (fire != tone) {
      tone = fire;
      speaker = tone ? 0.5f : 0.0f;
      blue = tone ? 0 : 1;
      printf("tone %s\n", tone ? "on" : "off");
    }
    if (tick % 5 == 0) {  // the sensors and the LCD every 500 ms
      const float celsius = thermometer.read();
      const float humidity = hygrometer.readHumidity();
      const float x = accelerometer.x(), y = accelerometer.y();
      lcd.cls();
      lcd.locate(0, 0);
      lcd.printf("%s C  %s%% RH", *Fixed(celsius, 1), *Fixed(humidity, 0));
      lcd.locate(0, 10);
      lcd.printf("tilt x %s y %s", *Fixed(x, 2, true), *Fixed(y, 2, true));
      lcd.locate(0, 20);
      lcd.printf("pots %s %s", *Fixed(level1, 2), *Fixed(level2, 2));
      printf("T %s C, RH %s %%, x %s g, y %s g, pots %s %s\n", *Fixed(celsius, 2), *Fixed(humidity, 1),
             *Fixed(x, 2, true), *Fixed(y, 2, true), *Fixed(level1, 2), *Fixed(level2, 2));
    }
    ThisThread::sleep_for(100ms);
  }
}
