"""RELU, RELU6, RELU_N1_TO_1 as stand-alone ops (fused activations are other ops' act_min/act_max);
LOGISTIC, TANH, HARD_SWISH, LEAKY_RELU, PRELU."""

from __future__ import annotations

from simulator.model import params, tflite_engine
from simulator.model.emitter import Emitter, UnsupportedError, elements, shape
from simulator.model.ops import Memory, op, same_shape_inputs
from simulator.model.tflite_reader import ModelInfo, OpInfo


def _relu(em: Emitter, op: OpInfo, act: int) -> None:
    x = em.t(op.inputs[0])
    n = elements(x)
    if x.type_name == "FLOAT32":
        em.call(f"utensor::relu_f32({em.ptr(op.inputs[0])}, {em.ptr(op.outputs[0], True)}, {n}, "
                f"utensor::Activation::{params.ACTIVATIONS[act]});")
        return
    em.need(op, op.inputs[0], "INT8")
    em.need(op, op.outputs[0], "INT8")
    (si, zi), (so, zo) = em.q(op.inputs[0]), em.q(op.outputs[0])
    p = em.params("ReluParams", f"op{op.index}_params", params.relu(act, si, zi, so, zo, True),
                  params.relu(act, si, zi, so, zo, False))
    em.call(f"utensor::relu({p}, {em.ptr(op.inputs[0])}, {em.ptr(op.outputs[0], True)}, {n});")


@op("RELU", tflite="builtin",
    types="int8, float32", kernel="relu, relu_f32", header="ops/activation.hpp, ops/float_ops.hpp",
    memory=Memory.IN_PLACE, in_place=same_shape_inputs,
    notes="requantizes when scales differ; TFLite divides the scales in float32, TFLite Micro in double")
def relu(em: Emitter, op: OpInfo) -> None:
    _relu(em, op, params.ACT_RELU)


@op("RELU6", tflite="builtin",
    types="int8, float32", kernel="relu, relu_f32", header="ops/activation.hpp, ops/float_ops.hpp",
    memory=Memory.IN_PLACE, in_place=same_shape_inputs,
    notes="TFLite Micro clamps in the input's quantization without rescaling; TFLite requantizes")
def relu6(em: Emitter, op: OpInfo) -> None:
    _relu(em, op, params.ACT_RELU6)


@op("RELU_N1_TO_1", tflite="builtin",
    types="int8, float32", kernel="relu, relu_f32", header="ops/activation.hpp, ops/float_ops.hpp",
    memory=Memory.IN_PLACE, in_place=same_shape_inputs, notes="as RELU, clamped to [-1, 1]")
def relu_n1_to_1(em: Emitter, op: OpInfo) -> None:
    _relu(em, op, params.ACT_RELU_N1_TO_1)


# -- LOGISTIC, TANH, HARD_SWISH, LEAKY_RELU, PRELU ----------------------------------------------

def _int8_unary(em: Emitter, op: OpInfo) -> tuple[tuple[float, int], tuple[float, int], int]:
    x = em.need(op, op.inputs[0], "INT8")
    em.need(op, op.outputs[0], "INT8")
    return em.q(op.inputs[0]), em.q(op.outputs[0]), elements(x)


def _sigmoid_tanh(em: Emitter, op: OpInfo, fn: str, out_q: tuple[float, int]) -> None:
    (si, zi), (so, zo), n = _int8_unary(em, op)
    if (abs(so - out_q[0]) > 1e-9 or zo != out_q[1]):
        raise UnsupportedError(f"operator {op.index} ({op.name}): int8 output must have scale {out_q[0]} and zero "
                               f"point {out_q[1]} (TFLite Micro's fixed output), tensor {op.outputs[0]} has {so}, {zo}")
    fields = params.sigmoid_tanh(si, zi)
    if not 0 <= fields["input_left_shift"] <= 30:
        raise UnsupportedError(f"operator {op.index} ({op.name}): input scale {si} is out of the fixed-point range")
    single = fields
    if tflite_engine.xnnpack_takes(em.model, op):  # tf.lite's XNNPACK: a table from float arithmetic
        table = params.xnn_lookup_table("tanh" if fn == "tanh" else "sigmoid", si, zi, so, zo)
        single = {**fields, "table": em.const_single(f"op{op.index}_table", "int8_t", table)}
    p = em.params("SigmoidTanhParams", f"op{op.index}_params", single, fields)
    em.call(f"utensor::{fn}({p}, {em.ptr(op.inputs[0])}, {em.ptr(op.outputs[0], True)}, {n});")


