#include "C12832.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "drivers/font_6x9.h"
#include "sim/sim.h"

namespace {
void flush_hook(void* lcd) { static_cast<C12832*>(lcd)->sim_flush(); }
}  // namespace

C12832::C12832(PinName mosi, PinName sck, PinName reset, PinName a0, PinName ncs, const char* name) {
  (void)mosi, (void)sck, (void)reset, (void)a0, (void)ncs, (void)name;
  sim::display_attach(flush_hook, this);
  cls();
}

C12832::~C12832() { sim::display_detach(this); }

void C12832::cls() {
  std::memset(buffer_, 0, sizeof buffer_);
  for (auto& row : text_) row = TextRow{};
  char_x_ = char_y_ = 0;
  dirty_ = true;
}

void C12832::locate(int x, int y) {
  char_x_ = x;
  char_y_ = y;
}

int C12832::printf(const char* format, ...) {
  char buf[128];
  va_list args;
  va_start(args, format);
  const int n = std::vsnprintf(buf, sizeof buf, format, args);
  va_end(args);
  for (const char* p = buf; *p; ++p) _putc(*p);
  return n;
}

int C12832::_putc(int c) {
  if (c == '\n') {
    char_x_ = 0;
    char_y_ += kFontHeight;
    return c;
  }
  if (char_x_ + kFontWidth > kWidth) {
    char_x_ = 0;
    char_y_ += kFontHeight;
  }
  character(char_x_, char_y_, c);
  char_x_ += kFontWidth;
  return c;
}

void C12832::note_char(int x, int y, char c) {
  TextRow* row = nullptr;
  for (auto& r : text_)
    if (r.y == y) row = &r;
  if (!row)
    for (auto& r : text_)
      if (r.y < 0) {
        r.y = y;
        row = &r;
        break;
      }
  if (!row) return;
  const int col = x / kFontWidth;
  if (col < 0 || col >= kTextCols) return;
  for (int i = 0; i < col; ++i)
    if (!row->text[i]) row->text[i] = ' ';
  row->text[col] = c;
}

void C12832::character(int x, int y, int c) {
  if (c < kFontFirst || c > kFontLast) c = '?';
  const uint8_t* glyph = kFont6x9[c - kFontFirst];
  for (int row = 0; row < kFontHeight; ++row)
    for (int col = 0; col < kFontWidth; ++col)
      pixel(x + col, y + row, (glyph[row] >> (kFontWidth - 1 - col)) & 1);
  note_char(x, y, static_cast<char>(c));
}

void C12832::pixel(int x, int y, int color) {
  if (x < 0 || y < 0 || x >= kWidth || y >= kHeight) return;
  uint8_t& byte = buffer_[x + (y / 8) * kWidth];  // the controller's page layout
  const uint8_t bit = static_cast<uint8_t>(1u << (y % 8));
  if (color)
    byte |= bit;
  else
    byte &= static_cast<uint8_t>(~bit);
  dirty_ = true;
}

int C12832::get_pixel(int x, int y) const {
  if (x < 0 || y < 0 || x >= kWidth || y >= kHeight) return 0;
  const int v = (buffer_[x + (y / 8) * kWidth] >> (y % 8)) & 1;
  return inverted_ ? !v : v;
}

void C12832::line(int x0, int y0, int x1, int y1, int color) {
  const int dx = std::abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
  const int dy = -std::abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
  int err = dx + dy;
  for (;;) {
    pixel(x0, y0, color);
    if (x0 == x1 && y0 == y1) break;
    const int e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x0 += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y0 += sy;
    }
  }
}

void C12832::rect(int x0, int y0, int x1, int y1, int color) {
  line(x0, y0, x1, y0, color);
  line(x0, y1, x1, y1, color);
  line(x0, y0, x0, y1, color);
  line(x1, y0, x1, y1, color);
}

void C12832::fillrect(int x0, int y0, int x1, int y1, int color) {
  if (x0 > x1) std::swap(x0, x1);
  if (y0 > y1) std::swap(y0, y1);
  for (int y = y0; y <= y1; ++y)
    for (int x = x0; x <= x1; ++x) pixel(x, y, color);
}

void C12832::circle(int cx, int cy, int r, int color) {
  int x = r, y = 0, err = 1 - r;
  while (x >= y) {
    const int pts[8][2] = {{x, y}, {y, x}, {-y, x}, {-x, y}, {-x, -y}, {-y, -x}, {y, -x}, {x, -y}};
    for (auto& p : pts) pixel(cx + p[0], cy + p[1], color);
    ++y;
    if (err < 0) {
      err += 2 * y + 1;
    } else {
      --x;
      err += 2 * (y - x) + 1;
    }
  }
}

void C12832::fillcircle(int cx, int cy, int r, int color) {
  for (int y = -r; y <= r; ++y)
    for (int x = -r; x <= r; ++x)
      if (x * x + y * y <= r * r) pixel(cx + x, cy + y, color);
}

void C12832::copy_to_lcd() {
  dirty_ = true;
  sim_flush();
}

int C12832::text_lines(const char** lines, int max_lines) const {
  // Rows in top-to-bottom order.
  const TextRow* sorted[kTextRows];
  int n = 0;
  for (const auto& r : text_)
    if (r.y >= 0) sorted[n++] = &r;
  for (int i = 1; i < n; ++i)
    for (int j = i; j > 0 && sorted[j]->y < sorted[j - 1]->y; --j) std::swap(sorted[j], sorted[j - 1]);
  int count = 0;
  for (int i = 0; i < n && count < max_lines; ++i) lines[count++] = sorted[i]->text;
  return count;
}

void C12832::sim_flush() {
  if (!dirty_) return;
  dirty_ = false;
  static uint8_t pixels[kWidth * kHeight];
  for (int y = 0; y < kHeight; ++y)
    for (int x = 0; x < kWidth; ++x) pixels[y * kWidth + x] = static_cast<uint8_t>(get_pixel(x, y));
  sim::lcd_frame(pixels, kWidth, kHeight);
  const char* lines[kTextRows];
  const int n = text_lines(lines, kTextRows);
  sim::lcd_text(lines, n);
}
