"""The model pipeline: train, quantize, read .tflite, plan memory, generate C++, build it
natively, and compare every output with TensorFlow Lite (single rounding) and TensorFlow
Lite Micro (double rounding)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from simulator import FIRMWARE_DIR
from simulator.cli import main as sim
from simulator.model import native
from simulator.model.codegen import generate
from simulator.model.tflite_reader import ModelError, read_model

MODELS = FIRMWARE_DIR / "models"


def mnist_inputs(tflite: bytes, count: int, seed: int = 0) -> np.ndarray:
    from simulator.model.data import load

    model = read_model(tflite)
    t = model.tensors[model.inputs[0]]
    test = load().test
    pick = np.random.default_rng(seed).choice(len(test.images), count, replace=False)
    x = test.images[pick].reshape(count, -1)
    return np.clip(np.round(x / t.scale[0]) + t.zero_point[0], -128, 127).astype(np.int8)


def compare_with_references(path_or_bytes, inputs: np.ndarray, tflite_too: bool = True) -> int:
    """Generated C++ vs TFLM (double) and tf.lite (single); returns the number of outputs compared."""
    from tflite_ref import Tflm, run_tflite

    data = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    model = read_model(data)
    gen = generate(model, "net")
    shape = model.tensors[model.inputs[0]].shape
    x = inputs.reshape((-1, *shape[1:]))
    tflm = Tflm(data)
    want_double = np.stack([tflm.run([xi[None]])[0][0] for xi in x])
    got_double, _ = native.run(native.build(gen, single_rounding=False), gen, x)
    np.testing.assert_array_equal(got_double.reshape(want_double.shape), want_double)
    if tflite_too:
        want_single = np.stack([run_tflite(data, [xi[None]])[0][0] for xi in x])
        got_single, _ = native.run(native.build(gen, single_rounding=True), gen, x)
        np.testing.assert_array_equal(got_single.reshape(want_single.shape), want_single)
    return want_double.size


# --- the committed MNIST models --------------------------------------------------------------

@pytest.mark.parametrize("name", ["mnist_mlp", "mnist_cnn"])
def test_committed_generated_code_is_what_convert_writes(name, tmp_path):
    folder = MODELS / name
    assert sim(["convert", str(folder / f"{name}.tflite"), "-o", str(tmp_path), "--quiet"]) == 0
    for suffix in (".hpp", ".cpp", "_report.json"):
        committed = (folder / f"{name}{suffix}").read_text()
        assert (tmp_path / f"{name}{suffix}").read_text() == committed, f"{name}{suffix} is stale: run sim convert"


@pytest.mark.parametrize("name", ["mnist_mlp", "mnist_cnn"])
def test_committed_models_are_bit_exact_with_tflite_and_tflm(name):
    path = MODELS / name / f"{name}.tflite"
    data = path.read_bytes()
    x = np.concatenate([mnist_inputs(data, 150), np.random.default_rng(1).integers(-128, 128, (50, 784), dtype=np.int8)])
    assert compare_with_references(data, x) == 200 * 10


def test_mlp_fits_in_one_kilobyte_and_reports_its_memory():
    report = json.loads((MODELS / "mnist_mlp" / "mnist_mlp_report.json").read_text())
    assert report["arena_bytes"] <= 1024
    assert [layer["op"] for layer in report["layers"]] == ["FULLY_CONNECTED"] * 3 + ["SOFTMAX"]
    assert report["layers"][0]["weight_elements"] == 784 * 128 + 128
    gen = generate(read_model(MODELS / "mnist_mlp" / "mnist_mlp.tflite"), "net")
    _, stats = native.run(native.build(gen), gen, np.zeros((1, 784), np.int8))
    assert stats["arena_touched"] == report["arena_bytes"]  # measured, not just planned
    assert stats["peak_ram"] == report["arena_bytes"]  # the Arena's own high-water accounting


def test_cnn_fits_in_64_kilobytes():
    report = json.loads((MODELS / "mnist_cnn" / "mnist_cnn_report.json").read_text())
    assert report["arena_bytes"] <= 64 * 1024
    assert {"CONV_2D", "MAX_POOL_2D", "FULLY_CONNECTED", "RESHAPE"} <= {layer["op"] for layer in report["layers"]}


def test_mnist_accuracy_of_the_committed_models(capsys):
    assert sim(["eval", str(MODELS / "mnist_mlp" / "mnist_mlp.tflite"), "--mnist"]) == 0
    out = capsys.readouterr().out
    int8 = float(out.split("rounding): ")[1].split()[0])
    flt = float(out.split("float accuracy of mnist_mlp.keras: ")[1].split()[0])
    assert int8 >= 0.97 and abs(int8 - flt) <= 0.003, out
    assert sim(["eval", str(MODELS / "mnist_cnn" / "mnist_cnn.tflite"), "--mnist", "--rounding", "tflite"]) == 0
    out = capsys.readouterr().out
    assert float(out.split("rounding): ")[1].split()[0]) >= 0.99, out


# --- training ------------------------------------------------------------------------------------

def test_train_is_deterministic_and_converts(tmp_path):
    runs = []
    for k in range(2):
        out = tmp_path / f"run{k}"
        assert sim(["train", "--model", "mlp", "--epochs", "1", "--limit", "3000", "-o", str(out), "--seed", "7"]) == 0
        runs.append((out / "mnist_mlp.tflite").read_bytes())
    # Same seed, same network: every weight and quantization parameter is identical (tensor
    # names differ: Keras numbers layers per process).
    a, b = read_model(runs[0]), read_model(runs[1])
    assert [o.name for o in a.ops] == [o.name for o in b.ops]
    for ta, tb in zip(a.tensors, b.tensors):
        assert ta.shape == tb.shape and np.array_equal(ta.scale, tb.scale) and np.array_equal(ta.zero_point, tb.zero_point)
        assert (ta.data is None) == (tb.data is None) and (ta.data is None or np.array_equal(ta.data, tb.data))
    report = json.loads((tmp_path / "run0" / "mnist_mlp_train.json").read_text())
    assert report["train_images"] == 3000 and report["int8_test_accuracy"] > 0.7
    assert sim(["convert", str(tmp_path / "run0" / "mnist_mlp.keras"), "-o", str(tmp_path / "gen")]) == 0
    assert (tmp_path / "gen" / "mnist_mlp.cpp").exists()


def test_eval_inputs_outputs_round_trip(tmp_path):
    x = np.random.default_rng(3).integers(-128, 128, (7, 784), dtype=np.int8)
    np.save(tmp_path / "x.npy", x)
    model = MODELS / "mnist_mlp" / "mnist_mlp.tflite"
    assert sim(["eval", str(model), "--inputs", str(tmp_path / "x.npy"), "--outputs", str(tmp_path / "y.npy"),
                "--rounding", "tflite"]) == 0
    y = np.load(tmp_path / "y.npy")
    from tflite_ref import run_tflite

    want = np.concatenate([run_tflite(model.read_bytes(), [xi[None]])[0] for xi in x])
    np.testing.assert_array_equal(y.reshape(want.shape), want)


# --- bad input -------------------------------------------------------------------------------

def test_bad_files_get_one_clear_line(tmp_path, capsys):
    good = (MODELS / "mnist_mlp" / "mnist_mlp.tflite").read_bytes()
    cases = {
        "truncated.tflite": good[: len(good) // 3],
        "empty.tflite": b"",
        "text.tflite": b"hello, this is not a model at all",
    }
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
        assert sim(["convert", str(tmp_path / name), "-o", str(tmp_path / "out")]) == 2
        err = capsys.readouterr().err
        assert err.startswith("sim: error: ") and "Traceback" not in err and err.count("\n") == 1, err
    assert sim(["convert", str(tmp_path / "missing.tflite"), "-o", str(tmp_path)]) == 2
    assert "no such file" in capsys.readouterr().err
    assert sim(["convert", str(MODELS / "mnist_mlp" / "mnist_mlp.tflite"), "-o", str(tmp_path), "--name", "9bad"]) == 2
    with pytest.raises(ModelError):
        read_model(good[:100])


def test_cli_runs_as_a_console_script(tmp_path):
    """The installed `sim` prints a one-line error and exit status 2, not a traceback."""
    exe = Path(sys.executable).with_name("sim")
    (tmp_path / "bad.tflite").write_bytes(b"\0" * 64)
    r = subprocess.run([str(exe), "convert", str(tmp_path / "bad.tflite"), "-o", str(tmp_path)], capture_output=True, text=True)
    assert r.returncode == 2 and "not a TensorFlow Lite model" in r.stderr
