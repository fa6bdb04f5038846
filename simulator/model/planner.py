"""Static memory plan: every activation tensor gets a fixed offset in one arena.

Tensors that are alive at the same time (between the op that writes them and the last op
that reads them) never overlap; the rest share bytes. Outputs of ops the op table declares
``Memory.ALIAS`` (RESHAPE) are their input's bytes under a new shape. Placement is greedy,
largest first, lowest offset that fits, the scheme TFLite Micro's greedy planner uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.model.tflite_reader import ModelInfo

ALIGN = 4


@dataclass
class Buffer:
    tensors: list[int]
    size: int
    first: int  # first op index at which it must exist (-1: before the first op, i.e. an input)
    last: int  # last op index that reads it (len(ops): a model output)
    offset: int = -1
    scratch_op: int = -1  # >= 0: working memory of that op (no tensor), alive only while it runs


@dataclass
class Plan:
    offsets: dict[int, int]  # tensor index -> arena offset
    arena_bytes: int
    buffers: list[Buffer] = field(default_factory=list)
    live_bytes_per_op: list[int] = field(default_factory=list)
    scratch_offsets: dict[int, int] = field(default_factory=dict)  # op index -> offset of its scratch


def _align(n: int) -> int:
    return (n + ALIGN - 1) // ALIGN * ALIGN


def plan(model: ModelInfo, scratch: dict[int, int] | None = None) -> Plan:
    """`scratch`: bytes of working memory an op's kernel needs while it runs (op index -> bytes),
    placed like a tensor that lives for that op only."""
    root: dict[int, int] = {}  # alias tensor -> tensor that owns the bytes

    def owner(t: int) -> int:
        while t in root:
            t = root[t]
        return t

    from simulator.model.ops import OPS, Memory

    for op in model.ops:
        spec = OPS.get(op.name)
        if spec is not None and spec.memory is Memory.ALIAS and not model.tensors[op.inputs[0]].is_constant:
            root[op.outputs[0]] = owner(op.inputs[0])

    groups: dict[int, Buffer] = {}
    n_ops = len(model.ops)

    def touch(t: int, at: int) -> None:
        tensor = model.tensors[t]
        if tensor.is_constant:
            return
        o = owner(t)
        size = _align(max(tensor.nbytes, model.tensors[o].nbytes))
        b = groups.get(o)
        if b is None:
            groups[o] = Buffer([t], size, at, at)
        else:
            if t not in b.tensors:
                b.tensors.append(t)
            b.size = max(b.size, size)
            b.first, b.last = min(b.first, at), max(b.last, at)

    for t in model.inputs:
        touch(t, -1)
    for op in model.ops:
        for t in op.inputs:
            if t >= 0:
                touch(t, op.index)
        for t in op.outputs:
            touch(t, op.index)
    for t in model.outputs:
        touch(t, n_ops)
    buffers = list(groups.values())
    for index, size in sorted((scratch or {}).items()):
        if size > 0:
            buffers.append(Buffer([], _align(size), index, index, scratch_op=index))

    placed: list[Buffer] = []
    for b in sorted(buffers, key=lambda b: (-b.size, b.first)):
        candidates = sorted({0} | {p.offset + p.size for p in placed})
        for offset in candidates:
            clash = any(
                p.first <= b.last and b.first <= p.last and offset < p.offset + p.size and p.offset < offset + b.size
                for p in placed
            )
            if not clash:
                b.offset = offset
                break
        placed.append(b)
    offsets = {t: b.offset for b in placed for t in b.tensors}
    arena = max((b.offset + b.size for b in placed), default=0)
    live = [sum(b.size for b in placed if b.first <= i <= b.last) for i in range(n_ops)]
    scratch_offsets = {b.scratch_op: b.offset for b in placed if b.scratch_op >= 0}
    return Plan(offsets=offsets, arena_bytes=arena, buffers=placed, live_bytes_per_op=live,
                scratch_offsets=scratch_offsets)
