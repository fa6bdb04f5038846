"""ARG_MAX and ARG_MIN."""

from __future__ import annotations

import numpy as np

from simulator.model.emitter import C_TYPES, Emitter, shape
from simulator.model.ops import op
from simulator.model.tflite_reader import OpInfo


def _arg(em: Emitter, op: OpInfo, fn: str) -> None:
    x = em.need(op, op.inputs[0], "INT8", "FLOAT32")
    axis_t = em.need(op, op.inputs[1], "INT32", "INT64", constant=True)
    out = em.need(op, op.outputs[0], "INT32", "INT64")
    axis = int(np.asarray(axis_t.data).reshape(-1)[0])
    em.call(f"utensor::{fn}<{C_TYPES[x.type_name]}, {C_TYPES[out.type_name]}>({em.ptr(op.inputs[0])}, {shape(x)}, "
            f"{axis}, {em.ptr(op.outputs[0], True)});")


@op("ARG_MAX", types="int8, float32 -> int32, int64", kernel="arg_max", header="ops/argminmax.hpp",
    notes="first index wins ties")
def arg_max(em: Emitter, op: OpInfo) -> None:
    _arg(em, op, "arg_max")


@op("ARG_MIN", types="int8, float32 -> int32, int64", kernel="arg_min", header="ops/argminmax.hpp",
    notes="first index wins ties")
def arg_min(em: Emitter, op: OpInfo) -> None:
    _arg(em, op, "arg_min")
