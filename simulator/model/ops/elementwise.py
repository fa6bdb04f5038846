"""Binary element-wise ops with broadcasting: ADD, SUB, MUL, MINIMUM, MAXIMUM."""

from __future__ import annotations

from simulator.model import params
from simulator.model.emitter import Emitter, shape
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


def _add_sub(em: Emitter, op: OpInfo, fn: str) -> None:
    (s1, z1), (s2, z2), (so, zo), act = _quantized(em, op)
    p = em.params("AddParams", f"op{op.index}_params", params.add(s1, z1, s2, z2, so, zo, act))
    em.call(f"utensor::{fn}({p}, {_operands(em, op)});")


@op("ADD", types="int8", kernel="add", header="ops/elementwise.hpp", memory=Memory.IN_PLACE,
    in_place=same_shape_inputs, notes="numpy broadcasting up to 4-D; TFLite's 8-bit scheme (left shift 20)")
def add(em: Emitter, op: OpInfo) -> None:
    _add_sub(em, op, "add")


@op("SUB", types="int8", kernel="sub", header="ops/elementwise.hpp", memory=Memory.IN_PLACE,
    in_place=same_shape_inputs,
    notes="TFLite runs it as ADD with the second multiplier negated, TFLite Micro subtracts the rescaled inputs")
def sub(em: Emitter, op: OpInfo) -> None:
    _add_sub(em, op, "sub")


@op("MUL", types="int8", kernel="mul", header="ops/elementwise.hpp", memory=Memory.IN_PLACE,
    in_place=same_shape_inputs, notes="numpy broadcasting up to 4-D")
def mul(em: Emitter, op: OpInfo) -> None:
    (s1, z1), (s2, z2), (so, zo), act = _quantized(em, op)
    p = em.params("MulParams", f"op{op.index}_params", params.mul(s1, z1, s2, z2, so, zo, act))
    em.call(f"utensor::mul({p}, {_operands(em, op)});")


@op("MINIMUM", types="int8", kernel="minimum", header="ops/elementwise.hpp", memory=Memory.IN_PLACE,
    in_place=same_shape_inputs, notes="compares raw values: inputs and output share quantization")
def minimum(em: Emitter, op: OpInfo) -> None:
    em.need(op, op.inputs[0], "INT8")
    em.call(f"utensor::minimum({_operands(em, op)});")


@op("MAXIMUM", types="int8", kernel="maximum", header="ops/elementwise.hpp", memory=Memory.IN_PLACE,
    in_place=same_shape_inputs, notes="compares raw values: inputs and output share quantization")
def maximum(em: Emitter, op: OpInfo) -> None:
    em.need(op, op.inputs[0], "INT8")
    em.call(f"utensor::maximum({_operands(em, op)});")
