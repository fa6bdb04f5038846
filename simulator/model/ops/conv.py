"""CONV_2D and DEPTHWISE_CONV_2D."""

from __future__ import annotations

import numpy as np

from simulator.model import params, tflite_engine
from simulator.model.emitter import Emitter, UnsupportedError, shape
from simulator.model.ops import op
from simulator.model.tflite_reader import ModelInfo, OpInfo


def _conv2d_int16(em: Emitter, op: OpInfo) -> None:
    """CONV_2D in the int16x8 scheme: int16 input and output (zero points 0), int8 per-channel
    filter, int64 bias; TFLite's and TFLite Micro's reference arithmetic (64-bit sums, the
    16-bit reduced multiplier), the same in both modes."""
    x = em.need(op, op.inputs[0], "INT16")
    f = em.need(op, op.inputs[1], "INT8", constant=True)
    out = em.need(op, op.outputs[0], "INT16")
    if len(x.shape) != 4 or len(f.shape) != 4 or len(out.shape) != 4:
        raise UnsupportedError(f"operator {op.index} ({op.name}): expects 4-D input, filter and output")
    has_bias = em.int64_bias(op)
    s_in, zp_in = em.q(op.inputs[0])
    s_out, zp_out = em.q(op.outputs[0])
    if zp_in != 0 or zp_out != 0:
        raise UnsupportedError(f"operator {op.index} (CONV_2D): int16 tensors must have zero point 0 "
                               f"(input {zp_in}, output {zp_out})")
    o = op.options
    m, shift = params.multipliers(params.conv_reals(s_in, f.scale, f.shape[0], s_out), False)
    same = o["Padding"] == 0
    stride, dilation = (o["StrideH"], o["StrideW"]), (o["DilationHFactor"], o["DilationWFactor"])
    pad = (params.padding(same, x.shape[1], f.shape[1], stride[0], dilation[0], out.shape[1]),
           params.padding(same, x.shape[2], f.shape[2], stride[1], dilation[1], out.shape[2]))
    fields = {**params.conv(zp_in, s_out, zp_out, o.get("FusedActivationFunction", 0), stride, dilation, pad, 1,
                            int16=True),
              "multipliers": em.const(f"op{op.index}_mult", "int32_t", np.array(m)),
              "shifts": em.const(f"op{op.index}_shift", "int32_t", np.array(shift))}
    p = em.params("ConvParams", f"op{op.index}_params", fields)
    bias = em.ptr(op.inputs[2]) if has_bias else "nullptr"
    em.call(f"utensor::conv2d_int16({p}, {em.ptr(op.inputs[0])}, {shape(x)}, {em.ptr(op.inputs[1])}, {shape(f)}, "
            f"{bias}, {em.ptr(op.outputs[0], True)}, {shape(out)});")


