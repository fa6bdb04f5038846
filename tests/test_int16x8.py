"""The int16x8 quantization scheme (int16 activations, int8 weights, int64 bias), bit-exact with
TFLite Micro (tflm mode) and tf.lite.Interpreter (tflite mode), through the generated code.

Single-op models for FULLY_CONNECTED, ADD, CONV_2D and SOFTMAX (random shapes, weights and input
ranges, seeded), and one whole model (CONV_2D -> FULLY_CONNECTED -> SOFTMAX) through `sim
convert` and the generated sources, all converted by TensorFlow at test time with
EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8. Inputs span the whole int16 range,
the first one only the extremes. Zero mismatches allowed.
"""

from __future__ import annotations

import numpy as np
import pytest

import conformance
import target_build
from simulator.model import native
from simulator.model.codegen import generate
from simulator.model.tflite_reader import read_model
from tflite_ref import ACTIVATIONS, activation, conv2d_model, convert, dense_model, input_range

pytestmark = pytest.mark.slow

MODELS_PER_OP = 3
ROUNDS = 12
def fully_connected(rng):
    fn, specs = dense_model(rng, 16, 200, 40)
    fn.per_tensor = bool(rng.random() < 0.4)  # one weight scale (TFLite's per-tensor kernels)
    return fn, specs


def add(rng):
    import tensorflow as tf

    shape = tuple(int(d) for d in rng.integers(1, 7, size=int(rng.integers(1, 5))))
    other = tuple(1 if (i > 0 and rng.random() < 0.3) else d for i, d in enumerate(shape))
    const = (rng.standard_normal(other) * rng.uniform(0.1, 10)).astype(np.float32)
    act = activation(ACTIVATIONS[rng.integers(3)])
    return tf.function(lambda x: act(x + const)), [(shape, *input_range(rng))]


def conv2d(rng):
    return conv2d_model(rng, None, 10, 6, 4, 9)


def softmax(rng):
    import tensorflow as tf

    # beta 1: in this scheme the converter keeps x * beta as a separate int16 MUL.
    rows, depth = int(rng.integers(1, 20)), int(rng.integers(1, 80))
    return tf.function(lambda x: tf.nn.softmax(x)), [((rows, depth), *input_range(rng))]


GENERATORS = {"FULLY_CONNECTED": fully_connected, "ADD": add, "CONV_2D": conv2d, "SOFTMAX": softmax}


def _case(op_name: str, seed: int) -> tuple[int, bytes]:
    while True:
        rng = np.random.default_rng(seed)
        fn, specs = GENERATORS[op_name](rng)
        data = convert(fn, specs, seed, int16x8=True, per_tensor=getattr(fn, "per_tensor", False))
        if not conformance.degenerate(read_model(data)):
            return seed, data
        seed += 100


def _run(jobs):
    """Generate every model, build once per rounding mode, run; the references alongside."""
    gens = [generate(read_model(data), f"m{k}") for k, (_, _, data, _) in enumerate(jobs)]
    got = {}
    for mode in conformance.MODES:
        exe = native.build_many(gens, single_rounding=mode == "tflite")
        got[mode] = native.run_many(exe, [(k, g, jobs[k][3]) for k, g in enumerate(gens)])
    return got


@pytest.fixture(scope="module")
def single_ops():
    jobs = []
    for o, op_name in enumerate(GENERATORS):
        for m in range(MODELS_PER_OP):
            seed, data = _case(op_name, 7000 + 100 * o + m)
            x = conformance.random_models.inputs(read_model(data), ROUNDS, seed)
            jobs.append((op_name, seed, data, x))
    return jobs, _run(jobs)


@pytest.mark.parametrize("op_name", list(GENERATORS))
def test_int16x8_op_is_bit_exact_with_tflite_and_tflm(op_name, single_ops):
    jobs, got = single_ops
    values = 0
    for k, (name, seed, data, x) in enumerate(jobs):
        if name != op_name:
            continue
        model = read_model(data)
        assert [o.name for o in model.ops] == [op_name], [o.name for o in model.ops]
        assert model.tensors[model.inputs[0]].type_name == "INT16"
        want = {"tflite": conformance.tflite_outputs(data, x), "tflm": conformance.tflm_outputs(data, x)}
        for mode in conformance.MODES:
            np.testing.assert_array_equal(got[mode][k].reshape(want[mode].shape), want[mode],
                                          err_msg=f"{op_name} seed {seed}: generated code ({mode}) vs reference")
            values += want[mode].size
    print(f"{op_name} int16x8: {values} output values identical ({MODELS_PER_OP} models x {ROUNDS} inputs x 2 modes)")


def _whole_model():
    """A small audio-style network in int16x8: CONV_2D -> CONV_2D + residual ADD -> RESHAPE ->
    FULLY_CONNECTED -> SOFTMAX, random weights (seeded)."""
    import tensorflow as tf

    rng = np.random.default_rng(12)
    f1 = (rng.standard_normal((3, 3, 1, 6)) * 0.4).astype(np.float32)
    b1 = (rng.standard_normal(6) * 0.3).astype(np.float32)
    f2 = (rng.standard_normal((3, 3, 6, 6)) * 0.2).astype(np.float32)
    b2 = (rng.standard_normal(6) * 0.3).astype(np.float32)
    w = (rng.standard_normal((5 * 4 * 6, 10)) * 0.1).astype(np.float32)
    b = (rng.standard_normal(10) * 0.2).astype(np.float32)

    def net(x):
        h = tf.nn.relu(tf.nn.conv2d(x, f1, 2, "SAME") + b1)
        h = h + tf.nn.relu(tf.nn.conv2d(h, f2, 1, "SAME") + b2)
        return tf.nn.softmax(tf.matmul(tf.reshape(h, (1, -1)), w) + b)

    return tf.function(net), [((1, 10, 8, 1), -3.0, 3.0)]


