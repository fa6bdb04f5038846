"""Compilers and flags for the three targets: wasm (Emscripten), host (g++), cortex-m4 (arm-none-eabi)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from simulator import EMSDK_BUILD_DIR, FIRMWARE_DIR
from simulator.errors import UserError

TARGETS = ("wasm", "host", "cortex-m4")
M4_DIR = FIRMWARE_DIR / "targets" / "cortex_m4"
INCLUDES = [f"-I{FIRMWARE_DIR / 'mbed'}", f"-I{FIRMWARE_DIR}"]


@dataclass(frozen=True)
class Target:
    name: str
    cxx: str
    ar: str
    app_flags: tuple[str, ...]
    runtime_flags: tuple[str, ...]  # the inference kernels: optimised for speed
    link_flags: tuple[str, ...]
    hal: str
    extra_lib_sources: tuple[Path, ...] = field(default=())
    outputs: tuple[str, ...] = ()

    def env(self) -> dict[str, str]:
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", "TMPDIR": "/tmp", "LANG": "C.UTF-8"}
        if self.name == "wasm":
            env["NODE_PATH"] = "/usr/share/nodejs"  # Debian's emcc needs Debian's acorn
        return env

    def check(self) -> None:
        if shutil.which(self.cxx) is None:
            raise UserError(f"the {self.name} compiler '{self.cxx}' is not installed: run ./setup.sh")

    def lib_sources(self) -> list[Path]:
        runtime = sorted((FIRMWARE_DIR / "utensor" / "src").glob("*.cpp"))
        mbed = sorted((FIRMWARE_DIR / "mbed" / "src").glob("*.cpp"))
        return runtime + mbed + [FIRMWARE_DIR / "mbed" / "hal" / self.hal, *self.extra_lib_sources]

    def flags_for(self, source: Path) -> list[str]:
        is_runtime = (FIRMWARE_DIR / "utensor") in source.parents or (FIRMWARE_DIR / "models") in source.parents
        return [*INCLUDES, *(self.runtime_flags if is_runtime else self.app_flags)]


COMMON = ("-std=c++17", "-Wall", "-Wextra", "-fdiagnostics-color=never")

_TARGETS = {
    "host": Target(
        name="host",
        cxx="g++",
        ar="ar",
        app_flags=(*COMMON, "-O2", "-g"),
        runtime_flags=(*COMMON, "-O3", "-g"),
        link_flags=("-Wl,--wrap=fopen",),
        hal="host.cpp",
        outputs=("app",),
    ),
    "wasm": Target(
        name="wasm",
        cxx="em++",
        ar="emar",
        app_flags=(*COMMON, "-O2"),
        runtime_flags=(*COMMON, "-O3", "-msimd128", "-DUTENSOR_WASM_SIMD=1"),
        link_flags=(
            "-O2",
            "-sMODULARIZE=1",
            "-sEXPORT_NAME=createMbedModule",
            "-sENVIRONMENT=web,node",
            "-sASYNCIFY=1",
            # The int8 runtime never sleeps: keep inference out of ASYNCIFY's instrumentation
            # (perf stream, issue 11; see docs/runtime.md).
            '-sASYNCIFY_REMOVE=["utensor::*"]',
            "-sFORCE_FILESYSTEM=1",
            "-sALLOW_MEMORY_GROWTH=1",
            "-sEXIT_RUNTIME=0",
            "-sEXPORTED_FUNCTIONS=_main,_sim_pin_event,_sim_analog_event",
            "-sEXPORTED_RUNTIME_METHODS=FS,ccall,cwrap,callMain",
            "-sINVOKE_RUN=0",
            f"--js-library={EMSDK_BUILD_DIR / 'mbed_bridge.js'}",
            f"--pre-js={EMSDK_BUILD_DIR / 'pre.js'}",
        ),
        hal="wasm.cpp",
        outputs=("app.js", "app.wasm"),
    ),
    "cortex-m4": Target(
        name="cortex-m4",
        cxx="arm-none-eabi-g++",
        ar="arm-none-eabi-ar",
        app_flags=(*COMMON, "-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16", "-O2",
                   "-ffunction-sections", "-fdata-sections", "-fno-exceptions", "-fno-rtti",
                   "-fno-threadsafe-statics"),
        runtime_flags=(*COMMON, "-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16", "-O2",
                       "-ffunction-sections", "-fdata-sections", "-fno-exceptions", "-fno-rtti",
                       "-fno-threadsafe-statics", "-ffp-contract=off", "-DUTENSOR_ARM_DSP=1"),
        link_flags=("-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16", "--specs=nano.specs",
                    "--specs=rdimon.specs", "-nostartfiles", "-Wl,--gc-sections", f"-T{M4_DIR / 'mps2_an386.ld'}",
                    "-Wl,--wrap=fopen"),
        hal="cortex_m4.cpp",
        extra_lib_sources=(M4_DIR / "startup.cpp",),
        outputs=("app.elf",),
    ),
}


def get(name: str) -> Target:
    if name not in _TARGETS:
        raise UserError(f"unknown target {name!r} (choose from {', '.join(TARGETS)})")
    return _TARGETS[name]


def cache_root() -> Path:
    root = Path(os.environ.get("SIM_CACHE_DIR") or EMSDK_BUILD_DIR / "cache")
    root.mkdir(parents=True, exist_ok=True)
    return root
