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
#include <cstring>
#include <cstdlib>
#include <cmath>
#include <cctype>
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

// ---- implementation (header-only, so unit tests need no simulator) ----
namespace simdev {

namespace detail_lcd_text {

constexpr int kMaxWidth = 128;
constexpr int kMaxRuns = 32;

struct Run {
  int y, x, end;
  char text[kLcdTextMaxChars + 1];
  int length;
};

inline uint16_t glyph_column(const unsigned char* font, int c, int col) {
  const unsigned char* glyph = font + 4 + (c - 32) * font[0];
  const int bpc = font[3];
  uint16_t bits = glyph[1 + bpc * col];
  if (bpc > 1) bits = static_cast<uint16_t>(bits | (glyph[2 + bpc * col] << 8));
  return bits;
}

// Text has a letter or digit other than 'l' and 'I': the edges of a drawing look like
// 'l', 'I', '|', '_', '-', '.' and so on, never like the other letters.
inline bool meaningful(const Run& run) {
  for (int i = 0; i < run.length; ++i) {
    const char c = run.text[i];
    if (std::isalnum(static_cast<unsigned char>(c)) && c != 'l' && c != 'I') return true;
  }
  return false;
}

}  // namespace detail_lcd_text
using namespace detail_lcd_text;

inline void recognise_text(const uint8_t* pixels, int width, int height, const unsigned char* font, LcdText* out) {
  *out = LcdText{};
  const int cell_h = font[2];
  if (width > kMaxWidth || cell_h > 16 || cell_h > height) return;
  Run runs[kMaxRuns];
  int run_count = 0;
  for (int y = 0; y + cell_h <= height; ++y) {
    uint16_t columns[kMaxWidth];
    bool any = false;
    for (int x = 0; x < width; ++x) {
      uint16_t bits = 0;
      for (int r = 0; r < cell_h; ++r)
        if (pixels[(y + r) * width + x]) bits = static_cast<uint16_t>(bits | (1u << r));
      columns[x] = bits;
      any = any || bits;
    }
    if (!any) continue;
    Run* run = nullptr;
    for (int x = 0; x < width;) {
      int best = -1, best_w = 0;
      for (int c = 33; c <= 126; ++c) {  // printable, without the space
        const int w = font[4 + (c - 32) * font[0]];
        if (w <= best_w || x + w > width) continue;
        bool match = true;
        for (int col = 0; col < w && match; ++col) match = columns[x + col] == glyph_column(font, c, col);
        if (match) {
          best = c;
          best_w = w;
        }
      }
      if (best < 0) {
        if (run && !meaningful(*run)) --run_count;
        run = nullptr;
        ++x;
        continue;
      }
      if (!run) {
        if (run_count == kMaxRuns) break;
        run = &runs[run_count++];
        *run = Run{y, x, x, {}, 0};
      }
      if (run->length < kLcdTextMaxChars) run->text[run->length++] = static_cast<char>(best);
      x += best_w;
      run->end = x;
    }
    if (run && !meaningful(*run)) --run_count;
  }
  // The same ink can look like text at two heights a few rows apart (the top of a 'P' is a
  // 'p' two rows higher): of two such runs, the one with more characters is the text.
  bool dropped[kMaxRuns] = {};
  for (int i = 0; i < run_count; ++i)
    for (int j = 0; j < run_count; ++j) {
      const bool overlap = i != j && std::abs(runs[i].y - runs[j].y) <= cell_h / 2 && runs[i].x < runs[j].end &&
                           runs[j].x < runs[i].end;
      if (overlap && (runs[j].length > runs[i].length || (runs[j].length == runs[i].length && j < i)))
        dropped[i] = true;
    }
  // Runs on the same row make one line, in x order (runs are found in row, then x order).
  int previous = -1;
  for (int i = 0; i < run_count; ++i) {
    if (dropped[i]) continue;
    int line = -1;
    for (int l = 0; l < out->count; ++l)
      if (out->y[l] == runs[i].y) line = l;
    if (line < 0) {
      if (out->count == kLcdTextMaxLines) continue;
      line = out->count++;
      out->y[line] = runs[i].y;
    }
    char* text = out->lines[line];
    size_t len = std::strlen(text);
    if (len > 0 && previous >= 0) {
      const int gap = runs[i].x - runs[previous].end;
      const int space_w = font[4];  // the space's advance
      int spaces = static_cast<int>(std::lround(static_cast<double>(gap) / (space_w > 0 ? space_w : 5)));
      if (spaces < 1) spaces = 1;
      while (spaces-- > 0 && len < kLcdTextMaxChars) text[len++] = ' ';
    }
    for (int k = 0; k < runs[i].length && len < kLcdTextMaxChars; ++k) text[len++] = runs[i].text[k];
    text[len] = '\0';
    previous = i;
  }
}

}  // namespace simdev
