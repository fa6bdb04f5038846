"""Build generated model C++ for WebAssembly (em++, the product's wasm runtime flags: -O3, SIMD128)
with the same driver as simulator/model/native.py, and run it under node over many inputs.

The driver reads its inputs from a real file (NODERAWFS) and times the inferences with
std::chrono (performance.now() in node), so wasm and native timings come from the same code.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from simulator import FIRMWARE_DIR
from simulator.build import toolchain
from simulator.model import native
from simulator.model.codegen import Generated


def build(gen: Generated, single_rounding: bool = False) -> Path:
    t = toolchain.get("wasm")
    driver = native.DRIVER.replace("@NAME@", gen.name)
    flags = [*t.runtime_flags, f"-DUTENSOR_SINGLE_ROUNDING={int(single_rounding)}", f"-I{FIRMWARE_DIR}"]
    key = hashlib.sha256()
    for part in (gen.header, gen.source, driver, " ".join(flags)):
        key.update(part.encode())
    for src in native.RUNTIME_SOURCES + sorted((FIRMWARE_DIR / "utensor").rglob("*.hpp")):
        key.update(src.read_bytes())
    out = native.cache_dir() / f"{gen.name}-wasm-{key.hexdigest()[:16]}"
    js = out / "driver.js"
    if js.exists():
        return js
    tmp = Path(tempfile.mkdtemp(prefix=f"{gen.name}-wasm-", dir=native.cache_dir()))
    (tmp / f"{gen.name}.hpp").write_text(gen.header)
    (tmp / f"{gen.name}.cpp").write_text(gen.source)
    (tmp / "driver.cpp").write_text(driver)
    env = {**os.environ, **t.env()}
    cmd = [t.cxx, *flags, f"-I{tmp}", str(tmp / "driver.cpp"), str(tmp / f"{gen.name}.cpp"),
           *map(str, native.RUNTIME_SOURCES), "-O3", "-sNODERAWFS=1", "-sENVIRONMENT=node", "-sEXIT_RUNTIME=1",
           "-sALLOW_MEMORY_GROWTH=1", "-o", str(tmp / "driver.js")]
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        raise RuntimeError(f"em++ failed:\n{r.stderr[-3000:]}")
    try:
        tmp.rename(out)
    except OSError:
        pass
    return js


def run(js: Path, gen: Generated, inputs: np.ndarray, repeat: int = 1) -> tuple[np.ndarray, dict]:
    size = int(np.prod(gen.report["input"]["shape"]))
    x = np.ascontiguousarray(inputs, dtype=np.int8).reshape(-1, size)
    with tempfile.TemporaryDirectory() as d:
        fin, fout = Path(d) / "in.bin", Path(d) / "out.bin"
        fin.write_bytes(x.tobytes())
        r = subprocess.run(["node", "--no-experimental-fetch", str(js), str(fin), str(fout), str(repeat)], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"node {js} failed: {r.stderr[-2000:]}")
        out = np.frombuffer(fout.read_bytes(), dtype=np.int8)
    return out.reshape(len(x), -1), json.loads(r.stdout.strip().splitlines()[-1])
