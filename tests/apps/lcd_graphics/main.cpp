// LCD graphics in phases, 100 ms apart, for pixel-exact comparisons across targets:
//   0 ms  text: the default font's widths, '\n', wrapping at the right edge
// 100 ms  shapes: lines of every slope, rect, fillrect, circles, fillcircle, pixel(128, y)
// 200 ms  XOR: bitmaps drawn twice (erased), overlapping fills, a rect's corners, a circle
// 300 ms  auto update off: drawing does not reach the panel until copy_to_lcd()
// 400 ms  the controller: invert, contrast, a bitmap cut at the edges
#include "C12832.h"
#include "mbed.h"

C12832 lcd(p5, p7, p6, p8, p11);

static char smile_data[] = {0x3C, 0x42, 0xA5, 0x81, 0xA5, 0x99, 0x42, 0x3C};
Bitmap smile = {8, 8, 1, smile_data};
static char bar_data[] = {0xFF, 0xF0, 0x80, 0x10, 0xFF, 0xF0};
Bitmap bar = {12, 3, 2, bar_data};

int main() {
  lcd.cls();
  lcd.locate(0, 0);
  lcd.printf("mbed application shield!");
  lcd.locate(0, 11);
  lcd.printf("L:\n");
  lcd.printf("R:");
  lcd.locate(70, 11);
  lcd.printf("wrapping words");
  printf("phase text\n");
  ThisThread::sleep_for(100ms);

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
  printf("phase shapes\n");
  ThisThread::sleep_for(100ms);

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
  printf("phase xor\n");
  ThisThread::sleep_for(100ms);

  lcd.cls();
  lcd.set_auto_up(0);
  lcd.locate(0, 0);
  lcd.printf("not yet");
  lcd.fillrect(0, 20, 127, 31, 1);
  printf("phase manual %u\n", lcd.get_auto_up());
  ThisThread::sleep_for(50ms);
  lcd.copy_to_lcd();
  lcd.set_auto_up(1);
  ThisThread::sleep_for(50ms);

  lcd.cls();
  lcd.print_bm(bar, 120, 30);  // cut at the right and bottom edges
  lcd.print_bm(bar, 0, 0);
  lcd.copy_to_lcd();
  lcd.locate(20, 12);
  lcd.printf("inverted");
  lcd.set_contrast(40);
  lcd.invert(1);
  printf("phase invert contrast %u columns %d rows %d\n", lcd.get_contrast(), lcd.columns(), lcd.rows());
  while (true) ThisThread::sleep_for(1s);
}
