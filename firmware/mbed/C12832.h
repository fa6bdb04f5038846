// The C12832 128x32 monochrome LCD of the mbed application shield, with the API of the
// popular C12832 driver: cls, locate, printf, pixel, line, rect, fillrect, circle, ...
// The simulator keeps the framebuffer and the text printed on each row; both go to the
// board (page, host dump or QEMU log) at the next wait point.
#pragma once
#include <cstdarg>
#include <cstdint>

#include "PinNames.h"

class C12832 {
 public:
  static constexpr int kWidth = 128;
  static constexpr int kHeight = 32;
  static constexpr int kTextRows = 8;
  static constexpr int kTextCols = 22;

  C12832(PinName mosi, PinName sck, PinName reset, PinName a0, PinName ncs, const char* name = "LCD");
  ~C12832();
  C12832(const C12832&) = delete;
  C12832& operator=(const C12832&) = delete;

  void cls();
  void locate(int x, int y);
  int printf(const char* format, ...) __attribute__((format(printf, 2, 3)));
  int putc(int c) { return _putc(c); }
  int _putc(int c);
  void character(int x, int y, int c);
  void pixel(int x, int y, int color);
  void line(int x0, int y0, int x1, int y1, int color);
  void rect(int x0, int y0, int x1, int y1, int color);
  void fillrect(int x0, int y0, int x1, int y1, int color);
  void circle(int x, int y, int r, int color);
  void fillcircle(int x, int y, int r, int color);
  void invert(unsigned int o) { inverted_ = o != 0; dirty_ = true; }
  void set_contrast(unsigned int o) { (void)o; }
  void set_auto_up(unsigned int up) { auto_up_ = up != 0; }
  unsigned int get_auto_up() { return auto_up_; }
  void copy_to_lcd();
  int width() { return kWidth; }
  int height() { return kHeight; }
  int columns() { return kWidth / 6; }
  int rows() { return kHeight / 9; }

  // Simulator access: pixel (0/1) and the text lines.
  int get_pixel(int x, int y) const;
  int text_lines(const char** lines, int max_lines) const;
  void sim_flush();

 private:
  uint8_t buffer_[kWidth * kHeight / 8] = {};  // 512 bytes, one bit per pixel, as the real driver
  int char_x_ = 0, char_y_ = 0;
  bool auto_up_ = true;
  bool inverted_ = false;
  bool dirty_ = true;
  struct TextRow {
    int y = -1;
    char text[kTextCols + 1] = {};
  } text_[kTextRows];
  void note_char(int x, int y, char c);
};
