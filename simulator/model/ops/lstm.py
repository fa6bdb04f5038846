"""UNIDIRECTIONAL_SEQUENCE_LSTM (int8 activations and weights, int16 cell state): in the default
build as TFLite Micro's integer kernel computes it (unidirectional_sequence_lstm.cc, lstm_eval.h),
in the TFLite 2.x build as tf.lite's own integer kernel does (lstm_eval.cc, "8x8_16"). The
parameters below are both kernels' Prepare, done here once."""

from __future__ import annotations

import math

import numpy as np

from simulator.model import multipliers as mq
from simulator.model import params
from simulator.model.emitter import Emitter, UnsupportedError
from simulator.model.ops import op
from simulator.model.tflite_reader import ModelInfo, OpInfo

# Input positions (TFLite's schema): weights of the four gates from the input and from the
# hidden state, their biases, the two state tensors. Peepholes (9-11), projection (16-17) and
# layer normalization (20-23) are not implemented.
GATES = {  # gate: (input weights, recurrent weights, bias)
    "input": (1, 5, 12), "forget": (2, 6, 13), "cell": (3, 7, 14), "output": (4, 8, 15),
}
HIDDEN, CELL = 18, 19
UNSUPPORTED = {9: "peephole", 10: "peephole", 11: "peephole", 16: "projection", 17: "projection",
               20: "layer normalization", 21: "layer normalization", 22: "layer normalization",
               23: "layer normalization"}
GATE_SCALE = 2.0 ** -12  # gate pre-activations are Q3.12 int16
ACTIVATION_SCALE = 2.0 ** -15  # sigmoid / tanh outputs are Q0.15
TANH = 4


def _input(op_info: OpInfo, k: int) -> int:
    return op_info.inputs[k] if k < len(op_info.inputs) else -1


def _sizes(model: ModelInfo, op_info: OpInfo) -> tuple[int, int, int, int, bool]:
    """(batches, time steps, input size, state size, time major)."""
    x = model.tensors[op_info.inputs[0]].shape
    time_major = bool(op_info.options.get("TimeMajor", False))
    batches, steps = (x[1], x[0]) if time_major else (x[0], x[1])
    return batches, steps, x[2], model.tensors[_input(op_info, HIDDEN)].shape[-1], time_major


def scratch(model: ModelInfo, op_info: OpInfo) -> int:
    """Four int16 gate buffers of one step's states."""
    batches, _, _, state, time_major = _sizes(model, op_info)
    return 4 * (batches if time_major else 1) * state * 2


@op("UNIDIRECTIONAL_SEQUENCE_LSTM", tflite="builtin (tf.lite's own integer kernel: gemmlowp 16-bit sigmoid/tanh, "
           "power-of-two cell products)",
    types="int8 (int16 cell state)", kernel="lstm", header="ops/lstm.hpp",
    scratch=scratch,
    notes="tflm mode: TFLite Micro's integer kernel (sigmoid/tanh from TFLite's int16 table); the hidden and cell "
          "states persist across runs until NAME_reset(); no peephole, projection, layer norm or CIFG")