def test_whole_int16x8_model_through_sim_convert_and_eval(tmp_path):
    """`sim convert` writes the sources; `sim eval` builds them as users do, in both modes."""
    from simulator.cli import main as sim

    fn, specs = _whole_model()
    data = convert(fn, specs, 12, samples=32, int16x8=True)
    model = read_model(data)
    names = [o.name for o in model.ops]
    for needed in ("CONV_2D", "ADD", "FULLY_CONNECTED", "SOFTMAX"):
        assert needed in names, names
    assert all(model.tensors[o.outputs[0]].type_name == "INT16" for o in model.ops if o.name != "RESHAPE")
    path = tmp_path / "kws16.tflite"
    path.write_bytes(data)
    assert sim(["convert", str(path), "-o", str(tmp_path / "gen"), "--quiet"]) == 0
    source = (tmp_path / "gen" / "kws16.cpp").read_text()
    for kernel in ("conv2d_int16", "add_int16", "fully_connected_int16", "softmax_int16"):
        assert f"utensor::{kernel}(" in source, kernel
    x = conformance.random_models.inputs(model, 40, 12)
    np.save(tmp_path / "x.npy", x)
    want = {"tflite": conformance.tflite_outputs(data, x), "tflm": conformance.tflm_outputs(data, x)}
    for mode in conformance.MODES:
        out = tmp_path / f"y_{mode}.npy"
        assert sim(["eval", str(path), "--inputs", str(tmp_path / "x.npy"), "--outputs", str(out),
                    "--rounding", mode]) == 0
        np.testing.assert_array_equal(np.load(out).reshape(want[mode].shape), want[mode], err_msg=mode)
    differ = int(np.sum(want["tflite"] != want["tflm"]))
    print(f"whole int16x8 model ({', '.join(names)}): 40 inputs identical in both modes; tf.lite and TFLM "
          f"themselves differ on {differ} of {want['tflm'].size} outputs")


def test_an_int16_op_without_an_int16_kernel_is_refused_by_name():
    """softmax(x * 2) in int16x8: the converter keeps the scaling as an int16 MUL, which the
    runtime has no int16 kernel for; the error names the operator and the type."""
    import tensorflow as tf

    from simulator.model.emitter import UnsupportedError

    data = convert(tf.function(lambda x: tf.nn.softmax(x * 2.0)), [((2, 10), -3.0, 3.0)], 5, int16x8=True)
    model = read_model(data)
    assert "MUL" in [o.name for o in model.ops]
    with pytest.raises(UnsupportedError, match=r"\(MUL\).*INT16"):
        generate(model, "refused")


@pytest.mark.parametrize("target", target_build.TARGETS)
def test_whole_int16x8_model_is_identical_on_every_target(target, tmp_path):
    """The same generated sources on the host, the Cortex-M4 (QEMU) and wasm (node): every
    output equal to TFLite Micro's."""
    import re

    assert target_build.available(target), f"the {target} toolchain is missing (./setup.sh installs it)"
    fn, specs = _whole_model()
    data = convert(fn, specs, 12, samples=32, int16x8=True)
    model = read_model(data)
    x = conformance.random_models.inputs(model, 6, 3)
    want = conformance.tflm_outputs(data, x)
    gen = generate(model, "kws16")
    (tmp_path / "kws16.hpp").write_text(gen.header)
    (tmp_path / "kws16.cpp").write_text(gen.source)
    (tmp_path / "driver.cpp").write_text(
        '#include <cstdint>\n#include <cstdio>\n#include "kws16.hpp"\n'
        '#if defined(__arm__)\nextern "C" void SysTick_Handler() {}\n#endif\n'
        f"static const int16_t in[] = {{{','.join(map(str, x.reshape(-1)))}}};\n"
        "static int16_t out[kws16_output_size];\n"
        f"int main() {{\n  for (int r = 0; r < {len(x)}; ++r) {{\n"
        "    kws16_run(in + r * kws16_input_size, out);\n    std::printf(\"round %d\", r);\n"
        "    for (int i = 0; i < kws16_output_size; ++i) std::printf(\" %d\", out[i]);\n"
        "    std::printf(\"\\n\");\n  }\n  std::printf(\"done\\n\");\n  return 0;\n}\n")
    exe = target_build.build([tmp_path / "driver.cpp", tmp_path / "kws16.cpp"], target, tmp_path / "build",
                             False, include=[tmp_path])
    r = target_build.run(exe, target)
    assert r.returncode == 0 and "done" in r.stdout, (r.stdout[-2000:], r.stderr[-2000:])
    got = [np.array(m.group(2).split(), np.int64) for m in re.finditer(r"round (\d+)((?: -?\d+)*)\n", r.stdout)]
    assert len(got) == len(x)
    for k in range(len(x)):
        np.testing.assert_array_equal(got[k], want[k].reshape(-1).astype(np.int64), err_msg=f"{target} input {k}")
