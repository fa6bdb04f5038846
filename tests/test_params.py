"""Parameter calculations exist once: the code generator's numbers (simulator/model/params.py,
emitted as constexpr data) equal what the runtime's C++ `prepare_*` helpers compute for
hand-written apps, in both rounding modes, over thousands of random scales and zero points.

(In tflite mode the generator also emits XNNPACK's numbers for the ops tf.lite hands to
XNNPACK; those exist only in Python, and the conformance suite checks them against tf.lite.)
"""

from __future__ import annotations

import numpy as np
import pytest

from simulator.model import multipliers as mq
from simulator.model import params

MODES = [("tflite", True), ("tflm", False)]
CASES = 1500


def _scale(rng: np.random.Generator) -> float:
    return float(np.float32(10.0 ** rng.uniform(-5, 1)))


def _zp(rng: np.random.Generator) -> int:
    return int(rng.integers(-128, 128))


@pytest.mark.parametrize("mode,single", MODES)
def test_quantize_multiplier(runtimes, mode, single):
    rng = np.random.default_rng(0)
    reals = np.concatenate([10.0 ** rng.uniform(-12, 10, 3000), [0.0, 1.0, 0.5, 2.0**-31, 2.0**31, 0.9999999999]])
    for r in reals:
        assert mq.quantize_multiplier(float(r), single) == runtimes[mode].quantize_multiplier(float(r)), r


@pytest.mark.parametrize("mode,single", MODES)
def test_activation_ranges_and_padding(runtimes, mode, single):
    rt, rng = runtimes[mode], np.random.default_rng(1)
    for _ in range(CASES):
        act, scale, zp = int(rng.integers(0, 4)), _scale(rng), _zp(rng)
        assert params.activation_range(act, scale, zp) == rt.activation_range(act, scale, zp)
        size, filt, stride, dil = (int(v) for v in rng.integers(1, 9, 4))
        same = bool(rng.integers(2))
        out = -(-size // stride) if same else max(1, -(-(size - (filt - 1) * dil) // stride))
        assert params.padding(same, size, filt, stride, dil, out) == rt.conv_padding(same, size, filt, stride, dil, out)
    # The ties TFLite rounds away from zero: 1 / (6/255) = 42.5.
    assert params.activation_range(2, 6 / 255, -128) == rt.activation_range(2, 6 / 255, -128)


@pytest.mark.parametrize("mode,single", MODES)
def test_fully_connected_and_conv(runtimes, mode, single):
    rt, rng = runtimes[mode], np.random.default_rng(2)
    for k in range(CASES // 3):
        channels = int(rng.integers(1, 40))
        w_scales = np.array([_scale(rng) for _ in range(channels if k % 2 else 1)], np.float32)
        s_in, zp_in, s_out, zp_out, act = _scale(rng), _zp(rng), _scale(rng), _zp(rng), int(rng.integers(0, 4))
        w_zp = 0 if k % 2 else int(rng.integers(-3, 4))
        fields, mult, shift = rt.fully_connected(s_in, zp_in, w_scales, w_zp, s_out, zp_out, act)
        assert fields == params.fully_connected(zp_in, w_zp, w_scales.size > 1, s_out, zp_out, act)
        assert (mult, shift) == params.multipliers(params.fc_reals(s_in, w_scales, s_out), single)
        fields, mult, shift = rt.conv(s_in, zp_in, w_scales, channels, s_out, zp_out, act)
        want = params.conv(zp_in, s_out, zp_out, act, (1, 1), (1, 1), (0, 0), 1)
        assert fields == {k: want[k] for k in fields}
        assert (mult, shift) == params.multipliers(params.conv_reals(s_in, w_scales, channels, s_out), single)


@pytest.mark.parametrize("mode,single", MODES)
def test_elementwise_activation_softmax_requantize(runtimes, mode, single):
    rt, rng = runtimes[mode], np.random.default_rng(3)
    for _ in range(CASES):
        s1, z1, s2, z2, so, zo = _scale(rng), _zp(rng), _scale(rng), _zp(rng), _scale(rng), _zp(rng)
        act = int(rng.integers(0, 4))
        assert rt.add(s1, z1, s2, z2, so, zo, act) == params.add(s1, z1, s2, z2, so, zo, act)
        assert rt.mul(s1, z1, s2, z2, so, zo, act) == params.mul(s1, z1, s2, z2, so, zo, act)
        relu = int(rng.choice([1, 2, 3]))
        assert rt.relu(relu, s1, z1, so, zo) == params.relu(relu, s1, z1, so, zo, single)
        beta = float(np.float32(rng.choice([1.0, rng.uniform(0.1, 4.0)])))
        assert rt.softmax(beta, s1) == params.softmax(beta, s1, single)
        if 1 / 300 < s1 / so < 300:
            assert rt.requantize(s1, z1, so, zo) == params.requantize(s1, z1, so, zo, single)
