"""Every op's constant parameters, computed once, in Python, as TFLite and TFLite Micro do.

The code generator emits these numbers as ``constexpr`` parameter structs; the runtime's C++
``prepare_*`` helpers (for hand-written apps) are tested equal to them
(``tests/test_params.py``). Each function takes the model's float32 scales and zero points and
returns the struct's fields for one rounding mode: ``single=True`` is TFLite 2.x as
``tf.lite.Interpreter`` runs by default, ``single=False`` is TFLite Micro.

A value of type ``str`` is a C++ expression (an array name, an enum); the others are numbers.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from simulator.model import multipliers as mq

Fields = dict[str, "int | float | bool | str"]

# Fused activation codes (TFLite's ActivationFunctionType) the runtime implements.
ACT_NONE, ACT_RELU, ACT_RELU_N1_TO_1, ACT_RELU6 = 0, 1, 2, 3
ACTIVATIONS = {ACT_NONE: "kNone", ACT_RELU: "kRelu", ACT_RELU_N1_TO_1: "kReluN1To1", ACT_RELU6: "kRelu6"}


class UnsupportedActivation(ValueError):
    pass


def f32(x: float) -> float:
    return float(np.float32(x))


def activation_range(act: int, scale: float, zero_point: int, qmin: int = -128, qmax: int = 127) -> tuple[int, int]:
    """The clamp of a fused activation in the output's quantization (TFLite's
    CalculateActivationRangeQuantized: float32 division, round half away from zero)."""

    def quant(f: float) -> int:
        return zero_point + mq._round_half_away(float(np.float32(f) / np.float32(scale)))

    lo, hi = qmin, qmax
    if act == ACT_RELU:
        lo = max(lo, quant(0.0))
    elif act == ACT_RELU6:
        lo, hi = max(lo, quant(0.0)), min(hi, quant(6.0))
    elif act == ACT_RELU_N1_TO_1:
        lo, hi = max(lo, quant(-1.0)), min(hi, quant(1.0))
    elif act != ACT_NONE:
        raise UnsupportedActivation(f"fused activation {act} is not supported")
    return lo, hi


def padding(same: bool, size: int, filt: int, stride: int, dilation: int, out: int) -> int:
    """Leading (top/left) padding, as TFLite's ComputePaddingHeightWidth."""
    if not same:
        return 0
    effective = (filt - 1) * dilation + 1
    return max(0, (out - 1) * stride + effective - size) // 2


def multipliers(reals: list[float], single: bool) -> tuple[list[int], list[int]]:
    pairs = [mq.quantize_multiplier(r, single) for r in reals]
    return [m for m, _ in pairs], [s for _, s in pairs]


# --- FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D --------------------------------------------

def fc_reals(s_in: float, w_scales: np.ndarray, s_out: float) -> list[float]:
    """Per-tensor weights: TFLite multiplies input and weight scales in float32 first;
    per-channel: everything in double."""
    if w_scales.size > 1:
        return [mq.per_channel(s_in, float(s), s_out) for s in w_scales]
    return [mq.fc_per_tensor(s_in, float(w_scales[0]), s_out)]


def conv_reals(s_in: float, w_scales: np.ndarray, channels: int, s_out: float) -> list[float]:
    scales = w_scales if w_scales.size > 1 else np.repeat(w_scales, channels)
    return [mq.per_channel(s_in, float(s), s_out) for s in scales]


def folded_bias(bias: np.ndarray | None, rows: np.ndarray, input_offset: int) -> np.ndarray | None:
    """The bias the fast kernels take: bias[c] + input_offset * (sum of output channel c's
    weights; `rows` holds one row per channel), a constant folded at generation time instead of
    summed on every inference. None when a value would leave int32 (then the plain bias is used
    and the kernels fall back to the portable arithmetic)."""
    sums = rows.astype(np.int64).reshape(rows.shape[0], -1).sum(axis=1)
    base = np.zeros(rows.shape[0], np.int64) if bias is None else np.asarray(bias, np.int64).reshape(-1)
    folded = base + input_offset * sums
    if np.abs(folded).max(initial=0) >= 2**31:
        return None
    return folded


