"""Data movement: CONCATENATION, PAD, PADV2, TRANSPOSE, STRIDED_SLICE, SLICE, SQUEEZE,
EXPAND_DIMS, RESIZE_NEAREST_NEIGHBOR. No arithmetic, any element type (int8 copies need the
same quantization in and out, which TFLite and TFLite Micro require too)."""

from __future__ import annotations

import math

import numpy as np

from simulator.model.emitter import Emitter, UnsupportedError, dims4, element_bytes, shape4
from simulator.model.ops import Memory, op
from simulator.model.ops.shape import reshape
from simulator.model.tflite_reader import OpInfo, TensorInfo

#: The ops of this module (and RESHAPE): no arithmetic, so no rounding for tflite mode to reproduce.
DATA_MOVEMENT = frozenset({"CONCATENATION", "PAD", "PADV2", "TRANSPOSE", "STRIDED_SLICE", "SLICE", "SQUEEZE",
                           "EXPAND_DIMS", "RESIZE_NEAREST_NEIGHBOR", "RESHAPE"})
ANY = ("INT8", "INT16", "INT32", "INT64", "FLOAT32")


def _same_quantization(em: Emitter, op: OpInfo, inputs: list[int]) -> None:
    """Quantized (int8, int16) data movement copies bytes: every input must have the output's
    scale and zero point."""
    out = em.t(op.outputs[0])
    if out.type_name not in ("INT8", "INT16") or out.scale.size == 0:
        return
    want = em.q(op.outputs[0])
    for i in inputs:
        if em.q(i) != want:
            raise UnsupportedError(f"operator {op.index} ({op.name}): input tensor {i} is quantized {em.q(i)}, the "
                                   f"output {want}; the runtime copies the data unchanged")


def _typed(em: Emitter, op: OpInfo, *inputs: int) -> TensorInfo:
    out = em.need(op, op.outputs[0], *ANY)
    for i in inputs:
        em.need(op, i, out.type_name)
    return out


def _constant(em: Emitter, op: OpInfo, k: int, what: str) -> np.ndarray:
    if not em.has_input(op, k) or not em.t(op.inputs[k]).is_constant:
        raise UnsupportedError(f"operator {op.index} ({op.name}): the {what} must be constant")
    return np.asarray(em.t(op.inputs[k]).data).astype(np.int64)


@op("CONCATENATION", tflite="XNNPACK / builtin (a copy)",
    types="any (int8: inputs quantized as the output)", kernel="concatenation", header="ops/concatenation.hpp",
    notes="any number of inputs along any axis up to 4-D; no fused activation")
def concatenation(em: Emitter, op: OpInfo) -> None:
    ins = [i for i in op.inputs if i >= 0]
    out = _typed(em, op, *ins)
    _same_quantization(em, op, ins)
    if op.options.get("FusedActivationFunction", 0) != 0:
        raise UnsupportedError(f"operator {op.index} (CONCATENATION): a fused activation is not supported")
    rank = len(out.shape)
    axis = int(op.options.get("Axis", 0))
    axis = axis + rank if axis < 0 else axis
    if not 0 <= axis < max(rank, 1):
        raise UnsupportedError(f"operator {op.index} (CONCATENATION): axis {op.options.get('Axis')} out of range")
    outer = int(np.prod(out.shape[:axis], dtype=np.int64))
    blocks = [int(np.prod(em.t(i).shape[axis:], dtype=np.int64)) * element_bytes(out) for i in ins]
    sizes = em.const(f"op{op.index}_blocks", "int32_t", np.array(blocks))
    em.call(f"{{ const void* ins[] = {{{', '.join(em.ptr(i) for i in ins)}}};\n"
            f"    utensor::concatenation(ins, {sizes}, {len(ins)}, {outer}, {em.ptr(op.outputs[0], True)}); }}")


