"""Static memory plan: every activation tensor gets a fixed offset in one arena.

1. Buffers. Tensors that share bytes form one buffer: the output of an op the op table
   declares ``Memory.ALIAS`` (RESHAPE) is its input's bytes under a new shape; the output of a
   ``Memory.IN_PLACE`` op (element-wise ops, unpadded pooling, SOFTMAX, ...) takes over an
   input's bytes when that input is not read after the op (and is not a model output), as the
   op's ``in_place`` rule allows. A buffer lives from the op that writes it to the last op that
   reads it.
2. Lower bound. No plan can use less than the largest sum of buffers alive at one op: that is
   ``lower_bound_bytes``, printed beside the plan.
3. Placement. Buffers alive at the same time never overlap. Several greedy orders (largest
   first as TFLite Micro's planner, by first use, by lifetime) with first-fit and best-fit
   offsets are tried and the smallest arena kept; most models reach the lower bound.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

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

    def overlaps_in_time(self, other: "Buffer") -> bool:
        return self.first <= other.last and other.first <= self.last


@dataclass
class Plan:
    offsets: dict[int, int]  # tensor index -> arena offset
    arena_bytes: int
    buffers: list[Buffer] = field(default_factory=list)
    live_bytes_per_op: list[int] = field(default_factory=list)
    lower_bound_bytes: int = 0  # the largest sum of buffers alive at one op
    in_place_ops: list[int] = field(default_factory=list)  # ops whose output took over an input
    strategy: str = ""  # the placement order that gave this plan
    scratch_offsets: dict[int, int] = field(default_factory=dict)  # op index -> offset of its scratch
    variables: list[int] = field(default_factory=list)  # variable tensors: their bytes are never shared


def _align(n: int) -> int:
    return (n + ALIGN - 1) // ALIGN * ALIGN


def buffers(model: ModelInfo, in_place: bool = True) -> tuple[list[Buffer], list[int]]:
    """The model's activation buffers (aliases and in-place outputs merged) and the in-place ops."""
    from simulator.model.ops import OPS, Memory

    root: dict[int, int] = {}  # tensor -> tensor whose bytes it uses

    def owner(t: int) -> int:
        while t in root:
            t = root[t]
        return t

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
    # Variable tensors keep their value from one run to the next: alive throughout.
    for t in model.tensors:
        if t.is_variable and not t.is_constant:
            touch(t.index, -1)
            touch(t.index, n_ops)

    in_place_ops: list[int] = []
    if in_place:
        for op in model.ops:
            spec = OPS.get(op.name)
            if spec is None or spec.memory is not Memory.IN_PLACE or spec.in_place is None:
                continue
            out_key = owner(op.outputs[0])
            out = groups.get(out_key)
            if out is None or out.first != op.index:
                continue
            for candidate in spec.in_place(model, op):
                key = owner(candidate)
                src = groups.get(key)
                others = {owner(i) for i in op.inputs if i >= 0 and i != candidate and not model.tensors[i].is_constant}
                if src is None or src is out or src.last != op.index or key in others or out.size > src.size:
                    continue
                # Taking over a larger input keeps its size alive for the output's whole life:
                # do it only when that raises no op's live total above the current bound.
                before = lower_bound(list(groups.values()), n_ops)
                merged = Buffer(src.tensors + out.tensors, src.size, src.first, out.last)
                trial = [b for b in groups.values() if b is not src and b is not out] + [merged]
                if lower_bound(trial, n_ops) > before:
                    continue
                src.tensors.extend(out.tensors)
                src.last = out.last
                del groups[out_key]
                for t in out.tensors:
                    root[t] = key
                in_place_ops.append(op.index)
                break
    return list(groups.values()), in_place_ops


def live_bytes(bufs: list[Buffer], n_ops: int) -> list[int]:
    """Bytes of the buffers alive at each op."""
    return [sum(b.size for b in bufs if b.first <= i <= b.last) for i in range(n_ops)]


