// Reads the text a 128x32 panel shows, for the run report's `lcd_text` and the page's
// accessible label: finds the characters of a font in the classic C12832 layout (the
// driver's default, Small_7) wherever C12832::character() drew them.
//
// The LCD model only has pixels, as the real controller does, so text is recognised from
// them: a character cell paints its whole 9-row column pattern, so a character is found
// where the panel's columns equal its glyph's columns exactly. The longest glyph wins;
// characters that follow each other form a run; runs on the same row are joined with one
// space per space-width gap. Runs without a letter or digit other than 'l' and 'I' (the
// edges of a drawing look like 'l', 'I', '_', '-', '.') and the weaker of two runs a few
// rows apart on the same ink are dropped. Rows come top to bottom.
#pragma once
#include <cstdint>

namespace simdev {

constexpr int kLcdTextMaxLines = 8;
constexpr int kLcdTextMaxChars = 40;

struct LcdText {
  int count = 0;
  int y[kLcdTextMaxLines] = {};
  char lines[kLcdTextMaxLines][kLcdTextMaxChars + 1] = {};
};

// `pixels`: width x height bytes, row-major, nonzero = ink. `font`: classic layout.
void recognise_text(const uint8_t* pixels, int width, int height, const unsigned char* font, LcdText* out);

}  // namespace simdev
