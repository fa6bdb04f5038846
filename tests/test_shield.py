"""The application shield's parts end to end: the portable drivers (firmware/shield) over the
simulator's SPI/I2C to the bus-level models (firmware/mbed/devices), on host, Cortex-M4 under
QEMU and wasm under node. LCD graphics are pixel-exact across the three targets; the text
follows the classic C12832 library's placement rules; the sensors read what `--set` set."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from simulator import FIRMWARE_DIR, REPO_ROOT
from simulator.build import build
from simulator.build.runner import Press, SetInput, run
from simulator.cli import main as sim
from simulator.errors import UserError

TARGETS = ["host", "cortex-m4", "wasm"]
GRAPHICS = REPO_ROOT / "tests" / "apps" / "lcd_graphics" / "main.cpp"
SHIELD = FIRMWARE_DIR / "apps" / "shield" / "main.cpp"
# What the graphics program draws for each pot1 setting (see its header).
PHASES = {"text": 0.0, "shapes": 0.1, "xor": 0.2, "manual": 0.3, "copied": 0.4, "invert": 0.5}


@pytest.fixture(scope="module")
def graphics():
    out = {}
    for target in TARGETS:
        result = build([GRAPHICS], target)
        assert result.ok, result.log
        out[target] = result
    return out


@pytest.fixture(scope="module")
def phases(graphics):
    """{(phase, target): RunOutput}"""
    return {(phase, t): run(graphics[t].outputs, t, until_ms=400, sets=[SetInput("pot1", pot)])
            for phase, pot in PHASES.items() for t in TARGETS}


@pytest.mark.parametrize("phase", list(PHASES))
def test_lcd_graphics_are_pixel_exact_on_every_target(phases, phase):
    host = phases[phase, "host"]
    assert host.lcd_pixels is not None and host.lcd_pixels.shape == (32, 128)
    for target in ("cortex-m4", "wasm"):
        other = phases[phase, target]
        np.testing.assert_array_equal(other.lcd_pixels, host.lcd_pixels, err_msg=f"{phase} on {target}")
        assert other.lcd_text == host.lcd_text, (phase, target)


def _ink_rows(px: np.ndarray, x0: int, x1: int) -> list[int]:
    return [y for y in range(32) if px[y, x0:x1].any()]


def test_text_follows_the_classic_placement_rules(phases):
    out = phases["text", "host"]
    px = out.lcd_pixels
    # "mbed application shield!" fits on one line in the proportional font (101 pixels):
    # nothing of it spills into the next line (the old 6x9 font wrapped it after 21 columns).
    assert px[0:9, :101].any() and not px[0:9, 101:].any()
    assert out.lcd_text[0] == "mbed application shield!"
    # '\n' moves down by the font height (9): "L:" at y = 11, "R:" would be at y = 20, and the
    # text that wraps from (70, 11) continues on that line, at the width of the character
    # that crossed the edge: it is drawn clipped at the old position, as on a board.
    assert out.lcd_text[1].startswith("L:") and "wrapping wor" in out.lcd_text[1]
    assert out.lcd_text[2] == "ds"
    assert px[11:20, 121:].any()  # the clipped 'r' at the right edge
    assert "phase 0" in out.serial


def test_shapes_xor_manual_update_and_controller_commands(phases):
    shapes = phases["shapes", "host"].lcd_pixels
    assert shapes[2, 50:71].all() and shapes[12, 50:71].all()  # rect edges
    assert shapes[20:25, 55:59].sum() == 0 and shapes[16:20, 52:61].all()  # fillrect with a hole
    assert shapes[11, 0] == 1  # pixel(128, 3): the classic library's buffer wraps to column 0, 8 rows down
    assert shapes[15, 90] == 0 and shapes[14, 90] == 1  # circle(90, 15, 1): four points around an empty centre
    xor = phases["xor", "host"]
    px = xor.lcd_pixels
    assert px[4:12, 40:48].sum() == 0  # the same bitmap drawn twice in XOR mode is gone
    assert px[5, 65] == 1 and px[15, 80] == 0 and px[25, 95] == 1  # overlapping XOR fills cancel
    assert px[5, 105] == 0 and px[25, 125] == 0 and px[5, 115] == 1  # rect corners drawn twice stay clear
    assert xor.lcd_text == ["XOR"]
    manual = phases["manual", "host"]
    assert manual.lcd_pixels.sum() == 0 and "auto update 0" in manual.serial  # not copied yet
    copied = phases["copied", "host"]
    assert copied.lcd_pixels[20:32].all() and copied.lcd_text == ["not yet"]
    inverted = phases["invert", "host"]
    px = inverted.lcd_pixels
    assert px[15, 5] == 1 and px[0, 5] == 0  # A7: the controller inverts the whole panel
    # The bitmap at (120, 30) is cut at both edges: its first row's ink up to x = 127, the
    # second row's first pixel; inverted, ink shows clear.
    assert px[30, 120:128].sum() == 0 and px[30, 119] == 1 and px[31, 120] == 0 and px[31, 121] == 1
    assert inverted.lcd_text == ["    inverted"]  # at x = 20: four spaces of indent
    assert "contrast 40 columns 14 rows 3" in inverted.serial


@pytest.fixture(scope="module")
def shield_builds():
    out = {}
    for target in TARGETS:
        result = build([SHIELD], target)
        assert result.ok, result.log
        out[target] = result
    return out


@pytest.mark.parametrize("target", TARGETS)
def test_sensor_programs_read_what_set_set(shield_builds, target):
    # wasm runs in real time under node, and QEMU charges the emulated CPU's time for the
    # LCD's SPI traffic: give both slack around the program's 500 ms samples.
    scale = {"host": 1.0, "cortex-m4": 1.5, "wasm": 2.0}[target]
    inputs = [SetInput.parse(s) for s in ("temp=31.5", "humidity=62", "accel_x=0.5", "accel_y=-0.25", "pot1=0.25")]
    inputs.append(SetInput("pot2", 0.8, 700 * scale))
    out = run(shield_builds[target].outputs, target, until_ms=1200 * scale + (600 if target == "wasm" else 0),
              sets=inputs, presses=[Press("p14", 200 * scale, 300 * scale), Press("p15", 600 * scale, 150)])
    assert "T 31.50 C, RH 62.0 %, x +0.52 g, y -0.23 g, pots 0.25 0.50" in out.serial, out.serial
    assert "pots 0.25 0.80" in out.serial  # pot2 moved at 700 ms
    assert out.lcd_text == ["31.5 C  62% RH", "tilt x +0.52 y -0.23", "pots 0.25 0.80"], out.lcd_text
    assert 0 <= out.serial.find("tone on\n") < out.serial.find("tone off\n") and "joystick up" in out.serial
    red = [v for _, pin, v in out.gpio if pin == "p23"]
    assert red and abs(red[-1] - 0.75) < 1e-3  # common anode: pot1 = 0.25 -> duty 0.75
    speaker = [v for _, pin, v in out.gpio if pin == "p26"]
    assert 0.5 in speaker and speaker[-1] == 0.0


@pytest.mark.parametrize("target", ["cortex-m4", "wasm"])
def test_shield_lcd_is_the_same_on_every_target(shield_builds, target):
    # -12.5 C: a value every C library prints alike with %.1f (no rounding tie).
    sets = [SetInput.parse("temp=-12.5")]
    host = run(shield_builds["host"].outputs, "host", until_ms=300, sets=sets)
    other = run(shield_builds[target].outputs, target, until_ms=300, sets=sets)
    assert host.lcd_text == ["-12.5 C  45% RH", "tilt x +0.00 y +0.00", "pots 0.50 0.50"]
    np.testing.assert_array_equal(other.lcd_pixels, host.lcd_pixels)


def test_set_knows_the_parts_inputs_and_rejects_unknown_names():
    with pytest.raises(UserError, match="unknown input 'tmp'"):
        SetInput.parse("tmp=3")
    with pytest.raises(UserError, match="NAME=VALUE"):
        SetInput.parse("temp")
    assert SetInput.parse("pot1=0.25@2s") == SetInput("pot1", 0.25, 2000.0)
    for board in ("lpc1768", "k64f"):  # every part's inputs, on both boards
        for name in ("temp", "humidity", "accel_x", "accel_y", "accel_z", "pot1", "pot2", "sht31.temp", "lm75b.temp"):
            assert SetInput.parse(f"{name}=0.5", board).name == name


def test_sim_run_set_from_the_command_line(capsys):
    assert sim(["run", str(SHIELD), "--target", "host", "--until", "300ms", "--set", "temp=25.125",
                "--set", "humidity=40"]) == 0
    out = capsys.readouterr().out
    assert "T 25.13 C, RH 40.0 %" in out  # lroundf: half away from zero
    assert sim(["run", str(SHIELD), "--target", "host", "--set", "nope=1"]) == 2


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "mbed_corpus"


@pytest.mark.skipif(not (CORPUS / "docs-I2C_ex_1").is_dir(), reason="needs ../shared/mbed_corpus")
@pytest.mark.parametrize("target", TARGETS)
def test_corpus_lm75b_over_raw_i2c_reads_the_set_temperature(target):
    """docs-I2C_ex_1 (Mbed OS docs): raw I2C to the LM75B at 0x90, as on the shield. It prints
    with %.2f: built with the standard printf, as its mbed_app.json would have to ask (with Mbed
    OS 6's default minimal-printf it prints the characters %.2f: its corpus expectation)."""
    result = build([CORPUS / "docs-I2C_ex_1" / "main.cpp"], target, config={"target.printf_lib": "std"})
    assert result.ok, result.log
    out = run(result.outputs, target, until_ms=1200, sets=[SetInput.parse("temp=31.5")])
    assert out.serial.count("Temp = 31.50\n") >= 2, out.serial


def test_default_font_is_generated_from_its_drawing():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, str(FIRMWARE_DIR / "shield" / "make_font.py")], capture_output=True,
                         text=True, check=True).stdout
    assert out == (FIRMWARE_DIR / "shield" / "Small_7.cpp").read_text(), "run make_font.py > Small_7.cpp"


@pytest.mark.skipif(not (CORPUS / "sstaub-C12832A1Z_example" / "Small_7.h").is_file(),
                    reason="needs ../shared/mbed_corpus (a copy of the classic Small_7 font)")
def test_default_font_has_the_classic_small_7_metrics():
    """Same header (bytes per char, cell 9x9, 2 bytes per column) and the same advance width
    for every character as the classic library's Small_7, so text wraps where it does on a
    board; the glyph bitmaps are this project's own."""
    import re

    def parse(text: str) -> list[int]:
        body = re.sub(r"//[^\n]*", "", text.split("{", 1)[1].split("};")[0])
        return [int(x, 0) for x in re.findall(r"0x[0-9A-Fa-f]+|\b\d+\b", body)]

    classic = parse((CORPUS / "sstaub-C12832A1Z_example" / "Small_7.h").read_text())
    ours = parse((FIRMWARE_DIR / "shield" / "Small_7.cpp").read_text().split("] =", 1)[1])
    assert ours[:4] == classic[:4] == [19, 9, 9, 2]
    widths = lambda data: [data[4 + 19 * i] for i in range((len(data) - 4) // 19)]  # noqa: E731
    assert widths(ours) == widths(classic)
    assert ours != classic  # our own drawing