def lstm(em: Emitter, op: OpInfo) -> None:
    for k, what in UNSUPPORTED.items():
        if _input(op, k) >= 0:
            raise UnsupportedError(f"operator {op.index} (UNIDIRECTIONAL_SEQUENCE_LSTM): {what} is not supported")
    x = em.need(op, op.inputs[0], "INT8")
    if len(x.shape) != 3:
        raise UnsupportedError(f"operator {op.index} (UNIDIRECTIONAL_SEQUENCE_LSTM): expects a 3-D input")
    em.need(op, op.outputs[0], "INT8")
    hidden, cell = _input(op, HIDDEN), _input(op, CELL)
    if hidden < 0 or cell < 0:
        raise UnsupportedError(f"operator {op.index} (UNIDIRECTIONAL_SEQUENCE_LSTM): needs its hidden and cell state")
    h, c = em.need(op, hidden, "INT8"), em.need(op, cell, "INT16")
    for t in (h, c):
        if not t.is_variable:
            raise UnsupportedError(f"operator {op.index} (UNIDIRECTIONAL_SEQUENCE_LSTM): state tensor {t.index} "
                                   "is not a variable tensor")
    s_in, zp_in = em.q(op.inputs[0])
    s_h, zp_h = em.q(hidden)
    s_c, zp_c = em.q(cell)
    if em.q(op.outputs[0]) != (s_h, zp_h):
        raise UnsupportedError(f"operator {op.index} (UNIDIRECTIONAL_SEQUENCE_LSTM): output and hidden state "
                               "are quantized differently")
    mantissa, exponent = math.frexp(s_c)
    if mantissa != 0.5 or zp_c != 0:
        raise UnsupportedError(f"operator {op.index} (UNIDIRECTIONAL_SEQUENCE_LSTM): the cell state's scale {s_c} "
                               "is not a power of two with zero point 0")
    power = exponent - 1  # s_c = 2^power
    activation = op.options.get("FusedActivationFunction", TANH)
    if activation != TANH:
        raise UnsupportedError(f"operator {op.index} (UNIDIRECTIONAL_SEQUENCE_LSTM): cell activation {activation} "
                               "is not supported (TANH is)")
    batches, steps, input_size, state, time_major = _sizes(em.model, op)

    fields: dict = {"batches": batches, "time_steps": steps, "input_size": input_size, "state_size": state,
                    "time_major": time_major, "input_offset": -zp_in, "hidden_offset": -zp_h,
                    "hidden_zero_point": zp_h, "cell_gate_tanh": True}
    single, double = dict(fields), dict(fields)
    for gate, (wi, wr, bi) in GATES.items():
        if _input(op, wi) < 0 or _input(op, wr) < 0:
            raise UnsupportedError(f"operator {op.index} (UNIDIRECTIONAL_SEQUENCE_LSTM): the {gate} gate has no "
                                   "weights (CIFG is not supported)")
        w_in = em.need(op, op.inputs[wi], "INT8", constant=True)
        w_rec = em.need(op, op.inputs[wr], "INT8", constant=True)
        common = {f"{gate}.input_weights": em.ptr(op.inputs[wi]), f"{gate}.recurrent_weights": em.ptr(op.inputs[wr]),
                  f"{gate}.input_per_channel": w_in.scale.size > 1,
                  f"{gate}.recurrent_per_channel": w_rec.scale.size > 1}
        if _input(op, bi) >= 0:
            em.need(op, op.inputs[bi], "INT32", constant=True)
            common[f"{gate}.bias"] = em.ptr(op.inputs[bi])
        for side, (w, s) in {"input": (w_in, s_in), "recurrent": (w_rec, s_h)}.items():
            reals = params.fc_reals(s, w.scale, GATE_SCALE)
            (ms, ss), (md, sd) = params.multipliers(reals, True), params.multipliers(reals, False)
            common[f"{gate}.{side}_multipliers"] = em.const_by_mode(f"op{op.index}_{gate}_{side}_mult", "int32_t", ms, md)
            common[f"{gate}.{side}_shifts"] = em.const_by_mode(f"op{op.index}_{gate}_{side}_shift", "int32_t", ss, sd)
        single.update(common)
        double.update(common)
    for name, real in {"forget_times_cell": ACTIVATION_SCALE * s_c / s_c,
                       "input_times_cell_gate": ACTIVATION_SCALE * ACTIVATION_SCALE / s_c,
                       "output_times_tanh": ACTIVATION_SCALE * ACTIVATION_SCALE / s_h}.items():
        for fields_, rounding in ((single, True), (double, False)):
            m, s = mq.quantize_multiplier(real, rounding)
            fields_[f"{name}.value"], fields_[f"{name}.shift"] = m, s
    clip = float(op.options.get("CellClip", 0.0))
    # TFLM: static_cast<int16_t>(clamp(clip / scale)) in double, truncated.
    quantized_clip = int(max(min(clip / s_c, 32767.0), -32768.0)) if clip > 0 else 0
    tanh_shift = 15 + power - 3  # to the table's input scale
    tanh_multiplier, tanh_shift = (3, -tanh_shift) if tanh_shift < 0 else (3 << tanh_shift, 0)
    for fields_ in (single, double):
        fields_.update({"cell_clip": quantized_clip, "tanh_multiplier": tanh_multiplier, "tanh_shift": tanh_shift})
    # tf.lite's own kernel in the TFLite 2.x build: the hidden state is requantized with the
    # scale and zero point of the op's fifth intermediate tensor (the hidden state's otherwise).
    hidden_q = em.q(op.intermediates[4]) if len(op.intermediates) > 4 and em.t(op.intermediates[4]).scale.size \
        else (s_h, zp_h)
    m, s = mq.quantize_multiplier(float(np.float32(ACTIVATION_SCALE * ACTIVATION_SCALE / float(np.float32(hidden_q[0])))),
                                  False)
    single.update({"tflite_kernel": True, "cell_scale_power": power, "tflite_hidden.value": m,
                   "tflite_hidden.shift": s, "tflite_hidden_zero_point": hidden_q[1],
                   "tflite_cell_clip": int(max(min(float(np.float32(clip) / np.float32(s_c)), 32767.0), -32768.0))
                   if clip > 0 else 0})
    p = em.params("LstmParams", f"op{op.index}_params", single, double)
    em.call(f"utensor::lstm({p}, {em.ptr(op.inputs[0])}, {em.ptr(hidden, True)}, {em.ptr(cell, True)}, "
            f"{em.ptr(op.outputs[0], True)}, {em.scratch(op, 'int16_t')});")
