"""Build a stand-alone C++ program with the runtime for one of the three targets, in either
rounding mode, and run it: host (g++, optionally with sanitizers), cortex-m4 (arm-none-eabi-g++
with the product's runtime flags, run on QEMU mps2-an386) or wasm (em++ with the product's
runtime flags, SIMD128, run under node). The program prints to stdout; on Cortex-M4 it must
define `SysTick_Handler` (the startup's vector table names it) and gets semihosting stdio.

Unlike `simulator.build`, which builds Mbed apps in the default rounding mode, this compiles the
runtime itself with -DUTENSOR_SINGLE_ROUNDING=0/1, for kernel tests.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from simulator import FIRMWARE_DIR
from simulator.build import toolchain

RUNTIME = sorted((FIRMWARE_DIR / "utensor" / "src").glob("*.cpp"))
HEADERS = sorted((FIRMWARE_DIR / "utensor").rglob("*.hpp"))
TARGETS = ("host", "cortex-m4", "wasm")
# The host build as the product compiles it (baseline x86-64: SSE2 kernels) and with this machine's
# full instruction set (-march=native: AVX2 / AVX-512 VNNI kernels where available).
HOST_NATIVE = "host-native"


def _run(cmd: list[str], env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} ... failed:\n{r.stdout[-3000:]}{r.stderr[-3000:]}")
    return r


def _key(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else p.encode())
        h.update(b"\0")
    return h.hexdigest()[:16]


def build(sources: list[Path], target: str, out_dir: Path, single_rounding: bool = False,
          sanitize: bool = True, include: list[Path] = ()) -> Path:
    """Compile `sources` (app files; the runtime is added) for `target`; returns the program."""
    rounding = f"-DUTENSOR_SINGLE_ROUNDING={int(single_rounding)}"
    inc = [f"-I{FIRMWARE_DIR}", *[f"-I{p}" for p in include]]
    key = _key(target, rounding, str(sanitize), *[p.read_bytes() for p in [*sources, *RUNTIME, *HEADERS]])
    native_arch = target == HOST_NATIVE
    if native_arch:
        target = "host"
    out = out_dir / f"{target}-{key}"
    out.mkdir(parents=True, exist_ok=True)
    if target == "host":
        exe = out / "app"
        if not exe.exists():
            flags = ["-std=c++17", "-O2", "-g", "-Wall", "-Wextra", "-Werror", rounding, *inc]
            if native_arch:
                flags.append("-march=native")
            if sanitize:
                flags += ["-fsanitize=address,undefined", "-fno-sanitize-recover=all"]
            _run(["g++", *flags, *map(str, sources), *map(str, RUNTIME), "-o", str(exe)])
        return exe
    t = toolchain.get(target)
    objs: list[tuple[list[str], Path]] = []
    for src in RUNTIME:
        objs.append(([t.cxx, *inc, *t.runtime_flags, rounding, "-c", str(src)], out / f"rt_{src.stem}.o"))
    # The app and any generated model code get the runtime's flags (as model libraries do).
    for i, src in enumerate(sources):
        objs.append(([t.cxx, *inc, *t.runtime_flags, rounding, "-c", str(src)], out / f"app{i}_{src.stem}.o"))
    if target == "cortex-m4":
        objs.append(([t.cxx, *inc, *t.bare_app_flags, "-c", str(t.BARE_STARTUP)], out / "startup.o"))
    env = {**os.environ, **t.env()}
    todo = [(cmd, o) for cmd, o in objs if not o.exists()]
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda j: _run([*j[0], "-o", str(j[1])], env=env), todo))
    if target == "cortex-m4":
        exe = out / "app.elf"
        _run([t.cxx, *[str(o) for _, o in objs], *t.bare_link_flags(), "-o", str(exe)], env=env)
    else:
        exe = out / "app.js"
        _run([t.cxx, *[str(o) for _, o in objs], "-O2", "-sENVIRONMENT=node", "-sEXIT_RUNTIME=1",
              "-sALLOW_MEMORY_GROWTH=1", "-msimd128", "-o", str(exe)], env=env)
    return exe


def run(exe: Path, target: str, args: list[str] = (), timeout: float = 600) -> subprocess.CompletedProcess:
    """Run a program built by build(); returns the finished process (stdout, returncode)."""
    if target in ("host", HOST_NATIVE):
        cmd = [str(exe), *args]
    elif target == "cortex-m4":
        config = "enable=on,target=native" + "".join(f",arg={a}" for a in ["app", *args])
        cmd = ["qemu-system-arm", "-M", "mps2-an386", "-nographic", "-monitor", "none", "-semihosting-config", config,
               "-icount", "shift=0,sleep=off", "-kernel", str(exe)]
    else:
        cmd = ["node", "--no-experimental-fetch", str(exe), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=exe.parent)


def available(target: str) -> bool:
    tool = {"host": "g++", HOST_NATIVE: "g++", "cortex-m4": "arm-none-eabi-g++", "wasm": "em++"}[target]
    return shutil.which(tool) is not None and (target != "cortex-m4" or shutil.which("qemu-system-arm") is not None)
