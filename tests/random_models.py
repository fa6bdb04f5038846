"""Seeded generator of whole random models for the conformance suite.

``draw(seed)`` returns a TensorFlow function and its input range: a chain of layers with
residual branches (ADD/SUB/MUL/MINIMUM/MAXIMUM against an earlier tensor of the same shape or
a constant), random shapes, strides, dilations, padding, depth multipliers, fused and
stand-alone activations, pooling, reshapes, FULLY_CONNECTED heads, SOFTMAX and ARG_MAX/ARG_MIN
ends. Four flavours: int8 with int8 input and output, int8 with float input and output
(QUANTIZE and DEQUANTIZE at the ends), float32 (only the ops with float kernels), and int8
sequence models (one or two Keras 2 LSTM layers, which TF's converter fuses into
UNIDIRECTIONAL_SEQUENCE_LSTM, then a dense head).
TensorFlow's converter turns it into a .tflite at test time (``convert``).

``GENERATORS`` maps every TFLite operator the generator can make to how; the suite checks it
covers the op table (``simulator.model.ops.OPS``) and that every op was really drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

INT8, INT8_FLOAT_IO, FLOAT, SEQUENCE = "int8", "int8-float-io", "float32", "int8-sequence"
ACTS = ("none", "relu", "relu6", "relu_n1_to_1")


@dataclass
class Drawn:
    seed: int
    flavour: str
    input_shape: tuple[int, ...]
    input_range: tuple[float, float]
    steps: list[tuple[str, Callable[[list[Any]], Any]]] = field(default_factory=list)
    shapes: list[tuple[int, ...]] = field(default_factory=list)  # shape of every value, the input first
    keras_model: Callable[[], Any] | None = None  # sequence models: builds a tf_keras model instead
    layers: list[str] = field(default_factory=list)  # its description

    @property
    def description(self) -> str:
        names = self.layers or [name for name, _ in self.steps]
        return f"seed {self.seed} ({self.flavour}): " + " -> ".join(names)

    def function(self):
        import tensorflow as tf

        steps = list(self.steps)

        @tf.function
        def model(x):
            values = [x]
            for _, step in steps:
                values.append(step(values))
            return values[-1]

        return model


def _act(name: str, x):
    import tensorflow as tf

    if name == "relu":
        return tf.nn.relu(x)
    if name == "relu6":
        return tf.nn.relu6(x)
    if name == "relu_n1_to_1":
        return tf.clip_by_value(x, -1.0, 1.0)
    return x


class _Builder:
    def __init__(self, rng: np.random.Generator, drawn: Drawn) -> None:
        self.rng = rng
        self.d = drawn

    @property
    def shape(self) -> tuple[int, ...]:
        return self.d.shapes[-1]

    def push(self, name: str, step: Callable[[list[Any]], Any], shape: tuple[int, ...]) -> None:
        self.d.steps.append((name, step))
        self.d.shapes.append(tuple(int(s) for s in shape))

    def i(self, lo: int, hi: int) -> int:
        """An integer in [lo, hi]."""
        return int(self.rng.integers(lo, hi + 1))

    def act(self, allow: bool = True) -> str:
        return str(self.rng.choice(ACTS)) if allow else "none"

    def weights(self, shape: tuple[int, ...]) -> np.ndarray:
        return (self.rng.standard_normal(shape) * self.rng.uniform(0.05, 1.0)).astype(np.float32)

    # -- 4-D layers ------------------------------------------------------------------------------
    @staticmethod
    def _out(size: int, k: int, stride: int, dilation: int, pad: str) -> int:
        eff = (k - 1) * dilation + 1
        return -(-size // stride) if pad == "SAME" else -(-(size - eff + 1) // stride)

    def _window(self, allow_dilation: bool) -> tuple[int, int, int, str] | None:
        _, h, w, _ = self.shape
        k = self.i(1, 4)
        stride = self.i(1, 2)
        dilation = self.i(1, 2) if allow_dilation and stride == 1 else 1
        pad = "SAME" if self.rng.random() < 0.5 else "VALID"
        if pad == "VALID" and (k - 1) * dilation + 1 > min(h, w):
            pad = "SAME"
        return k, stride, dilation, pad

    def conv(self) -> None:
        import tensorflow as tf

        n, h, w, c = self.shape
        k, stride, dil, pad = self._window(True)
        oc = self.i(1, 12)
        f, b, act = self.weights((k, k, c, oc)), self.weights((oc,)) * 2, self.act()
        self.push(f"conv{k}x{k}/{stride} {pad} {act}",
                  lambda v: _act(act, tf.nn.conv2d(v[-1], f, stride, pad, dilations=dil) + b),
                  (n, self._out(h, k, stride, dil, pad), self._out(w, k, stride, dil, pad), oc))

    def depthwise(self) -> None:
        import tensorflow as tf

        n, h, w, c = self.shape
        k, stride, dil, pad = self._window(True)
        m = self.i(1, 2)
        f, b, act = self.weights((k, k, c, m)), self.weights((c * m,)) * 2, self.act()
        self.push(f"dw{k}x{k}/{stride}x{m} {pad} {act}",
                  lambda v: _act(act, tf.nn.depthwise_conv2d(v[-1], f, [1, stride, stride, 1], pad,
                                                             dilations=[dil, dil]) + b),
                  (n, self._out(h, k, stride, dil, pad), self._out(w, k, stride, dil, pad), c * m))

    def pool(self, kind: str) -> None:
        import tensorflow as tf

        n, h, w, c = self.shape
        k, stride, _, pad = self._window(False)
        op = tf.nn.max_pool2d if kind == "max" else tf.nn.avg_pool2d
        self.push(f"{kind}pool{k}/{stride} {pad}", lambda v: op(v[-1], k, stride, pad),
                  (n, self._out(h, k, stride, 1, pad), self._out(w, k, stride, 1, pad), c))

    def flatten(self) -> None:
        import tensorflow as tf

        size = int(np.prod(self.shape))
        self.push("flatten", lambda v: tf.reshape(v[-1], (1, size)), (1, size))

    # -- any rank --------------------------------------------------------------------------------
    def binary(self) -> None:
        import tensorflow as tf

        kind = str(self.rng.choice(["add", "sub", "mul", "minimum", "maximum"]))
        fn = {"add": tf.add, "sub": tf.subtract, "mul": tf.multiply, "minimum": tf.minimum,
              "maximum": tf.maximum}[kind]
        shape = self.shape
        earlier = [j for j, s in enumerate(self.d.shapes[:-1]) if s == shape]
        act = self.act(kind in ("add", "sub", "mul"))
        here = len(self.d.shapes) - 1
        if earlier and self.rng.random() < 0.75:
            j = int(self.rng.choice(earlier))
            self.push(f"{kind}(v{here}, v{j}) {act}", lambda v: _act(act, fn(v[here], v[j])), shape)
            return
        # a constant: per channel (broadcast) or full
        cshape = (shape[-1],) if self.rng.random() < 0.5 else shape
        const = self.weights(cshape) * 3
        if self.rng.random() < 0.5:
            self.push(f"{kind}(v{here}, const{cshape}) {act}", lambda v: _act(act, fn(v[here], const)), shape)
        else:
            self.push(f"{kind}(const{cshape}, v{here}) {act}", lambda v: _act(act, fn(const, v[here])), shape)

    def activation(self) -> None:
        # Rarely RELU_N1_TO_1 on its own: TFLite Micro has no kernel for it (tf.lite only).
        act = str(self.rng.choice(ACTS[1:], p=[0.45, 0.45, 0.1]))
        self.push(act, lambda v: _act(act, v[-1]), self.shape)

    def dense(self) -> None:
        import tensorflow as tf

        n, k = self.shape
        out = self.i(1, 48)
        w, b, act = self.weights((k, out)), self.weights((out,)) * 2, self.act()
        self.push(f"fc{out} {act}", lambda v: _act(act, tf.matmul(v[-1], w) + b), (n, out))

    def softmax(self) -> None:
        import tensorflow as tf

        beta = 1.0 if self.rng.random() < 0.6 or self.d.flavour == FLOAT else float(self.rng.uniform(0.2, 3.0))
        self.push(f"softmax beta={beta:.3g}",
                  lambda v: tf.nn.softmax(v[-1] * beta) if beta != 1.0 else tf.nn.softmax(v[-1]), self.shape)

    def to_image(self) -> None:
        import tensorflow as tf

        _, size = self.shape
        for c in (4, 3, 2, 1):
            if size % c == 0:
                rest = size // c
                h = max(d for d in range(1, int(rest ** 0.5) + 1) if rest % d == 0)
                shape = (1, h, rest // h, c)
                self.push(f"reshape{shape}", lambda v: tf.reshape(v[-1], shape), shape)
                return

    # -- the ops real models use (issue 12) ------------------------------------------------------
    def pad(self) -> None:
        import tensorflow as tf

        n, h, w, c = self.shape
        pads = [[0, 0]] + [[self.i(0, 2), self.i(0, 2)] for _ in range(3)]
        value = 0.0 if self.rng.random() < 0.6 else float(self.rng.uniform(-2, 2))  # PADV2 when not 0
        self.push(f"pad{pads[1:]} value {value:.2g}", lambda v: tf.pad(v[-1], pads, constant_values=value),
                  (n, h + sum(pads[1]), w + sum(pads[2]), c + sum(pads[3])))

    def concat(self) -> None:
        import tensorflow as tf

        n, h, w, c = self.shape
        here = len(self.d.shapes) - 1
        earlier = [j for j, s in enumerate(self.d.shapes[:-1]) if len(s) == 4 and s[:3] == (n, h, w)]
        j = int(self.rng.choice(earlier)) if earlier and self.rng.random() < 0.7 else here
        axis = 3 if j != here else self.i(1, 3)
        shape = list(self.shape)
        shape[axis] += self.d.shapes[j][axis]
        self.push(f"concat(v{here}, v{j}) axis {axis}", lambda v: tf.concat([v[here], v[j]], axis=axis), shape)

    def transpose(self) -> None:
        import tensorflow as tf

        perm = [0] + [int(p) + 1 for p in self.rng.permutation(3)]
        self.push(f"transpose{perm}", lambda v: tf.transpose(v[-1], perm), tuple(self.shape[p] for p in perm))

    def slice(self) -> None:
        import tensorflow as tf

        n, h, w, c = self.shape
        if self.rng.random() < 0.3:  # SLICE
            b = [0, self.i(0, h - 1), self.i(0, w - 1), 0]
            size = [n, self.i(1, h - b[1]), -1, c]
            self.push(f"slice{b[1:3]}+{size[1:3]}", lambda v: tf.slice(v[-1], b, size), (n, size[1], w - b[2], c))
            return
        sy, sx = self.i(1, 2) * (1 if self.rng.random() < 0.8 else -1), self.i(1, 2)
        y0 = self.i(0, h - 1) if sy > 0 else None
        ys, xs = slice(y0, None, sy), slice(self.i(0, w - 1), None, sx)
        out = (n, len(range(*ys.indices(h))), len(range(*xs.indices(w))), c)
        self.push(f"strided_slice[{ys.start}::{sy}, {xs.start}::{sx}]", lambda v: v[-1][:, ys, xs, :], out)

    def resize(self) -> None:
        import tensorflow as tf

        n, h, w, c = self.shape
        size = (self.i(1, 12), self.i(1, 12))
        self.push(f"resize_nearest{size}", lambda v: tf.image.resize(v[-1], size, method="nearest"), (n, *size, c))

    def mean(self) -> None:
        import tensorflow as tf

        axes = [[1, 2], [3], [1], [2, 3]][self.i(0, 3)]
        keep = bool(self.rng.random() < 0.5) or len(axes) == 1  # the result stays 4-D or 2-D
        out = tuple(1 if k in axes else d for k, d in enumerate(self.shape)) if keep else \
            tuple(d for k, d in enumerate(self.shape) if k not in axes)
        self.push(f"mean{axes} keep={keep}", lambda v: tf.reduce_mean(v[-1], axis=axes, keepdims=keep), out)

    def nonlinear(self) -> None:
        import tensorflow as tf

        kind = str(self.rng.choice(["logistic", "tanh", "hard_swish", "leaky_relu", "prelu"]))
        alpha = float(self.rng.uniform(0.01, 0.9))
        if kind == "prelu":  # the converter fuses Keras's PReLU layer (its variable alpha) into PRELU
            import tf_keras as keras

            shared = [k for k in range(1, len(self.shape) - 1) if self.rng.random() < 0.5] or None
            layer = keras.layers.PReLU(shared_axes=shared)
            layer.build(self.shape)
            layer.alpha.assign(self.rng.uniform(-0.5, 0.9, size=layer.alpha.shape).astype(np.float32))
            self.push(f"prelu shared {shared}", lambda v: layer(v[-1]), self.shape)
            return
        fn = {"logistic": tf.sigmoid, "tanh": tf.tanh, "hard_swish": lambda x: x * tf.nn.relu6(x + 3) / 6,
              "leaky_relu": lambda x: tf.nn.leaky_relu(x, alpha)}[kind]
        self.push(kind, lambda v: fn(v[-1]), self.shape)

    def outer(self) -> None:
        """(1, n) -> EXPAND_DIMS (1, n, 1) -> BATCH_MATMUL with itself (1, n, n) -> MEAN over the
        last axis, kept (1, n, 1) -> SQUEEZE (1, n)."""
        import tensorflow as tf

        _, size = self.shape
        if size > 24:
            return
        self.push(f"outer({size})", lambda v: tf.reshape(tf.reduce_mean(tf.matmul(
            tf.reshape(v[-1], (1, size, 1)), tf.reshape(v[-1], (1, size, 1)), transpose_b=True), axis=2,
            keepdims=True), (1, size)), (1, size))

    def arg(self) -> None:
        import tensorflow as tf

        axis = self.i(1, len(self.shape) - 1)
        kind = str(self.rng.choice(["argmax", "argmin"]))
        fn = tf.math.argmax if kind == "argmax" else tf.math.argmin
        out = tuple(s for k, s in enumerate(self.shape) if k != axis)
        self.push(f"{kind} axis {axis}", lambda v: fn(v[-1], axis=axis, output_type=tf.int32), out)


def _sequence(rng: np.random.Generator, seed: int) -> Drawn:
    """(1, T, F) -> LSTM [-> LSTM] -> flatten -> dense [-> softmax], with tf_keras."""
    steps, features = int(rng.integers(1, 11)), int(rng.integers(1, 13))
    units = [int(rng.integers(1, 17)) for _ in range(int(rng.integers(1, 3)))]
    head = int(rng.integers(1, 12))
    act, softmax = str(rng.choice(["linear", "relu"])), bool(rng.random() < 0.6)
    width = float(rng.uniform(0.2, 6.0))
    d = Drawn(seed, SEQUENCE, (1, steps, features), (-width, width))
    d.layers = [f"lstm{u}" for u in units] + ["flatten", f"fc{head} {act}"] + (["softmax"] if softmax else [])
    weight_seed = int(rng.integers(1 << 31))

    def build():
        import tf_keras as keras

        keras.utils.set_random_seed(weight_seed)
        inp = keras.Input((steps, features), batch_size=1)
        x = inp
        for u in units:
            x = keras.layers.LSTM(u, return_sequences=True)(x)
        x = keras.layers.Dense(head, activation=act)(keras.layers.Flatten()(x))
        if softmax:
            x = keras.layers.Softmax()(x)
        return keras.Model(inp, x)

    d.keras_model = build
    return d


def lstm_only(seed: int) -> Drawn:
    """A model that is one UNIDIRECTIONAL_SEQUENCE_LSTM (for the single-op suite)."""
    rng = np.random.default_rng(seed)
    steps, features, units = int(rng.integers(1, 9)), int(rng.integers(1, 10)), int(rng.integers(1, 13))
    width = float(rng.uniform(0.2, 6.0))
    d = Drawn(seed, SEQUENCE, (1, steps, features), (-width, width), layers=[f"lstm{units}"])
    weight_seed = int(rng.integers(1 << 31))

    def build():
        import tf_keras as keras

        keras.utils.set_random_seed(weight_seed)
        inp = keras.Input((steps, features), batch_size=1)
        return keras.Model(inp, keras.layers.LSTM(units, return_sequences=True)(inp))

    d.keras_model = build
    return d


def draw(seed: int, flavour: str | None = None) -> Drawn:
    """A random model for `seed` (the flavour is drawn too unless given)."""
    rng = np.random.default_rng(seed)
    if flavour is None:
        # Sequence (LSTM) models take 10-40 s each to convert (calibrating the LSTM): one in forty.
        flavour = str(rng.choice([INT8, INT8, INT8, INT8_FLOAT_IO, FLOAT], p=[0.2375] * 3 + [0.15, 0.1375])
                      if rng.random() >= 0.025 else SEQUENCE)
    if flavour == SEQUENCE:
        return _sequence(rng, seed)
    width = float(rng.uniform(0.2, 12.0))
    input_range = [(-width, width), (0.0, width), (-width, width * 0.1)][int(rng.integers(3))]
    image = flavour != FLOAT and rng.random() < 0.75
    shape = (1, int(rng.integers(3, 13)), int(rng.integers(3, 13)), int(rng.integers(1, 6))) if image else \
        (1, int(rng.integers(1, 80)))
    d = Drawn(seed, flavour, shape, input_range, shapes=[shape])
    b = _Builder(rng, d)
    layers = int(rng.integers(2, 9))
    for _ in range(layers):
        if len(b.shape) == 4:
            choices = {"conv": 3, "depthwise": 2, "maxpool": 1, "avgpool": 1, "binary": 3, "activation": 1,
                       "flatten": 1, "pad": 0.5, "concat": 0.5, "transpose": 0.5, "slice": 0.5, "resize": 0.5,
                       "mean": 0.3, "nonlinear": 1.5}
            if min(b.shape[1:3]) < 2:
                choices = {"conv": 1, "binary": 2, "activation": 1, "flatten": 2, "pad": 0.5, "nonlinear": 1}
            if int(np.prod(b.shape)) > 4096:  # keep the models small
                choices = {k: v for k, v in choices.items() if k not in ("pad", "concat", "resize")}
        elif flavour == FLOAT:
            choices = {"dense": 4, "activation": 1, "softmax": 1}
        else:
            choices = {"dense": 3, "binary": 2, "activation": 1, "softmax": 1, "to_image": 1, "outer": 0.7}
        names = list(choices)
        p = np.array([choices[n] for n in names], float)
        pick = str(rng.choice(names, p=p / p.sum()))
        {"conv": b.conv, "depthwise": b.depthwise, "maxpool": lambda: b.pool("max"),
         "avgpool": lambda: b.pool("avg"), "binary": b.binary, "activation": b.activation, "flatten": b.flatten,
         "dense": b.dense, "softmax": b.softmax, "to_image": b.to_image, "pad": b.pad, "concat": b.concat,
         "transpose": b.transpose, "slice": b.slice, "resize": b.resize, "mean": b.mean, "nonlinear": b.nonlinear,
         "outer": b.outer}[pick]()
    end = rng.random()
    if len(b.shape) == 4 and end < 0.5:
        b.flatten()
    if len(b.shape) == 2 and end < 0.4:
        b.dense()
        if rng.random() < 0.7:
            b.softmax()
    elif end > 0.85 and flavour != INT8_FLOAT_IO:
        b.arg()
    return d


def convert(d: Drawn, samples: int = 12) -> bytes:
    """The .tflite TensorFlow's converter makes of a drawn model."""
    import tensorflow as tf

    if d.flavour == SEQUENCE:
        samples = min(samples, 4)  # calibrating an LSTM is slow
    rng = np.random.default_rng(d.seed + 7)
    if d.keras_model is not None:
        conv = tf.lite.TFLiteConverter.from_keras_model(d.keras_model())
    else:
        fn = d.function()
        concrete = fn.get_concrete_function(tf.TensorSpec(d.input_shape, tf.float32))
        conv = tf.lite.TFLiteConverter.from_concrete_functions([concrete], fn)
    if d.flavour != FLOAT:
        lo, hi = d.input_range

        def representative():
            for _ in range(samples):
                yield [rng.uniform(lo, hi, size=d.input_shape).astype(np.float32)]

        conv.optimizations = [tf.lite.Optimize.DEFAULT]
        conv.representative_dataset = representative
        conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        if d.flavour in (INT8, SEQUENCE):
            conv.inference_input_type = tf.int8
            conv.inference_output_type = tf.int8
    import model_surgery

    # TensorFlow writes RESHAPE where other converters write SQUEEZE / EXPAND_DIMS: make both.
    return model_surgery.reshapes_as_squeeze_and_expand_dims(conv.convert())


