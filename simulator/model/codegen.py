"""Generate C++ for the utensor runtime from a .tflite model.

Output: ``NAME.hpp`` (the entry point and the input/output quantization), ``NAME.cpp``
(weights and per-op parameters as ``const`` arrays, which the linker places in flash; one
static arena at offsets from the memory planner; the ops called in order) and a memory
report. Multipliers are computed here exactly as the runtime's ``prepare_*`` helpers do;
where TFLite 2.x and TFLite Micro differ, both are emitted behind ``UTENSOR_SINGLE_ROUNDING``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from simulator.errors import UserError
from simulator.model import multipliers as mq
from simulator.model.planner import Plan, plan
from simulator.model.tflite_reader import ModelInfo, OpInfo, TensorInfo

SUPPORTED_OPS = (
    "FULLY_CONNECTED", "CONV_2D", "DEPTHWISE_CONV_2D", "MAX_POOL_2D", "AVERAGE_POOL_2D", "ADD", "SUB", "MUL",
    "MINIMUM", "MAXIMUM", "RELU", "RELU6", "RELU_N1_TO_1", "RESHAPE", "SOFTMAX", "ARG_MAX", "ARG_MIN", "QUANTIZE",
    "DEQUANTIZE",
)
ACTIVATIONS = {0: "kNone", 1: "kRelu", 2: "kReluN1To1", 3: "kRelu6"}
C_TYPES = {"INT8": "int8_t", "INT32": "int32_t", "INT64": "int64_t", "FLOAT32": "float", "INT16": "int16_t"}
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


class UnsupportedError(UserError):
    """The model uses an operator or type the runtime does not implement."""


@dataclass
class Layer:
    index: int
    op: str
    input_elements: int
    weight_elements: int
    output_elements: int
    ram_bytes: int  # arena bytes live while this op runs
    flash_bytes: int  # this op's constant data (weights, bias, multipliers)


@dataclass
class Generated:
    name: str
    header: str
    source: str
    plan: Plan
    layers: list[Layer]
    report: dict[str, Any] = field(default_factory=dict)


def _f(x: float) -> str:
    s = f"{float(np.float32(x)):.9g}"
    if "e" not in s and "." not in s and "inf" not in s and "nan" not in s:
        s += ".0"
    return s + "f"


def _array(ctype: str, name: str, values: np.ndarray, align: int = 4) -> str:
    flat = np.asarray(values).reshape(-1)
    if ctype == "float":
        items = [_f(v) for v in flat]
    else:
        items = [str(int(v)) for v in flat]
    lines = [", ".join(items[i:i + 24]) for i in range(0, len(items), 24)]
    body = ",\n    ".join(lines)
    return f"alignas({align}) static const {ctype} {name}[{max(len(items), 1)}] = {{\n    {body}\n}};\n"


def activation_range(act: int, scale: float, zero_point: int) -> tuple[int, int]:
    def quant(f: float) -> int:
        v = float(np.float32(f) / np.float32(scale))
        return zero_point + mq._round_half_away(v)

    lo, hi = -128, 127
    if act == 1:
        lo = max(lo, quant(0.0))
    elif act == 3:
        lo, hi = max(lo, quant(0.0)), min(hi, quant(6.0))
    elif act == 2:
        lo, hi = max(lo, quant(-1.0)), min(hi, quant(1.0))
    elif act != 0:
        raise UnsupportedError(f"fused activation {act} is not supported")
    return lo, hi


def _shape(t: TensorInfo) -> str:
    dims = list(t.shape) or []
    if len(dims) > 4:
        raise UnsupportedError(f"tensor {t.index} ({t.name}) has {len(dims)} dimensions; the runtime handles up to 4")
    return f"utensor::Shape({', '.join(map(str, dims))})" if dims else "utensor::Shape()"


def _elements(t: TensorInfo) -> int:
    return int(np.prod(t.shape, dtype=np.int64)) if t.shape else 1


class _Emitter:
    def __init__(self, model: ModelInfo, name: str, memory: Plan) -> None:
        self.model = model
        self.name = name
        self.plan = memory
        self.consts: list[str] = []
        self.body: list[str] = []
        self.flash = 0
        self.const_names: set[str] = set()

    # -- helpers -----------------------------------------------------------------------------
    def t(self, i: int) -> TensorInfo:
        return self.model.tensors[i]

    def ptr(self, i: int, writable: bool = False) -> str:
        t = self.t(i)
        ctype = C_TYPES.get(t.type_name)
        if ctype is None:
            raise UnsupportedError(f"tensor {i} ({t.name}) has type {t.type_name}, which the runtime does not handle")
        if t.is_constant:
            return self.const(f"c{i}", ctype, t.data)
        const = "" if writable else "const "
        return f"reinterpret_cast<{const}{ctype}*>(arena.at({self.plan.offsets[i]}, {t.nbytes}))"

    def const(self, cname: str, ctype: str, values: np.ndarray) -> str:
        if cname not in self.const_names:
            self.const_names.add(cname)
            self.consts.append(_array(ctype, cname, values))
            self.flash += np.asarray(values).size * {"float": 4, "int8_t": 1, "int16_t": 2, "int32_t": 4,
                                                      "int64_t": 8}[ctype]
        return cname

    def mult_arrays(self, prefix: str, reals: list[float]) -> tuple[str, str]:
        """Multiplier and shift arrays; both rounding modes when they differ."""
        single = [mq.quantize_multiplier(r, True) for r in reals]
        double = [mq.quantize_multiplier(r, False) for r in reals]
        if single == double:
            m = self.const(f"{prefix}_mult", "int32_t", np.array([v for v, _ in single]))
            s = self.const(f"{prefix}_shift", "int32_t", np.array([v for _, v in single]))
            return m, s
        self.consts.append("#if UTENSOR_SINGLE_ROUNDING\n")
        self.const(f"{prefix}_mult", "int32_t", np.array([v for v, _ in single]))
        self.const(f"{prefix}_shift", "int32_t", np.array([v for _, v in single]))
        self.consts.append("#else\n")
        self.consts.append(_array("int32_t", f"{prefix}_mult", np.array([v for v, _ in double])))
        self.consts.append(_array("int32_t", f"{prefix}_shift", np.array([v for _, v in double])))
        self.consts.append("#endif\n")
        return f"{prefix}_mult", f"{prefix}_shift"

    def q(self, i: int) -> tuple[float, int]:
        t = self.t(i)
        if t.scale.size == 0:
            raise UnsupportedError(f"tensor {i} ({t.name}) of type {t.type_name} has no quantization parameters")
        return float(t.scale[0]), int(t.zero_point[0])

    def need(self, op: OpInfo, i: int, *types: str, constant: bool | None = None) -> TensorInfo:
        t = self.t(i)
        if t.type_name not in types:
            raise UnsupportedError(
                f"operator {op.index} ({op.name}): tensor {i} ({t.name}) is {t.type_name}, "
                f"the runtime supports {'/'.join(types)} here"
            )
        if constant is True and not t.is_constant:
            raise UnsupportedError(f"operator {op.index} ({op.name}): tensor {i} ({t.name}) must be constant weights")
        return t

    def folded_bias(self, op: OpInfo, rows: np.ndarray, input_offset: int, foldable: bool = True) -> tuple[str, str]:
        """The bias the fast kernels take: bias + input_offset * (sum of each output channel's
        weights), a constant folded here instead of summed on every inference. `rows` holds one
        row of weights per output channel. Returns (C name, "true") or the plain bias and "false"."""
        has_bias = len(op.inputs) > 2 and op.inputs[2] >= 0
        if not foldable:
            return (self.ptr(op.inputs[2]) if has_bias else "nullptr"), "false"
        sums = rows.astype(np.int64).reshape(rows.shape[0], -1).sum(axis=1)
        bias = self.t(op.inputs[2]).data.astype(np.int64).reshape(-1) if has_bias else np.zeros(rows.shape[0], np.int64)
        folded = bias + input_offset * sums
        if np.abs(folded).max(initial=0) >= 2**31:
            return (self.ptr(op.inputs[2]) if has_bias else "nullptr"), "false"
        return self.const(f"op{op.index}_bias", "int32_t", folded), "true"

    # -- ops -----------------------------------------------------------------------------------
    def emit(self, op: OpInfo) -> None:
        if op.name not in SUPPORTED_OPS:
            raise UnsupportedError(
                f"operator {op.index} ({op.name}) is not supported by the utensor runtime "
                f"(supported: {', '.join(SUPPORTED_OPS)})"
            )
        getattr(self, "op_" + op.name.lower())(op)

    def op_fully_connected(self, op: OpInfo) -> None:
        x, w = self.t(op.inputs[0]), self.t(op.inputs[1])
        has_bias = len(op.inputs) > 2 and op.inputs[2] >= 0
        act = op.options.get("FusedActivationFunction", 0)
        if x.type_name == "FLOAT32":
            self.need(op, op.inputs[1], "FLOAT32", constant=True)
            in_depth, out_depth = w.shape[1], w.shape[0]
            bias = self.ptr(op.inputs[2]) if has_bias else "nullptr"
            self.body.append(
                f"utensor::fully_connected_f32({self.ptr(op.inputs[0])}, {_elements(x) // in_depth}, {in_depth}, "
                f"{self.ptr(op.inputs[1])}, {bias}, {out_depth}, utensor::Activation::{ACTIVATIONS[act]}, "
                f"{self.ptr(op.outputs[0], True)});"
            )
            return
        self.need(op, op.inputs[0], "INT8")
        self.need(op, op.inputs[1], "INT8", constant=True)
        self.need(op, op.outputs[0], "INT8")
        if has_bias:
            self.need(op, op.inputs[2], "INT32", constant=True)
        if op.options.get("WeightsFormat", 0) != 0:
            raise UnsupportedError(f"operator {op.index} (FULLY_CONNECTED): shuffled weights are not supported")
        out_depth, in_depth = w.shape
        s_in, zp_in = self.q(op.inputs[0])
        s_out, zp_out = self.q(op.outputs[0])
        per_channel = w.scale.size > 1
        if per_channel:
            reals = [mq.per_channel(s_in, s, s_out) for s in w.scale]
        else:
            reals = [mq.fc_per_tensor(s_in, float(w.scale[0]), s_out)]
        m, s = self.mult_arrays(f"op{op.index}", reals)
        lo, hi = activation_range(act, s_out, zp_out)
        w_offset = 0 if per_channel else -int(w.zero_point[0])
        bias, folded = self.folded_bias(op, w.data.reshape(out_depth, in_depth), -zp_in, w_offset == 0)
        self.body.append(
            "{ utensor::FullyConnectedParams p; "
            f"p.input_offset = {-zp_in}; p.weights_offset = {w_offset}; "
            f"p.output_offset = {zp_out}; p.act_min = {lo}; p.act_max = {hi}; p.multipliers = {m}; p.shifts = {s}; "
            f"p.per_channel = {'true' if per_channel else 'false'}; p.bias_folded = {folded};\n"
            f"    utensor::fully_connected(p, {self.ptr(op.inputs[0])}, {_elements(x) // in_depth}, {in_depth}, "
            f"{self.ptr(op.inputs[1])}, {bias}, {out_depth}, {self.ptr(op.outputs[0], True)}); }}"
        )

    def _conv(self, op: OpInfo, depthwise: bool) -> None:
        self.need(op, op.inputs[0], "INT8")
        f = self.need(op, op.inputs[1], "INT8", constant=True)
        self.need(op, op.outputs[0], "INT8")
        x, out = self.t(op.inputs[0]), self.t(op.outputs[0])
        if len(x.shape) != 4 or len(f.shape) != 4 or len(out.shape) != 4:
            raise UnsupportedError(f"operator {op.index} ({op.name}): expects 4-D input, filter and output")
        o = op.options
        s_in, zp_in = self.q(op.inputs[0])
        s_out, zp_out = self.q(op.outputs[0])
        channels = f.shape[3] if depthwise else f.shape[0]
        scales = f.scale if f.scale.size > 1 else np.repeat(f.scale, channels)
        m, s = self.mult_arrays(f"op{op.index}", [mq.per_channel(s_in, float(v), s_out) for v in scales])
        act = o.get("FusedActivationFunction", 0)
        lo, hi = activation_range(act, s_out, zp_out)
        pad_h = _padding(o["Padding"], x.shape[1], f.shape[1], o["StrideH"], o["DilationHFactor"], out.shape[1])
        pad_w = _padding(o["Padding"], x.shape[2], f.shape[2], o["StrideW"], o["DilationWFactor"], out.shape[2])
        dm = (f.shape[3] // x.shape[3]) if depthwise else 1
        has_bias = len(op.inputs) > 2 and op.inputs[2] >= 0
        if has_bias:
            self.need(op, op.inputs[2], "INT32", constant=True)
        # Rows of weights per output channel: [Cout, Kh*Kw*Cin] for CONV_2D, [C, Kh*Kw] for depthwise.
        rows = f.data.reshape(-1, f.shape[3]).T if depthwise else f.data.reshape(f.shape[0], -1)
        bias, folded = self.folded_bias(op, rows, -zp_in)
        scratch = ""
        if op.index in self.plan.scratch_offsets:
            size = scratch_bytes(self.model)[op.index]
            scratch = f"p.scratch = arena.at({self.plan.scratch_offsets[op.index]}, {size}); p.scratch_bytes = {size}; "
        fn = "depthwise_conv2d" if depthwise else "conv2d"
        self.body.append(
            "{ utensor::ConvParams p; "
            f"p.stride_h = {o['StrideH']}; p.stride_w = {o['StrideW']}; p.dilation_h = {o['DilationHFactor']}; "
            f"p.dilation_w = {o['DilationWFactor']}; p.pad_h = {pad_h}; p.pad_w = {pad_w}; p.depth_multiplier = {dm}; "
            f"p.input_offset = {-zp_in}; p.output_offset = {zp_out}; p.act_min = {lo}; p.act_max = {hi}; "
            f"p.multipliers = {m}; p.shifts = {s}; p.bias_folded = {folded}; {scratch}\n"
            f"    utensor::{fn}(p, {self.ptr(op.inputs[0])}, {_shape(x)}, {self.ptr(op.inputs[1])}, {_shape(f)}, "
            f"{bias}, {self.ptr(op.outputs[0], True)}, {_shape(out)}); }}"
        )

    def op_conv_2d(self, op: OpInfo) -> None:
        self._conv(op, depthwise=False)

    def op_depthwise_conv_2d(self, op: OpInfo) -> None:
        self._conv(op, depthwise=True)

    def _pool(self, op: OpInfo, fn: str) -> None:
        self.need(op, op.inputs[0], "INT8")
        self.need(op, op.outputs[0], "INT8")
        x, out = self.t(op.inputs[0]), self.t(op.outputs[0])
        o = op.options
        s_out, zp_out = self.q(op.outputs[0])
        lo, hi = activation_range(o.get("FusedActivationFunction", 0), s_out, zp_out)
        pad_h = _padding(o["Padding"], x.shape[1], o["FilterHeight"], o["StrideH"], 1, out.shape[1])
        pad_w = _padding(o["Padding"], x.shape[2], o["FilterWidth"], o["StrideW"], 1, out.shape[2])
        self.body.append(
            "{ utensor::PoolParams p; "
            f"p.stride_h = {o['StrideH']}; p.stride_w = {o['StrideW']}; p.filter_h = {o['FilterHeight']}; "
            f"p.filter_w = {o['FilterWidth']}; p.pad_h = {pad_h}; p.pad_w = {pad_w}; p.act_min = {lo}; p.act_max = {hi};\n"
            f"    utensor::{fn}(p, {self.ptr(op.inputs[0])}, {_shape(x)}, {self.ptr(op.outputs[0], True)}, {_shape(out)}); }}"
        )

    def op_max_pool_2d(self, op: OpInfo) -> None:
        self._pool(op, "max_pool2d")

    def op_average_pool_2d(self, op: OpInfo) -> None:
        self._pool(op, "average_pool2d")

    def _binary_args(self, op: OpInfo) -> str:
        a, b, out = (self.t(i) for i in (op.inputs[0], op.inputs[1], op.outputs[0]))
        return (f"{self.ptr(op.inputs[0])}, {_shape(a)}, {self.ptr(op.inputs[1])}, {_shape(b)}, "
                f"{self.ptr(op.outputs[0], True)}, {_shape(out)}")

    def _add_sub(self, op: OpInfo, fn: str) -> None:
        for i in (*op.inputs[:2], op.outputs[0]):
            self.need(op, i, "INT8")
        (s1, z1), (s2, z2), (so, zo) = self.q(op.inputs[0]), self.q(op.inputs[1]), self.q(op.outputs[0])
        twice_max = 2 * float(max(np.float32(s1), np.float32(s2)))
        m1 = mq.quantize_multiplier(float(np.float32(s1)) / twice_max, False)
        m2 = mq.quantize_multiplier(float(np.float32(s2)) / twice_max, False)
        mo = mq.quantize_multiplier(twice_max / ((1 << 20) * float(np.float32(so))), False)
        lo, hi = activation_range(op.options.get("FusedActivationFunction", 0), so, zo)
        self.body.append(
            "{ utensor::AddParams p; "
            f"p.input1_offset = {-z1}; p.input2_offset = {-z2}; p.output_offset = {zo}; p.left_shift = 20; "
            f"p.input1.value = {m1[0]}; p.input1.shift = {m1[1]}; p.input2.value = {m2[0]}; p.input2.shift = {m2[1]}; "
            f"p.output.value = {mo[0]}; p.output.shift = {mo[1]}; p.act_min = {lo}; p.act_max = {hi};\n"
            f"    utensor::{fn}(p, {self._binary_args(op)}); }}"
        )

    def op_add(self, op: OpInfo) -> None:
        self._add_sub(op, "add")

    def op_sub(self, op: OpInfo) -> None:
        self._add_sub(op, "sub")

    def op_mul(self, op: OpInfo) -> None:
        for i in (*op.inputs[:2], op.outputs[0]):
            self.need(op, i, "INT8")
        (s1, z1), (s2, z2), (so, zo) = self.q(op.inputs[0]), self.q(op.inputs[1]), self.q(op.outputs[0])
        m = mq.quantize_multiplier(float(np.float32(s1)) * float(np.float32(s2)) / float(np.float32(so)), False)
        lo, hi = activation_range(op.options.get("FusedActivationFunction", 0), so, zo)
        self.body.append(
            "{ utensor::MulParams p; "
            f"p.input1_offset = {-z1}; p.input2_offset = {-z2}; p.output_offset = {zo}; "
            f"p.output.value = {m[0]}; p.output.shift = {m[1]}; p.act_min = {lo}; p.act_max = {hi};\n"
            f"    utensor::mul(p, {self._binary_args(op)}); }}"
        )

    def op_minimum(self, op: OpInfo) -> None:
        self.need(op, op.inputs[0], "INT8")
        self.body.append(f"utensor::minimum({self._binary_args(op)});")

    def op_maximum(self, op: OpInfo) -> None:
        self.need(op, op.inputs[0], "INT8")
        self.body.append(f"utensor::maximum({self._binary_args(op)});")

    def _relu(self, op: OpInfo, act: str) -> None:
        x = self.t(op.inputs[0])
        n = _elements(x)
        if x.type_name == "FLOAT32":
            self.body.append(f"utensor::relu_f32({self.ptr(op.inputs[0])}, {self.ptr(op.outputs[0], True)}, {n}, "
                             f"utensor::Activation::{act});")
            return
        self.need(op, op.inputs[0], "INT8")
        self.need(op, op.outputs[0], "INT8")
        (si, zi), (so, zo) = self.q(op.inputs[0]), self.q(op.outputs[0])
        code = {"kRelu": 1, "kRelu6": 3, "kReluN1To1": 2}[act]
        lo, hi = activation_range(code, so, zo)
        ms = mq.quantize_multiplier(mq.ratio(si, so, float_division=True), True)
        md = mq.quantize_multiplier(mq.ratio(si, so, float_division=False), False)
        call = f"utensor::relu(p, {self.ptr(op.inputs[0])}, {self.ptr(op.outputs[0], True)}, {n});"
        common = f"p.input_zero_point = {zi}; p.output_zero_point = {zo}; "
        if act == "kRelu6":  # TFLite Micro clamps in the input's quantization
            dlo = max(-128, min(127, zi))
            dhi = max(-128, min(127, zi + mq._round_half_away(float(np.float32(6.0) / np.float32(si)))))
            double = f"p.clamp_only = true; p.act_min = {dlo}; p.act_max = {dhi};"
        else:
            double = f"p.multiplier.value = {md[0]}; p.multiplier.shift = {md[1]}; p.act_min = {lo}; p.act_max = {hi};"
        self.body.append(
            "{ utensor::ReluParams p; " + common + "\n#if UTENSOR_SINGLE_ROUNDING\n"
            f"    p.multiplier.value = {ms[0]}; p.multiplier.shift = {ms[1]}; p.act_min = {lo}; p.act_max = {hi};\n"
            f"#else\n    {double}\n#endif\n    {call} }}"
        )

    def op_relu(self, op: OpInfo) -> None:
        self._relu(op, "kRelu")

    def op_relu6(self, op: OpInfo) -> None:
        self._relu(op, "kRelu6")

    def op_relu_n1_to_1(self, op: OpInfo) -> None:
        self._relu(op, "kReluN1To1")

    def op_reshape(self, op: OpInfo) -> None:
        src, dst = op.inputs[0], op.outputs[0]
        if self.t(src).is_constant or self.plan.offsets.get(src) != self.plan.offsets.get(dst):
            self.body.append(f"utensor::reshape({self.ptr(src)}, {self.ptr(dst, True)}, {self.t(dst).nbytes});")
        else:
            self.body.append(f"// RESHAPE {self.t(src).shape} -> {self.t(dst).shape}: same bytes, nothing to do")

    def op_softmax(self, op: OpInfo) -> None:
        x = self.t(op.inputs[0])
        depth = x.shape[-1] if x.shape else 1
        beta = float(op.options.get("Beta", 1.0))
        rows = _elements(x) // depth
        if x.type_name == "FLOAT32":
            self.body.append(f"utensor::softmax_f32({self.ptr(op.inputs[0])}, {rows}, {depth}, {_f(beta)}, "
                             f"{self.ptr(op.outputs[0], True)});")
            return
        self.need(op, op.inputs[0], "INT8")
        out = self.need(op, op.outputs[0], "INT8")
        so, zo = self.q(op.outputs[0])
        if zo != -128 or abs(so - 1 / 256) > 1e-9:
            raise UnsupportedError(f"operator {op.index} (SOFTMAX): int8 output must have scale 1/256 and zero point -128, "
                                   f"tensor {out.index} has {so}, {zo}")
        s_in = float(np.float32(self.q(op.inputs[0])[0]))
        real = min(beta * s_in * float(1 << 26), float((1 << 31) - 1))
        params = []
        for single in (True, False):
            m, shift = mq.quantize_multiplier(real, single)
            diff_min = -int(np.floor(1.0 * 31 * (1 << 26) / (1 << shift)))
            params.append(f"p.input_multiplier = {m}; p.input_left_shift = {shift}; p.diff_min = {diff_min};")
        body = params[0] if params[0] == params[1] else (
            f"\n#if UTENSOR_SINGLE_ROUNDING\n    {params[0]}\n#else\n    {params[1]}\n#endif\n   ")
        self.body.append(
            f"{{ utensor::SoftmaxParams p; {body}\n    utensor::softmax(p, {self.ptr(op.inputs[0])}, {rows}, {depth}, "
            f"{self.ptr(op.outputs[0], True)}); }}"
        )

    def _arg(self, op: OpInfo, fn: str) -> None:
        x = self.need(op, op.inputs[0], "INT8", "FLOAT32")
        axis_t = self.need(op, op.inputs[1], "INT32", "INT64", constant=True)
        out = self.need(op, op.outputs[0], "INT32", "INT64")
        axis = int(np.asarray(axis_t.data).reshape(-1)[0])
        self.body.append(
            f"utensor::{fn}<{C_TYPES[x.type_name]}, {C_TYPES[out.type_name]}>({self.ptr(op.inputs[0])}, {_shape(x)}, "
            f"{axis}, {self.ptr(op.outputs[0], True)});"
        )

    def op_arg_max(self, op: OpInfo) -> None:
        self._arg(op, "arg_max")

    def op_arg_min(self, op: OpInfo) -> None:
        self._arg(op, "arg_min")

    def op_quantize(self, op: OpInfo) -> None:
        x = self.need(op, op.inputs[0], "FLOAT32", "INT8")
        self.need(op, op.outputs[0], "INT8")
        so, zo = self.q(op.outputs[0])
        n = _elements(x)
        if x.type_name == "FLOAT32":
            self.body.append(f"utensor::quantize({self.ptr(op.inputs[0])}, {self.ptr(op.outputs[0], True)}, {n}, "
                             f"{_f(so)}, {zo});")
            return
        si, zi = self.q(op.inputs[0])
        m = mq.quantize_multiplier(float(np.float32(si)) / float(np.float32(so)), False)
        ratio = float(np.float32(si) / np.float32(so))
        q8 = int(np.rint(np.float32(256.0) * np.float32(ratio))) if 1 / 256 <= ratio <= 128 else 0
        self.body.append(
            f"{{ utensor::RequantizeParams p; p.input_zero_point = {zi}; p.output_zero_point = {zo}; "
            f"p.multiplier.value = {m[0]}; p.multiplier.shift = {m[1]};\n"
            f"#if UTENSOR_SINGLE_ROUNDING\n    p.q8_multiplier = {q8};\n#endif\n"
            f"    utensor::requantize(p, {self.ptr(op.inputs[0])}, {self.ptr(op.outputs[0], True)}, {n}); }}"
        )

    def op_dequantize(self, op: OpInfo) -> None:
        x = self.need(op, op.inputs[0], "INT8")
        self.need(op, op.outputs[0], "FLOAT32")
        si, zi = self.q(op.inputs[0])
        self.body.append(f"utensor::dequantize({self.ptr(op.inputs[0])}, {self.ptr(op.outputs[0], True)}, "
                         f"{_elements(x)}, {_f(si)}, {zi});")


def _padding(padding: int, size: int, filt: int, stride: int, dilation: int, out: int) -> int:
    if padding == 1:  # VALID
        return 0
    effective = (filt - 1) * dilation + 1
    return max(0, (out - 1) * stride + effective - size) // 2


def scratch_bytes(model: ModelInfo) -> dict[int, int]:
    """Working memory each op's fast kernel needs (op index -> bytes), as the runtime's
    conv2d_scratch_bytes() computes it: two im2col patches of int16 for CONV_2D."""
    out = {}
    for op in model.ops:
        if op.name == "CONV_2D":
            f = model.tensors[op.inputs[1]].shape
            if len(f) == 4:
                out[op.index] = 4 * ((f[1] * f[2] * f[3] + 3) // 4 * 4)
    return out


def check_model(model: ModelInfo) -> None:
    """Raise UnsupportedError naming the first operator or tensor the runtime cannot run."""
    if len(model.inputs) != 1 or len(model.outputs) != 1:
        raise UnsupportedError(
            f"the model has {len(model.inputs)} inputs and {len(model.outputs)} outputs; "
            "the generated entry point takes one input and one output"
        )
    for op in model.ops:
        if op.name not in SUPPORTED_OPS:
            raise UnsupportedError(
                f"operator {op.index} ({op.name}) is not supported by the utensor runtime "
                f"(supported: {', '.join(SUPPORTED_OPS)})"
            )


def generate(model: ModelInfo, name: str, source_name: str = "model") -> Generated:
    if not NAME_RE.match(name):
        raise UserError(f"--name {name!r} must be a C identifier (letters, digits, _; not starting with a digit)")
    check_model(model)
    memory = plan(model, scratch_bytes(model))
    em = _Emitter(model, name, memory)
    layers: list[Layer] = []
    steps: list[str] = []
    for op in model.ops:
        before_flash = em.flash
        start = len(em.body)
        em.emit(op)
        code = "\n  ".join(em.body[start:])
        del em.body[start:]
        steps.append(f"// {op.index}: {op.name}\nutensor::Status step{op.index}(utensor::Arena& arena, void*) {{\n"
                     f"  {code}\n  return utensor::Status::kOk;\n}}\n")
        ins = [model.tensors[i] for i in op.inputs if i >= 0]
        layers.append(Layer(
            index=op.index, op=op.name,
            input_elements=sum(_elements(t) for t in ins if not t.is_constant),
            weight_elements=sum(_elements(t) for t in ins if t.is_constant),
            output_elements=sum(_elements(model.tensors[i]) for i in op.outputs),
            ram_bytes=memory.live_bytes_per_op[op.index],
            flash_bytes=em.flash - before_flash,
        ))
    tin, tout = model.tensors[model.inputs[0]], model.tensors[model.outputs[0]]
    in_t, out_t = C_TYPES[tin.type_name], C_TYPES[tout.type_name]
    in_q = (float(tin.scale[0]), int(tin.zero_point[0])) if tin.scale.size else (1.0, 0)
    out_q = (float(tout.scale[0]), int(tout.zero_point[0])) if tout.scale.size else (1.0, 0)
    header = f"""// Generated by `sim convert` from {source_name}: do not edit.
