"""The wasm build keeps inference out of ASYNCIFY's instrumentation.

ASYNCIFY rewrites every function that may (through calls, including indirect ones) reach an
import that sleeps, which slows it down. The runtime never sleeps, and the wasm target's link
flags say so (`-sASYNCIFY_REMOVE=["utensor::*"]`). This links the mnist app exactly as the
builder does plus `-sASYNCIFY_ADVISE`, which lists the functions ASYNCIFY instruments: none of
the runtime's may be among them (nor the clock its step hook reads), while main (which
sleeps) must be.
"""

from __future__ import annotations

import os
import subprocess

from simulator import FIRMWARE_DIR
from simulator.build import boards, library, model_libraries, toolchain


def test_runtime_functions_are_not_instrumented(tmp_path):
    t = toolchain.get("wasm")
    t.check()
    assert any(f.startswith("-sASYNCIFY_REMOVE=") and "utensor::*" in f for f in t.link_flags())
    board = boards.get(None)
    src = FIRMWARE_DIR / "apps" / "mnist" / "main.cpp"
    env = {**os.environ, **t.env()}
    obj = tmp_path / "app.o"
    subprocess.run([t.cxx, *t.app_flags(board), "-c", str(src), "-o", str(obj)], check=True, env=env,
                   capture_output=True)
    libs = [*map(str, model_libraries(t, [src.read_text()], board)), str(library("wasm"))]
    r = subprocess.run([t.cxx, str(obj), *libs, *t.link_flags(), "-sASYNCIFY_ADVISE=1", "-o", str(tmp_path / "app.js")],
                       env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    advice = [line for line in (r.stdout + r.stderr).splitlines() if line.startswith("[asyncify]")]
    instrumented = [line for line in advice if "can change the state" in line]
    assert any(line.startswith("[asyncify] main ") for line in instrumented), advice[:20]
    runtime = [line for line in instrumented if "utensor::" in line]
    assert not runtime, runtime
    # The demo times its layers with a step hook (utensor::LayerTimer) that reads
    # mbed::HighResClock inside the runtime: that read must not be able to yield either.
    assert "LayerTimer" in src.read_text()
    clock = [line for line in instrumented if "HighResClock" in line]
    assert not clock, clock
