"""What an op declaration writes with: the C++ text of one generated model being assembled.

Ops (``simulator/model/ops/``) read tensors and options through the emitter, put constant
data (weights, multiplier arrays, parameter structs) into flash with ``const``/``params``, and
append the statements of their step with ``call``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from simulator.errors import UserError
from simulator.model.tflite_reader import ModelInfo, OpInfo, TensorInfo

if TYPE_CHECKING:
    from simulator.model.planner import Plan

C_TYPES = {"INT8": "int8_t", "INT16": "int16_t", "INT32": "int32_t", "INT64": "int64_t", "FLOAT32": "float"}
C_SIZES = {"double": 8, "float": 4, "int8_t": 1, "int16_t": 2, "int32_t": 4, "int64_t": 8, "uint8_t": 1}


class UnsupportedError(UserError):
    """The model uses an operator, option or type the runtime does not implement."""


def c_float(x: float) -> str:
    s = f"{float(np.float32(x)):.9g}"
    if "e" not in s and "." not in s and "inf" not in s and "nan" not in s:
        s += ".0"
    return s + "f"


def c_value(v: Any) -> str:
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, str):
        return v
    if isinstance(v, (float, np.floating)):
        return c_float(float(v))
    return str(int(v))


def c_array(ctype: str, name: str, values: np.ndarray, align: int = 4) -> str:
    flat = np.asarray(values).reshape(-1)
    if ctype == "double":
        items = [repr(float(v)) for v in flat]  # shortest round-trip form: the exact double
    else:
        items = [c_float(v) for v in flat] if ctype == "float" else [str(int(v)) for v in flat]
    lines = [", ".join(items[i:i + 24]) for i in range(0, len(items), 24)]
    body = ",\n    ".join(lines)
    align = max(align, C_SIZES.get(ctype, 1))  # an int64 array needs 8
    return f"alignas({align}) static const {ctype} {name}[{max(len(items), 1)}] = {{\n    {body}\n}};\n"


def elements(t: TensorInfo) -> int:
    return int(np.prod(t.shape, dtype=np.int64)) if t.shape else 1


def shape(t: TensorInfo) -> str:
    dims = list(t.shape)
    if len(dims) > 4:
        raise UnsupportedError(f"tensor {t.index} ({t.name}) has {len(dims)} dimensions; the runtime handles up to 4")
    return f"utensor::Shape({', '.join(map(str, dims))})" if dims else "utensor::Shape()"


def dims4(t: TensorInfo) -> list[int]:
    """The tensor's shape as 4 dimensions (leading 1s), for the kernels that take 4-D shapes."""
    dims = list(t.shape)
    if len(dims) > 4:
        raise UnsupportedError(f"tensor {t.index} ({t.name}) has {len(dims)} dimensions; the runtime handles up to 4")
    return [1] * (4 - len(dims)) + dims


def shape4(t: TensorInfo) -> str:
    return f"utensor::Shape({', '.join(map(str, dims4(t)))})"


def element_bytes(t: TensorInfo) -> int:
    ctype = C_TYPES.get(t.type_name)
    if ctype is None:
        raise UnsupportedError(f"tensor {t.index} ({t.name}) has type {t.type_name}, which the runtime does not handle")
    return C_SIZES[ctype]


