// LCD: text and graphics on the application shield's C12832, then a counter.
#include "C12832.h"
#include "mbed.h"

// The application shield's LCD: on the LPC1768 application board, or on the Arduino header.
#if defined(TARGET_K64F)
C12832 lcd(D11, D13, D12, D7, D10);
#else
C12832 lcd(p5, p7, p6, p8, p11);
#endif

int main() {
  lcd.cls();
  lcd.locate(0, 0);
  lcd.printf("utensor-sim");
  lcd.rect(80, 2, 126, 29, 1);
  lcd.circle(103, 15, 10, 1);
  lcd.fillcircle(103, 15, 4, 1);
  lcd.line(80, 29, 126, 2, 1);
  printf("Drew on the LCD\n");
  for (int i = 1;; ++i) {
    lcd.locate(0, 20);
    lcd.printf("count %d", i);
    printf("count %d\n", i);
    ThisThread::sleep_for(1s);
  }
}
