// The C12832 LCD driver: a frame buffer in the MCU and the ST7565R controller on SPI.
// See C12832.h for the API and for the text placement rules it keeps.
#include "C12832.h"

#include <cstring>

#include "Small_7.h"

namespace {

// ST7565R commands (Sitronix ST7565R datasheet, "Commands" table) that this driver uses.
constexpr unsigned char kDisplayOff = 0xAE;
constexpr unsigned char kDisplayOn = 0xAF;
constexpr unsigned char kBias1of9 = 0xA2;
constexpr unsigned char kAdcNormal = 0xA0;            // column address n -> SEG n
constexpr unsigned char kComReverse = 0xC8;           // the panel's top row is display line 0
constexpr unsigned char kResistorRatio = 0x22;        // V0 regulator internal resistor ratio 2
constexpr unsigned char kPowerAllOn = 0x2F;           // booster, regulator, follower on
constexpr unsigned char kStartLine0 = 0x40;
constexpr unsigned char kElectronicVolume = 0x81;     // followed by the contrast, 0..63
constexpr unsigned char kDisplayNormal = 0xA6;
constexpr unsigned char kDisplayReverse = 0xA7;
constexpr unsigned char kPageAddress = 0xB0;          // | page 0..8
constexpr unsigned char kColumnHigh = 0x10;           // | column bits 7..4
constexpr unsigned char kColumnLow = 0x00;            // | column bits 3..0

constexpr unsigned int kDefaultContrast = 0x17;
constexpr int kWidth = 128;
constexpr int kHeight = 32;

}  // namespace

C12832::C12832(PinName mosi, PinName sck, PinName reset, PinName a0, PinName ncs, const char *name)
    : mbed::Stream(name),
      _spi(mosi, NC, sck),
      _reset(reset),
      _A0(a0),
      _CS(ncs),
      font(Small_7),
      draw_mode(NORMAL),
      char_x(0),
      char_y(0),
      buffer(),
      dirty_pages(0x0F),
      contrast(kDefaultContrast),
      auto_up(1)
{
    lcd_reset();
}

int C12832::width() { return kWidth; }

int C12832::height() { return kHeight; }

void C12832::wr_cmd(unsigned char cmd)
{
    _A0 = 0;
    _CS = 0;
    _spi.write(cmd);
    _CS = 1;
}

void C12832::wr_dat(unsigned char dat)
{
    _A0 = 1;
    _CS = 0;
    _spi.write(dat);
    _CS = 1;
}

void C12832::lcd_reset()
{
    _spi.format(8, 3);         // 8-bit frames, mode 3: the ST7565R samples SI on SCL's rising edge
    _spi.frequency(20000000);  // the ST7565R's serial interface takes up to 20 MHz
    _A0 = 0;
    _CS = 1;
    _reset = 0;                // a reset pulse of at least 1 us (datasheet: tRW)
    wait_us(50);
    _reset = 1;
    wait_us(5000);             // let the internal reset finish before the first command

    const unsigned char start_up[] = {kDisplayOff, kBias1of9, kAdcNormal, kComReverse, kResistorRatio,
                                      kPowerAllOn, kStartLine0, kDisplayOn, kElectronicVolume,
                                      static_cast<unsigned char>(kDefaultContrast), kDisplayNormal};
    for (unsigned char cmd : start_up) {
        wr_cmd(cmd);
    }
    contrast = kDefaultContrast;
    std::memset(buffer, 0, sizeof buffer);
    dirty_pages = 0x0F;  // the display RAM is undefined after a reset: send every page
    copy_to_lcd();
    auto_up = 1;
    locate(0, 0);
    font = Small_7;
}

void C12832::copy_to_lcd(void)
{
    // One selection per changed page: three address commands, then the page's 128 data bytes
    // in a single SPI transfer (the controller increments the column address after each
    // byte). Pages that did not change are already in the display RAM: a character costs
    // one or two pages instead of four.
    for (int page = 0; page < 4; ++page) {
        if (!(dirty_pages & (1u << page))) {
            continue;
        }
        _CS = 0;
        _A0 = 0;
        _spi.write(kColumnLow | 0);
        _spi.write(kColumnHigh | 0);
        _spi.write(kPageAddress | page);
        _A0 = 1;
        _spi.write(reinterpret_cast<const char *>(buffer + page * kWidth), kWidth, nullptr, 0);
        _CS = 1;
    }
    dirty_pages = 0;
}

