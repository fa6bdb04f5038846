/** @file Small_7.h
 * The C12832 driver's default font, in the classic C12832 font layout.
 *
 * Proportional, 9 pixels tall, with the metrics of the classic library's Small_7 (the
 * same advance width for every character), so text wraps and lines up as on a board.
 * The glyphs are this project's own drawing (firmware/shield/make_font.py).
 *
 * Layout, as read by C12832::set_font(): four header bytes (bytes per character, cell
 * width, cell height, bytes per column), then for each character from ' ' (32) to DEL
 * (127) its advance width and one 16-bit column bitmap (low byte first, bit 0 = top
 * row) for each of the 9 cell columns.
 */
#pragma once

/** The default font (96 characters, 19 bytes each, after a 4-byte header). */
extern const unsigned char Small_7[4 + 96 * 19];
