"""Make single-op int8 .tflite models with TensorFlow and run them through the two references:
tf.lite.Interpreter as configured by default (XNNPACK: single rounding) and TFLite Micro (double rounding).
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np


ACTIVATIONS = [None, "relu", "relu6"]


def activation(name: str | None) -> Callable:
    """The Keras-free fused activation a generator appends (None: identity)."""
    import tensorflow as tf

    return {None: lambda v: v, "relu": tf.nn.relu, "relu6": tf.nn.relu6}[name]


def input_range(rng: np.random.Generator) -> tuple[float, float]:
    """An input range: symmetric, lopsided positive (zero point near the minimum) or negative."""
    kind = rng.integers(3)
    width = float(rng.uniform(0.1, 20.0))
    return [(-width, width), (0.0, width), (-width, -width * 0.05)][kind]


def dense_model(rng: np.random.Generator, batches: int, inputs: int, outputs: int):
    """A FULLY_CONNECTED with bias and a random fused activation, sizes below the given bounds:
    (tf.function, input specs)."""
    import tensorflow as tf

    batch, n_in, n_out = int(rng.integers(1, batches)), int(rng.integers(1, inputs)), int(rng.integers(1, outputs))
    w = (rng.standard_normal((n_in, n_out)) * rng.uniform(0.01, 2)).astype(np.float32)
    b = (rng.standard_normal(n_out) * rng.uniform(0, 3)).astype(np.float32)
    act = activation(ACTIVATIONS[rng.integers(3)])
    return tf.function(lambda x: act(tf.matmul(x, w) + b)), [((batch, n_in), *input_range(rng))]


def window_geometry(rng: np.random.Generator, k: int, h: int, w: int) -> tuple[int, int, str]:
    """A random stride, dilation (only with stride 1) and padding for a k x k window over h x w:
    (stride, dilation, "SAME" or "VALID"), VALID only where the dilated window fits."""
    stride = int(rng.integers(1, 3))
    dil = 1 if stride > 1 else int(rng.integers(1, 3))
    pad = ["SAME", "VALID"][rng.integers(2)]
    if pad == "VALID" and (k - 1) * dil + 1 > min(h, w):
        pad = "SAME"
    return stride, dil, pad


def conv2d_model(rng: np.random.Generator, batches: int | None, side: int, channels: int, kernel: int,
                 out_channels: int):
    """A CONV_2D with bias, random stride or dilation, padding and fused activation, sizes below
    the given bounds (batches None: one): (tf.function, input specs)."""
    import tensorflow as tf

    n = 1 if batches is None else int(rng.integers(1, batches))
    h, w_, c = int(rng.integers(3, side)), int(rng.integers(3, side)), int(rng.integers(1, channels))
    k, oc = int(rng.integers(1, kernel)), int(rng.integers(1, out_channels))
    stride, dil, pad = window_geometry(rng, k, h, w_)
    f = (rng.standard_normal((k, k, c, oc)) * rng.uniform(0.05, 1)).astype(np.float32)
    b = (rng.standard_normal(oc) * rng.uniform(0, 2)).astype(np.float32)
    act = activation(ACTIVATIONS[rng.integers(3)])
    return (tf.function(lambda x: act(tf.nn.conv2d(x, f, stride, pad, dilations=dil) + b)),
            [((n, h, w_, c), *input_range(rng))])


def convert(fn: Callable, specs: Sequence[tuple[tuple[int, ...], float, float]], seed: int,
            int8_io: bool = True, samples: int = 16, int16x8: bool = False, per_tensor: bool = False) -> bytes:
    """Convert a tf.function to a full-integer model (int16x8: TensorFlow's int16-activation,
    int8-weight scheme, with int16 input and output; per_tensor: one weight scale per tensor
    instead of per output channel).

    specs: per input (shape, low, high) of the representative data (sets the input range and
    so the zero point; lopsided ranges give extreme zero points).
    """
    import tensorflow as tf

    rng = np.random.default_rng(seed)
    concrete = fn.get_concrete_function(*[tf.TensorSpec(s, tf.float32) for s, _, _ in specs])

    def representative():
        for _ in range(samples):
            yield [rng.uniform(lo, hi, size=s).astype(np.float32) for s, lo, hi in specs]

    conv = tf.lite.TFLiteConverter.from_concrete_functions([concrete], fn)
    conv.optimizations = [tf.lite.Optimize.DEFAULT]
    conv.representative_dataset = representative
    conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    if per_tensor:
        conv._experimental_disable_per_channel = True
    if int16x8:
        conv.target_spec.supported_ops = [tf.lite.OpsSet.EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8]
        conv.inference_input_type = conv.inference_output_type = tf.int16
    elif int8_io:
        conv.inference_input_type = tf.int8
        conv.inference_output_type = tf.int8
    return conv.convert()


def run_tflite(model: bytes, inputs: list[np.ndarray], delegates: bool = True) -> list[np.ndarray]:
    import tensorflow as tf

    # The interpreter as users get it: default resolver, XNNPACK delegate for the ops it takes
    # (single rounding), TFLite's builtin kernels for the rest. Measured here: its builtin and
    # reference CONV_2D/FULLY_CONNECTED kernels round twice, like TFLite Micro, so "single
    # rounding" is what this default configuration computes.
    resolver = tf.lite.experimental.OpResolverType
    interp = tf.lite.Interpreter(model_content=model, num_threads=1, experimental_op_resolver_type=(
        resolver.AUTO if delegates else resolver.BUILTIN_WITHOUT_DEFAULT_DELEGATES))
    interp.allocate_tensors()
    for d, x in zip(interp.get_input_details(), inputs):
        interp.set_tensor(d["index"], np.asarray(x, d["dtype"]).reshape(d["shape"]))
    interp.invoke()
    return [interp.get_tensor(d["index"]).copy() for d in interp.get_output_details()]


class Tflm:
    """One TFLite Micro interpreter per model, reused for many invokes."""

    def __init__(self, model: bytes, arena_size: int = 4 << 20) -> None:
        from tflite_micro.python.tflite_micro import runtime

        self.interp = runtime.Interpreter.from_bytes(model, arena_size=arena_size)

    def run(self, inputs: list[np.ndarray], n_outputs: int = 1) -> list[np.ndarray]:
        for i, x in enumerate(inputs):
            d = self.interp.get_input_details(i)
            self.interp.set_input(np.asarray(x, d["dtype"]).reshape(d["shape"]), i)
        self.interp.invoke()
        return [self.interp.get_output(i).copy() for i in range(n_outputs)]