void C12832::auto_update()
{
    if (auto_up) {
        copy_to_lcd();
    }
}

void C12832::cls(void)
{
    std::memset(buffer, 0, sizeof buffer);
    dirty_pages = 0x0F;
    copy_to_lcd();
}

void C12832::invert(unsigned int o) { wr_cmd(o == 0 ? kDisplayNormal : kDisplayReverse); }

void C12832::set_contrast(unsigned int o)
{
    contrast = o;
    wr_cmd(kElectronicVolume);
    wr_cmd(o & 0x3F);
}

unsigned int C12832::get_contrast(void) { return contrast; }

void C12832::setmode(int mode) { draw_mode = mode; }

void C12832::set_auto_up(unsigned int up) { auto_up = up ? 1 : 0; }

unsigned int C12832::get_auto_up(void) { return auto_up; }

void C12832::set_font(unsigned char *f) { font = f; }

void C12832::locate(int x, int y)
{
    char_x = x;
    char_y = y;
}

int C12832::columns(void) { return width() / font[1]; }

int C12832::rows(void) { return height() / font[2]; }

void C12832::pixel(int x, int y, int colour)
{
    // The classic library accepts x == 128 and y == 32: its buffer index then runs into the
    // next page (x == 128 lands in column 0, 8 rows lower), which a board shows. Writes past
    // the end of the buffer (which would corrupt memory on a board) are dropped.
    if (x < 0 || y < 0 || x > kWidth || y > kHeight) {
        return;
    }
    const int index = x + (y / 8) * kWidth;
    if (index >= static_cast<int>(sizeof buffer)) {
        return;
    }
    const unsigned char bit = static_cast<unsigned char>(1u << (y % 8));
    const unsigned char before = buffer[index];
    if (draw_mode == NORMAL) {
        if (colour == 0) {
            buffer[index] &= static_cast<unsigned char>(~bit);
        } else {
            buffer[index] |= bit;
        }
    } else if (colour == 1) {
        buffer[index] ^= bit;
    }
    if (buffer[index] != before) {
        dirty_pages |= static_cast<unsigned char>(1u << (index / kWidth));
    }
}

void C12832::line(int x0, int y0, int x1, int y1, int colour)
{
    // Bresenham: step along the longer axis; the error term decides when the shorter one
    // steps (on a tie it steps), so both ends are drawn exactly once.
    const int step_x = x1 > x0 ? 1 : -1;
    const int step_y = y1 > y0 ? 1 : -1;
    const int dx = (x1 - x0) * step_x;
    const int dy = (y1 - y0) * step_y;
    if (dx >= dy) {
        int error = 2 * dy - dx;
        for (; x0 != x1; x0 += step_x) {
            pixel(x0, y0, colour);
            if (error < 0) {
                error += 2 * dy;
            } else {
                error += 2 * (dy - dx);
                y0 += step_y;
            }
        }
    } else {
        int error = 2 * dx - dy;
        for (; y0 != y1; y0 += step_y) {
            pixel(x0, y0, colour);
            if (error < 0) {
                error += 2 * dx;
            } else {
                error += 2 * (dx - dy);
                x0 += step_x;
            }
        }
    }
    pixel(x0, y0, colour);
    auto_update();
}

void C12832::rect(int x0, int y0, int x1, int y1, int colour)
{
    // Four edges: in XOR mode each corner is drawn twice and so keeps its colour, as on a board.
    const unsigned int up = auto_up;
    auto_up = 0;
    line(x0, y0, x1, y0, colour);
    line(x0, y0, x0, y1, colour);
    line(x0, y1, x1, y1, colour);
    line(x1, y0, x1, y1, colour);
    auto_up = up;
    auto_update();
}

void C12832::fillrect(int x0, int y0, int x1, int y1, int colour)
{
    if (x0 > x1) {
        const int t = x0;
        x0 = x1;
        x1 = t;
    }
    if (y0 > y1) {
        const int t = y0;
        y0 = y1;
        y1 = t;
    }
    for (int x = x0; x <= x1; ++x) {
        for (int y = y0; y <= y1; ++y) {
            pixel(x, y, colour);
        }
    }
    auto_update();
}

