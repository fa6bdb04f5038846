"""BATCH_MATMUL."""

from __future__ import annotations

from simulator.model import params, tflite_engine
from simulator.model.emitter import Emitter, UnsupportedError, dims4, shape4
from simulator.model.ops import op
from simulator.model.tflite_reader import OpInfo


@op("BATCH_MATMUL", tflite="XNNPACK (float32 requantization) when it takes the op; else builtin",
    types="int8", kernel="batch_matmul", header="ops/batch_matmul.hpp",
    notes="adj_x / adj_y, broadcast batch dimensions up to 4-D; both operands activations or constants; "
          "tf.lite's XNNPACK ignores the right operand's zero point (measured), and tflite mode with it")
def batch_matmul(em: Emitter, op: OpInfo) -> None:
    lhs, rhs = em.need(op, op.inputs[0], "INT8"), em.need(op, op.inputs[1], "INT8")
    out = em.need(op, op.outputs[0], "INT8")
    if lhs.scale.size != 1 or rhs.scale.size != 1:
        raise UnsupportedError(f"operator {op.index} (BATCH_MATMUL): per-channel quantized operands are not supported")
    if len(lhs.shape) < 2 or len(rhs.shape) < 2:
        raise UnsupportedError(f"operator {op.index} (BATCH_MATMUL): operands need at least 2 dimensions")
    (sl, zl), (sr, zr), (so, zo) = em.q(op.inputs[0]), em.q(op.inputs[1]), em.q(op.outputs[0])
    fields = {**params.batch_matmul(sl, zl, sr, zr, so, zo), "adj_x": bool(op.options.get("AdjX", False)),
              "adj_y": bool(op.options.get("AdjY", False))}
    dims4(out)
    single = fields
    if tflite_engine.xnnpack_takes(em.model, op):
        scale = params.xnn_requantization_scales(sl, rhs.scale, 1, so)[0]
        # Measured: tf.lite's XNNPACK batch matmul ignores the right operand's zero point (it
        # treats it as symmetric, as its int8 weights are); tflite mode reproduces that.
        single = {**fields, "scale": float(scale), "rhs_offset": 0}
    p = em.params("BatchMatMulParams", f"op{op.index}_params", single, fields)
    em.call(f"utensor::batch_matmul({p}, {em.ptr(op.inputs[0])}, {shape4(lhs)}, {em.ptr(op.inputs[1])}, "
            f"{shape4(rhs)}, {em.ptr(op.outputs[0], True)}, {shape4(out)});")
