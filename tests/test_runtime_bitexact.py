"""Every int8 kernel, bit-exact with TensorFlow Lite (single rounding, reference kernels) and
TensorFlow Lite Micro (double rounding), on single-op models TensorFlow builds at test time.

Each case: a model with random shapes, weights, options and input ranges (seeded), then
several rounds of random int8 inputs run through both references and through this runtime
built in the matching rounding mode. Zero mismatches allowed.
"""

from __future__ import annotations

import numpy as np
import pytest

from simulator.model.tflite_reader import read_model
from tflite_exec import run_model
from tflite_ref import Tflm, convert, run_tflite

pytestmark = pytest.mark.slow

MODELS_PER_OP = 12
ROUNDS = 8
ACTS = [None, "relu", "relu6"]


def _act(name):
    import tensorflow as tf

    return {None: lambda v: v, "relu": tf.nn.relu, "relu6": tf.nn.relu6}[name]


def _range(rng):
    """An input range: symmetric, lopsided positive (zero point near -128) or negative."""
    kind = rng.integers(3)
    width = float(rng.uniform(0.1, 20.0))
    return [(-width, width), (0.0, width), (-width, -width * 0.05)][kind]


def fully_connected(rng):
    import tensorflow as tf

    batch, n_in, n_out = int(rng.integers(1, 64)), int(rng.integers(1, 300)), int(rng.integers(1, 80))
    w = (rng.standard_normal((n_in, n_out)) * rng.uniform(0.01, 2)).astype(np.float32)
    b = (rng.standard_normal(n_out) * rng.uniform(0, 3)).astype(np.float32)
    act = _act(ACTS[rng.integers(3)])
    fn = tf.function(lambda x: act(tf.matmul(x, w) + b))
    return fn, [((batch, n_in), *_range(rng))]


def conv2d(rng):
    import tensorflow as tf

    n, h, w_, c = int(rng.integers(1, 3)), int(rng.integers(3, 14)), int(rng.integers(3, 14)), int(rng.integers(1, 9))
    k, oc = int(rng.integers(1, 5)), int(rng.integers(1, 12))
    stride = int(rng.integers(1, 3))
    dil = 1 if stride > 1 else int(rng.integers(1, 3))
    pad = ["SAME", "VALID"][rng.integers(2)]
    if pad == "VALID" and (k - 1) * dil + 1 > min(h, w_):
        pad = "SAME"
    f = (rng.standard_normal((k, k, c, oc)) * rng.uniform(0.05, 1)).astype(np.float32)
    b = (rng.standard_normal(oc) * rng.uniform(0, 2)).astype(np.float32)
    act = _act(ACTS[rng.integers(3)])
    fn = tf.function(lambda x: act(tf.nn.conv2d(x, f, stride, pad, dilations=dil) + b))
    return fn, [((n, h, w_, c), *_range(rng))]


def depthwise_conv2d(rng):
    import tensorflow as tf

    n, h, w_, c = int(rng.integers(1, 3)), int(rng.integers(3, 14)), int(rng.integers(3, 14)), int(rng.integers(1, 9))
    k, m = int(rng.integers(1, 5)), int(rng.integers(1, 4))
    stride = int(rng.integers(1, 3))
    dil = 1 if stride > 1 else int(rng.integers(1, 3))
    pad = ["SAME", "VALID"][rng.integers(2)]
    if pad == "VALID" and (k - 1) * dil + 1 > min(h, w_):
        pad = "SAME"
    f = (rng.standard_normal((k, k, c, m)) * rng.uniform(0.05, 1)).astype(np.float32)
    b = (rng.standard_normal(c * m) * rng.uniform(0, 2)).astype(np.float32)
    act = _act(ACTS[rng.integers(3)])
    fn = tf.function(lambda x: act(tf.nn.depthwise_conv2d(x, f, [1, stride, stride, 1], pad, dilations=[dil, dil]) + b))
    return fn, [((n, h, w_, c), *_range(rng))]


def _pool(rng, kind):
    import tensorflow as tf

    n, h, w_, c = int(rng.integers(1, 3)), int(rng.integers(2, 16)), int(rng.integers(2, 16)), int(rng.integers(1, 9))
    k = int(rng.integers(1, min(h, w_) + 1))
    s = int(rng.integers(1, 3))
    pad = ["SAME", "VALID"][rng.integers(2)]
    op = tf.nn.max_pool2d if kind == "max" else tf.nn.avg_pool2d
    fn = tf.function(lambda x: op(x, k, s, pad))
    return fn, [((n, h, w_, c), *_range(rng))]