void C12832::circle(int x0, int y0, int r, int colour)
{
    if (r == 0) {
        return;
    }
    // The four points on the axes; these skip x == 128 and y == 32, which pixel() would take.
    if (y0 + r < height()) {
        pixel(x0, y0 + r, colour);
    }
    if (y0 - r >= 0) {
        pixel(x0, y0 - r, colour);
    }
    if (x0 + r < width()) {
        pixel(x0 + r, y0, colour);
    }
    if (x0 - r >= 0) {
        pixel(x0 - r, y0, colour);
    }
    if (r == 1) {
        return;
    }
    // Bresenham's circle: walk one octant from the top (dx = 0, dy = r) while dx < dy and
    // mirror each point into the other seven. Where octants meet, a point is drawn twice,
    // which XOR mode shows, as on a board.
    int decision = 3 - 2 * r;
    int dx = 0;
    int dy = r;
    while (dx < dy) {
        if (decision < 0) {
            decision += 4 * dx + 6;
        } else {
            decision += 4 * (dx - dy) + 10;
            --dy;
        }
        ++dx;
        pixel(x0 + dx, y0 + dy, colour);
        pixel(x0 - dx, y0 + dy, colour);
        pixel(x0 + dx, y0 - dy, colour);
        pixel(x0 - dx, y0 - dy, colour);
        pixel(x0 + dy, y0 + dx, colour);
        pixel(x0 - dy, y0 + dx, colour);
        pixel(x0 + dy, y0 - dx, colour);
        pixel(x0 - dy, y0 - dx, colour);
    }
    auto_update();
}

void C12832::fillcircle(int x, int y, int r, int colour)
{
    const unsigned int up = auto_up;
    auto_up = 0;
    for (int i = 0; i <= r; ++i) {
        circle(x, y, i, colour);
    }
    auto_up = up;
    auto_update();
}

int C12832::_putc(int value)
{
    if (value == '\n') {
        char_x = 0;
        char_y += font[2];
        // Compared as unsigned, like the classic library's cursor: a line above the screen
        // (negative y) also starts again at the top.
        if (static_cast<unsigned int>(char_y) >= static_cast<unsigned int>(height() - font[2])) {
            char_y = 0;
        }
    } else {
        character(char_x, char_y, value);
        auto_update();
    }
    return value;
}

int C12832::_getc() { return -1; }

void C12832::character(int x, int y, int c)
{
    // Code 31 is accepted by the classic library but reads before its font array: skipped here.
    if (c < 32 || c > 127) {
        return;
    }
    const unsigned int bytes_per_char = font[0];
    const unsigned int cell_w = font[1];
    const unsigned int cell_h = font[2];
    const unsigned int bytes_per_col = font[3];

    // The cursor wraps when the whole cell would cross the right edge. The character itself
    // is still drawn at (x, y): the classic library moves only the cursor.
    if (static_cast<unsigned int>(char_x) + cell_w > static_cast<unsigned int>(width())) {
        char_x = 0;
        char_y += static_cast<int>(cell_h);
        if (static_cast<unsigned int>(char_y) >= static_cast<unsigned int>(height()) - cell_h) {
            char_y = 0;
        }
    }

    const unsigned char *glyph = font + 4 + (c - 32) * bytes_per_char;
    const int advance = glyph[0];
    for (unsigned int row = 0; row < cell_h; ++row) {
        for (unsigned int col = 0; col < cell_w; ++col) {
            const unsigned char bits = glyph[1 + bytes_per_col * col + (row >> 3)];
            pixel(x + static_cast<int>(col), y + static_cast<int>(row), (bits >> (row & 7)) & 1);
        }
    }
    char_x += advance;
}

void C12832::print_bm(Bitmap bm, int x, int y)
{
    for (int v = 0; v < bm.ySize; ++v) {
        if (v + y > 31) {
            break;
        }
        for (int h = 0; h < bm.xSize; ++h) {
            if (h + x > 127) {
                break;
            }
            const unsigned char byte = static_cast<unsigned char>(bm.data[bm.Byte_in_Line * v + (h >> 3)]);
            pixel(x + h, y + v, (byte & (0x80u >> (h & 7))) ? 1 : 0);
        }
    }
}
