"""CONV_2D and DEPTHWISE_CONV_2D."""

from __future__ import annotations

from simulator.model import params, tflite_engine
from simulator.model.emitter import Emitter, UnsupportedError, shape
from simulator.model.ops import op
from simulator.model.tflite_reader import OpInfo


def _conv(em: Emitter, op: OpInfo, depthwise: bool) -> None:
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
    fields = {**params.conv(zp_in, s_out, zp_out, act, stride, dilation, pad, dm), "multipliers": mult, "shifts": shift}
    single = fields
    if tflite_engine.xnnpack_takes(em.model, op):  # tf.lite requantizes in float32 there
        scales = params.xnn_requantization_scales(s_in, f.scale, channels, s_out)
        lo, hi = params.xnn_activation_range(act, s_out, zp_out)
        single = {**fields, "act_min": lo, "act_max": hi,
                  "scales": em.const_single(f"op{op.index}_scales", "float", scales)}
    p = em.params("ConvParams", f"op{op.index}_params", single, fields)
    has_bias = em.has_input(op, 2)
    if has_bias:
        em.need(op, op.inputs[2], "INT32", constant=True)
    bias = em.ptr(op.inputs[2]) if has_bias else "nullptr"
    fn = "depthwise_conv2d" if depthwise else "conv2d"
    em.call(f"utensor::{fn}({p}, {em.ptr(op.inputs[0])}, {shape(x)}, {em.ptr(op.inputs[1])}, {shape(f)}, "
            f"{bias}, {em.ptr(op.outputs[0], True)}, {shape(out)});")


@op("CONV_2D", tflite="XNNPACK (float32 requantization) when input*weight/output scale < 256, "
           "else TFLite's builtin kernel: not reproduced",
    types="int8", kernel="conv2d", header="ops/conv2d.hpp",
    notes="per-channel int8 weights, strides, dilations, SAME/VALID, grouped filters")
def conv_2d(em: Emitter, op: OpInfo) -> None:
    _conv(em, op, depthwise=False)


@op("DEPTHWISE_CONV_2D", tflite="XNNPACK (float32 requantization)",
    types="int8", kernel="depthwise_conv2d", header="ops/conv2d.hpp",
    notes="per-channel int8 weights, depth multiplier, strides, dilations, SAME/VALID")
def depthwise_conv_2d(em: Emitter, op: OpInfo) -> None:
    _conv(em, op, depthwise=True)
