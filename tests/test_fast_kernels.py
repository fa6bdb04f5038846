"""The fast kernels of all three targets against the portable reference kernels.

tests/cpp/fast_kernels_app.cpp runs pseudo-random FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D,
ADD and pooling cases (odd channel counts, one input channel, padding, strides, dilation,
batches, dead channels, extreme zero points and biases) and the fast requantization on edge
values, once through the reference kernel and once through the target's fast kernel. It is
built for the host (x86 as the product builds it, SSE2, and with -march=native, AVX2 or AVX-512
VNNI: both under AddressSanitizer and UBSan), the Cortex-M4 (SMLAD kernels, on QEMU) and wasm
(SIMD128 kernels, under node), in both rounding modes: zero mismatches on each,
and the same checksum of every output on the three targets.
"""

from __future__ import annotations

import re

import pytest

import target_build
from simulator import REPO_ROOT

APP = REPO_ROOT / "tests" / "cpp" / "fast_kernels_app.cpp"
LINE = re.compile(r"fast kernels (\S+) single_rounding (\d): (\d+) cases, (\d+) values, (\d+) mismatches, checksum (\w+)")
KERNELS = {"host": ("x86-sse2", "portable"), target_build.HOST_NATIVE: ("x86-", "portable"),
           "cortex-m4": ("arm-dsp",), "wasm": ("wasm-simd128",)}


@pytest.mark.parametrize("single_rounding", [False, True], ids=["double-rounding", "single-rounding"])
def test_fast_kernels_match_the_reference_on_every_target(tmp_path_factory, single_rounding):
    out = tmp_path_factory.getbasetemp() / "fast_kernels"
    results = {}
    for target in (*target_build.TARGETS, target_build.HOST_NATIVE):
        if not target_build.available(target):
            pytest.fail(f"the {target} toolchain is not installed (./setup.sh installs it)")
        exe = target_build.build([APP], target, out, single_rounding)
        r = target_build.run(exe, target)
        print(target, r.stdout[-1500:])
        m = LINE.search(r.stdout)
        assert m, (target, r.returncode, r.stdout[-2000:], r.stderr[-2000:])
        name, mode, cases, values, mismatches, checksum = m.groups()
        assert r.returncode == 0 and mismatches == "0", (target, r.stdout[-3000:])
        assert name.startswith(KERNELS[target]) and int(mode) == int(single_rounding), name
        assert int(cases) > 200 and int(values) > 100_000
        results[target] = (cases, values, checksum)
    assert len(set(results.values())) == 1, results