def _pad(em: Emitter, op: OpInfo) -> None:
    x, out = em.t(op.inputs[0]), _typed(em, op, op.inputs[0])
    _same_quantization(em, op, [op.inputs[0]])
    pads = _constant(em, op, 1, "padding").reshape(-1, 2)
    if len(pads) != len(x.shape) or len(x.shape) > 4 or np.any(pads < 0):
        raise UnsupportedError(f"operator {op.index} ({op.name}): paddings {pads.tolist()} for a {len(x.shape)}-D input")
    lead = 4 - len(x.shape)
    fields = {}
    for d in range(4):
        b, a = (0, 0) if d < lead else (int(pads[d - lead][0]), int(pads[d - lead][1]))
        fields[f"before[{d}]"], fields[f"after[{d}]"] = b, a
    if em.has_input(op, 2):  # PADV2: the constant value (one element of the input's type)
        value = em.ptr(op.inputs[2])
    else:  # PAD: zero, i.e. the zero point of a quantized output
        zero = out.zero_point[0] if out.type_name in ("INT8", "INT16") and out.zero_point.size else 0
        value = em.const(f"op{op.index}_pad_value", {"INT8": "int8_t", "INT16": "int16_t", "INT32": "int32_t",
                                                     "INT64": "int64_t", "FLOAT32": "float"}[out.type_name],
                         np.array([zero]))
    p = em.params("PadParams", f"op{op.index}_params", fields)
    em.call(f"utensor::pad({p}, {em.ptr(op.inputs[0])}, {shape4(x)}, {value}, {em.ptr(op.outputs[0], True)}, "
            f"{element_bytes(out)});")


@op("PAD", tflite="XNNPACK / builtin (a copy)", types="any", kernel="pad", header="ops/pad.hpp",
    notes="constant paddings up to 4-D; int8 pads with the output zero point")
def pad(em: Emitter, op: OpInfo) -> None:
    _pad(em, op)


@op("PADV2", tflite="XNNPACK / builtin (a copy)", types="any", kernel="pad", header="ops/pad.hpp",
    notes="PAD with a constant pad value")
def padv2(em: Emitter, op: OpInfo) -> None:
    _pad(em, op)


@op("TRANSPOSE", tflite="XNNPACK / builtin (a copy)", types="any", kernel="transpose", header="ops/transpose.hpp",
    notes="any permutation up to 4-D")
def transpose(em: Emitter, op: OpInfo) -> None:
    x, out = em.t(op.inputs[0]), _typed(em, op, op.inputs[0])
    _same_quantization(em, op, [op.inputs[0]])
    perm = _constant(em, op, 1, "permutation").reshape(-1)
    rank = len(x.shape)
    if sorted(perm.tolist()) != list(range(rank)) or rank > 4:
        raise UnsupportedError(f"operator {op.index} (TRANSPOSE): permutation {perm.tolist()} of a {rank}-D tensor")
    lead = 4 - rank
    perm4 = list(range(lead)) + [int(p) + lead for p in perm]
    em.call(f"{{ static const int32_t perm[4] = {{{', '.join(map(str, perm4))}}};\n"
            f"    utensor::transpose({em.ptr(op.inputs[0])}, {shape4(x)}, perm, {em.ptr(op.outputs[0], True)}, "
            f"{element_bytes(out)}); }}")


def slice_fields(x_shape: tuple[int, ...], begin: list[int], end: list[int], strides: list[int], options: dict,
                 out_shape: tuple[int, ...]) -> dict[str, int] | str:
    """STRIDED_SLICE's begin/end/strides and masks resolved per dimension (TFLite's StartForAxis /
    StopForAxis; a shrunk axis takes one element at its begin), as SliceParams fields (4-D);
    a string says why the runtime cannot run it."""
    rank = len(x_shape)
    if options.get("EllipsisMask", 0) or options.get("NewAxisMask", 0) or options.get("Offset", False):
        return "ellipsis, new-axis masks and offset are not supported"
    if rank > 4 or not (len(begin) == len(end) == len(strides) == rank):
        return f"begin/end/strides of length {len(begin)} for a {rank}-D input"
    bm, em_, sm = options.get("BeginMask", 0), options.get("EndMask", 0), options.get("ShrinkAxisMask", 0)
    starts, steps, counts, kept = [], [], [], []
    for d, n in enumerate(x_shape):
        s = int(strides[d])
        if s == 0:
            return "a stride of 0"
        if sm >> d & 1:
            b = int(begin[d]) + (n if begin[d] < 0 else 0)
            if not 0 <= b < n:
                return f"index {begin[d]} out of range in dimension {d}"
            starts.append(b), steps.append(1), counts.append(1)
            continue
        start, stop, step = slice(None if bm >> d & 1 else int(begin[d]), None if em_ >> d & 1 else int(end[d]),
                                  s).indices(n)
        count = len(range(start, stop, step))
        starts.append(start if count else 0), steps.append(step), counts.append(count)
        kept.append(count)
    if tuple(kept) != tuple(out_shape):
        return f"slices to {tuple(kept)}, the model says {tuple(out_shape)}"
    lead = 4 - rank
    fields: dict[str, int] = {}
    for d in range(4):
        k = d - lead
        fields[f"start[{d}]"], fields[f"stride[{d}]"], fields[f"count[{d}]"] = \
            (starts[k], steps[k], counts[k]) if k >= 0 else (0, 1, 1)
    return fields


