"""The memory plan is valid on every model at hand: buffers alive at the same op never share
bytes, the arena is at least the live-tensor lower bound, ops run in place only where the op
table allows it, variable tensors and scratch get bytes of their own while they live.
(That the in-place kernels compute the right thing is the conformance suites' job.)"""

from __future__ import annotations

import pytest

from shared_models import SHARED
from simulator import FIRMWARE_DIR
from simulator.model.ops import OPS, Memory, scratch_bytes
from simulator.model.planner import plan
from simulator.model.tflite_reader import read_model

MODELS = [FIRMWARE_DIR / "models" / "mnist_mlp" / "mnist_mlp.tflite",
          FIRMWARE_DIR / "models" / "mnist_cnn" / "mnist_cnn.tflite",
          *[SHARED / n for n in ("hello_world_int8.tflite", "micro_speech_quantized.tflite", "person_detect.tflite",
                                 "trained_lstm_int8.tflite", "mlperf_tiny/kws_ref_model.tflite",
                                 "mlperf_tiny/vww_96_int8.tflite", "mlperf_tiny/pretrainedResnet_quant.tflite",
                                 "mlperf_tiny/ad01_int8.tflite")]]


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_plan_is_valid(path):
    if not path.exists():
        pytest.skip(f"{path} not found (set UTENSOR_SHARED_MODELS)")
    model = read_model(path)
    scratch = scratch_bytes(model)
    p = plan(model, scratch)
    for i, a in enumerate(p.buffers):
        assert a.offset >= 0 and a.offset + a.size <= p.arena_bytes and a.offset % 4 == 0
        for b in p.buffers[i + 1:]:
            if a.overlaps_in_time(b):
                assert a.offset + a.size <= b.offset or b.offset + b.size <= a.offset, (path.name, a, b)
    assert p.arena_bytes >= p.lower_bound_bytes
    for index in p.in_place_ops:
        assert OPS[model.ops[index].name].memory is Memory.IN_PLACE
    # every activation tensor is placed, and its bytes fit its buffer
    for t in model.tensors:
        used = any(t.index in op.inputs or t.index in op.outputs for op in model.ops) or t.index in model.inputs
        if used and not t.is_constant:
            buf = next(b for b in p.buffers if t.index in b.tensors)
            assert t.nbytes <= buf.size and p.offsets[t.index] == buf.offset
    for t in p.variables:
        buf = next(b for b in p.buffers if t in b.tensors)
        assert buf.first == -1 and buf.last == len(model.ops)  # alive throughout, never shared
    assert set(p.scratch_offsets) == {i for i, n in scratch.items() if n > 0}


def test_in_place_never_makes_a_plan_larger():
    for path in MODELS:
        if path.exists():
            model = read_model(path)
            with_in_place, without = plan(model), plan(model, in_place=False)
            assert with_in_place.arena_bytes <= without.arena_bytes, path.name
