"""SOFTMAX."""

from __future__ import annotations

from simulator.model import params
from simulator.model.emitter import Emitter, UnsupportedError, c_float, elements
from simulator.model.ops import Memory, op, same_shape_inputs
from simulator.model.tflite_reader import OpInfo


@op("SOFTMAX", types="int8, float32", kernel="softmax, softmax_f32", header="ops/softmax.hpp, ops/float_ops.hpp",
    memory=Memory.IN_PLACE, in_place=same_shape_inputs,
    notes="int8 output scale 1/256, zero point -128; gemmlowp fixed-point exp and reciprocal; any beta")
def softmax(em: Emitter, op: OpInfo) -> None:
    x = em.t(op.inputs[0])
    depth = x.shape[-1] if x.shape else 1
    beta = float(op.options.get("Beta", 1.0))
    rows = elements(x) // depth
    if x.type_name == "FLOAT32":
        em.call(f"utensor::softmax_f32({em.ptr(op.inputs[0])}, {rows}, {depth}, {c_float(beta)}, "
                f"{em.ptr(op.outputs[0], True)});")
        return
    em.need(op, op.inputs[0], "INT8")
    out = em.need(op, op.outputs[0], "INT8")
    so, zo = em.q(op.outputs[0])
    if zo != -128 or abs(so - 1 / 256) > 1e-9:
        raise UnsupportedError(f"operator {op.index} (SOFTMAX): int8 output must have scale 1/256 and zero point -128, "
                               f"tensor {out.index} has {so}, {zo}")
    s_in = em.q(op.inputs[0])[0]
    p = em.params("SoftmaxParams", f"op{op.index}_params", params.softmax(beta, s_in, True),
                  params.softmax(beta, s_in, False))
    em.call(f"utensor::softmax({p}, {em.ptr(op.inputs[0])}, {rows}, {depth}, {em.ptr(op.outputs[0], True)});")
