// Reads the text a 128x32 panel shows, for the run report's `lcd_text` and the page's
// accessible label: finds the characters of a font in the classic C12832 layout (the
// driver's default, Small_7) wherever C12832::character() drew them.
//
// The LCD model only has pixels, as the real controller does, so text is recognised from
// them: a character cell paints its whole 9-row column pattern, so a character is found
// where the panel's columns equal its glyph's columns exactly. The longest glyph wins;
// characters that follow each other form a run; runs on the same row are joined with one
// space per space-width gap, and a line starting at x keeps floor(x / space width) spaces. Runs without a letter or digit other than 'l' and 'I' (the
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

// The glyphs of a font listed by their first inked column's bits (a hash, so a position is
// tried against one or two glyphs instead of all 94), with that column's offset.
struct GlyphIndex {
  const unsigned char* font = nullptr;
  int8_t head[512];
  int8_t next[96];
  uint8_t width[96], first_ink[96];
  uint16_t cols[96][16];
  void build(const unsigned char* f);
};

inline uint16_t glyph_column(const unsigned char* font, int c, int col);

inline void GlyphIndex::build(const unsigned char* f) {
  if (font == f) return;
  font = f;
  for (auto& h : head) h = -1;
  for (int c = 126; c >= 33; --c) {  // printable, without the space; lists end up in code order
    const int i = c - 32;
    const int w = f[4 + i * f[0]];
    width[i] = static_cast<uint8_t>(w > 16 ? 16 : w);
    for (int col = 0; col < width[i]; ++col) cols[i][col] = glyph_column(f, c, col);
    next[i] = -1;
    int k = 0;
    while (k < width[i] && !cols[i][k]) ++k;
    if (k == width[i]) continue;  // no ink: never text
    first_ink[i] = static_cast<uint8_t>(k);
    next[i] = head[cols[i][k] & 511];
    head[cols[i][k] & 511] = static_cast<int8_t>(i);
  }
}

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
  static GlyphIndex index;
  index.build(font);
  Run runs[kMaxRuns];
  int run_count = 0;
  uint16_t columns[kMaxWidth];
  for (int y = 0; y + cell_h <= height; ++y) {
    // Each column's cell_h pixels from row y down, bit 0 on top: slid down one row per y.
    bool any = false;
    for (int x = 0; x < width; ++x) {
      if (y == 0) {
        uint16_t bits = 0;
        for (int r = 0; r < cell_h; ++r)
          if (pixels[r * width + x]) bits = static_cast<uint16_t>(bits | (1u << r));
        columns[x] = bits;
      } else {
        columns[x] = static_cast<uint16_t>((columns[x] >> 1) | ((pixels[(y + cell_h - 1) * width + x] ? 1u : 0u) << (cell_h - 1)));
      }
      any = any || columns[x];
    }
    if (!any) continue;
    // p: where the next character may start. Each glyph is looked up by the next inked column
    // q >= p and placed at q minus its blank lead; a gap before it ends the current run.
    Run* run = nullptr;
    auto close_run = [&] {
      if (run && !meaningful(*run)) --run_count;
      run = nullptr;
    };
    for (int p = 0; p < width;) {
      int q = p;
      while (q < width && !columns[q]) ++q;
      if (q == width) break;
      int best = -1, best_w = 0, best_start = 0;
      for (int c = index.head[columns[q] & 511]; c >= 0; c = index.next[c]) {
        const int w = index.width[c], start = q - index.first_ink[c];
        if (start < p || w <= best_w || start + w > width) continue;
        bool match = true;
        for (int col = 0; col < w && match; ++col) match = columns[start + col] == index.cols[c][col];
        if (match) {
          best = c + 32;
          best_w = w;
          best_start = start;
        }
      }
      if (best < 0) {
        close_run();
        p = q + 1;
        continue;
      }
      if (run && best_start != p) close_run();
      if (!run) {
        if (run_count == kMaxRuns) break;
        run = &runs[run_count++];
        *run = Run{y, best_start, best_start, {}, 0};
      }
      if (run->length < kLcdTextMaxChars) run->text[run->length++] = static_cast<char>(best);
      p = best_start + best_w;
      run->end = p;
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
    const int space_w = font[4] > 0 ? font[4] : 5;  // the space's advance
    if (len == 0) {
      // A line that starts right of the edge keeps its indent, in spaces (floor(x / space)).
      for (int n = runs[i].x / space_w; n > 0 && len < kLcdTextMaxChars; --n) text[len++] = ' ';
    } else if (previous >= 0) {
      const int gap = runs[i].x - runs[previous].end;
      int spaces = static_cast<int>(std::lround(static_cast<double>(gap) / space_w));
      if (spaces < 1) spaces = 1;
      while (spaces-- > 0 && len < kLcdTextMaxChars) text[len++] = ' ';
    }
    for (int k = 0; k < runs[i].length && len < kLcdTextMaxChars; ++k) text[len++] = runs[i].text[k];
    text[len] = '\0';
    previous = i;
  }
}

}  // namespace simdev