// Runtime: firmware/utensor (compile with -DUTENSOR_SINGLE_ROUNDING=1 for TFLite 2.x arithmetic,
// default TFLite Micro's). Weights are const (flash); activations live in one static arena.
#pragma once
#include <cstddef>
#include <cstdint>

#include "utensor/graph.hpp"

constexpr int {name}_input_size = {_elements(tin)};
constexpr int {name}_output_size = {_elements(tout)};
constexpr float {name}_input_scale = {_f(in_q[0])};
constexpr int32_t {name}_input_zero_point = {in_q[1]};
constexpr float {name}_output_scale = {_f(out_q[0])};
constexpr int32_t {name}_output_zero_point = {out_q[1]};
constexpr size_t {name}_arena_size = {memory.arena_bytes};
using {name}_input_t = {in_t};
using {name}_output_t = {out_t};

// Runs the network on one input ({name}_input_size values) and writes {name}_output_size
// values to `output`. Returns 0. Not reentrant: it uses one static arena.
int {name}_run(const {in_t}* input, {out_t}* output);

// The arena, for measuring the RAM a run really touches.
uint8_t* {name}_arena();
// The highest arena byte the steps placed a tensor in (the runtime's own accounting).
size_t {name}_peak_ram();
// Profiling: `hook` runs after every step with its index and op name (null removes it).
void {name}_set_hook(utensor::StepHook hook, void* user);
"""
    step_table = ",\n    ".join(f'{{"{op.name}", step{op.index}}}' for op in model.ops)
    source = f"""// Generated by `sim convert` from {source_name}: do not edit.