def max_pool2d(rng):
    return _pool(rng, "max")


def average_pool2d(rng):
    return _pool(rng, "avg")


def _broadcast_shapes(rng):
    shape = tuple(int(d) for d in rng.integers(1, 7, size=int(rng.integers(1, 5))))
    other = list(shape)
    # Not the leading dimension: tf.lite 2.21 aborts the process (not an error) on int8 ADD
    # broadcasting only along dim 0, e.g. (4,1,6,3) + (1,1,6,3).
    for i in range(1, len(other)):
        if rng.random() < 0.3:
            other[i] = 1
    return (shape, tuple(other)) if rng.random() < 0.5 else (tuple(other), shape)


def _binary(rng, op, allow_act=True):
    import tensorflow as tf

    sa, sb = _broadcast_shapes(rng)
    act = _act(ACTS[rng.integers(3)] if allow_act else None)
    fn = tf.function(lambda x, y: act(op(x, y)))
    return fn, [(sa, *_range(rng)), (sb, *_range(rng))]


def add(rng):
    import tensorflow as tf

    return _binary(rng, tf.add)


def sub(rng):
    import tensorflow as tf

    return _binary(rng, tf.subtract)


def mul(rng):
    import tensorflow as tf

    return _binary(rng, tf.multiply)


def minimum(rng):
    import tensorflow as tf

    return _binary(rng, tf.minimum, allow_act=False)


def maximum(rng):
    import tensorflow as tf

    return _binary(rng, tf.maximum, allow_act=False)


def softmax(rng):
    import tensorflow as tf

    rows, depth = int(rng.integers(1, 40)), int(rng.integers(1, 100))
    beta = float(rng.choice([1.0, rng.uniform(0.2, 3.0)]))
    fn = tf.function(lambda x: tf.nn.softmax(x * beta) if beta != 1.0 else tf.nn.softmax(x))
    return fn, [((rows, depth), *_range(rng))]


def relu(rng):
    import tensorflow as tf

    shape = tuple(int(d) for d in rng.integers(1, 20, size=int(rng.integers(1, 4))))
    act = [tf.nn.relu, tf.nn.relu6][rng.integers(2)]
    # x * 1 keeps the activation from fusing into nothing: RELU stands alone on the model input.
    fn = tf.function(lambda x: act(x))
    return fn, [(shape, *_range(rng))]


def arg_max(rng):
    import tensorflow as tf

    shape = tuple(int(d) for d in rng.integers(1, 12, size=int(rng.integers(1, 4))))
    axis = int(rng.integers(0, len(shape)))
    fn = tf.function(lambda x: tf.math.argmax(x, axis=axis, output_type=tf.int32))
    return fn, [(shape, *_range(rng))]


def arg_min(rng):
    import tensorflow as tf

    shape = tuple(int(d) for d in rng.integers(1, 12, size=int(rng.integers(1, 4))))
    axis = int(rng.integers(0, len(shape)))
    fn = tf.function(lambda x: tf.math.argmin(x, axis=axis, output_type=tf.int32))
    return fn, [(shape, *_range(rng))]


def quantize_dequantize(rng):
    """Float in and out: the model starts with QUANTIZE (float->int8) and ends with DEQUANTIZE."""
    import tensorflow as tf

    n, k = int(rng.integers(1, 20)), int(rng.integers(1, 50))
    w = rng.standard_normal((k, k)).astype(np.float32)
    fn = tf.function(lambda x: tf.matmul(x, w))
    return fn, [((n, k), *_range(rng))]


def requantize(rng):
    """int8 -> int8 QUANTIZE. The converter emits it only inside larger graphs, so the test converts
    a one-op model and rewrites that op into QUANTIZE with a random output scale and zero point
    (TensorFlow's own schema object API edits the flatbuffer; both interpreters then run it)."""
    import tensorflow as tf

    shape = tuple(int(d) for d in rng.integers(1, 20, size=int(rng.integers(1, 4))))
    fn = tf.function(lambda x: tf.nn.relu(x))
    fn.requantize_to = (float(rng.uniform(0.001, 0.5)), int(rng.integers(-128, 128)))
    return fn, [(shape, *_range(rng))]


