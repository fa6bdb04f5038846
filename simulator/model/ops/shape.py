"""RESHAPE: same bytes, new shape."""

from __future__ import annotations

from simulator.model.emitter import Emitter
from simulator.model.ops import Memory, op
from simulator.model.tflite_reader import OpInfo


@op("RESHAPE", types="any", kernel="reshape", header="ops/reshape.hpp", memory=Memory.ALIAS,
    notes="the output is the input's bytes (no code runs) unless the input is constant")
def reshape(em: Emitter, op: OpInfo) -> None:
    src, dst = op.inputs[0], op.outputs[0]
    if em.t(src).is_constant or em.plan.offsets.get(src) != em.plan.offsets.get(dst):
        em.call(f"utensor::reshape({em.ptr(src)}, {em.ptr(dst, True)}, {em.t(dst).nbytes});")
    else:
        em.call(f"// RESHAPE {em.t(src).shape} -> {em.t(dst).shape}: same bytes, nothing to do")