// The ops run as a utensor::Graph over one utensor::Arena at the memory planner's offsets.
#include "{name}.hpp"

#include <cstring>

#include "utensor/utensor.hpp"

namespace {{

alignas(16) uint8_t g_buffer[{max(memory.arena_bytes, 1)}];
utensor::Arena g_arena(g_buffer, sizeof g_buffer);
utensor::StepHook g_hook = nullptr;
void* g_hook_user = nullptr;

{"".join(em.consts)}
{"".join(steps)}
const utensor::Step kSteps[] = {{
    {step_table}}};

}}  // namespace

uint8_t* {name}_arena() {{ return g_buffer; }}
size_t {name}_peak_ram() {{ return g_arena.high_water(); }}
void {name}_set_hook(utensor::StepHook hook, void* user) {{
  g_hook = hook;
  g_hook_user = user;
}}

int {name}_run(const {in_t}* input, {out_t}* output) {{
  std::memcpy(g_arena.at({memory.offsets[model.inputs[0]]}, {tin.nbytes}), input, {tin.nbytes});
  utensor::Graph graph(kSteps, {len(model.ops)}, g_arena);
  graph.set_hook(g_hook, g_hook_user);
  if (graph.run() != utensor::Status::kOk) return 1;
  std::memcpy(output, g_arena.at({memory.offsets[model.outputs[0]]}, {tout.nbytes}), {tout.nbytes});
  return 0;
}}
"""
    gen = Generated(name=name, header=header, source=source, plan=memory, layers=layers)
    gen.report = {
        "model": source_name,
        "name": name,
        "arena_bytes": memory.arena_bytes,
        "flash_bytes": em.flash,
        "input": {"shape": list(tin.shape), "type": tin.type_name, "scale": in_q[0], "zero_point": in_q[1]},
        "output": {"shape": list(tout.shape), "type": tout.type_name, "scale": out_q[0], "zero_point": out_q[1]},
        "layers": [vars(layer) for layer in layers],
    }
    return gen


def memory_table(gen: Generated) -> str:
    """The talk's "Memory usage" table: per layer, then totals."""
    rows = [("#", "layer", "input", "weights", "output", "RAM (B)", "flash (B)")]
    for layer in gen.layers:
        rows.append((str(layer.index), layer.op, str(layer.input_elements), str(layer.weight_elements),
                     str(layer.output_elements), str(layer.ram_bytes), str(layer.flash_bytes)))
    rows.append(("", "total", "", str(sum(layer.weight_elements for layer in gen.layers)), "",
                 f"{gen.plan.arena_bytes} peak", str(sum(layer.flash_bytes for layer in gen.layers))))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for k, r in enumerate(rows):
        lines.append("  ".join(c.rjust(w) if i != 1 else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
        if k == 0 or k == len(rows) - 2:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
