"""FULLY_CONNECTED."""

from __future__ import annotations

import numpy as np

from simulator.model import multipliers as mq
from simulator.model import params, tflite_engine
from simulator.model.emitter import Emitter, UnsupportedError, elements
from simulator.model.ops import op
from simulator.model.tflite_reader import OpInfo


@op("FULLY_CONNECTED", tflite="XNNPACK (float32 requantization) when input*weight/output scale < 256, "
           "else TFLite's builtin kernel: not reproduced; int16x8: builtin (double requantization)",
    types="int8, int16x8, float32", kernel="fully_connected, fully_connected_int16, fully_connected_f32",
    header="ops/fully_connected.hpp, ops/float_ops.hpp",
    notes="int8 weights per tensor or per output channel, int32 bias (folded with the input offset at "
          "generation time); per-tensor multiplier from the float32 product of the scales, as TFLite. "
          "int16x8: int16 activations, int8 weights, int64 bias, 64-bit sums requantized with TFLite's "
          "16-bit reduced multiplier (TFLM); tflite mode: tf.lite's double requantization")
def fully_connected(em: Emitter, op: OpInfo) -> None:
    x, w = em.t(op.inputs[0]), em.t(op.inputs[1])
    has_bias = em.has_input(op, 2)
    act = op.options.get("FusedActivationFunction", 0)
    if op.options.get("WeightsFormat", 0) != 0:
        raise UnsupportedError(f"operator {op.index} (FULLY_CONNECTED): shuffled weights are not supported")
    if x.type_name == "FLOAT32":
        em.need(op, op.inputs[1], "FLOAT32", constant=True)
        in_depth, out_depth = w.shape[1], w.shape[0]
        bias = em.ptr(op.inputs[2]) if has_bias else "nullptr"
        em.call(f"utensor::fully_connected_f32({em.ptr(op.inputs[0])}, {elements(x) // in_depth}, {in_depth}, "
                f"{em.ptr(op.inputs[1])}, {bias}, {out_depth}, utensor::Activation::{params.ACTIVATIONS[act]}, "
                f"{em.ptr(op.outputs[0], True)});")
        return
    if x.type_name == "INT16":
        _fully_connected_int16(em, op)
        return
    em.need(op, op.inputs[0], "INT8", "INT16")
    em.need(op, op.inputs[1], "INT8", constant=True)
    em.need(op, op.outputs[0], "INT8")
    if has_bias:
        em.need(op, op.inputs[2], "INT32", constant=True)
    out_depth, in_depth = w.shape
    s_in, zp_in = em.q(op.inputs[0])
    s_out, zp_out = em.q(op.outputs[0])
    per_channel = w.scale.size > 1
    reals = params.fc_reals(s_in, w.scale, s_out)
    (ms, ss), (md, sd) = params.multipliers(reals, True), params.multipliers(reals, False)
    mult = em.const_by_mode(f"op{op.index}_mult", "int32_t", ms, md)
    shift = em.const_by_mode(f"op{op.index}_shift", "int32_t", ss, sd)
    fields = {**params.fully_connected(zp_in, int(w.zero_point[0]), per_channel, s_out, zp_out, act),
              "multipliers": mult, "shifts": shift}
    # The fast kernels take bias + input_offset * sum(w), folded here once (symmetric weights).
    folded = params.folded_bias(em.t(op.inputs[2]).data if has_bias else None, w.data.reshape(out_depth, in_depth),
                                -zp_in) if fields["weights_offset"] == 0 else None
    if folded is not None:
        bias = em.const(f"op{op.index}_bias", "int32_t", folded)
        fields["bias_folded"] = True
    else:
        bias = em.ptr(op.inputs[2]) if has_bias else "nullptr"
    single = fields
    if tflite_engine.xnnpack_takes(em.model, op):  # tf.lite requantizes in float32 there
        scales = params.xnn_requantization_scales(s_in, w.scale, 1, s_out)
        lo, hi = params.xnn_activation_range(act, s_out, zp_out)
        single = {**fields, "act_min": lo, "act_max": hi,
                  "scales": em.const_single(f"op{op.index}_scales", "float", scales)}
    p = em.params("FullyConnectedParams", f"op{op.index}_params", single, fields)
    em.call(f"utensor::fully_connected({p}, {em.ptr(op.inputs[0])}, {elements(x) // in_depth}, {in_depth}, "
            f"{em.ptr(op.inputs[1])}, {bias}, {out_depth}, {em.ptr(op.outputs[0], True)});")


def _fully_connected_int16(em: Emitter, op: OpInfo) -> None:
    """The int16x8 scheme: int16 activations, int8 weights, int64 bias (TensorFlow's converter
    with EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8)."""
    x = em.need(op, op.inputs[0], "INT16")
    w = em.need(op, op.inputs[1], "INT8", constant=True)
    em.need(op, op.outputs[0], "INT16")
    has_bias = em.int64_bias(op)
    out_depth, in_depth = w.shape
    s_in, zp_in = em.q(op.inputs[0])
    s_out, zp_out = em.q(op.outputs[0])
    per_channel = w.scale.size > 1
    m, shift = params.multipliers(params.fc_reals(s_in, w.scale, s_out), False)
    fields = {**params.fully_connected(zp_in, int(w.zero_point[0]), per_channel, s_out, zp_out,
                                       op.options.get("FusedActivationFunction", 0), int16=True),
              "multipliers": em.const(f"op{op.index}_mult", "int32_t", np.array(m)),
              "shifts": em.const(f"op{op.index}_shift", "int32_t", np.array(shift))}
    # tf.lite's builtin int16 kernel requantizes in double: input * weight / output scale.
    reals = np.array([mq.per_channel(s_in, float(s), s_out) for s in w.scale], np.float64)
    single = {**fields, "real_scales": em.const_single(f"op{op.index}_real_scales", "double", reals)}
    p = em.params("FullyConnectedParams", f"op{op.index}_params", single, fields)
    bias = em.ptr(op.inputs[2]) if has_bias else "nullptr"
    em.call(f"utensor::fully_connected_int16({p}, {em.ptr(op.inputs[0])}, {elements(x) // in_depth}, {in_depth}, "
            f"{em.ptr(op.inputs[1])}, {bias}, {out_depth}, {em.ptr(op.outputs[0], True)});")
