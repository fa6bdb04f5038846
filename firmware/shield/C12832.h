/** @file C12832.h
 * Driver for the 128x32 monochrome LCD of the mbed application shield and the LPC1768
 * application board: a C12832 panel with a Sitronix ST7565R controller on SPI.
 *
 * The public API is the one of the classic C12832 library that Mbed courses use
 * (os.mbed.com/users/chris/code/C12832): drawing goes to a 512-byte frame buffer in the
 * MCU, and copy_to_lcd() sends it to the controller's display RAM over SPI. With auto
 * update on (the default), every drawing call sends it.
 *
 * Text uses the classic library's rules, which this driver follows to the pixel:
 * - the default font is proportional (see Small_7.h), 9 pixels tall;
 * - each character paints its whole 9x9 cell (blank columns too), then the cursor
 *   advances by that character's width;
 * - a character whose 9-pixel cell would cross the right edge moves the cursor to the
 *   next line *after* it is drawn at the old position (clipped), so the next character
 *   starts at that character's width on the new line;
 * - '\n' moves to column 0 of the next line; a line that would start at or below
 *   y = height - font height (23 with the default font) starts again at y = 0.
 *
 * It is portable: it uses only mbed::SPI and mbed::DigitalOut, so the same file runs on a
 * board with real Mbed OS 6 and in utensor-sim, where a bus-level ST7565R model behind
 * the SPI pins shows what the controller would show.
 *
 * @note Synchronization level: not thread safe. Draw from one thread.
 *
 * Example:
 * @code
 * #include "mbed.h"
 * #include "C12832.h"
 *
 * C12832 lcd(D11, D13, D12, D7, D10);  // FRDM-K64F + application shield
 * // C12832 lcd(p5, p7, p6, p8, p11);  // LPC1768 application board
 *
 * int main() {
 *     lcd.cls();
 *     lcd.locate(0, 3);
 *     lcd.printf("mbed application shield!");
 *     lcd.circle(100, 16, 10, 1);
 * }
 * @endcode
 */
#pragma once

#include <cstdint>

#include "mbed.h"

/** Drawing modes for C12832::setmode(). */
enum {
    NORMAL,  ///< pixels are set to the colour given
    XOR      ///< colour 1 inverts the pixel, colour 0 leaves it
};

/** A 1-bit picture for C12832::print_bm(): rows of bytes, most significant bit leftmost. */
struct Bitmap {
    int xSize;         ///< width in pixels
    int ySize;         ///< height in pixels
    int Byte_in_Line;  ///< bytes per row: (xSize + 7) / 8
    char *data;        ///< ySize rows of Byte_in_Line bytes
};

/** The application shield's LCD. Drawing coordinates: x 0..127 left to right, y 0..31
 * top to bottom; colour 1 is a dark pixel, 0 a clear one. */
class C12832 : public mbed::Stream {
public:
    /** Connect to the LCD and initialise it (reset pulse, ST7565R start-up sequence, a clear
     * screen, auto update on, cursor at 0,0, the default font).
     *
     * @param mosi SPI MOSI pin (LCD SI)
     * @param sck  SPI clock pin (LCD SCL)
     * @param reset LCD reset pin (active low)
     * @param a0   register select: 0 = command, 1 = display data
     * @param ncs  chip select (active low)
     * @param name the Stream's name
     *
     * @code
     * C12832 lcd(D11, D13, D12, D7, D10);  // FRDM-K64F + application shield
     * C12832 lcd(p5, p7, p6, p8, p11);     // LPC1768 application board
     * @endcode
     */
    C12832(PinName mosi, PinName sck, PinName reset, PinName a0, PinName ncs, const char *name = "LCD");

    /** Width of the screen in pixels (128). */
    virtual int width();

    /** Height of the screen in pixels (32). */
    virtual int height();

    /** Set or clear one pixel in the frame buffer (shown at the next copy_to_lcd()).
     *
     * @param x horizontal position, 0..127
     * @param y vertical position, 0..31
     * @param colour 1 sets the pixel, 0 clears it (in XOR mode 1 inverts it, 0 does nothing)
     *
     * @code
     * lcd.pixel(10, 10, 1);
     * lcd.copy_to_lcd();
     * @endcode
     */
    virtual void pixel(int x, int y, int colour);

    /** Draw a circle outline (Bresenham), then update the LCD if auto update is on.
     *
     * @param x,y centre
     * @param r radius in pixels (0 draws nothing)
     * @param colour 1 or 0
     *
     * @code
     * lcd.circle(64, 16, 10, 1);
     * @endcode
     */
    void circle(int x, int y, int r, int colour);

    /** Draw a filled circle, as concentric circles of radius 0..r (like the classic library,
     * a few pixels between the rings stay clear).
     *
     * @code
     * lcd.fillcircle(64, 16, 6, 1);
     * @endcode
     */
    void fillcircle(int x, int y, int r, int colour);

    /** Draw a one pixel wide line from (x0, y0) to (x1, y1), both ends included.
     *
     * @code
     * lcd.line(0, 0, 127, 31, 1);  // a diagonal
     * @endcode
     */
    void line(int x0, int y0, int x1, int y1, int colour);

    /** Draw a rectangle outline with corners (x0, y0) and (x1, y1).
     *
     * @code
     * lcd.rect(0, 0, 127, 31, 1);  // a frame around the screen
     * @endcode
     */
    void rect(int x0, int y0, int x1, int y1, int colour);

