"""SOFTMAX."""

from __future__ import annotations

from simulator.model import params
from simulator.model.emitter import Emitter, UnsupportedError, c_float, elements
from simulator.model.ops import Memory, op, same_shape_inputs
from simulator.model.tflite_reader import OpInfo


@op("SOFTMAX", tflite="builtin (int8: float lookup table; int16x8: SoftmaxInt16 with tables built in double); float32: within 1e-4",
    types="int8, int16x8, float32", kernel="softmax, softmax_int16, softmax_f32",
    header="ops/softmax.hpp, ops/float_ops.hpp", memory=Memory.IN_PLACE, in_place=same_shape_inputs,
    notes="int8 output scale 1/256, zero point -128; gemmlowp fixed-point exp and reciprocal; any beta. "
          "int16: output scale 1/32768, zero point 0; TFLite's 513-entry exp and 1/(1+x) tables, built at "
          "generation time as Prepare builds them (TFLM in float32, tf.lite in double); beta = 1 only tested")
def softmax(em: Emitter, op: OpInfo) -> None:
    x = em.t(op.inputs[0])
    depth = x.shape[-1] if x.shape else 1
    beta = float(op.options.get("Beta", 1.0))
    rows = elements(x) // depth
    if x.type_name == "FLOAT32":
        em.call(f"utensor::softmax_f32({em.ptr(op.inputs[0])}, {rows}, {depth}, {c_float(beta)}, "
                f"{em.ptr(op.outputs[0], True)});")
        return
    if x.type_name == "INT16":
        _softmax_int16(em, op, rows, depth, beta)
        return
    em.need(op, op.inputs[0], "INT8")
    out = em.need(op, op.outputs[0], "INT8")
    so, zo = em.q(op.outputs[0])
    if zo != -128 or abs(so - 1 / 256) > 1e-9:
        raise UnsupportedError(f"operator {op.index} (SOFTMAX): int8 output must have scale 1/256 and zero point -128, "
                               f"tensor {out.index} has {so}, {zo}")
    s_in = em.q(op.inputs[0])[0]
    # tf.lite never hands int8 SOFTMAX to XNNPACK; its builtin kernel uses a float lookup table.
    table = em.const_single(f"op{op.index}_exp", "float", params.softmax_table(s_in, beta))
    p = em.params("SoftmaxParams", f"op{op.index}_params",
                  {**params.softmax(beta, s_in, True), "table": table, "output_scale": so},
                  params.softmax(beta, s_in, False))
    em.call(f"utensor::softmax({p}, {em.ptr(op.inputs[0])}, {rows}, {depth}, {em.ptr(op.outputs[0], True)});")


def _softmax_int16(em: Emitter, op: OpInfo, rows: int, depth: int, beta: float) -> None:
    """The int16x8 scheme: TFLite's SoftmaxInt16 with the exp and 1/(1+x) tables its Prepare
    builds (the same for every model: emitted once per generated model; TFLite Micro's in
    float32, tf.lite's in double, which differ in two entries)."""
    out = em.need(op, op.outputs[0], "INT16")
    s_in, zp_in = em.q(op.inputs[0])
    so, zo = em.q(op.outputs[0])
    if zp_in != 0 or zo != 0 or abs(so - 1 / 32768) > 0.001 / 32768:
        raise UnsupportedError(f"operator {op.index} (SOFTMAX): int16 input needs zero point 0 and an output of "
                               f"scale 1/32768, zero point 0; tensor {out.index} has {so}, {zo}")
    (exp_d, recip_d), (exp_s, recip_s) = params.softmax_int16_tables(False), params.softmax_int16_tables(True)
    fields = {**params.softmax_int16(beta, s_in),
              "exp_table": em.const_by_mode("softmax_int16_exp_table", "int16_t", exp_s, exp_d),
              "one_over_one_plus_x_table": em.const_by_mode("softmax_int16_one_over_one_plus_x_table", "int16_t",
                                                            recip_s, recip_d)}
    p = em.params("SoftmaxInt16Params", f"op{op.index}_params", fields)
    em.call(f"utensor::softmax_int16({p}, {em.ptr(op.inputs[0])}, {rows}, {depth}, {em.ptr(op.outputs[0], True)});")
