"""TFLite's quantized multipliers, computed in Python exactly as the runtime's C++ does
(tested against the runtime's own quantize_multiplier through its C ABI)."""

from __future__ import annotations

import math

import numpy as np


def _round_half_away(x: float) -> int:
    return int(math.floor(abs(x) + 0.5)) * (1 if x >= 0 else -1)


def quantize_multiplier(real: float, single_rounding: bool) -> tuple[int, int]:
    """(Q31 multiplier, shift) with real = m * 2^shift / 2^31, as TFLite's QuantizeMultiplier."""
    if real == 0.0:
        return 0, 0
    q, shift = math.frexp(real)
    q_fixed = _round_half_away(q * (1 << 31))
    if q_fixed == 1 << 31:
        q_fixed //= 2
        shift += 1
    if shift < -31:
        return 0, 0
    if single_rounding and shift > 30:
        return (1 << 31) - 1, 30
    return q_fixed, shift


def fc_per_tensor(s_in: float, s_w: float, s_out: float) -> float:
    """FULLY_CONNECTED with one weight scale: the product is taken in float32, as TFLite does."""
    return float(np.float32(s_in) * np.float32(s_w)) / float(np.float32(s_out))


def per_channel(s_in: float, s_w: float, s_out: float) -> float:
    return float(np.float32(s_in)) * float(np.float32(s_w)) / float(np.float32(s_out))


def ratio(a: float, b: float, float_division: bool) -> float:
    """a / b in double, or in float32 first (TFLite 2.x's RELU)."""
    if float_division:
        return float(np.float32(a) / np.float32(b))
    return float(np.float32(a)) / float(np.float32(b))