def conv2d_scratch_bytes(k_h: int, k_w: int, in_c: int) -> int:
    """Working memory of CONV_2D's fast kernels (the runtime's conv2d_scratch_bytes(): two
    im2col patches of int16, the patch length rounded up to a multiple of 4)."""
    return 4 * ((k_h * k_w * in_c + 3) // 4 * 4)


INT16_MIN, INT16_MAX = -32768, 32767


def fully_connected(zp_in: int, w_zp: int, per_channel: bool, s_out: float, zp_out: int, act: int,
                    int16: bool = False) -> Fields:
    """int16: the int16x8 scheme (int16 activations), whose clamp is in int16."""
    lo, hi = activation_range(act, s_out, zp_out, *((INT16_MIN, INT16_MAX) if int16 else (-128, 127)))
    return {"input_offset": -zp_in, "weights_offset": 0 if per_channel else -w_zp, "output_offset": zp_out,
            "act_min": lo, "act_max": hi, "per_channel": per_channel}


def conv(zp_in: int, s_out: float, zp_out: int, act: int, stride: tuple[int, int], dilation: tuple[int, int],
         pad: tuple[int, int], depth_multiplier: int, int16: bool = False) -> Fields:
    lo, hi = activation_range(act, s_out, zp_out, *((INT16_MIN, INT16_MAX) if int16 else (-128, 127)))
    return {"stride_h": stride[0], "stride_w": stride[1], "dilation_h": dilation[0], "dilation_w": dilation[1],
            "pad_h": pad[0], "pad_w": pad[1], "depth_multiplier": depth_multiplier, "input_offset": -zp_in,
            "output_offset": zp_out, "act_min": lo, "act_max": hi}


# --- pooling --------------------------------------------------------------------------------

def pool(s_out: float, zp_out: int, act: int, stride: tuple[int, int], filt: tuple[int, int],
         pad: tuple[int, int]) -> Fields:
    lo, hi = activation_range(act, s_out, zp_out)
    return {"stride_h": stride[0], "stride_w": stride[1], "filter_h": filt[0], "filter_w": filt[1],
            "pad_h": pad[0], "pad_w": pad[1], "act_min": lo, "act_max": hi}


# --- element-wise ---------------------------------------------------------------------------

def add(s1: float, z1: int, s2: float, z2: int, so: float, zo: int, act: int, int16: bool = False) -> Fields:
    """ADD and SUB: both inputs rescaled to twice the larger scale, shifted left by 20
    (TFLite's 8-bit scheme, identical in TFLite and TFLM; always double rounding). int16: the
    int16x8 scheme's general path, the same with a left shift of 15 and int16 bounds."""
    left_shift = 15 if int16 else 20
    twice_max = 2 * max(f32(s1), f32(s2))
    m1 = mq.quantize_multiplier(f32(s1) / twice_max, False)
    m2 = mq.quantize_multiplier(f32(s2) / twice_max, False)
    mo = mq.quantize_multiplier(twice_max / ((1 << left_shift) * f32(so)), False)
    lo, hi = activation_range(act, so, zo, *((INT16_MIN, INT16_MAX) if int16 else (-128, 127)))
    return {"input1_offset": -z1, "input2_offset": -z2, "output_offset": zo, "left_shift": left_shift,
            "input1.value": m1[0], "input1.shift": m1[1], "input2.value": m2[0], "input2.shift": m2[1],
            "output.value": mo[0], "output.shift": mo[1], "act_min": lo, "act_max": hi}


def mul(s1: float, z1: int, s2: float, z2: int, so: float, zo: int, act: int) -> Fields:
    m = mq.quantize_multiplier(f32(s1) * f32(s2) / f32(so), False)
    lo, hi = activation_range(act, so, zo)
    return {"input1_offset": -z1, "input2_offset": -z2, "output_offset": zo, "output.value": m[0],
            "output.shift": m[1], "act_min": lo, "act_max": hi}


# --- activations ----------------------------------------------------------------------------

def relu(act: int, si: float, zi: int, so: float, zo: int, single: bool) -> Fields:
    """RELU / RELU6 / RELU_N1_TO_1 as stand-alone ops. TFLite 2.x divides the scales in
    float32; TFLite Micro in double, and its RELU6 only clamps in the input's quantization."""
    fields: Fields = {"input_zero_point": zi, "output_zero_point": zo}
    if not single and act == ACT_RELU6:
        lo = max(-128, min(127, zi))
        hi = max(-128, min(127, zi + mq._round_half_away(float(np.float32(6.0) / np.float32(si)))))
        return {**fields, "clamp_only": True, "act_min": lo, "act_max": hi}
    # Both kernels requantize with double rounding (TFLite's builtin RELU too): TFLite's
    # QuantizeMultiplier, whatever the build.
    m = mq.quantize_multiplier(mq.ratio(si, so, float_division=single), False)
    lo, hi = activation_range(act, so, zo)
    return {**fields, "multiplier.value": m[0], "multiplier.shift": m[1], "act_min": lo, "act_max": hi}


# --- SOFTMAX --------------------------------------------------------------------------------

def softmax(beta: float, s_in: float, single: bool) -> Fields:
    """TFLite's PreprocessSoftmaxScaling with 5 integer bits for the scaled difference."""
    real = min(beta * f32(s_in) * float(1 << 26), float((1 << 31) - 1))
    m, shift = mq.quantize_multiplier(real, single)
    diff_min = -int(math.floor(1.0 * 31 * (1 << 26) / (1 << shift)))
    return {"input_multiplier": m, "input_left_shift": shift, "diff_min": diff_min}


def softmax_int16(beta: float, s_in: float) -> Fields:
    """TFLite's int16 softmax: the input scale times beta over 10/65535 (so a difference of
    -65535 is -10), in double, to a Q31 multiplier."""
    m, shift = mq.quantize_multiplier(f32(s_in) * f32(beta) / (10.0 / 65535.0), False)
    return {"input_multiplier": m, "input_left_shift": shift}


def _roundf(x: np.floating) -> np.floating:
    """C's round/roundf: half away from zero, in x's own type (x - trunc(x) is exact)."""
    v = float(x)
    t = math.trunc(v)
    if abs(v - t) >= 0.5:
        t += 1 if v > 0 else -1
    return type(x)(t)


def lut_int16(fn, input_scale: np.floating, input_zero_point: int, output_scale: np.floating,
              output_zero_point: int, real=np.float32) -> np.ndarray:
    """TFLite's LUTPopulateInt16<FloatT>: 512 steps over the int16 input range plus the end
    point, each sample biased by half the interpolation error at the step's midpoint; every
    operation in `real` (np.float32: TFLite Micro's float tables; np.float64: tf.lite's double
    ones), as they compute it."""
    _F32 = real  # noqa: N806  (the float type of every step below)
    lo, hi = -32768, 32767
    input_min = _F32(input_scale * _F32(lo - input_zero_point))
    input_max = _F32(input_scale * _F32(hi - input_zero_point))
    output_min = _F32(output_scale * _F32(lo - output_zero_point))
    output_max = _F32(output_scale * _F32(hi - output_zero_point))
    steps = 512
    step = _F32(_F32(input_max - input_min) / _F32(steps))
    half_step = _F32(step / _F32(2))
    inv = _F32(_F32(65536) / _F32(output_max - output_min))
    table = np.zeros(steps + 1, np.int16)
    with np.errstate(over="ignore"):
        for i in range(steps):
            x = _F32(input_min + _F32(_F32(i) * step))
            val = fn(x)
            val_mid = fn(_F32(x + half_step))
            val_next = fn(_F32(input_min + _F32(_F32(i + 1) * step)))
            sample = _roundf(_F32(val * inv))
            interp = _roundf(_F32(_F32(_F32(val_next * inv) + sample) / _F32(2)))
            mid = _roundf(_F32(val_mid * inv))
            bias = _roundf(_F32(_F32(interp - mid) / _F32(2)))
            table[i] = int(min(max(_F32(sample - bias), _F32(lo)), _F32(hi)))
        table[steps] = int(min(max(_roundf(_F32(fn(input_max) * inv)), _F32(lo)), _F32(hi)))
    return table


@functools.lru_cache(maxsize=2)
def softmax_int16_tables(single: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The two tables TFLite's int16 softmax builds in Prepare (the same for every model):
    exp over [-10, 0] and 1 / (1 + x) over [0, 1], both to Q0.15 over [-1, 1]. TFLite Micro
    builds them in float32 (expf); tf.lite (single=True) in double (exp)."""
    real = np.float64 if single else np.float32
    expf = _libm_expf()
    span = real(65535)  # int16 max - int16 min

    def exp(x):
        if single:
            return real(math.exp(float(x)))
        return real(expf(float(x)) if expf else math.exp(float(x)))

    def one_over_one_plus(x):
        return real(real(1.0) / real(real(1.0) + x))

    out_scale = real(real(2.0) / span)
    exp_table = lut_int16(exp, real(real(10.0) / span), 32767, out_scale, 0, real)
    recip_table = lut_int16(one_over_one_plus, real(real(1.0) / span), -32768, out_scale, 0, real)
    return exp_table, recip_table


# --- QUANTIZE int8 -> int8 ------------------------------------------------------------------

def requantize(si: float, zi: int, so: float, zo: int, single: bool) -> Fields:
    """TFLM rounds twice with a Q31 multiplier. tf.lite runs this op on XNNPACK, which uses
    an 8-bit multiplier round(256 * ratio) and one rounding shift by 8 when the scale ratio
    is in [1/256, 128] (measured bit for bit against tf.lite)."""
    m = mq.quantize_multiplier(f32(si) / f32(so), False)
    fields: Fields = {"input_zero_point": zi, "output_zero_point": zo, "multiplier.value": m[0],
                      "multiplier.shift": m[1]}
    if single:
        ratio = float(np.float32(si) / np.float32(so))
        fields["q8_multiplier"] = int(np.rint(np.float32(256.0) * np.float32(ratio))) if 1 / 256 <= ratio <= 128 else 0
    return fields


# --- tf.lite's default interpreter: XNNPACK's arithmetic (x86-64) ---------------------------
# Used in the TFLite 2.x build (single=True) for the ops simulator/model/tflite_engine.py says
# tf.lite hands to XNNPACK. Every step is float32, as XNNPACK computes it.

_F32 = np.float32


def xnn_quantize(value: float, scale: float, zero_point: int) -> int:
    """XNNPACK's xnn_qs8_quantize: lrintf(clamp(value / scale + zero_point)), half to even."""
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        x = _F32(value) / _F32(scale) + _F32(zero_point)
    x = min(max(x, _F32(-128.0)), _F32(127.0))
    return int(np.rint(x))


def xnn_activation_range(act: int, scale: float, zero_point: int) -> tuple[int, int]:
    """A fused activation's clamp as XNNPACK quantizes it (ConvertActivationToOutputRange, then
    xnn_qs8_quantize of the float bounds): half to even where TFLite rounds half away."""
    lo, hi = {ACT_NONE: (-np.inf, np.inf), ACT_RELU: (0.0, np.inf), ACT_RELU_N1_TO_1: (-1.0, 1.0),
              ACT_RELU6: (0.0, 6.0)}.get(act, (None, None))
    if lo is None:
        raise UnsupportedActivation(f"fused activation {act} is not supported")
    return xnn_quantize(lo, scale, zero_point), xnn_quantize(hi, scale, zero_point)


def xnn_requantization_scales(s_in: float, w_scales: np.ndarray, channels: int, s_out: float) -> np.ndarray:
    """input_scale * kernel_scale / output_scale per output channel, in float32."""
    scales = w_scales if w_scales.size > 1 else np.repeat(w_scales, channels)
    return np.array([_F32(_F32(_F32(s_in) * _F32(s)) / _F32(s_out)) for s in scales], np.float32)


def xnn_add(s1: float, z1: int, s2: float, z2: int, so: float, zo: int, act: int, subtract: bool) -> Fields:
    """XNNPACK's int8 ADD (SUB: the second scale negated): 21-bit multipliers of the scale
    ratios, one shift, the zero points and rounding folded into a bias
    (xnn_init_qs8_add_minmax_scalar_params)."""
    a_ratio = _F32(s1) / _F32(so)
    b_ratio = _F32(-_F32(s2) if subtract else _F32(s2)) / _F32(so)
    max_abs = max(abs(a_ratio), abs(b_ratio))
    exponent = int((int(max_abs.view(np.uint32)) >> 23)) - 127
    shift = 20 - exponent

    def multiplier(ratio: np.float32) -> int:
        bits = np.array([int(abs(ratio).view(np.uint32)) + (shift << 23)], np.uint32)
        return int(np.rint(bits.view(np.float32)[0])) * (-1 if np.signbit(ratio) else 1)

    am, bm = multiplier(a_ratio), multiplier(b_ratio)
    bias = (1 << (shift - 1)) - am * z1 - bm * z2
    lo, hi = xnn_activation_range(act, so, zo)
    return {"output_offset": zo, "xnn_a_multiplier": am, "xnn_b_multiplier": bm, "xnn_bias": bias,
            "xnn_shift": shift, "act_min": lo, "act_max": hi}


def xnn_mul(s1: float, z1: int, s2: float, z2: int, so: float, zo: int, act: int) -> Fields:
    """XNNPACK's int8 MUL: (a - za)(b - zb) times float32(s1 * s2 / so), half to even."""
    lo, hi = xnn_activation_range(act, so, zo)
    return {"input1_offset": -z1, "input2_offset": -z2, "output_offset": zo,
            "xnn_scale": float(_F32(_F32(_F32(s1) * _F32(s2)) / _F32(so))), "act_min": lo, "act_max": hi}


def xnn_inverse_scale(scale: float) -> float:
    """XNNPACK's float -> int8 conversion multiplies by float32(1 / scale)."""
    return float(_F32(1.0) / _F32(scale))


@functools.lru_cache(maxsize=1)
def _libm_expf():
    """The C library's expf, the function TFLite calls (so the table is its table)."""
    import ctypes
    import ctypes.util

    try:
        libm = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
        fn = libm.expf
    except (OSError, AttributeError):
        return None
    fn.restype, fn.argtypes = ctypes.c_float, [ctypes.c_float]
    return fn


def softmax_table(s_in: float, beta: float) -> np.ndarray:
    """tf.lite's int8 softmax lookup table (PopulateSoftmaxLookupTable):
    table[255 - d] = expf(-input_scale * beta * d)."""
    scale = _F32(-_F32(s_in) * _F32(beta))
    expf = _libm_expf()
    table = np.zeros(256, np.float32)
    for d in range(256):
        x = _F32(scale * _F32(d))
        table[255 - d] = expf(float(x)) if expf else _F32(math.exp(float(x)))
    return table


# --- LOGISTIC, TANH -------------------------------------------------------------------------

def sigmoid_tanh(s_in: float, zp_in: int) -> Fields:
    """TFLite Micro's int8 LOGISTIC/TANH: the input rescaled to 4 integer bits (frexp of
    scale * 2^27 in double, the mantissa rounded half away), and the radius beyond which the
    output saturates (CalculateInputRadius)."""
    q, shift = math.frexp(float(np.float32(s_in)) * float(1 << 27))
    m = mq._round_half_away(q * (1 << 31))
    if m == 1 << 31:  # TFLM casts the rounded mantissa to int32: it wraps
        m = -(1 << 31)
    radius = int(math.floor(15.0 * float(1 << 27) / float(2.0 ** shift))) if shift >= 0 else 1 << 30
    return {"input_zero_point": zp_in, "input_range_radius": radius, "input_multiplier": m, "input_left_shift": shift}


def _nearbyint_clamped(y: np.float32) -> int:
    """XNNPACK's round_float_to_int for int8: NaN -> 0, round half to even, saturate."""
    if np.isnan(y):
        return 0
    return int(min(max(np.rint(y), -128.0), 127.0))


def xnn_lookup_table(fn: str, s_in: float, zp_in: int, s_out: float, zp_out: int) -> np.ndarray:
    """tf.lite's XNNPACK int8 LOGISTIC/TANH: a 256-entry table filled by its reference unary
    kernel: dequantize in float32, the float function (sigmoid: exp in double, e / (1 + e);
    tanh: tanhf), then quantize(y * float32(1 / output scale) + zero point) half to even.
    table[uint8(x)] is the output for int8 x."""
    scale, inv = _F32(s_in), _F32(1.0) / _F32(s_out)
    tanhf = _libm_fn("tanhf")
    table = np.zeros(256, np.int8)
    for x in range(-128, 128):
        v = (_F32(x) - _F32(zp_in)) * scale
        if fn == "tanh":
            y = _F32(tanhf(float(v)) if tanhf else math.tanh(float(v)))
        elif v > 100:
            y = _F32(1.0)
        elif v < -100:
            y = _F32(0.0)
        else:
            e = math.exp(float(v))
            y = _F32(e / (1 + e))
        with np.errstate(over="ignore", invalid="ignore"):
            table[x & 0xFF] = _nearbyint_clamped(_F32(y * inv) + _F32(zp_out))
    return table


@functools.lru_cache(maxsize=4)
def _libm_fn(name: str):
    import ctypes
    import ctypes.util

    try:
        fn = getattr(ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6"), name)
    except (OSError, AttributeError):
        return None
    fn.restype, fn.argtypes = ctypes.c_float, [ctypes.c_float]
    return fn


# --- HARD_SWISH -----------------------------------------------------------------------------

def _int16_multiplier(m32: int) -> int:
    """TFLite's DownScaleInt32ToInt16Multiplier."""
    if m32 >= (1 << 31) - 1 - (1 << 15):
        return (1 << 15) - 1
    return (m32 + (1 << 15)) >> 16


def hard_swish(s_in: float, zp_in: int, s_out: float, zp_out: int) -> Fields:
    """TFLite's HardSwishPrepare (TFLite and TFLite Micro alike): float32 scale ratios, Q31
    multipliers rounded to int16."""
    hires = _F32(_F32(1.0 / 128.0) * _F32(s_in))
    out_m, out_e = mq.quantize_multiplier(float(_F32(hires / _F32(s_out))), False)
    rel_m, rel_e = mq.quantize_multiplier(float(_F32(hires / _F32(_F32(3.0) / _F32(32768.0)))), False)
    return {"input_zero_point": zp_in, "output_zero_point": zp_out, "output_multiplier": _int16_multiplier(out_m),
            "output_exponent": out_e, "reluish_multiplier": _int16_multiplier(rel_m), "reluish_exponent": rel_e}


# --- LEAKY_RELU, PRELU ----------------------------------------------------------------------

def leaky_relu(s_in: float, zp_in: int, alpha: float, s_out: float, zp_out: int) -> Fields:
    """TFLite and TFLite Micro: float32 ratios (scale * alpha / output scale) to Q31 multipliers."""
    ident = mq.quantize_multiplier(float(_F32(_F32(s_in) / _F32(s_out))), False)
    alph = mq.quantize_multiplier(float(_F32(_F32(_F32(s_in) * _F32(alpha)) / _F32(s_out))), False)
    return {"input_zero_point": zp_in, "output_zero_point": zp_out, "identity.value": ident[0],
            "identity.shift": ident[1], "alpha.value": alph[0], "alpha.shift": alph[1]}


def xnn_leaky_relu_multipliers(s_in: float, alpha: float, s_out: float) -> tuple[int, int] | None:
    """XNNPACK's int8 LEAKY_RELU (xnn_init_qs8_lrelu_scalar_params): lrintf(256 * ratio) for
    each sign; None where its preconditions fail (then tf.lite keeps the op on its builtin
    kernel)."""
    positive = _F32(_F32(s_in) / _F32(s_out))
    negative = _F32(positive * _F32(alpha))
    if not (2.0 ** -8 <= positive <= 2.0 ** 7 and float.fromhex("-0x1.FFFC00p+6") <= negative <= 2.0 ** 7 and abs(negative) >= 2.0 ** -8):
        return None
    return int(np.rint(_F32(256.0) * positive)), int(np.rint(_F32(256.0) * negative))


def prelu(s_in: float, zp_in: int, s_alpha: float, zp_alpha: int, s_out: float, zp_out: int, single: bool) -> Fields:
    """tf.lite's PreluPrepare takes the ratios in float32; TFLite Micro's in double."""
    if single:
        r1 = float(_F32(_F32(s_in) / _F32(s_out)))
        r2 = float(_F32(_F32(_F32(s_in) * _F32(s_alpha)) / _F32(s_out)))
    else:
        r1 = f32(s_in) / f32(s_out)
        r2 = f32(s_in) * f32(s_alpha) / f32(s_out)
    m1, m2 = mq.quantize_multiplier(r1, False), mq.quantize_multiplier(r2, False)
    return {"input_offset": -zp_in, "alpha_offset": -zp_alpha, "output_offset": zp_out, "positive.value": m1[0],
            "positive.shift": m1[1], "negative.value": m2[0], "negative.shift": m2[1]}


# --- MEAN -----------------------------------------------------------------------------------

def mean(s_in: float, zp_in: int, s_out: float, zp_out: int, count: int) -> Fields:
    """TFLite Micro's QuantizedMeanOrSum: QuantizeMultiplier(input scale / output scale), then
    1 / count folded in: shift = min(floor(log2(count)), 32, 31 + exponent), multiplier
    (m << shift) / count (truncated), exponent - shift."""
    m, e = mq.quantize_multiplier(f32(s_in) / f32(s_out), False)
    shift = min(count.bit_length() - 1, 32, 31 + e)
    return {"input_zero_point": zp_in, "output_zero_point": zp_out, "multiplier.value": (m << shift) // count,
            "multiplier.shift": e - shift, "count": count}


# --- BATCH_MATMUL ---------------------------------------------------------------------------

def batch_matmul(s_l: float, zp_l: int, s_r: float, zp_r: int, s_out: float, zp_out: int) -> Fields:
    """GetQuantizedConvolutionMultipler: float32 product of the input scales, double division."""
    m = mq.quantize_multiplier(mq.fc_per_tensor(s_l, s_r, s_out), False)
    return {"lhs_offset": -zp_l, "rhs_offset": -zp_r, "output_offset": zp_out, "output.value": m[0],
            "output.shift": m[1]}


def xnn_mean(s_in: float, zp_in: int, s_out: float, zp_out: int, count: int) -> Fields:
    """XNNPACK's int8 MEAN (reduce-nd.c): the raw int32 sum converted to int8 with the scale
    float32(input scale / output scale) * float32(1 / count) and the zero point
    float32(output zero point) - float32(count * input zero point) * scale, all float32."""
    scale = _F32(_F32(_F32(s_in) / _F32(s_out)) * _F32(_F32(1.0) / _F32(count)))
    zero = _F32(_F32(zp_out) - _F32(_F32(_F32(count) * _F32(zp_in)) * scale))
    return {"xnn_scale": float(scale), "xnn_zero_point": float(zero)}
