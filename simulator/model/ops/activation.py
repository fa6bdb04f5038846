"""RELU, RELU6, RELU_N1_TO_1 as stand-alone ops (fused activations are other ops' act_min/act_max)."""

from __future__ import annotations

from simulator.model import params
from simulator.model.emitter import Emitter, elements
from simulator.model.ops import Memory, op, same_shape_inputs
from simulator.model.tflite_reader import OpInfo


def _relu(em: Emitter, op: OpInfo, act: int) -> None:
    x = em.t(op.inputs[0])
    n = elements(x)
    if x.type_name == "FLOAT32":
        em.call(f"utensor::relu_f32({em.ptr(op.inputs[0])}, {em.ptr(op.outputs[0], True)}, {n}, "
                f"utensor::Activation::{params.ACTIVATIONS[act]});")
        return
    em.need(op, op.inputs[0], "INT8")
    em.need(op, op.outputs[0], "INT8")
    (si, zi), (so, zo) = em.q(op.inputs[0]), em.q(op.outputs[0])
    p = em.params("ReluParams", f"op{op.index}_params", params.relu(act, si, zi, so, zo, True),
                  params.relu(act, si, zi, so, zo, False))
    em.call(f"utensor::relu({p}, {em.ptr(op.inputs[0])}, {em.ptr(op.outputs[0], True)}, {n});")


@op("RELU", types="int8, float32", kernel="relu, relu_f32", header="ops/activation.hpp, ops/float_ops.hpp",
    memory=Memory.IN_PLACE, in_place=same_shape_inputs,
    notes="requantizes when scales differ; TFLite divides the scales in float32, TFLite Micro in double")
def relu(em: Emitter, op: OpInfo) -> None:
    _relu(em, op, params.ACT_RELU)


@op("RELU6", types="int8, float32", kernel="relu, relu_f32", header="ops/activation.hpp, ops/float_ops.hpp",
    memory=Memory.IN_PLACE, in_place=same_shape_inputs,
    notes="TFLite Micro clamps in the input's quantization without rescaling; TFLite requantizes")
def relu6(em: Emitter, op: OpInfo) -> None:
    _relu(em, op, params.ACT_RELU6)


@op("RELU_N1_TO_1", types="int8, float32", kernel="relu, relu_f32", header="ops/activation.hpp, ops/float_ops.hpp",
    memory=Memory.IN_PLACE, in_place=same_shape_inputs, notes="as RELU, clamped to [-1, 1]")
def relu_n1_to_1(em: Emitter, op: OpInfo) -> None:
    _relu(em, op, params.ACT_RELU_N1_TO_1)
