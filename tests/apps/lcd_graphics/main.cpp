// LCD graphics for pixel-exact comparisons across targets. pot1 (set before main starts,
// `--set pot1=0.N`) picks what is drawn, so every target shows the same final picture:
//   0.0 text: the default font's widths, '\n', wrapping at the right edge
//   0.1 shapes: lines of every slope, rect, fillrect, circles, fillcircle, pixel(128, y)
//   0.2 XOR: bitmaps drawn twice (erased), overlapping fills, a rect's corners, a circle
//   0.3 auto update off: drawing does not reach the panel...
//   0.4 ... until copy_to_lcd()
//   0.5 the controller: invert, contrast, a bitmap cut at the edges
#include "C12832.h"
#include "mbed.h"

C12832 lcd(p5, p7, p6, p8, p11);
AnalogIn pot1(p19);

static char smile_data[] = {0x3C, 0x42, 0xA5, 0x81, 0xA5, 0x99, 0x42, 0x3C};
Bitmap smile = {8, 8, 1, smile_data};
static char bar_data[] = {0xFF, 0xF0, 0x80, 0x10, 0xFF, 0xF0};
Bitmap bar = {12, 3, 2, bar_data};

void text() {
  lcd.cls();
  lcd.locate(0, 0);
  lcd.printf("mbed application shield!");
  lcd.locate(0, 11);
  lcd.printf("L:\n");
  lcd.printf("R:");
  lcd.locate(70, 11);
  lcd.printf("wrapping words");
}

void shapes() {
  lcd.cls();
  lcd.line(0, 0, 40, 10, 1);
  lcd.line(0, 31, 10, 0, 1);
  lcd.line(40, 31, 20, 20, 1);
  lcd.line(5, 15, 45, 15, 1);
  lcd.rect(50, 2, 70, 12, 1);
  lcd.fillrect(52, 16, 60, 29, 1);
  lcd.fillrect(55, 20, 58, 24, 0);
  lcd.circle(90, 15, 12, 1);
  lcd.circle(90, 15, 1, 1);
  lcd.fillcircle(115, 15, 7, 1);
  lcd.circle(125, 28, 6, 1);  // partly off the panel
  lcd.pixel(128, 3, 1);       // the classic library's x == 128: column 0, one page lower
  lcd.copy_to_lcd();
}

void xor_mode() {
  lcd.cls();
  lcd.setmode(XOR);
  lcd.print_bm(smile, 10, 4);
  lcd.print_bm(smile, 14, 6);   // overlaps: shared ink cancels
  lcd.print_bm(smile, 40, 4);
  lcd.print_bm(smile, 40, 4);   // twice: erased
  lcd.fillrect(60, 0, 90, 20, 1);
  lcd.fillrect(75, 10, 100, 31, 1);
  lcd.rect(105, 5, 125, 25, 1);
  lcd.circle(30, 22, 8, 1);
  lcd.locate(0, 23);
  lcd.printf("XOR");
  lcd.copy_to_lcd();
  lcd.setmode(NORMAL);
}

void manual(bool copy) {
  lcd.cls();
  lcd.set_auto_up(0);
  lcd.locate(0, 0);
  lcd.printf("not yet");
  lcd.fillrect(0, 20, 127, 31, 1);
  printf("auto update %u\n", lcd.get_auto_up());
  if (copy) lcd.copy_to_lcd();
  lcd.set_auto_up(1);
}

void controller() {
  lcd.cls();
  lcd.print_bm(bar, 120, 30);  // cut at the right and bottom edges
  lcd.print_bm(bar, 0, 0);
  lcd.copy_to_lcd();
  lcd.locate(20, 12);
  lcd.printf("inverted");
  lcd.set_contrast(40);
  lcd.invert(1);
  printf("contrast %u columns %d rows %d\n", lcd.get_contrast(), lcd.columns(), lcd.rows());
}

int main() {
  const int phase = static_cast<int>(pot1.read() * 10.0f + 0.5f);
  switch (phase) {
    case 0: text(); break;
    case 1: shapes(); break;
    case 2: xor_mode(); break;
    case 3: manual(false); break;
    case 4: manual(true); break;
    default: controller(); break;
  }
  printf("phase %d\n", phase);
  while (true) ThisThread::sleep_for(1s);
}
