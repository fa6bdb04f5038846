"""Binary element-wise ops with broadcasting: ADD, SUB, MUL, MINIMUM, MAXIMUM."""

from __future__ import annotations

from simulator.model import params, tflite_engine
from simulator.model.emitter import Emitter, UnsupportedError, shape
from simulator.model.ops import Memory, op, same_shape_inputs
from simulator.model.tflite_reader import OpInfo


def _operands(em: Emitter, op: OpInfo) -> str:
    a, b, out = (em.t(i) for i in (op.inputs[0], op.inputs[1], op.outputs[0]))
    return (f"{em.ptr(op.inputs[0])}, {shape(a)}, {em.ptr(op.inputs[1])}, {shape(b)}, "
            f"{em.ptr(op.outputs[0], True)}, {shape(out)}")


def _quantized(em: Emitter, op: OpInfo) -> tuple[tuple[float, int], tuple[float, int], tuple[float, int], int]:
    for i in (*op.inputs[:2], op.outputs[0]):
        em.need(op, i, "INT8")
    return em.q(op.inputs[0]), em.q(op.inputs[1]), em.q(op.outputs[0]), op.options.get("FusedActivationFunction", 0)


def _add_int16(em: Emitter, op: OpInfo) -> None:
    """The int16x8 scheme's ADD: TFLite's general int16 path (TFLite Micro always runs it;
    tf.lite too when the model says pot_scale_int16 = false, as TensorFlow's converter writes)."""
    for i in (*op.inputs[:2], op.outputs[0]):
        em.need(op, i, "INT16")
    if op.options.get("PotScaleInt16", True):
        raise UnsupportedError(f"operator {op.index} (ADD): int16 ADD with pot_scale_int16 = true (TFLite's "
                               "power-of-two scheme of older converters) is not supported; convert the model again")
    (s1, z1), (s2, z2), (so, zo) = em.q(op.inputs[0]), em.q(op.inputs[1]), em.q(op.outputs[0])
    p = em.params("AddParams", f"op{op.index}_params",
                  params.add(s1, z1, s2, z2, so, zo, op.options.get("FusedActivationFunction", 0), int16=True))
    em.call(f"utensor::add_int16({p}, {_operands(em, op)});")


def _add_sub(em: Emitter, op: OpInfo, fn: str) -> None:
    if fn == "add" and em.t(op.inputs[0]).type_name == "INT16":
        _add_int16(em, op)
        return
    (s1, z1), (s2, z2), (so, zo), act = _quantized(em, op)
    fields = params.add(s1, z1, s2, z2, so, zo, act)
    single = fields
    if tflite_engine.xnnpack_takes(em.model, op):
        single = {**fields, **params.xnn_add(s1, z1, s2, z2, so, zo, act, subtract=fn == "sub")}
    p = em.params("AddParams", f"op{op.index}_params", single, fields)
    em.call(f"utensor::{fn}({p}, {_operands(em, op)});")


@op("ADD", tflite="XNNPACK's ADD when both input/output scale ratios are in [1/1024, 256); else builtin; "
           "int16x8: builtin (general path)",
    types="int8, int16x8", kernel="add, add_int16", header="ops/elementwise.hpp", memory=Memory.IN_PLACE,
    in_place=same_shape_inputs, notes="numpy broadcasting up to 4-D; TFLite's 8-bit scheme (left shift 20); "
                                      "int16: its general int16 path (left shift 15, double rounding); "
                                      "pot_scale_int16 models refused")
def add(em: Emitter, op: OpInfo) -> None:
    _add_sub(em, op, "add")


@op("SUB", tflite="XNNPACK's SUB when both input/output scale ratios are in [1/1024, 256); else builtin",
    types="int8", kernel="sub", header="ops/elementwise.hpp", memory=Memory.IN_PLACE,
    in_place=same_shape_inputs,
    notes="TFLite runs it as ADD with the second multiplier negated, TFLite Micro subtracts the rescaled inputs")
def sub(em: Emitter, op: OpInfo) -> None:
    _add_sub(em, op, "sub")


@op("MUL", tflite="XNNPACK (float32 requantization) when the product/output scale is in [1/65536, 256); else builtin",
    types="int8", kernel="mul", header="ops/elementwise.hpp", memory=Memory.IN_PLACE,
    in_place=same_shape_inputs, notes="numpy broadcasting up to 4-D")
def mul(em: Emitter, op: OpInfo) -> None:
    (s1, z1), (s2, z2), (so, zo), act = _quantized(em, op)
    fields = params.mul(s1, z1, s2, z2, so, zo, act)
    single = fields
    if tflite_engine.xnnpack_takes(em.model, op):
        single = {**fields, **params.xnn_mul(s1, z1, s2, z2, so, zo, act)}
    p = em.params("MulParams", f"op{op.index}_params", single, fields)
    em.call(f"utensor::mul({p}, {_operands(em, op)});")


@op("MINIMUM", tflite="builtin",
    types="int8", kernel="minimum", header="ops/elementwise.hpp", memory=Memory.IN_PLACE,
    in_place=same_shape_inputs, notes="compares raw values: inputs and output share quantization")
def minimum(em: Emitter, op: OpInfo) -> None:
    em.need(op, op.inputs[0], "INT8")
    em.call(f"utensor::minimum({_operands(em, op)});")


@op("MAXIMUM", tflite="builtin",
    types="int8", kernel="maximum", header="ops/elementwise.hpp", memory=Memory.IN_PLACE,
    in_place=same_shape_inputs, notes="compares raw values: inputs and output share quantization")
def maximum(em: Emitter, op: OpInfo) -> None:
    em.need(op, op.inputs[0], "INT8")
    em.call(f"utensor::maximum({_operands(em, op)});")
