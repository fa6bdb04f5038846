"""Canvas -> MNIST: turn a drawing into a 28x28 image the way MNIST digits were made, and into IDX.

MNIST's recipe: the digit's bounding box is scaled (antialiased) so its longer side is 20
pixels, then placed in a 28x28 field so its centre of mass is at the centre; ink is white
(255) on black (0). Input may be an image (PNG/JPEG bytes, a path, a numpy array, RGBA canvas
pixels) or pen strokes. Everything is validated first: a bad payload gets a HarnessError with
a message for the user, never an exception from deep inside Pillow.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from simulator import idx
from simulator.errors import UserError

MAX_SIDE = 2048  # pixels of an image file
MAX_BYTES = 4 << 20  # encoded image
INK_THRESHOLD = 0.1  # of full ink: below this a pixel is background
# Pen strokes are limited to what a person draws on a canvas (the page's is 280x280 with a
# 18 px pen; a digit is a few hundred points), and rasterized at most RASTER_SIDE pixels a
# side (scaled down first: the digit ends up 20 px tall anyway), so one drawing costs a few
# milliseconds of CPU whatever a client sends.
MAX_CANVAS_SIDE = 1024
MAX_STROKES = 64
MAX_STROKE_POINTS = 4000
MAX_LINE_WIDTH = 64
RASTER_SIDE = 280


class HarnessError(UserError):
    """The drawing cannot be turned into a digit; the message says why."""


def _ink_from_image(img: Any) -> np.ndarray:
    """Ink in [0, 1] (1 = full ink) from a Pillow image of any mode."""
    rgba = np.asarray(img.convert("RGBA"), np.float32) / 255.0
    alpha = rgba[..., 3]
    if alpha.min() < 0.99:  # transparent background: the strokes are the opaque part
        return alpha
    gray = np.asarray(img.convert("L"), np.float32) / 255.0
    # Dark ink on a light background (pen on paper) or light on dark (MNIST style).
    return 1.0 - gray if np.median(gray) > 0.5 else gray


def load_image(source: bytes | str | Path | np.ndarray) -> np.ndarray:
    """Ink in [0, 1], shape (H, W), from encoded bytes, a file, or an array (gray or RGB(A))."""
    from PIL import Image, UnidentifiedImageError

    if isinstance(source, np.ndarray):
        a = source
        if a.ndim not in (2, 3) or (a.ndim == 3 and a.shape[2] not in (1, 3, 4)):
            raise HarnessError(f"an image array must be HxW or HxWx(1|3|4), got shape {a.shape}")
        if a.shape[0] > MAX_SIDE or a.shape[1] > MAX_SIDE or min(a.shape[:2]) < 1:
            raise HarnessError(f"image of {a.shape[1]}x{a.shape[0]} pixels: sides must be 1..{MAX_SIDE}")
        if a.dtype != np.uint8:
            if not np.issubdtype(a.dtype, np.number) or not np.isfinite(a).all():
                raise HarnessError("image values must be finite numbers")
            a = np.clip(a * 255.0 if a.max() <= 1.0 else a, 0, 255).astype(np.uint8)
        img = Image.fromarray(a[..., 0] if a.ndim == 3 and a.shape[2] == 1 else a)
        return _ink_from_image(img)
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise HarnessError(f"cannot read {path}: {exc.strerror or exc}") from None
    else:
        data = bytes(source)
    if not data:
        raise HarnessError("the image is empty (0 bytes)")
    if len(data) > MAX_BYTES:
        raise HarnessError(f"the image is {len(data)} bytes; the limit is {MAX_BYTES}")
    try:
        img = Image.open(io.BytesIO(data))
        if img.width > MAX_SIDE or img.height > MAX_SIDE:
            raise HarnessError(f"image of {img.width}x{img.height} pixels: sides must be at most {MAX_SIDE}")
        img.load()
    except HarnessError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise HarnessError(f"not a readable image ({type(exc).__name__})") from None
    return _ink_from_image(img)


def strokes_to_ink(strokes: Sequence[Sequence[Sequence[float]]], width: int, height: int,
                   line_width: float = 18.0) -> np.ndarray:
    """Rasterise pen strokes (lists of [x, y] points in canvas pixels) as ink in [0, 1].

    A canvas larger than ``RASTER_SIDE`` is drawn scaled down (points and pen alike)."""
    from PIL import Image, ImageDraw

    if (not (isinstance(width, int) and isinstance(height, int)) or isinstance(width, bool)
            or not (1 <= width <= MAX_CANVAS_SIDE and 1 <= height <= MAX_CANVAS_SIDE)):
        raise HarnessError(f"canvas size must be whole numbers 1..{MAX_CANVAS_SIDE}, got {width!r}x{height!r}")
    if (not isinstance(line_width, (int, float)) or isinstance(line_width, bool)
            or not 1 <= line_width <= min(MAX_LINE_WIDTH, max(width, height))):
        raise HarnessError(f"line width must be a number from 1 to {MAX_LINE_WIDTH} (and at most the canvas size)")
    if not isinstance(strokes, (list, tuple)):
        raise HarnessError("strokes must be a list of lists of [x, y] points")
    if len(strokes) > MAX_STROKES:
        raise HarnessError(f"more than {MAX_STROKES} strokes in one drawing")
    scale = min(1.0, RASTER_SIDE / max(width, height))
    img = Image.new("L", (max(1, round(width * scale)), max(1, round(height * scale))), 0)
    draw = ImageDraw.Draw(img)
    total = 0
    pen = max(1.0, line_width * scale)
    r = pen / 2
    for stroke in strokes:
        if not isinstance(stroke, (list, tuple)):
            raise HarnessError("each stroke must be a list of [x, y] points")
        pts = []
        for p in stroke:
            if (not isinstance(p, (list, tuple)) or len(p) != 2
                    or not all(isinstance(v, (int, float)) and np.isfinite(v) for v in p)):
                raise HarnessError("each point must be [x, y] with finite numbers")
            # Points far outside the canvas draw nothing, but would cost time: clamp them to it.
            pts.append((min(max(float(p[0]), -line_width), width + line_width) * scale,
                        min(max(float(p[1]), -line_width), height + line_width) * scale))
            if len(pts) + total > MAX_STROKE_POINTS:
                raise HarnessError(f"more than {MAX_STROKE_POINTS} points in the strokes")
        total += len(pts)
        if len(pts) > 1:
            draw.line(pts, fill=255, width=int(round(pen)), joint="curve")
        for x, y in pts:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=255)
    return np.asarray(img, np.float32) / 255.0


def mnistify(ink: np.ndarray) -> np.ndarray:
    """Ink in [0, 1] (any size) -> 28x28 uint8, MNIST style."""
    from PIL import Image

    mask = ink > INK_THRESHOLD
    if not mask.any():
        raise HarnessError("the canvas is empty: draw a digit first")
    rows, cols = np.where(mask.any(axis=1))[0], np.where(mask.any(axis=0))[0]
    crop = ink[rows[0]: rows[-1] + 1, cols[0]: cols[-1] + 1]
    h, w = crop.shape
    scale = 20.0 / max(h, w)
    new_w, new_h = max(1, round(w * scale)), max(1, round(h * scale))
    small = Image.fromarray((crop * 255).astype(np.uint8)).resize((new_w, new_h), Image.Resampling.LANCZOS)
    digit = np.asarray(small, np.float32)
    field = np.zeros((28, 28), np.float32)
    top, left = (28 - new_h) // 2, (28 - new_w) // 2
    field[top: top + new_h, left: left + new_w] = digit
    # Shift so the centre of mass sits at the centre (as MNIST), keeping the digit inside.
    total = field.sum()
    ys, xs = np.indices(field.shape)
    cy, cx = (ys * field).sum() / total, (xs * field).sum() / total
    dy = int(np.clip(round(13.5 - cy), -top, 28 - new_h - top))
    dx = int(np.clip(round(13.5 - cx), -left, 28 - new_w - left))
    field = np.roll(np.roll(field, dy, axis=0), dx, axis=1)
    return np.clip(np.round(field), 0, 255).astype(np.uint8)


def canvas_to_image(payload: Any) -> np.ndarray:
    """A page payload -> 28x28 uint8. Accepted: {"png": bytes} or {"strokes": [...], "width": W,
    "height": H, "line_width": px} or {"pixels": bytes (RGBA), "width": W, "height": H}."""
    if not isinstance(payload, dict):
        raise HarnessError(f"the canvas payload must be an object, got {type(payload).__name__}")
    if "png" in payload:
        data = payload["png"]
        if not isinstance(data, (bytes, bytearray)):
            raise HarnessError('"png" must be binary image data')
        return mnistify(load_image(bytes(data)))
    if "strokes" in payload:
        return mnistify(strokes_to_ink(payload["strokes"], payload.get("width"), payload.get("height"),
                                       payload.get("line_width", 18.0)))
    if "pixels" in payload:
        w, h, data = payload.get("width"), payload.get("height"), payload["pixels"]
        if not isinstance(w, int) or not isinstance(h, int) or not (1 <= w <= MAX_SIDE and 1 <= h <= MAX_SIDE):
            raise HarnessError(f"canvas size must be whole numbers 1..{MAX_SIDE}")
        if not isinstance(data, (bytes, bytearray)) or len(data) != w * h * 4:
            raise HarnessError(f"expected {w}x{h} RGBA pixels ({w * h * 4} bytes), got "
                               f"{len(data) if isinstance(data, (bytes, bytearray)) else type(data).__name__}")
        return mnistify(load_image(np.frombuffer(bytes(data), np.uint8).reshape(h, w, 4)))
    raise HarnessError('the canvas payload needs "png", "strokes" or "pixels"')


def image_to_idx(source: bytes | str | Path | np.ndarray) -> bytes:
    """An image (file, bytes or array) -> IDX bytes of the 28x28 MNIST-style digit."""
    return idx.encode(mnistify(load_image(source)))
