"""Every demo app builds for the three targets and runs: host (virtual clock), Cortex-M4
under QEMU, and wasm under node. The mnist app predicts the same digits everywhere."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from simulator import FIRMWARE_DIR, idx
from simulator.build import build
from simulator.build.runner import Press, run
from simulator.cli import main as sim
from simulator.errors import UserError

APPS = FIRMWARE_DIR / "apps"
TARGETS = ["host", "cortex-m4", "wasm"]


def app(name: str) -> list[Path]:
    return [APPS / name / "main.cpp"]


@pytest.fixture(scope="module")
def builds():
    out = {}
    for name in ["blinky", "interrupts", "events", "lcd", "mnist"]:
        for target in TARGETS:
            result = build(app(name), target)
            assert result.ok, f"{name} for {target}:\n{result.log}"
            out[name, target] = result
    return out


@pytest.mark.parametrize("target", TARGETS)
def test_blinky_toggles_led1_every_500ms(builds, target):
    out = run(builds["blinky", target].outputs, target, until_ms=1700)
    assert out.returncode == 0
    assert "LED1 is on (1)\nLED1 is off (2)\nLED1 is on (3)\nLED1 is off (4)\n" in out.serial
    led = [(t, v) for t, pin, v in out.gpio if pin == "LED1"]
    assert [v for _, v in led[:4]] == [0.0, 1.0, 0.0, 1.0] or [v for _, v in led[:4]] == [1.0, 0.0, 1.0, 0.0]
    if target != "wasm":  # simulated time is exact on host and QEMU; node runs in real time
        toggles = [t for t, v in led if t > 0.5 or v == 1.0]
        assert np.allclose(np.diff(toggles[:4]), 500.0, atol=2.0), toggles


@pytest.mark.parametrize("target", TARGETS)
def test_interrupts_button_toggles_led(builds, target):
    out = run(builds["interrupts", target].outputs, target, until_ms=1200,
              presses=[Press("BUTTON1", 300), Press("BUTTON1", 700)])
    assert "BUTTON1 pressed 1 time, LED1 is on" in out.serial
    assert "BUTTON1 pressed 2 times, LED1 is off" in out.serial
    assert [v for _, pin, v in out.gpio if pin == "LED1"][-2:] == [1.0, 0.0]


@pytest.mark.parametrize("target", TARGETS)
def test_events_queue_runs_periodic_and_deferred_work(builds, target):
    out = run(builds["events", target].outputs, target, until_ms=1100, presses=[Press("BUTTON1", 400, 100)])
    assert "Button handled in the event queue at" in out.serial
    blinks = [t for t, pin, v in out.gpio if pin == "LED2"]
    assert len(blinks) >= 3  # every 250 ms
    assert any(pin == "LED3" and v == 1.0 for _, pin, v in out.gpio)


def test_lcd_framebuffer_is_the_same_on_every_target(builds):
    outs = {t: run(builds["lcd", t].outputs, t, until_ms=2500) for t in TARGETS}
    for t, out in outs.items():
        assert out.lcd_text == ["utensor-sim", "count 3"], (t, out.lcd_text)
        assert out.lcd_pixels is not None and out.lcd_pixels.shape == (32, 128)
    assert outs["host"].lcd_pixels.sum() > 300  # text, a frame, a circle and a line
    np.testing.assert_array_equal(outs["cortex-m4"].lcd_pixels, outs["host"].lcd_pixels)
    np.testing.assert_array_equal(outs["wasm"].lcd_pixels, outs["host"].lcd_pixels)


def test_mnist_predicts_the_same_digit_on_every_target(builds, tmp_path):
    from simulator.model.data import load

    test = load().test
    picks = [int(np.where(test.labels == d)[0][0]) for d in (0, 3, 7)]
    for k, i in enumerate(picks):
        fs = tmp_path / f"fs{k}"
        fs.mkdir()
        pixels = (test.images[i] * 255).round().astype(np.uint8)
        if k == 1:  # the float32 IDX flavour too
            (fs / "tmp.idx").write_bytes(idx.encode(test.images[i].astype(np.float32)))
        else:
            (fs / "tmp.idx").write_bytes(idx.encode(pixels))
        predictions = set()
        for target in TARGETS:
            out = run(builds["mnist", target].outputs, target, until_ms=600, presses=[Press("BUTTON1", 100)], fs_dir=fs)
            line = [s for s in out.lcd_text if s.startswith("Predicted: ")]
            assert line, (target, out.serial, out.lcd_text)
            predictions.add(line[0])
            assert line[0] in out.serial
        assert predictions == {f"Predicted: {test.labels[i]}"}, predictions


@pytest.mark.parametrize("target", TARGETS)
def test_mnist_reports_a_missing_or_bad_file(builds, target, tmp_path):
    (tmp_path / "tmp.idx").write_bytes(b"\x00\x00\x08\x02\x00\x00\x00\x1c\x00\x00\x00\x1c" + b"\x00" * 10)
    out = run(builds["mnist", target].outputs, target, until_ms=500, presses=[Press("BUTTON1", 100)], fs_dir=tmp_path)
    assert "Cannot read /fs/tmp.idx: short data" in out.serial
    empty = tmp_path / "empty"
    empty.mkdir()
    out = run(builds["mnist", target].outputs, target, until_ms=500, presses=[Press("BUTTON1", 100)], fs_dir=empty)
    assert "Cannot read /fs/tmp.idx: no file" in out.serial


def test_cortex_m4_sizes_fit_the_board(builds):
    sizes = builds["mnist", "cortex-m4"].sizes
    assert sizes["static_ram"] < 256 * 1024 and sizes["flash"] > 100_000  # the MLP's weights are in flash
    assert sizes["flash"] == sizes["text"] + sizes["data"]


def test_identical_source_is_a_cache_hit(builds):
    again = build(app("blinky"), "wasm")
    assert again.cache_hit and again.ok and again.key == builds["blinky", "wasm"].key


@pytest.mark.parametrize("target", TARGETS)
def test_compile_errors_point_at_the_users_file(tmp_path, target):
    src = tmp_path / "main.cpp"
    src.write_text('#include "mbed.h"\n\nint main() {\n  DigitalOut led(LED1);\n  led = undefined_thing;\n}\n')
    result = build([src], target)
    assert not result.ok
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert errors and errors[0].file == str(src) and errors[0].line == 5 and errors[0].col == 9
    assert "undefined_thing" in errors[0].message
    assert ".tmp-" not in result.log and "emsdk_build/cache" not in result.log


def test_cli_build_json_and_errors(tmp_path, capsys):
    assert sim(["build", str(APPS / "blinky" / "main.cpp"), "--target", "host", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] and data["outputs"] == {"exe": "app"}
    bad = tmp_path / "bad.cpp"
    bad.write_text("int main() { return x; }\n")
    assert sim(["build", str(bad), "--target", "host"]) == 1
    assert f"{bad}:1:21: error:" in capsys.readouterr().err
    assert sim(["build", str(tmp_path / "missing.cpp")]) == 2
    assert "cannot read" in capsys.readouterr().err
    with pytest.raises(UserError, match="unknown pin"):
        Press.parse("BUTTON9@1s")
    blinky = str(APPS / "blinky" / "main.cpp")
    assert sim(["run", blinky, "--fs", str(tmp_path / "nope")]) == 2
    assert "--fs" in capsys.readouterr().err
    assert sim(["run", blinky, "--until", "soon"]) == 2
    assert "--until 'soon'" in capsys.readouterr().err


def test_sim_run_prints_serial_and_lcd_text(capsys):
    assert sim(["run", str(APPS / "lcd" / "main.cpp"), "--target", "host", "--until", "2500ms"]) == 0
    out = capsys.readouterr().out
    assert "count 3\nLCD:\n  utensor-sim\n  count 3\n" in out


def test_sim_run_with_an_image(tmp_path, capsys):
    from PIL import Image, ImageDraw

    img = Image.new("L", (120, 120), 255)
    ImageDraw.Draw(img).line([(60, 15), (60, 105)], fill=0, width=10)
    img.save(tmp_path / "one.png")
    assert sim(["run", str(APPS / "mnist" / "main.cpp"), "--image", str(tmp_path / "one.png"), "--until", "500ms",
                "--lcd-png", str(tmp_path / "lcd.png")]) == 0
    out = capsys.readouterr().out
    assert "Predicted: 1" in out and (tmp_path / "lcd.png").exists()


def test_mnist_prints_its_layer_times_on_the_cortex_m4_when_asked(tmp_path, capsys):
    """`--config app.layer-times=1`: after the prediction the demo times each layer through the
    model's step hook (utensor::LayerTimer on mbed::HighResClock, QEMU -icount time) and prints
    the means; the first layer (784x128 multiply-accumulates) takes longest."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (120, 120), 255)
    ImageDraw.Draw(img).line([(60, 15), (60, 105)], fill=0, width=10)
    img.save(tmp_path / "one.png")
    assert sim(["run", str(APPS / "mnist" / "main.cpp"), "--target", "cortex-m4", "--image", str(tmp_path / "one.png"),
                "--until", "500ms", "--config", "app.layer-times=1"]) == 0
    out = capsys.readouterr().out
    assert "Predicted: 1" in out
    m = re.search(r"Layer times \(mean of (\d+) runs\):((?: \d+:\d+ns)+)\n", out)
    assert m, out
    ns = [int(t.split(":")[1][:-2]) for t in m.group(2).split()]
    assert len(ns) == 4 and int(m.group(1)) >= 1
    assert ns[0] == max(ns) and all(t > 0 for t in ns), ns