@op("LOGISTIC", tflite="XNNPACK (a table of float32 sigmoid values, rounded half to even)",
    types="int8", kernel="logistic", header="ops/sigmoid_tanh.hpp", memory=Memory.IN_PLACE,
    in_place=same_shape_inputs,
    notes="output scale 1/256, zero point -128; tflm mode: gemmlowp's fixed-point logistic on 4 integer bits")
def logistic(em: Emitter, op: OpInfo) -> None:
    _sigmoid_tanh(em, op, "logistic", (1 / 256, -128))


@op("TANH", tflite="XNNPACK (a table of float32 tanhf values, rounded half to even)",
    types="int8", kernel="tanh", header="ops/sigmoid_tanh.hpp", memory=Memory.IN_PLACE, in_place=same_shape_inputs,
    notes="output scale 1/128, zero point 0; tflm mode: gemmlowp's fixed-point tanh on 4 integer bits")
def tanh(em: Emitter, op: OpInfo) -> None:
    _sigmoid_tanh(em, op, "tanh", (1 / 128, 0))


@op("HARD_SWISH", tflite="builtin (the reference fixed-point kernel)",
    types="int8", kernel="hard_swish", header="ops/hard_swish.hpp", memory=Memory.IN_PLACE,
    in_place=same_shape_inputs, notes="TFLite's 16-bit fixed-point arithmetic, the same in TFLite and TFLite Micro")
def hard_swish(em: Emitter, op: OpInfo) -> None:
    (si, zi), (so, zo), n = _int8_unary(em, op)
    fields = params.hard_swish(si, zi, so, zo)
    if not (-16 < fields["output_exponent"] <= 0 and -16 < fields["reluish_exponent"] < 16):
        raise UnsupportedError(f"operator {op.index} (HARD_SWISH): the scale ratios are out of the 16-bit range")
    p = em.params("HardSwishParams", f"op{op.index}_params", fields)
    em.call(f"utensor::hard_swish({p}, {em.ptr(op.inputs[0])}, {em.ptr(op.outputs[0], True)}, {n});")


@op("LEAKY_RELU", tflite="XNNPACK (8-bit multipliers, one shift) when its scale checks pass; else builtin",
    types="int8", kernel="leaky_relu", header="ops/leaky_relu.hpp", memory=Memory.IN_PLACE,
    in_place=same_shape_inputs, notes="alpha >= 0; two Q31 multipliers (identity and alpha), double rounding")
def leaky_relu(em: Emitter, op: OpInfo) -> None:
    (si, zi), (so, zo), n = _int8_unary(em, op)
    alpha = float(op.options.get("Alpha", 0.2))
    if alpha < 0:
        raise UnsupportedError(f"operator {op.index} (LEAKY_RELU): a negative alpha ({alpha}) is not supported")
    fields = params.leaky_relu(si, zi, alpha, so, zo)
    single = fields
    if tflite_engine.xnnpack_takes(em.model, op):
        pos, neg = params.xnn_leaky_relu_multipliers(si, alpha, so)
        single = {**fields, "xnn_positive": pos, "xnn_negative": neg}
    p = em.params("LeakyReluParams", f"op{op.index}_params", single, fields)
    em.call(f"utensor::leaky_relu({p}, {em.ptr(op.inputs[0])}, {em.ptr(op.outputs[0], True)}, {n});")


def _prelu_in_place(model: ModelInfo, op_info: OpInfo) -> list[int]:
    return [i for i in same_shape_inputs(model, op_info) if i == op_info.inputs[0]]


@op("PRELU", tflite="builtin (scale ratios in float32)", types="int8", kernel="prelu", header="ops/leaky_relu.hpp",
    memory=Memory.IN_PLACE, in_place=_prelu_in_place,
    notes="int8 alpha (constant or not) broadcast up to 4-D; TFLite Micro divides the scales in double")
def prelu(em: Emitter, op: OpInfo) -> None:
    x = em.need(op, op.inputs[0], "INT8")
    a = em.need(op, op.inputs[1], "INT8")
    out = em.need(op, op.outputs[0], "INT8")
    (si, zi), (sa, za), (so, zo) = em.q(op.inputs[0]), em.q(op.inputs[1]), em.q(op.outputs[0])
    p = em.params("PreluParams", f"op{op.index}_params", params.prelu(si, zi, sa, za, so, zo, True),
                  params.prelu(si, zi, sa, za, so, zo, False))
    em.call(f"utensor::prelu({p}, {em.ptr(op.inputs[0])}, {shape(x)}, {em.ptr(op.inputs[1])}, {shape(a)}, "
            f"{em.ptr(op.outputs[0], True)}, {shape(out)});")
