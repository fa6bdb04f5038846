"""Run a whole .tflite model through this runtime's kernels (ctypes), op by op, in Python.

This is the test bridge between TensorFlow's models and the C++ kernels: every op is
dispatched to the C ABI with the scales, zero points and options the model holds.
"""

from __future__ import annotations

import numpy as np

from simulator.model.tflite_reader import ModelInfo

from utensor_lib import Runtime

ACT = {0: 0, 1: 1, 2: 2, 3: 3}


def q(t):
    return float(t.scale[0]), int(t.zero_point[0])


def out_shape(t):
    return tuple(t.shape)


def run_model(rt: Runtime, model: ModelInfo, inputs: list[np.ndarray]) -> list[np.ndarray]:
    values: dict[int, np.ndarray] = {}
    for i, t in enumerate(model.inputs):
        values[t] = np.asarray(inputs[i]).reshape(model.tensors[t].shape)

    def get(i):
        t = model.tensors[i]
        return t.data if t.is_constant else values[i]

    for op in model.ops:
        T = [model.tensors[i] if i >= 0 else None for i in op.inputs]
        O = model.tensors[op.outputs[0]]
        o = op.options
        act = ACT.get(o.get("FusedActivationFunction", 0), None)
        if act is None:
            raise NotImplementedError(f"activation {o.get('FusedActivationFunction')}")
        name = op.name
        if name == "FULLY_CONNECTED":
            x, w = get(op.inputs[0]), get(op.inputs[1])
            bias = get(op.inputs[2]) if len(op.inputs) > 2 and op.inputs[2] >= 0 else None
            y = rt.fully_connected(x, q(T[0]), w, T[1].scale, int(T[1].zero_point[0]) if not T[1].per_channel else 0,
                                   bias, q(O), act)
        elif name in ("CONV_2D", "DEPTHWISE_CONV_2D"):
            x, f = get(op.inputs[0]), get(op.inputs[1])
            bias = get(op.inputs[2]) if len(op.inputs) > 2 and op.inputs[2] >= 0 else None
            kind = 0 if name == "CONV_2D" else 1
            y = rt.conv(kind, x, q(T[0]), f, T[1].scale, bias, (o["StrideH"], o["StrideW"]),
                        (o["DilationHFactor"], o["DilationWFactor"]), o["Padding"], o.get("DepthMultiplier", 1) or
                        (f.shape[3] // x.shape[3]), act, q(O), out_shape(O))
        elif name in ("MAX_POOL_2D", "AVERAGE_POOL_2D"):
            y = rt.pool(0 if name == "MAX_POOL_2D" else 1, get(op.inputs[0]), (o["FilterHeight"], o["FilterWidth"]),
                        (o["StrideH"], o["StrideW"]), o["Padding"], act, q(O), out_shape(O))
        elif name in ("ADD", "SUB", "MUL", "MINIMUM", "MAXIMUM"):
            kind = ("ADD", "SUB", "MUL", "MINIMUM", "MAXIMUM").index(name)
            y = rt.binary(kind, get(op.inputs[0]), q(T[0]), get(op.inputs[1]), q(T[1]), out_shape(O), q(O), act)
        elif name in ("RELU", "RELU6", "RELU_N1_TO_1"):
            y = rt.relu(get(op.inputs[0]), q(T[0]), q(O), {"RELU": 1, "RELU6": 3, "RELU_N1_TO_1": 2}[name])
        elif name == "SOFTMAX":
            y = rt.softmax(get(op.inputs[0]), o.get("Beta", 1.0), q(T[0])[0])
        elif name in ("ARG_MAX", "ARG_MIN"):
            axis = int(np.asarray(get(op.inputs[1])).reshape(-1)[0])
            y = rt.arg(0 if name == "ARG_MAX" else 1, get(op.inputs[0]), axis).astype(O.dtype)
        elif name == "RESHAPE":
            y = np.asarray(get(op.inputs[0])).reshape(O.shape)
        elif name == "QUANTIZE":
            x = get(op.inputs[0])
            y = rt.quantize(x, q(O)) if x.dtype == np.float32 else rt.requantize(x, q(T[0]), q(O))
        elif name == "DEQUANTIZE":
            y = rt.dequantize(get(op.inputs[0]), q(T[0]))
        else:
            raise NotImplementedError(name)
        values[op.outputs[0]] = np.asarray(y).reshape(O.shape)
    return [values[i] for i in model.outputs]
