"""Reference models by other authors (../shared/models, see tests/shared_models.py): TFLM's
examples (hello_world, micro_speech, person_detect, the MNIST LSTM) and the MLPerf Tiny models
(KWS, VWW, ResNet-8, AD). The generated code is bit-exact with TFLite Micro in the default
build and, where tf.lite accepts the model, with tf.lite.Interpreter in the TFLite 2.x build;
its arena is the live-tensor lower bound and less than TFLM's smallest working arena."""

from __future__ import annotations

import sys

import numpy as np
import pytest

import conformance
from shared_models import SHARED, needs
from simulator import REPO_ROOT
from simulator.cli import main as sim
from simulator.model import native
from simulator.model.codegen import generate
from simulator.model.tflite_reader import read_model

pytestmark = pytest.mark.slow

MODELS = ["hello_world_int8.tflite", "micro_speech_quantized.tflite", "person_detect.tflite",
          "trained_lstm_int8.tflite", "mlperf_tiny/kws_ref_model.tflite", "mlperf_tiny/vww_96_int8.tflite",
          "mlperf_tiny/pretrainedResnet_quant.tflite", "mlperf_tiny/ad01_int8.tflite"]


def _tflite_accepts(data: bytes) -> bool:
    import tensorflow as tf

    try:
        tf.lite.Interpreter(model_content=data).allocate_tensors()
    except (RuntimeError, ValueError):
        return False
    return True


def _inputs(model, count: int, seed: int) -> np.ndarray:
    t = model.tensors[model.inputs[0]]
    x = np.random.default_rng(seed).integers(-128, 128, size=(count, *t.shape), dtype=np.int8)
    x[0] = np.where(np.arange(x[0].size).reshape(t.shape) % 2, 127, -128)  # the extremes
    return x


@pytest.mark.parametrize("name", MODELS)
def test_bit_exact_with_tflm_and_tflite(name):
    pytest.importorskip("tflite_micro")
    if not (SHARED / name).exists():
        pytest.skip(f"{SHARED / name} not found (set UTENSOR_SHARED_MODELS)")
    data = (SHARED / name).read_bytes()
    model = read_model(data, name)
    gen = generate(model, "ref")
    x = _inputs(model, 12, 5)
    checked = []
    for mode in conformance.MODES:
        if mode == "tflite" and not _tflite_accepts(data):
            print(f"{name}: tf.lite.Interpreter rejects this model; compared with TFLM only")
            continue
        want = conformance.tflm_outputs(data, x) if mode == "tflm" else conformance.tflite_outputs(data, x)
        got, _ = native.run(native.build(gen, single_rounding=mode == "tflite"), gen, x)
        np.testing.assert_array_equal(got.reshape(want.shape), want, err_msg=f"{name} ({mode})")
        checked.append(mode)
    assert "tflm" in checked
    print(f"{name}: {len(x)} inputs identical in {', '.join(checked)} mode")


@needs("person_detect.tflite", "person.bmp", "no_person.bmp")
def test_person_detect_classifies_the_test_images():
    from PIL import Image

    data = (SHARED / "person_detect.tflite").read_bytes()
    # The image bytes reinterpreted as int8, as TFLM's person_detection test feeds them.
    imgs = [np.asarray(Image.open(SHARED / f).convert("L"), np.uint8).view(np.int8) for f in ("person.bmp", "no_person.bmp")]
    x = np.stack(imgs).reshape(2, 1, 96, 96, 1)
    gen = generate(read_model(data), "person")
    out, _ = native.run(native.build(gen), gen, x)
    np.testing.assert_array_equal(out.reshape(2, -1), conformance.tflm_outputs(data, x).reshape(2, -1))
    person, no_person = out.reshape(2, -1)
    assert np.argmax(person) == 1 and np.argmax(no_person) == 0  # classes: [no person, person]


@needs("hello_world_float.tflite")
def test_hello_world_float_uses_the_float_kernels():
    data = (SHARED / "hello_world_float.tflite").read_bytes()
    gen = generate(read_model(data), "hw")
    x = np.linspace(0, 6.28, 50, dtype=np.float32).reshape(-1, 1, 1)
    out, _ = native.run(native.build(gen), gen, x)
    np.testing.assert_array_equal(out.reshape(-1), conformance.tflm_outputs(data, x).reshape(-1))
    np.testing.assert_allclose(out.reshape(-1), conformance.tflite_outputs(data, x).reshape(-1), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name", ["mlperf_tiny/kws_ref_model.tflite", "mlperf_tiny/vww_96_int8.tflite",
                                  "mlperf_tiny/pretrainedResnet_quant.tflite", "mlperf_tiny/ad01_int8.tflite",
                                  "person_detect.tflite", "micro_speech_quantized.tflite"])
def test_arena_is_the_lower_bound_and_smaller_than_tflms(name, capsys):
    if not (SHARED / name).exists():
        pytest.skip(f"{SHARED / name} not found (set UTENSOR_SHARED_MODELS)")
    sys.path.insert(0, str(REPO_ROOT / "bench"))
    from tflm_probe import works

    assert sim(["convert", str(SHARED / name), "-o", "/tmp/utensor-ref-convert", "--name", "ref"]) == 0
    table = capsys.readouterr().out
    plan = generate(read_model(SHARED / name), "ref").plan
    assert f"arena {plan.arena_bytes} B; live-tensor lower bound {plan.lower_bound_bytes} B" in table
    assert plan.arena_bytes == plan.lower_bound_bytes, (plan.arena_bytes, plan.lower_bound_bytes)
    # TFLM's smallest working arena is larger: it cannot run the model in ours.
    assert not works(SHARED / name, plan.arena_bytes)


@needs("trained_lstm_int8.tflite")
@pytest.mark.parametrize("stream", [False, True])
@pytest.mark.parametrize("mode", ["tflm", "tflite"])
def test_lstm_state_and_outputs_are_the_references(mode, stream, tmp_path, capsys):
    """UNIDIRECTIONAL_SEQUENCE_LSTM's own output (the model cut after it, so the classifier
    cannot hide a difference) equals TFLM's (tflm mode) and tf.lite's (tflite mode: its own
    integer LSTM kernel), for independent inputs (state reset before each, as TFLM's mnist_lstm
    example does) and for a stream (state carried from input to input), through `sim eval`."""
    import model_surgery

    data = (SHARED / "trained_lstm_int8.tflite").read_bytes()
    cut = model_surgery.with_output(data, read_model(data).ops[0].outputs[0])
    (tmp_path / "lstm.tflite").write_bytes(cut)
    x = _inputs(read_model(cut), 40, 9)
    np.save(tmp_path / "x.npy", x)
    args = ["eval", str(tmp_path / "lstm.tflite"), "--inputs", str(tmp_path / "x.npy"), "--outputs",
            str(tmp_path / "y.npy"), "--rounding", mode]
    assert sim(args + (["--stateful"] if stream else [])) == 0
    capsys.readouterr()
    got = np.load(tmp_path / "y.npy")
    reference = conformance.tflm_outputs if mode == "tflm" else conformance.tflite_outputs
    want = reference(cut, x, stream=stream)
    np.testing.assert_array_equal(got.reshape(want.shape), want)
    assert want.shape == (40, 1, 28, 20)
    # The state matters: streaming and resetting give different outputs after the first input.
    other = reference(cut, x, stream=not stream)
    assert np.array_equal(other[0], want[0]) and not np.array_equal(other[1:], want[1:])