    /** Draw a filled rectangle with corners (x0, y0) and (x1, y1).
     *
     * @code
     * lcd.fillrect(10, 10, 20, 20, 1);
     * lcd.fillrect(12, 12, 18, 18, 0);  // clear its middle
     * @endcode
     */
    void fillrect(int x0, int y0, int x1, int y1, int colour);

    /** Send the frame buffer to the LCD's display RAM over SPI: the 128-byte pages that
     * changed since the last transfer (all four after cls() and at start-up). Needed after
     * drawing when auto update is off, and after print_bm().
     *
     * @code
     * lcd.set_auto_up(0);
     * for (int x = 0; x < 128; x += 4) lcd.pixel(x, 16, 1);
     * lcd.copy_to_lcd();  // one transfer instead of 32
     * @endcode
     */
    void copy_to_lcd(void);

    /** Set the contrast (the ST7565R's electronic volume, 0..63; the default is 23).
     *
     * @code
     * lcd.set_contrast(30);
     * @endcode
     */
    void set_contrast(unsigned int o);

    /** The contrast last set with set_contrast() (23 after start-up). */
    unsigned int get_contrast(void);

    /** Show the screen inverted (done by the controller; the frame buffer is unchanged).
     *
     * @param o 0 normal, 1 inverted
     *
     * @code
     * lcd.invert(1);
     * @endcode
     */
    void invert(unsigned int o);

    /** Clear the frame buffer and the LCD. The text cursor stays where it was.
     *
     * @code
     * lcd.cls();
     * lcd.locate(0, 0);
     * @endcode
     */
    virtual void cls(void);

    /** Choose how pixels are drawn.
     *
     * @param mode NORMAL or XOR (drawing the same thing twice in XOR mode erases it)
     *
     * @code
     * lcd.setmode(XOR);
     * lcd.print_bm(sprite, x, 2);  // draw
     * lcd.copy_to_lcd();
     * lcd.print_bm(sprite, x, 2);  // erase
     * @endcode
     */
    void setmode(int mode);

    /** How many cells of the current font fit across the screen (128 / cell width). */
    virtual int columns(void);

    /** How many lines of the current font fit on the screen (32 / cell height). */
    virtual int rows(void);

    /** Draw one character of the current font with its cell's top left corner at (x, y),
     * then advance the text cursor by the character's width (wrapping as described at the
     * top of this file). Codes below 31 or above 127 are ignored.
     *
     * @code
     * lcd.character(0, 0, 'A');
     * @endcode
     */
    virtual void character(int x, int y, int c);

    /** Move the text cursor (the top left corner of the next character), in pixels.
     *
     * @code
     * lcd.locate(0, 10);
     * lcd.printf("second line");
     * @endcode
     */
    virtual void locate(int x, int y);

    /** Turn auto update on (1) or off (0). With it off, drawing only changes the frame
     * buffer until copy_to_lcd().
     *
     * @code
     * lcd.set_auto_up(0);
     * @endcode
     */
    void set_auto_up(unsigned int up);

    /** Whether auto update is on (1) or off (0). */
    unsigned int get_auto_up(void);

    /** Select the font for text, in the classic C12832 font layout (four header bytes:
     * bytes per character, cell width, cell height, bytes per column; then per character
     * its width and its column bitmaps), e.g. fonts made with GLCD Font Creator.
     *
     * @code
     * #include "Small_7.h"
     * lcd.set_font((unsigned char *) Small_7);  // back to the default font
     * @endcode
     */
    void set_font(unsigned char *f);

    /** Draw a Bitmap with its top left corner at (x, y) into the frame buffer (call
     * copy_to_lcd() to show it). Parts right of x = 127 or below y = 31 are cut off.
     *
     * @code
     * static char smile_data[] = {0x3C, 0x42, 0xA5, 0x81, 0xA5, 0x99, 0x42, 0x3C};
     * Bitmap smile = {8, 8, 1, smile_data};
     * lcd.print_bm(smile, 60, 12);
     * lcd.copy_to_lcd();
     * @endcode
     */
    void print_bm(Bitmap bm, int x, int y);

    /** Draw a character at the text cursor and advance it ('\n' starts a new line);
     * printf(), putc() and puts() (from mbed::Stream) end up here.
     *
     * @code
     * lcd._putc('A');
     * @endcode
     */
    int _putc(int value) override;

protected:
    /** Stream: the LCD has no input; always -1. */
    int _getc() override;

    /** Reset the controller and run its start-up sequence. */
    void lcd_reset();
    /** Send one command byte (A0 = 0). */
    void wr_cmd(unsigned char cmd);
    /** Send one display data byte (A0 = 1). */
    void wr_dat(unsigned char dat);

    mbed::SPI _spi;
    mbed::DigitalOut _reset;
    mbed::DigitalOut _A0;
    mbed::DigitalOut _CS;

private:
    void auto_update();

    const unsigned char *font;
    unsigned int draw_mode;
    int char_x;
    int char_y;
    unsigned char buffer[512];  // 4 pages of 128 columns, bit 0 = top row of the page
    unsigned char dirty_pages;  // bit n: page n differs from the LCD's display RAM
    unsigned int contrast;
    unsigned int auto_up;
};