def inputs(model, count: int, seed: int) -> np.ndarray:
    """Random inputs for a model (utensor ModelInfo): int8 (int16) over the whole range, the first one
    only extremes (saturation); float over twice the calibration range."""
    rng = np.random.default_rng(seed)
    t = model.tensors[model.inputs[0]]
    if t.type_name == "FLOAT32":
        return rng.uniform(-25, 25, size=(count, *t.shape)).astype(np.float32)
    if t.type_name == "INT16":  # the int16x8 scheme
        x16 = rng.integers(-32768, 32768, size=(count, *t.shape), dtype=np.int16)
        x16[0] = rng.choice(np.array([-32768, 32767, -32767, 32766], np.int16), size=t.shape)
        return x16
    x = rng.integers(-128, 128, size=(count, *t.shape), dtype=np.int8)
    x[0] = rng.choice(np.array([-128, 127, -127, 126], np.int8), size=t.shape)
    return x


#: Every TFLite operator the drawn models contain, and which layer makes it.
GENERATORS = {
    "CONV_2D": "conv", "DEPTHWISE_CONV_2D": "depthwise", "MAX_POOL_2D": "pool max", "AVERAGE_POOL_2D": "pool avg",
    "ADD": "binary add", "SUB": "binary sub", "MUL": "binary mul", "MINIMUM": "binary minimum",
    "MAXIMUM": "binary maximum", "RELU": "activation relu", "RELU6": "activation relu6",
    "RELU_N1_TO_1": "activation relu_n1_to_1", "RESHAPE": "flatten, to_image", "FULLY_CONNECTED": "dense",
    "SOFTMAX": "softmax", "ARG_MAX": "arg", "ARG_MIN": "arg", "QUANTIZE": "int8 model with float input",
    "DEQUANTIZE": "int8 model with float output", "UNIDIRECTIONAL_SEQUENCE_LSTM": "sequence models (tf_keras LSTM)",
    "PAD": "pad", "PADV2": "pad with a value", "CONCATENATION": "concat", "TRANSPOSE": "transpose",
    "STRIDED_SLICE": "slice", "SLICE": "slice", "RESIZE_NEAREST_NEIGHBOR": "resize", "MEAN": "mean, outer",
    "LOGISTIC": "nonlinear", "TANH": "nonlinear", "HARD_SWISH": "nonlinear", "LEAKY_RELU": "nonlinear",
    "PRELU": "nonlinear", "BATCH_MATMUL": "outer", "EXPAND_DIMS": "outer (RESHAPE rewritten)",
    "SQUEEZE": "outer (RESHAPE rewritten)",
}
