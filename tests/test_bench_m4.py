"""bench/bench_m4.py runs end to end: the generated MLP (and, with the shared folder, KWS) on
Cortex-M4 under QEMU, layer by layer next to ARM's CMSIS-NN kernels called with the same
parameters; every layer's output must be identical to CMSIS-NN's. Without ../shared (or
$SIM_SHARED_DIR) only this runtime's own figures are produced, and that is checked too."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from simulator import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "bench"))

pytestmark = pytest.mark.slow
BENCH = REPO_ROOT / "bench" / "bench_m4.py"


def _run(tmp_path, models: str, env_extra: dict[str, str]) -> list[dict]:
    out = tmp_path / "m4.json"
    env = {**os.environ, **env_extra}
    r = subprocess.run([sys.executable, str(BENCH), "--models", models, "--repeat", "1", "--json", str(out)],
                       capture_output=True, text=True, env=env, timeout=900)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    print(r.stdout[-4000:])
    return json.loads(out.read_text())


def test_without_the_shared_folder_it_reports_this_runtime_only(tmp_path):
    results = _run(tmp_path, "mlp,kws", {"SIM_SHARED_DIR": ""})
    assert [r["model"] for r in results] == ["mlp"]
    (mlp,) = results
    assert all(c is None for c in mlp["cmsis"])
    assert mlp["total"] > sum(mlp["macs"]) / 2  # cannot beat the SMLAD bound: the count is real
    assert mlp["sizes"]["ours"]["flash"] > 100_000  # the weights are in the program


def test_every_layer_is_identical_to_cmsis_nn(tmp_path):
    from bench_m4 import shared_dir

    shared = shared_dir()
    if shared is None or not (shared / "third_party" / "CMSIS-NN").is_dir():
        pytest.skip("CMSIS-NN (../shared/third_party/CMSIS-NN) is not present")
    results = _run(tmp_path, "mlp,kws", {})
    assert [r["model"] for r in results] == ["mlp", "kws"]
    for r in results:
        compared = [i for i, c in enumerate(r["cmsis"]) if c is not None]
        assert len(compared) >= len(r["ops"]) - 1, r["ops"]  # every layer but RESHAPE has a CMSIS-NN kernel
        assert all(r["diff"][i] == 0 for i in compared), (r["model"], r["diff"])