def lower_bound(bufs: list[Buffer], n_ops: int) -> int:
    """No placement of these buffers fits in less: the largest live total at one op (or of the
    inputs before the first op)."""
    return max(live_bytes(bufs, n_ops) + [sum(b.size for b in bufs if b.first < 0)], default=0)


def _first_fit(b: Buffer, placed: list[Buffer]) -> int:
    clashing = sorted((p for p in placed if p.overlaps_in_time(b)), key=lambda p: p.offset)
    offset = 0
    for p in clashing:
        if offset + b.size <= p.offset:
            break
        offset = max(offset, p.offset + p.size)
    return offset


def _best_fit(b: Buffer, placed: list[Buffer]) -> int:
    """The smallest gap between buffers alive at the same time that holds b (else the top)."""
    clashing = sorted((p for p in placed if p.overlaps_in_time(b)), key=lambda p: p.offset)
    best, best_gap, offset = None, None, 0
    for p in clashing:
        gap = p.offset - offset
        if gap >= b.size and (best_gap is None or gap < best_gap):
            best, best_gap = offset, gap
        offset = max(offset, p.offset + p.size)
    return offset if best is None else best


ORDERS: dict[str, Callable[[Buffer], tuple]] = {
    "largest first": lambda b: (-b.size, b.first),
    "first use": lambda b: (b.first, -b.size),
    "longest lifetime": lambda b: (-(b.last - b.first), -b.size, b.first),
    "largest area": lambda b: (-b.size * (b.last - b.first + 1), b.first),
}
FITS = {"first fit": _first_fit, "best fit": _best_fit}


def _place(bufs: list[Buffer], order: Callable[[Buffer], tuple], fit: Callable[[Buffer, list[Buffer]], int]) -> int:
    placed: list[Buffer] = []
    for b in sorted(bufs, key=order):
        b.offset = fit(b, placed)
        placed.append(b)
    return max((b.offset + b.size for b in bufs), default=0)


def plan(model: ModelInfo, scratch: dict[int, int] | None = None, in_place: bool = True) -> Plan:
    """The smallest plan found. `scratch`: bytes of working memory an op's kernel needs while it
    runs (op index -> bytes), placed like a tensor that lives for that op only. With
    ``in_place`` the plan without in-place ops is tried too (running ops in place never makes
    a plan worse)."""
    variants = [_plan(model, scratch or {}, True)] if in_place else []
    variants.append(_plan(model, scratch or {}, False))
    return min(variants, key=lambda p: (p.arena_bytes, p.lower_bound_bytes, -len(p.in_place_ops)))


def _plan(model: ModelInfo, scratch: dict[int, int], in_place: bool) -> Plan:
    bufs, in_place_ops = buffers(model, in_place)
    for index, size in sorted(scratch.items()):
        if size > 0:
            bufs.append(Buffer([], _align(size), index, index, scratch_op=index))
    n_ops = len(model.ops)
    live = live_bytes(bufs, n_ops)
    bound = lower_bound(bufs, n_ops)
    best: tuple[int, str, list[int]] | None = None
    for order_name, order in ORDERS.items():
        for fit_name, fit in FITS.items():
            arena = _place(bufs, order, fit)
            if best is None or arena < best[0]:
                best = (arena, f"{order_name}, {fit_name}", [b.offset for b in bufs])
            if arena == bound:
                break
        if best[0] == bound:
            break
    assert best is not None or not bufs
    arena, strategy, offsets = best if best else (0, "", [])
    for b, off in zip(bufs, offsets):
        b.offset = off
    return Plan(offsets={t: b.offset for b in bufs for t in b.tensors}, arena_bytes=arena, buffers=bufs,
                live_bytes_per_op=live, lower_bound_bytes=bound, in_place_ops=in_place_ops, strategy=strategy,
                scratch_offsets={b.scratch_op: b.offset for b in bufs if b.scratch_op >= 0},
                variables=[t.index for t in model.tensors if t.is_variable and not t.is_constant])
