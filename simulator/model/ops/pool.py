"""MAX_POOL_2D and AVERAGE_POOL_2D."""

from __future__ import annotations

from simulator.model import params
from simulator.model.emitter import Emitter, shape
from simulator.model.ops import Memory, op
from simulator.model.tflite_reader import ModelInfo, OpInfo


def _pads(model: ModelInfo, op: OpInfo) -> tuple[int, int]:
    x, out, o = model.tensors[op.inputs[0]], model.tensors[op.outputs[0]], op.options
    same = o["Padding"] == 0
    return (params.padding(same, x.shape[1], o["FilterHeight"], o["StrideH"], 1, out.shape[1]),
            params.padding(same, x.shape[2], o["FilterWidth"], o["StrideW"], 1, out.shape[2]))


def without_padding(model: ModelInfo, op: OpInfo) -> list[int]:
    """The pooling kernels write output (y, x) only after reading every input the outputs up
    to (y, x) need, and no later output reads before it, when nothing pads the top or left
    (ops/pooling.hpp): then the output may overwrite the input."""
    x = model.tensors[op.inputs[0]]
    return [op.inputs[0]] if not x.is_constant and _pads(model, op) == (0, 0) else []


def _pool(em: Emitter, op: OpInfo, fn: str) -> None:
    em.need(op, op.inputs[0], "INT8")
    em.need(op, op.outputs[0], "INT8")
    x, out, o = em.t(op.inputs[0]), em.t(op.outputs[0]), op.options
    s_out, zp_out = em.q(op.outputs[0])
    fields = params.pool(s_out, zp_out, o.get("FusedActivationFunction", 0), (o["StrideH"], o["StrideW"]),
                         (o["FilterHeight"], o["FilterWidth"]), _pads(em.model, op))
    p = em.params("PoolParams", f"op{op.index}_params", fields)
    em.call(f"utensor::{fn}({p}, {em.ptr(op.inputs[0])}, {shape(x)}, {em.ptr(op.outputs[0], True)}, {shape(out)});")


@op("MAX_POOL_2D", types="int8", kernel="max_pool2d", header="ops/pooling.hpp", memory=Memory.IN_PLACE,
    in_place=without_padding, notes="input and output share quantization; in place when unpadded")
def max_pool_2d(em: Emitter, op: OpInfo) -> None:
    _pool(em, op, "max_pool2d")


@op("AVERAGE_POOL_2D", types="int8", kernel="average_pool2d", header="ops/pooling.hpp", memory=Memory.IN_PLACE,
    in_place=without_padding, notes="rounds half away from zero over the valid window; in place when unpadded")
def average_pool_2d(em: Emitter, op: OpInfo) -> None:
    _pool(em, op, "average_pool2d")
