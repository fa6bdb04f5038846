"""ARG_MAX, ARG_MIN and MEAN."""

from __future__ import annotations

import numpy as np

from simulator.model import params, tflite_engine
from simulator.model.emitter import C_TYPES, Emitter, UnsupportedError, shape, shape4
from simulator.model.ops import op
from simulator.model.tflite_reader import OpInfo


def _arg(em: Emitter, op: OpInfo, fn: str) -> None:
    x = em.need(op, op.inputs[0], "INT8", "FLOAT32")
    axis_t = em.need(op, op.inputs[1], "INT32", "INT64", constant=True)
    out = em.need(op, op.outputs[0], "INT32", "INT64")
    axis = int(np.asarray(axis_t.data).reshape(-1)[0])
    em.call(f"utensor::{fn}<{C_TYPES[x.type_name]}, {C_TYPES[out.type_name]}>({em.ptr(op.inputs[0])}, {shape(x)}, "
            f"{axis}, {em.ptr(op.outputs[0], True)});")


@op("ARG_MAX", tflite="builtin",
    types="int8, float32 -> int32, int64", kernel="arg_max", header="ops/argminmax.hpp",
    notes="first index wins ties")
def arg_max(em: Emitter, op: OpInfo) -> None:
    _arg(em, op, "arg_max")


@op("ARG_MIN", tflite="builtin",
    types="int8, float32 -> int32, int64", kernel="arg_min", header="ops/argminmax.hpp",
    notes="first index wins ties")
def arg_min(em: Emitter, op: OpInfo) -> None:
    _arg(em, op, "arg_min")


@op("MEAN", tflite="XNNPACK (the raw sum times a float32 scale plus a float32 zero point, half away from zero)",
    types="int8", kernel="mean", header="ops/mean.hpp",
    notes="any constant axes up to 4-D, keep_dims or not; TFLite Micro's multiplier with 1/count folded in")
def mean(em: Emitter, op: OpInfo) -> None:
    x = em.need(op, op.inputs[0], "INT8")
    em.need(op, op.outputs[0], "INT8")
    axes_t = em.need(op, op.inputs[1], "INT32", "INT64", constant=True)
    rank = len(x.shape)
    if rank > 4:
        raise UnsupportedError(f"operator {op.index} (MEAN): the runtime handles up to 4 dimensions")
    axes = sorted({int(a) + rank if int(a) < 0 else int(a) for a in np.asarray(axes_t.data).reshape(-1)})
    if any(not 0 <= a < rank for a in axes):
        raise UnsupportedError(f"operator {op.index} (MEAN): axes {np.asarray(axes_t.data).tolist()} out of range")
    (si, zi), (so, zo) = em.q(op.inputs[0]), em.q(op.outputs[0])
    count = int(np.prod([x.shape[a] for a in axes], dtype=np.int64)) if axes else 1
    fields = params.mean(si, zi, so, zo, count)
    lead = 4 - rank
    for d in range(4):
        fields[f"reduce[{d}]"] = d >= lead and (d - lead) in axes
    single = fields
    if tflite_engine.xnnpack_takes(em.model, op):
        single = {**fields, **params.xnn_mean(si, zi, so, zo, count)}
    p = em.params("MeanParams", f"op{op.index}_params", single, fields)
    em.call(f"utensor::mean({p}, {em.ptr(op.inputs[0])}, {shape4(x)}, {em.ptr(op.outputs[0], True)});")