class Emitter:
    def __init__(self, model: ModelInfo, memory: "Plan") -> None:
        self.model = model
        self.plan = memory
        self.consts: list[str] = []
        self.body: list[str] = []
        self.flash = 0
        self._const_names: set[str] = set()

    # -- reading the model ---------------------------------------------------------------------
    def t(self, i: int) -> TensorInfo:
        return self.model.tensors[i]

    def q(self, i: int) -> tuple[float, int]:
        """(scale, zero point) of a per-tensor quantized tensor."""
        t = self.t(i)
        if t.scale.size == 0:
            raise UnsupportedError(f"tensor {i} ({t.name}) of type {t.type_name} has no quantization parameters")
        return float(t.scale[0]), int(t.zero_point[0])

    def need(self, op: OpInfo, i: int, *types: str, constant: bool | None = None) -> TensorInfo:
        """The tensor, after checking its type (and that it is constant data when required)."""
        t = self.t(i)
        if t.type_name not in types:
            raise UnsupportedError(
                f"operator {op.index} ({op.name}): tensor {i} ({t.name}) is {t.type_name}, "
                f"the runtime supports {'/'.join(types)} here"
            )
        if constant is True and not t.is_constant:
            raise UnsupportedError(f"operator {op.index} ({op.name}): tensor {i} ({t.name}) must be constant weights")
        return t

    def has_input(self, op: OpInfo, k: int) -> bool:
        return len(op.inputs) > k and op.inputs[k] >= 0

    def int64_bias(self, op: OpInfo) -> bool:
        """The int16x8 scheme's bias (input 2): a constant int64 tensor, or none. Whether there is one.
        Without one, TFLite's QuantizedBiasType may still ask for 32-bit sums, which the runtime lacks."""
        if self.has_input(op, 2):
            self.need(op, op.inputs[2], "INT64", constant=True)
            return True
        if op.options.get("QuantizedBiasType", 0) == 2:  # TFLite's kTfLiteInt32: 32-bit sums
            raise UnsupportedError(f"operator {op.index} ({op.name}): int16 activations with int32 accumulation "
                                   "are not supported (int64 bias is)")
        return False

    # -- writing C++ -----------------------------------------------------------------------------
    def ptr(self, i: int, writable: bool = False) -> str:
        """A C++ expression for the tensor's data: a flash array or its place in the arena."""
        t = self.t(i)
        ctype = C_TYPES.get(t.type_name)
        if ctype is None:
            raise UnsupportedError(f"tensor {i} ({t.name}) has type {t.type_name}, which the runtime does not handle")
        if t.is_constant:
            return self.const(f"c{i}", ctype, t.data)
        const = "" if writable else "const "
        return f"reinterpret_cast<{const}{ctype}*>(arena.at({self.plan.offsets[i]}, {t.nbytes}))"

    def scratch(self, op: OpInfo, ctype: str) -> str:
        """The op's working memory in the arena (declared by its scratch rule)."""
        offset = self.plan.scratch_offsets[op.index]
        size = next(b.size for b in self.plan.buffers if b.scratch_op == op.index)
        return f"reinterpret_cast<{ctype}*>(arena.at({offset}, {size}))"

    def const(self, name: str, ctype: str, values: np.ndarray) -> str:
        """A const array in flash (emitted once per name)."""
        if name not in self._const_names:
            self._const_names.add(name)
            self.consts.append(c_array(ctype, name, values))
            self.flash += np.asarray(values).size * C_SIZES[ctype]
        return name

    def const_by_mode(self, name: str, ctype: str, single: np.ndarray, double: np.ndarray) -> str:
        """A const array whose contents depend on the rounding mode (one name, two bodies;
        emitted once per name)."""
        if name in self._const_names:
            return name
        if np.array_equal(single, double):
            return self.const(name, ctype, single)
        self._const_names.add(name)
        self.consts.append(f"#if UTENSOR_SINGLE_ROUNDING\n{c_array(ctype, name, single)}"
                           f"#else\n{c_array(ctype, name, double)}#endif\n")
        self.flash += np.asarray(single).size * C_SIZES[ctype]
        return name

    def const_single(self, name: str, ctype: str, values: np.ndarray) -> str:
        """A const array only the TFLite 2.x build (UTENSOR_SINGLE_ROUNDING=1) uses; not counted
        in the flash report, which describes the default (TFLite Micro) build."""
        if name not in self._const_names:
            self._const_names.add(name)
            self.consts.append(f"#if UTENSOR_SINGLE_ROUNDING\n{c_array(ctype, name, values)}#endif\n")
        return name

    def call_by_mode(self, single: str, double: str) -> None:
        """A statement that differs between the TFLite 2.x and TFLite Micro builds."""
        self.body.append(f"\n#if UTENSOR_SINGLE_ROUNDING\n  {single}\n#else\n  {double}\n#endif\n ")

    def params(self, struct: str, name: str, single: dict[str, Any], double: dict[str, Any] | None = None) -> str:
        """A constexpr parameter struct in flash, evaluated by the compiler. Fields are named,
        so the struct's layout may change without touching this code; nested fields use dots
        ("output.value"). A field whose value differs per rounding mode (or that one mode
        lacks) is set behind UTENSOR_SINGLE_ROUNDING; the others are written once."""
        double = single if double is None else double
        sets: list[str] = []
        ones: list[str] = []  # a run of fields that differ: single rounding's lines, double's
        twos: list[str] = []

        def end_run() -> None:
            a, b = "".join(ones), "".join(twos)
            if a and b:
                sets.append(f"#if UTENSOR_SINGLE_ROUNDING\n{a}#else\n{b}#endif\n")
            elif a or b:
                sets.append(f"#if {'' if a else '!'}UTENSOR_SINGLE_ROUNDING\n{a or b}#endif\n")
            ones.clear()
            twos.clear()

        for key in dict.fromkeys([*single, *double]):  # single's order, then double's extra keys
            one = f"  p.{key} = {c_value(single[key])};\n" if key in single else ""
            two = f"  p.{key} = {c_value(double[key])};\n" if key in double else ""
            if one == two:
                end_run()
                sets.append(one)
            else:
                ones.append(one)
                twos.append(two)
        end_run()
        self.consts.append(f"constexpr utensor::{struct} {name} = [] {{\n  utensor::{struct} p;\n{''.join(sets)}"
                           f"  return p;\n}}();\n")
        return name

    def call(self, statement: str) -> None:
        """One statement of the op's step function."""
        self.body.append(statement)