def rewrite_as_requantize(data: bytes, out_scale: float, out_zp: int) -> bytes:
    import flatbuffers
    from tensorflow.lite.python import schema_py_generated as schema

    model = schema.ModelT.InitFromPackedBuf(bytearray(data), 0)
    graph = model.subgraphs[0]
    op = graph.operators[0]
    code = model.operatorCodes[op.opcodeIndex]
    code.builtinCode = code.deprecatedBuiltinCode = schema.BuiltinOperator.QUANTIZE
    code.version = 2
    op.builtinOptionsType, op.builtinOptions = 0, None
    out = graph.tensors[op.outputs[0]]
    out.quantization.scale = [out_scale]
    out.quantization.zeroPoint = [out_zp]
    builder = flatbuffers.Builder(1024)
    builder.Finish(model.Pack(builder), file_identifier=b"TFL3")
    return bytes(builder.Output())


OPS = {
    "FULLY_CONNECTED": fully_connected,
    "CONV_2D": conv2d,
    "DEPTHWISE_CONV_2D": depthwise_conv2d,
    "MAX_POOL_2D": max_pool2d,
    "AVERAGE_POOL_2D": average_pool2d,
    "ADD": add,
    "SUB": sub,
    "MUL": mul,
    "MINIMUM": minimum,
    "MAXIMUM": maximum,
    "SOFTMAX": softmax,
    "RELU": relu,
    "ARG_MAX": arg_max,
    "ARG_MIN": arg_min,
    "QUANTIZE": quantize_dequantize,
    "QUANTIZE(int8->int8)": requantize,
}


#: Ops compared with tf.lite's builtin kernels rather than its default XNNPACK delegate.
BUILTIN_ONLY = {"ADD"}


def _random_inputs(rng, model, round_index):
    xs = []
    for i in model.inputs:
        t = model.tensors[i]
        if t.dtype == np.float32:
            xs.append(rng.uniform(-25, 25, size=t.shape).astype(np.float32))
        elif round_index == 0:  # saturation: the extremes
            xs.append(rng.choice(np.array([-128, 127, -127, 126], np.int8), size=t.shape))
        else:
            xs.append(rng.integers(-128, 128, size=t.shape, dtype=np.int8))
    return xs


@pytest.mark.parametrize("op_name", list(OPS))
def test_op_is_bit_exact_with_tflite_and_tflm(op_name, runtimes):
    seen_ops: set[str] = set()
    cases = 0
    for m in range(MODELS_PER_OP):
        seed = 1000 * (list(OPS).index(op_name) + 1) + m
        while True:
            rng = np.random.default_rng(seed)
            fn, specs = OPS[op_name](rng)
            data = convert(fn, specs, seed, int8_io=op_name != "QUANTIZE")
            if hasattr(fn, "requantize_to"):
                data = rewrite_as_requantize(data, *fn.requantize_to)
            model = read_model(data)
            # A calibration that saw a constant output gives it a scale near 0 and a multiplier
            # past int32: the references then overflow (undefined behaviour in C++), so such a
            # degenerate model tests nothing. Draw another.
            if all(t.scale.size == 0 or t.is_constant or t.scale.min() > 1e-6 for t in model.tensors):
                break
            seed += 100
        seen_ops.update(o.name for o in model.ops)
        tflm = Tflm(data)
        for r in range(ROUNDS):
            xs = _random_inputs(rng, model, r)
            want_single = run_tflite(data, xs, delegates=op_name not in BUILTIN_ONLY)
            want_double = tflm.run(xs, len(model.outputs))
            got_single = run_model(runtimes["tflite"], model, xs)
            got_double = run_model(runtimes["tflm"], model, xs)
            for ws, wd, gs, gd in zip(want_single, want_double, got_single, got_double):
                np.testing.assert_array_equal(gs, ws, err_msg=f"{op_name} seed {seed} round {r}: vs tf.lite (single rounding)")
                np.testing.assert_array_equal(gd, wd, err_msg=f"{op_name} seed {seed} round {r}: vs TFLM (double rounding)")
                cases += ws.size
    base = op_name.split("(")[0]
    assert base in seen_ops, f"the converter made {sorted(seen_ops)}, not {base}"
    print(f"{op_name}: {cases} output values identical over {MODELS_PER_OP} models x {ROUNDS} rounds")
