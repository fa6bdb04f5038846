"""Which kernel ``tf.lite.Interpreter`` runs for each int8 op, as users create it.

``tflite`` mode (UTENSOR_SINGLE_ROUNDING=1) promises the outputs of
``tf.lite.Interpreter(model_content=...)`` with its defaults, TensorFlow 2.21 on x86-64: the
XNNPACK delegate takes the ops it supports and TFLite's builtin (optimized) kernels run the
rest. The two round differently, so the generated code must know, per op, which one tf.lite
uses. The rules below are the XNNPACK delegate's own checks (tensorflow/lite/delegates/xnnpack,
``Visit*Node``) for the ops and types this runtime implements; the conformance suite
(tests/test_conformance.py) checks them on thousands of converted models.

On ARM, XNNPACK requantizes differently ("rndnu"), so tf.lite's results there differ from
these; TFLite Micro (``tflm`` mode) is the same everywhere.
"""

from __future__ import annotations

import numpy as np

from simulator.model.tflite_reader import ModelInfo, OpInfo

f32 = np.float32


def _scale(model: ModelInfo, i: int) -> np.float32:
    return f32(model.tensors[i].scale[0])


def _int8_per_tensor(model: ModelInfo, *tensors: int) -> bool:
    for i in tensors:
        t = model.tensors[i]
        if t.type_name != "INT8" or t.scale.size != 1 or not np.isfinite(t.scale[0]) or t.scale[0] <= 0:
            return False
    return True


def _requantization_scale_ok(model: ModelInfo, op: OpInfo) -> bool:
    """XNNPACK refuses int8 convolutions and FULLY_CONNECTED whose input * filter / output
    scale (float32, the filter's first channel) reaches 256."""
    s_in, s_w, s_out = _scale(model, op.inputs[0]), f32(model.tensors[op.inputs[1]].scale[0]), _scale(model, op.outputs[0])
    return bool(f32(f32(s_in * s_w) / s_out) < f32(256.0))


def _weights_ok(model: ModelInfo, i: int, quantized_dimension: int) -> bool:
    w = model.tensors[i]
    if w.type_name != "INT8" or not w.is_constant or w.scale.size == 0 or np.any(w.scale <= 0):
        return False
    if w.scale.size > 1:
        return w.quantized_dimension == quantized_dimension and bool(np.all(w.zero_point == 0))
    return True


def _bias_ok(model: ModelInfo, op: OpInfo) -> bool:
    """XNNPACK takes a bias of one dimension only. The converter can leave a [1, C] bias, e.g.
    after folding a multiplication by a constant into a FULLY_CONNECTED: tf.lite then runs the
    op with its builtin kernel (seen on conformance seed 100033)."""
    return len(op.inputs) < 3 or op.inputs[2] < 0 or len(model.tensors[op.inputs[2]].shape) == 1


def xnnpack_takes(model: ModelInfo, op: OpInfo) -> bool:
    """True when tf.lite's default interpreter runs this int8 op on XNNPACK."""
    name, o = op.name, op.options
    ins = [i for i in op.inputs if i >= 0]
    out = op.outputs[0]
    if name in ("FULLY_CONNECTED", "CONV_2D", "DEPTHWISE_CONV_2D") and not _bias_ok(model, op):
        return False
    if name == "FULLY_CONNECTED":
        return (o.get("WeightsFormat", 0) == 0 and _int8_per_tensor(model, op.inputs[0], out)
                and _weights_ok(model, op.inputs[1], 0) and _requantization_scale_ok(model, op))
    if name in ("CONV_2D", "DEPTHWISE_CONV_2D"):
        if len(op.inputs) < 3 or op.inputs[2] < 0:
            return False  # "unsupported ... without bias"
        if not (_int8_per_tensor(model, op.inputs[0], out) and _weights_ok(model, op.inputs[1], 0 if name == "CONV_2D" else 3)):
            return False
        if name == "CONV_2D":
            return _requantization_scale_ok(model, op)
        multiplier = int(o.get("DepthMultiplier", 0))
        return multiplier > 0 and model.tensors[op.inputs[1]].shape[3] % multiplier == 0
    if name == "MAX_POOL_2D":
        fh, fw, sh, sw = o["FilterHeight"], o["FilterWidth"], o["StrideH"], o["StrideW"]
        if sh > fh or sw > fw or (fh == 1 and fw == 1 and max(sh, sw) > 1):
            return False
        return _int8_per_tensor(model, op.inputs[0], out)
    if name in ("ADD", "SUB"):
        if not _int8_per_tensor(model, *ins, out):
            return False
        so = _scale(model, out)
        return all(f32(1 / 1024) <= f32(_scale(model, i) / so) < f32(256) for i in op.inputs[:2])
    if name == "MUL":
        if not _int8_per_tensor(model, *ins, out):
            return False
        ratio = f32(f32(_scale(model, op.inputs[0]) * _scale(model, op.inputs[1])) / _scale(model, out))
        return bool(f32(1 / 65536) <= ratio < f32(256))
    if name == "QUANTIZE":
        x = model.tensors[op.inputs[0]]
        if not _int8_per_tensor(model, out):
            return False
        if x.type_name == "FLOAT32":
            return True
        if not _int8_per_tensor(model, op.inputs[0]):
            return False
        ratio = f32(_scale(model, op.inputs[0]) / _scale(model, out))
        return bool(f32(1 / 256) <= ratio <= f32(128))
    if name == "DEQUANTIZE":
        return _int8_per_tensor(model, op.inputs[0])
    if name in ("LOGISTIC", "TANH"):
        return _int8_per_tensor(model, op.inputs[0], out)
    if name == "LEAKY_RELU":
        from simulator.model.params import xnn_leaky_relu_multipliers

        return _int8_per_tensor(model, op.inputs[0], out) and xnn_leaky_relu_multipliers(
            float(_scale(model, op.inputs[0])), float(o.get("Alpha", 0.2)), float(_scale(model, out))) is not None
    if name == "MEAN":
        return _int8_per_tensor(model, op.inputs[0], out)
    if name == "BATCH_MATMUL":
        return _int8_per_tensor(model, *ins, out)
    # Float-only in the delegate for these types: RELU, RELU6, RELU_N1_TO_1, MINIMUM, MAXIMUM,
    # AVERAGE_POOL_2D, SOFTMAX; and ARG_MAX/ARG_MIN are not delegated at all.
    return False


def not_reproduced(model: ModelInfo) -> list[str]:
    """Why tflite mode cannot promise tf.lite's exact outputs for this model (empty: it does)."""
    reasons = []
    for op in model.ops:
        if op.name in ("FULLY_CONNECTED", "CONV_2D") and model.tensors[op.inputs[0]].type_name == "INT8" \
                and not xnnpack_takes(model, op):
            why = "a bias of more than one dimension" if not _bias_ok(model, op) else "requantization scale >= 256"
            reasons.append(f"operator {op.index} ({op.name}): XNNPACK declines it ({why}) and TFLite's builtin "
                           "kernel rounds differently")
    return reasons
