"""The op table: one declaration per TFLite operator the runtime runs.

Each declaration (``@op(...)`` on the function that writes the op's step) says everything
the rest of the pipeline needs to know about the operator:

- code generation: the decorated function, which checks the types and options, computes the
  constant parameters (``simulator/model/params.py``) and writes the kernel call;
- memory planning: ``memory`` (does the output get its own bytes, alias the input's bytes,
  or may it overwrite an input that dies at this op) and ``in_place`` (which inputs, when);
- the supported-ops list in errors and in ``docs/runtime.md`` (``markdown_table``);
- the test matrix: the conformance tests draw ops from this table and fail for an op that has
  no test generator.

Adding an op: docs/runtime.md, "Adding an op".
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Callable

from simulator.model.emitter import Emitter, UnsupportedError
from simulator.model.tflite_reader import ModelInfo, OpInfo


class Memory(enum.Enum):
    OWN = "own"  # the output gets bytes of its own
    ALIAS = "alias"  # the output is the input's bytes under a new shape: no code runs
    IN_PLACE = "in-place"  # the output may overwrite an input that is not read after this op


InPlaceRule = Callable[[ModelInfo, OpInfo], list[int]]
ScratchRule = Callable[[ModelInfo, OpInfo], int]


@dataclass(frozen=True)
class OpSpec:
    name: str  # TFLite builtin operator name
    emit: Callable[[Emitter, OpInfo], None]
    types: str  # the tensor types it runs, for docs ("int8, float32")
    kernel: str  # the runtime functions it calls
    header: str  # where they are declared (under firmware/utensor/)
    notes: str  # TFLite vs TFLite Micro semantics worth knowing
    tflite: str  # which tf.lite.Interpreter kernel tflite mode reproduces (simulator/model/tflite_engine.py)
    memory: Memory = Memory.OWN
    in_place: InPlaceRule | None = None  # tensor indices of the inputs the output may take over
    scratch: ScratchRule | None = None  # bytes of arena the kernel needs while it runs


OPS: dict[str, OpSpec] = {}


def op(name: str, *, types: str, kernel: str, header: str, notes: str, tflite: str, memory: Memory = Memory.OWN,
       in_place: InPlaceRule | None = None,
       scratch: ScratchRule | None = None) -> Callable[[Callable[[Emitter, OpInfo], None]], Callable]:
    """Declare an operator: decorate the function that emits its step."""

    def register(fn: Callable[[Emitter, OpInfo], None]) -> Callable[[Emitter, OpInfo], None]:
        if name in OPS:
            raise ValueError(f"operator {name} declared twice")
        if (memory is Memory.IN_PLACE) != (in_place is not None):
            raise ValueError(f"{name}: an in-place op needs an in_place rule, and only it")
        OPS[name] = OpSpec(name, fn, types, kernel, header, notes, tflite, memory, in_place, scratch)
        return fn

    return register


def lookup(op_info: OpInfo) -> OpSpec:
    """The declaration of a model's operator, or the one error every caller raises."""
    spec = OPS.get(op_info.name)
    if spec is None:
        raise UnsupportedError(
            f"operator {op_info.index} ({op_info.name}) is not supported by the utensor runtime "
            f"(supported: {', '.join(sorted(OPS))})"
        )
    return spec


# -- in-place rules shared by several ops ---------------------------------------------------------

def same_shape_inputs(model: ModelInfo, op_info: OpInfo) -> list[int]:
    """Element-wise ops: an input with the output's shape, read element i before element i of
    the output is written, and no narrower than the output."""
    out = model.tensors[op_info.outputs[0]]
    found = []
    for i in op_info.inputs:
        if i < 0:
            continue
        t = model.tensors[i]
        if not t.is_constant and tuple(t.shape) == tuple(out.shape) and t.nbytes >= out.nbytes and i not in found:
            found.append(i)
    return found


def scratch_bytes(model: ModelInfo) -> dict[int, int]:
    """Arena bytes each op's kernel needs while it runs (op index -> bytes), for the planner."""
    found = {}
    for op_info in model.ops:
        spec = OPS.get(op_info.name)
        if spec is not None and spec.scratch is not None:
            found[op_info.index] = spec.scratch(model, op_info)
    return found


def markdown_table() -> str:
    """The supported-ops table of docs/runtime.md."""
    rows = ["| operator | types | kernel (`firmware/utensor/`) | memory | tflite mode reproduces | notes |",
            "| --- | --- | --- | --- | --- | --- |"]
    for name in sorted(OPS):
        s = OPS[name]
        rows.append(f"| {name} | {s.types} | `{s.kernel}` ({s.header}) | {s.memory.value} | {s.tflite} | {s.notes} |")
    return "\n".join(rows) + "\n"


# The declarations register themselves on import.
from simulator.model.ops import (  # noqa: E402,F401
    activation,
    conv,
    dense,
    elementwise,
    layout,
    lstm,
    matmul,
    pool,
    quantize,
    reduce,
    shape,
    softmax,
)
