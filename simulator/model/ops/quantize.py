"""QUANTIZE (float32 -> int8, int8 -> int8) and DEQUANTIZE (int8 -> float32)."""

from __future__ import annotations

from simulator.model import params
from simulator.model.emitter import Emitter, c_float, elements
from simulator.model.ops import Memory, op, same_shape_inputs
from simulator.model.tflite_reader import OpInfo


@op("QUANTIZE", types="float32 -> int8, int8 -> int8", kernel="quantize, requantize", header="ops/quantize.hpp",
    memory=Memory.IN_PLACE, in_place=same_shape_inputs,
    notes="int8 -> int8: TFLite Micro rounds twice; tf.lite's XNNPACK uses an 8-bit multiplier and one rounding shift")
def quantize(em: Emitter, op: OpInfo) -> None:
    x = em.need(op, op.inputs[0], "FLOAT32", "INT8")
    em.need(op, op.outputs[0], "INT8")
    so, zo = em.q(op.outputs[0])
    n = elements(x)
    if x.type_name == "FLOAT32":
        em.call(f"utensor::quantize({em.ptr(op.inputs[0])}, {em.ptr(op.outputs[0], True)}, {n}, {c_float(so)}, {zo});")
        return
    si, zi = em.q(op.inputs[0])
    p = em.params("RequantizeParams", f"op{op.index}_params", params.requantize(si, zi, so, zo, True),
                  params.requantize(si, zi, so, zo, False))
    em.call(f"utensor::requantize({p}, {em.ptr(op.inputs[0])}, {em.ptr(op.outputs[0], True)}, {n});")


@op("DEQUANTIZE", types="int8 -> float32", kernel="dequantize", header="ops/quantize.hpp",
    notes="float32(scale * (q - zero point)) computed in double")
def dequantize(em: Emitter, op: OpInfo) -> None:
    x = em.need(op, op.inputs[0], "INT8")
    em.need(op, op.outputs[0], "FLOAT32")
    si, zi = em.q(op.inputs[0])
    em.call(f"utensor::dequantize({em.ptr(op.inputs[0])}, {em.ptr(op.outputs[0], True)}, {elements(x)}, "
            f"{c_float(si)}, {zi});")
