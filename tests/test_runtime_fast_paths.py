"""The Cortex-M4 DSP (SMLAD) and WebAssembly SIMD128 dot products are bit-exact with the
portable kernel: the same pseudo-random FULLY_CONNECTED cases give the same checksum on host
(portable), cortex-m4 under QEMU (UTENSOR_ARM_DSP) and wasm under node (UTENSOR_WASM_SIMD)."""

import re

from simulator import REPO_ROOT
from simulator.build import build
from simulator.build.runner import run

APP = REPO_ROOT / "tests" / "cpp" / "fast_paths_app.cpp"


def test_fast_paths_match_the_portable_kernel():
    lines = {}
    for target in ("host", "cortex-m4", "wasm"):
        result = build([APP], target)
        assert result.ok, result.log
        out = run(result.outputs, target, until_ms=3000)
        m = re.search(r"kernel (\S+): (\d+) values, checksum ([0-9a-f]+), dots ([0-9a-f]+)", out.serial)
        assert m, (target, out.serial)
        lines[target] = m.groups()
    assert lines["host"][0] == "portable"
    assert lines["cortex-m4"][0] == "arm-dsp"
    assert lines["wasm"][0] == "wasm-simd128"
    assert int(lines["host"][1]) > 2000
    assert len({(n, checksum, dots) for _, n, checksum, dots in lines.values()}) == 1, lines
