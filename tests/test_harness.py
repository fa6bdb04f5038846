"""The canvas harness: drawings -> MNIST-style 28x28 -> IDX, and bad payloads."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from simulator import idx
from simulator.cli import main as sim
from simulator.harness import HarnessError, canvas_to_image, image_to_idx, load_image, mnistify


def drawing(size=(280, 280), box=(100, 60, 140, 220), mode="L", bg=255, ink=0, width=16) -> Image.Image:
    img = Image.new(mode, size, bg)
    ImageDraw.Draw(img).line([(box[0], box[1]), (box[2], box[3])], fill=ink, width=width)
    return img


def png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def test_mnist_recipe_longer_side_20_centre_of_mass_centred():
    out = mnistify(load_image(png(drawing())))
    assert out.shape == (28, 28) and out.dtype == np.uint8
    ys, xs = np.nonzero(out > 30)
    assert ys.max() - ys.min() + 1 in (19, 20, 21)  # the longer side is about 20 px
    total = out.sum()
    cy = (np.arange(28)[:, None] * out).sum() / total
    cx = (np.arange(28)[None, :] * out).sum() / total
    assert abs(cy - 13.5) <= 1.0 and abs(cx - 13.5) <= 1.0
    assert out.max() == 255 or out.max() > 200  # ink is bright on black


def test_position_and_size_do_not_matter():
    a = mnistify(load_image(png(drawing(box=(60, 40, 100, 240)))))
    b = mnistify(load_image(png(drawing(box=(200, 150, 215, 200), width=6))))
    assert np.corrcoef(a.ravel().astype(float), b.ravel().astype(float))[0, 1] > 0.6


def test_polarity_and_transparency_are_detected():
    dark_on_light = mnistify(load_image(png(drawing())))
    light_on_dark = mnistify(load_image(png(drawing(bg=0, ink=255))))
    transparent = mnistify(load_image(png(drawing(mode="RGBA", bg=(0, 0, 0, 0), ink=(10, 10, 10, 255)))))
    np.testing.assert_array_equal(dark_on_light, light_on_dark)
    assert np.abs(transparent.astype(int) - dark_on_light.astype(int)).max() <= 2


def test_strokes_and_pixels_payloads_match_the_png():
    strokes = [[[100, 60], [140, 220]]]
    from_strokes = canvas_to_image({"strokes": strokes, "width": 280, "height": 280, "line_width": 16})
    rgba = np.asarray(drawing(mode="RGBA", bg=(255, 255, 255, 255), ink=(0, 0, 0, 255)))
    from_pixels = canvas_to_image({"pixels": rgba.tobytes(), "width": 280, "height": 280})
    from_png = canvas_to_image({"png": png(drawing())})
    np.testing.assert_array_equal(from_pixels, from_png)
    assert np.abs(from_strokes.astype(int) - from_png.astype(int)).mean() < 12


def test_image_to_idx_round_trips(tmp_path):
    drawing().save(tmp_path / "d.png")
    data = image_to_idx(tmp_path / "d.png")
    assert data[:4] == b"\x00\x00\x08\x02"
    np.testing.assert_array_equal(idx.decode(data), mnistify(load_image(tmp_path / "d.png")))


@pytest.mark.parametrize(
    "payload, message",
    [
        ("a string", "must be an object"),
        ({}, "needs"),
        ({"png": "not bytes"}, "binary"),
        ({"png": b""}, "empty"),
        ({"png": b"GIF89a garbage that is not an image"}, "not a readable image"),
        ({"png": png(Image.new("L", (280, 280), 255))}, "canvas is empty"),
        ({"png": b"\x89PNG" + b"\x00" * (5 << 20)}, "limit"),
        ({"png": png(Image.new("L", (3000, 10), 255))}, "at most"),
        ({"strokes": [], "width": 280, "height": 280}, "canvas is empty"),
        ({"strokes": [[[1, 2, 3]]], "width": 280, "height": 280}, "[x, y]"),
        ({"strokes": [[["a", 2]]], "width": 280, "height": 280}, "finite"),
        ({"strokes": [[[float("nan"), 2]]], "width": 280, "height": 280}, "finite"),
        ({"strokes": "x", "width": 280, "height": 280}, "list"),
        ({"strokes": [[[1, 1]] * 30000], "width": 280, "height": 280}, "more than"),
        ({"strokes": [[[1, 1]]], "width": 99999, "height": 280}, "canvas size"),
        ({"strokes": [[[1, 1]]], "width": "280", "height": 280}, "canvas size"),
        ({"pixels": b"\x00" * 10, "width": 280, "height": 280}, "RGBA pixels"),
        ({"pixels": b"\x00" * 16, "width": -2, "height": -2}, "canvas size"),
    ],
)
def test_bad_payloads_get_a_clear_error(payload, message):
    with pytest.raises(HarnessError, match=message.replace("[", r"\[").replace("]", r"\]")):
        canvas_to_image(payload)


def test_sim_digit_cli(tmp_path, capsys):
    drawing().save(tmp_path / "d.png")
    assert sim(["digit", str(tmp_path / "d.png"), "-o", str(tmp_path / "t.idx"), "--preview", str(tmp_path / "p.png")]) == 0
    assert idx.read(tmp_path / "t.idx").shape == (28, 28)
    assert Image.open(tmp_path / "p.png").size == (112, 112)
    (tmp_path / "bad.png").write_bytes(b"nope")
    assert sim(["digit", str(tmp_path / "bad.png")]) == 2
    assert "not a readable image" in capsys.readouterr().err
