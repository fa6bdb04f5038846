"""Twenty hand-made pen drawings of the digits 0-9 (two per class, different sizes and
places on the 280x280 canvas), as the end-to-end test draws them with the mouse.

Each template is a list of strokes in a unit box (x right, y down); `place` scales and moves
it onto the canvas. The second drawing of each digit is smaller and off-centre.
"""

from __future__ import annotations

import math

TEMPLATES: dict[int, list[list[tuple[float, float]]]] = {
    0: [[(0.5 + 0.32 * math.cos(a / 16 * 2 * math.pi), 0.5 + 0.47 * math.sin(a / 16 * 2 * math.pi)) for a in range(17)]],
    1: [[(0.35, 0.2), (0.55, 0.0), (0.55, 1.0)]],
    2: [[(0.15, 0.25), (0.3, 0.05), (0.6, 0.0), (0.8, 0.15), (0.8, 0.35), (0.6, 0.6), (0.15, 1.0), (0.9, 1.0)]],
    3: [[(0.15, 0.1), (0.5, 0.0), (0.8, 0.12), (0.8, 0.35), (0.45, 0.5), (0.82, 0.65), (0.82, 0.9), (0.5, 1.0), (0.12, 0.9)]],
    4: [[(0.65, 1.0), (0.65, 0.0), (0.1, 0.7), (0.95, 0.7)]],
    5: [[(0.85, 0.0), (0.25, 0.0), (0.2, 0.45), (0.55, 0.4), (0.85, 0.6), (0.8, 0.9), (0.5, 1.0), (0.15, 0.9)]],
    6: [[(0.75, 0.05), (0.45, 0.15), (0.25, 0.5), (0.22, 0.8), (0.45, 1.0), (0.72, 0.88), (0.75, 0.62), (0.5, 0.5),
         (0.25, 0.65)]],
    7: [[(0.1, 0.0), (0.9, 0.0), (0.4, 1.0)]],
    8: [[(0.75, 0.15), (0.5, 0.0), (0.25, 0.15), (0.3, 0.38), (0.7, 0.6), (0.75, 0.88), (0.5, 1.0), (0.25, 0.88),
         (0.3, 0.6), (0.7, 0.38), (0.75, 0.15)]],
    9: [[(0.75, 0.3), (0.5, 0.45), (0.25, 0.3), (0.3, 0.05), (0.6, 0.0), (0.75, 0.2), (0.72, 0.6), (0.65, 1.0)]],
}

# (left, top, width, height) on the canvas for the two drawings of each digit
PLACES = [(60, 40, 160, 200), (110, 90, 90, 120)]


def place(strokes: list[list[tuple[float, float]]], box: tuple[int, int, int, int]) -> list[list[tuple[int, int]]]:
    left, top, w, h = box
    return [[(round(left + x * w), round(top + y * h)) for x, y in s] for s in strokes]


def drawings() -> list[tuple[int, list[list[tuple[int, int]]]]]:
    return [(digit, place(t, box)) for box in PLACES for digit, t in TEMPLATES.items()]