def _conv(em: Emitter, op: OpInfo, depthwise: bool) -> None:
    if not depthwise and em.t(op.inputs[0]).type_name == "INT16":
        _conv2d_int16(em, op)
        return
    em.need(op, op.inputs[0], "INT8")
    f = em.need(op, op.inputs[1], "INT8", constant=True)
    em.need(op, op.outputs[0], "INT8")
    x, out = em.t(op.inputs[0]), em.t(op.outputs[0])
    if len(x.shape) != 4 or len(f.shape) != 4 or len(out.shape) != 4:
        raise UnsupportedError(f"operator {op.index} ({op.name}): expects 4-D input, filter and output")
    o = op.options
    s_in, zp_in = em.q(op.inputs[0])
    s_out, zp_out = em.q(op.outputs[0])
    channels = f.shape[3] if depthwise else f.shape[0]
    reals = params.conv_reals(s_in, f.scale, channels, s_out)
    (ms, ss), (md, sd) = params.multipliers(reals, True), params.multipliers(reals, False)
    mult = em.const_by_mode(f"op{op.index}_mult", "int32_t", ms, md)
    shift = em.const_by_mode(f"op{op.index}_shift", "int32_t", ss, sd)
    same = o["Padding"] == 0
    stride, dilation = (o["StrideH"], o["StrideW"]), (o["DilationHFactor"], o["DilationWFactor"])
    pad = (params.padding(same, x.shape[1], f.shape[1], stride[0], dilation[0], out.shape[1]),
           params.padding(same, x.shape[2], f.shape[2], stride[1], dilation[1], out.shape[2]))
    dm = (f.shape[3] // x.shape[3]) if depthwise else 1
    act = o.get("FusedActivationFunction", 0)
    fields = params.conv(zp_in, s_out, zp_out, act, stride, dilation, pad, dm)
    has_bias = em.has_input(op, 2)
    if has_bias:
        em.need(op, op.inputs[2], "INT32", constant=True)
    # The fast kernels take bias + input_offset * (sum of each output channel's weights), folded
    # here once. Rows of weights per channel: [Cout, Kh*Kw*Cin], or [C, Kh*Kw] for depthwise.
    rows = f.data.reshape(-1, f.shape[3]).T if depthwise else f.data.reshape(f.shape[0], -1)
    folded = params.folded_bias(em.t(op.inputs[2]).data if has_bias else None, rows, -zp_in)
    if folded is not None:
        bias = em.const(f"op{op.index}_bias", "int32_t", folded)
        fields["bias_folded"] = True
    else:
        bias = em.ptr(op.inputs[2]) if has_bias else "nullptr"
    fields = {**fields, "multipliers": mult, "shifts": shift}
    single = fields
    if tflite_engine.xnnpack_takes(em.model, op):  # tf.lite requantizes in float32 there
        scales = params.xnn_requantization_scales(s_in, f.scale, channels, s_out)
        lo, hi = params.xnn_activation_range(act, s_out, zp_out)
        single = {**fields, "act_min": lo, "act_max": hi,
                  "scales": em.const_single(f"op{op.index}_scales", "float", scales)}
    p = em.params("ConvParams", f"op{op.index}_params", single, fields)
    fn = "depthwise_conv2d" if depthwise else "conv2d"
    args = (f"{em.ptr(op.inputs[0])}, {shape(x)}, {em.ptr(op.inputs[1])}, {shape(f)}, {bias}, "
            f"{em.ptr(op.outputs[0], True)}, {shape(out)}")
    if op.index in em.plan.scratch_offsets:
        # The im2col scratch the planner placed for this op (arena bytes, so not constexpr data).
        size = params.conv2d_scratch_bytes(f.shape[1], f.shape[2], f.shape[3])
        em.call(f"{{ utensor::ConvParams q = {p}; q.scratch = arena.at({em.plan.scratch_offsets[op.index]}, {size}); "
                f"q.scratch_bytes = {size};\n    utensor::{fn}(q, {args}); }}")
    else:
        em.call(f"utensor::{fn}({p}, {args});")


def _im2col_scratch(model: ModelInfo, op_info: OpInfo) -> int:
    """Two im2col patches of int16 for the fast kernels (the runtime's conv2d_scratch_bytes());
    none for the int16x8 kernel."""
    if model.tensors[op_info.inputs[0]].type_name == "INT16":
        return 0
    f = model.tensors[op_info.inputs[1]].shape
    return params.conv2d_scratch_bytes(f[1], f[2], f[3]) if len(f) == 4 else 0


@op("CONV_2D", tflite="XNNPACK (float32 requantization) when input*weight/output scale < 256, "
           "else TFLite's builtin kernel: not reproduced; int16x8: builtin reference arithmetic",
    types="int8, int16x8", kernel="conv2d, conv2d_int16", header="ops/conv2d.hpp", scratch=_im2col_scratch,
    notes="per-channel int8 weights, strides, dilations, SAME/VALID, grouped filters; bias folded with the "
          "input offset at generation time, im2col scratch from the memory plan. int16x8: int64 bias, 64-bit "
          "sums, TFLite's 16-bit reduced multiplier (both modes)")
def conv_2d(em: Emitter, op: OpInfo) -> None:
    _conv(em, op, depthwise=False)


@op("DEPTHWISE_CONV_2D", tflite="XNNPACK (float32 requantization)",
    types="int8", kernel="depthwise_conv2d", header="ops/conv2d.hpp",
    notes="per-channel int8 weights, depth multiplier, strides, dilations, SAME/VALID; bias folded with the "
          "input offset at generation time")
def depthwise_conv_2d(em: Emitter, op: OpInfo) -> None:
    _conv(em, op, depthwise=True)