def _slice(em: Emitter, op: OpInfo, begin, end, strides) -> None:
    x, out = em.t(op.inputs[0]), _typed(em, op, op.inputs[0])
    _same_quantization(em, op, [op.inputs[0]])
    fields = slice_fields(tuple(x.shape), list(begin), list(end), list(strides), op.options, tuple(out.shape))
    if isinstance(fields, str):
        raise UnsupportedError(f"operator {op.index} ({op.name}): {fields}")
    p = em.params("SliceParams", f"op{op.index}_params", fields)
    em.call(f"utensor::strided_slice({p}, {em.ptr(op.inputs[0])}, {shape4(x)}, {em.ptr(op.outputs[0], True)}, "
            f"{element_bytes(out)});")


@op("STRIDED_SLICE", tflite="XNNPACK / builtin (a copy)", types="any", kernel="strided_slice",
    header="ops/strided_slice.hpp",
    notes="constant begin/end/strides, begin/end/shrink-axis masks, negative strides; no ellipsis or new axes")
def strided_slice(em: Emitter, op: OpInfo) -> None:
    begin, end = _constant(em, op, 1, "begin"), _constant(em, op, 2, "end")
    strides = _constant(em, op, 3, "strides")
    _slice(em, op, begin, end, strides)


@op("SLICE", tflite="XNNPACK / builtin (a copy)", types="any", kernel="strided_slice", header="ops/strided_slice.hpp",
    notes="constant begin and size (-1: to the end)")
def slice_(em: Emitter, op: OpInfo) -> None:
    x = em.t(op.inputs[0])
    begin, size = _constant(em, op, 1, "begin"), _constant(em, op, 2, "size")
    end = [int(n) if s < 0 else int(b + s) for b, s, n in zip(begin, size, x.shape)]
    _slice(em, op, begin, end, [1] * len(begin))


@op("SQUEEZE", tflite="(no arithmetic)", types="any", kernel="reshape", header="ops/reshape.hpp",
    memory=Memory.ALIAS, notes="as RESHAPE: the output is the input's bytes (no code runs)")
def squeeze(em: Emitter, op: OpInfo) -> None:
    reshape(em, op)


@op("EXPAND_DIMS", tflite="(no arithmetic)", types="any", kernel="reshape", header="ops/reshape.hpp",
    memory=Memory.ALIAS, notes="as RESHAPE: the output is the input's bytes (no code runs)")
def expand_dims(em: Emitter, op: OpInfo) -> None:
    reshape(em, op)


def nearest_indices(in_size: int, out_size: int, align_corners: bool, half_pixel_centers: bool) -> list[int]:
    """TFLite's GetNearestNeighbor in float32: the input index each output index copies."""
    f = np.float32
    if align_corners and out_size > 1:
        scale = f(in_size - 1) / f(out_size - 1)
    else:
        scale = f(in_size) / f(out_size)
    offset = f(0.5) if half_pixel_centers else f(0.0)
    found = []
    for i in range(out_size):
        v = (f(i) + offset) * scale
        j = int(math.copysign(math.floor(abs(float(v)) + 0.5), float(v))) if align_corners else int(np.floor(v))
        j = min(j, in_size - 1)
        found.append(max(0, j) if half_pixel_centers else j)
    return found


@op("RESIZE_NEAREST_NEIGHBOR", tflite="builtin (a copy)", types="any", kernel="resize_nearest",
    header="ops/resize.hpp", notes="NHWC; align_corners and half_pixel_centers; index tables computed at "
                                   "generation time")
def resize_nearest_neighbor(em: Emitter, op: OpInfo) -> None:
    x, out = em.t(op.inputs[0]), _typed(em, op, op.inputs[0])
    _same_quantization(em, op, [op.inputs[0]])
    if len(x.shape) != 4 or len(out.shape) != 4:
        raise UnsupportedError(f"operator {op.index} (RESIZE_NEAREST_NEIGHBOR): expects 4-D input and output")
    align, half = bool(op.options.get("AlignCorners", False)), bool(op.options.get("HalfPixelCenters", False))
    rows = em.const(f"op{op.index}_rows", "int32_t", np.array(nearest_indices(x.shape[1], out.shape[1], align, half)))
    cols = em.const(f"op{op.index}_cols", "int32_t", np.array(nearest_indices(x.shape[2], out.shape[2], align, half)))
    em.call(f"utensor::resize_nearest({em.ptr(op.inputs[0])}, {shape4(x)}, {rows}, {cols}, "
            f"{em.ptr(op.outputs[0], True)}, {shape4(out)}, {element_bytes(out)});")
