"""The build targets: one object per target knows its compiler and flags, its outputs and
sizes, and how to run a build headless.

- ``host``: native clang++ -m32 (the compiler of wasm, 32-bit like the boards), virtual clock,
  ucontext threads.
- ``wasm``: Emscripten + Asyncify, fibers; under node for headless runs, in the page otherwise.
- ``cortex-m4``: arm-none-eabi-g++ for the MPS2-AN386 (Cortex-M4F) under QEMU with -icount.

Every target runs the same simulator core (firmware/mbed/sim, src) and writes the same run
report records (firmware/mbed/src/sim_report.cpp); simulator.build.runner turns them into the
report. Every target compiles the app with the same language flags (C++17, -Wall -Wextra,
unsigned ``char`` as on ARM, loops without side effects kept), so one source compiles the same.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from simulator import EMSDK_BUILD_DIR, FIRMWARE_DIR
from simulator.build import boards
from simulator.errors import UserError

TARGETS = ("wasm", "host", "cortex-m4")
M4_DIR = FIRMWARE_DIR / "targets" / "cortex_m4"
SHIELD_DIR = FIRMWARE_DIR / "shield"
MBED_DIR = FIRMWARE_DIR / "mbed"
COVERAGE_IGNORE = MBED_DIR / "sim" / "coverage_ignore.txt"

# The language every target compiles: the same standard and warnings, `char` unsigned (as on
# ARM, so a program that narrows chars compiles the same everywhere), side-effect-free loops kept
# (`while (1);` is a real loop, not undefined behaviour the compiler deletes).
LANGUAGE = ("-std=c++17", "-Wall", "-Wextra", "-funsigned-char", "-fno-finite-loops", "-fdiagnostics-color=never",
            "-DUTENSOR_SIM=1")  # apps tell the simulator from a board (mnist: where its digit comes from)
# Host and wasm: the app's own code is instrumented so every basic block costs simulated time
# and can take an interrupt (firmware/mbed/src/sim_kernel.cpp, __sanitizer_cov_trace_pc).
CHARGED = ("-fsanitize-coverage=edge,trace-pc,no-prune", f"-fsanitize-coverage-ignorelist={COVERAGE_IGNORE}")
# As in Mbed OS, every API folder is on the include path too, so programs can write
# #include "mbed_error.h" as well as "platform/mbed_error.h".
MBED_API_DIRS = ("platform", "drivers", "events", "rtos", "mbed-trace")
# The board's clock and calendar are the simulated RTC (src/mbed_power_mgmt.cpp), not the host's;
# rand() is newlib's generator on every target (src/mbed_rand.cpp).
C_LIBRARY_WRAPS = ("-Wl,--wrap=time", "-Wl,--wrap=localtime", "-Wl,--wrap=localtime_r", "-Wl,--wrap=ctime",
                   "-Wl,--wrap=ctime_r", "-Wl,--wrap=asctime", "-Wl,--wrap=asctime_r", "-Wl,--wrap=mktime",
                   "-Wl,--wrap=rand", "-Wl,--wrap=srand")


@dataclass
class Execution:
    """What running a build produced: the report records, and how the process ended."""

    records: str
    stderr: str
    returncode: int
    timed_out: bool = False


class Target:
    name: str = ""
    cxx: str = ""
    ar: str = ""
    outputs: dict[str, str] = {}  # kind -> file name; the first is the link output
    hal: tuple[str, ...] = ()  # firmware/mbed/hal/*.cpp of this target
    app_opt: tuple[str, ...] = ("-O2",)
    runtime_opt: tuple[str, ...] = ("-O3",)
    extra_app: tuple[str, ...] = ()
    extra_runtime: tuple[str, ...] = ()
    timeout_s: float = 60.0

    # ---- compiling -------------------------------------------------------------------------------
    def env(self) -> dict[str, str]:
        return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", "TMPDIR": "/tmp", "LANG": "C.UTF-8"}

    def check(self) -> None:
        if shutil.which(self.cxx) is None:
            raise UserError(f"the {self.name} compiler '{self.cxx}' is not installed: run ./setup.sh")

    def includes(self, board: boards.Board) -> list[str]:
        return [f"-I{boards.BOARDS_DIR / board.name}", f"-I{MBED_DIR}", f"-I{SHIELD_DIR}", f"-I{FIRMWARE_DIR}",
                *(f"-I{MBED_DIR / d}" for d in MBED_API_DIRS)]

    def board_flags(self, board: boards.Board) -> list[str]:
        return [*self.includes(board), *(f"-D{m}" for m in board.macros)]

    def lib_sources(self) -> list[Path]:
        runtime = sorted((FIRMWARE_DIR / "utensor" / "src").glob("*.cpp"))
        mbed = sorted((MBED_DIR / "src").glob("*.cpp"))
        devices = sorted((MBED_DIR / "sim" / "devices").glob("*.cpp"))
        shield = sorted(SHIELD_DIR.glob("*.cpp"))  # the portable shield drivers, as a board runs them
        return runtime + mbed + devices + shield + [MBED_DIR / "hal" / h for h in self.hal] + self.extra_lib_sources()

    def extra_lib_sources(self) -> list[Path]:
        return []

    def flags_for(self, source: Path, board: boards.Board) -> list[str]:
        """Flags for a library source: the inference runtime and models are optimised for speed."""
        is_runtime = (FIRMWARE_DIR / "utensor") in source.parents or (FIRMWARE_DIR / "models") in source.parents
        if is_runtime:
            return [*self.board_flags(board), *LANGUAGE, *self.runtime_opt, *self.extra_runtime]
        return [*self.board_flags(board), *LANGUAGE, *self.app_opt, *self.extra_app]

    def app_flags(self, board: boards.Board) -> list[str]:
        return [*self.board_flags(board), *LANGUAGE, *self.app_opt, *self.extra_app]

    def link_flags(self) -> list[str]:
        return []

    # ---- the runtime alone (kernel tests, benchmarks: no Mbed layer, no board) -------------------
    @property
    def runtime_flags(self) -> list[str]:
        """The inference runtime's compile flags as the product uses them, without board includes."""
        return [*LANGUAGE, *self.runtime_opt, *self.extra_runtime]

    @property
    def bare_app_flags(self) -> list[str]:
        return [*LANGUAGE, *self.app_opt, *self.extra_app]

    def sizes(self, work: Path, outputs: dict[str, str]) -> dict[str, int]:
        return {kind: (work / name).stat().st_size for kind, name in outputs.items()}

    # ---- running -----------------------------------------------------------------------------------
    def execute(self, outputs: dict[str, Path], run_dir: Path, timeout: float | None = None) -> Execution:
        """Run a build with ``run_dir/config.txt`` (and ``run_dir/fs``); return its records."""
        raise NotImplementedError

    def _run(self, cmd: list[str], timeout: float, cwd: Path, env: dict[str, str]) -> tuple[str, str, int, bool]:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                errors="replace")
        try:
            out, err = proc.communicate(timeout=timeout)
            return out, err, proc.returncode, False
        except subprocess.TimeoutExpired:
            proc.terminate()  # the host build writes its report and stops on SIGTERM
            try:
                out, err = proc.communicate(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                out, err = proc.communicate()
            return out, err, proc.returncode, True


class HostTarget(Target):
    """A 32-bit native build (-m32): pointers, `long` and `size_t` have 32 bits as on the
    Cortex-M and in wasm, so code that keeps a pointer in a uint32_t (Mbed OS 5's osEvent
    value.v) runs the same."""

    name = "host"
    cxx = "clang++-14"
    ar = "ar"
    outputs = {"exe": "app"}
    hal = ("host.cpp",)
    app_opt = ("-O2", "-g")
    runtime_opt = ("-O3", "-g")
    # SSE arithmetic, not the i386 default x87: float math rounds to single precision at every
    # step, as on the Cortex-M4's FPU and in wasm (x87's extended precision changes results).
    extra_app = ("-m32", "-msse2", "-mfpmath=sse")
    extra_runtime = ("-m32", "-msse2", "-mfpmath=sse")

    def app_flags(self, board: boards.Board) -> list[str]:
        return [*super().app_flags(board), *CHARGED]

    def link_flags(self) -> list[str]:
        return ["-m32", "-Wl,--wrap=main", "-Wl,--wrap=exit", "-Wl,--wrap=abort", "-Wl,--wrap=fopen", *C_LIBRARY_WRAPS]

    def execute(self, outputs: dict[str, Path], run_dir: Path, timeout: float | None = None) -> Execution:
        report = run_dir / "report.txt"
        env = {"PATH": "/usr/bin:/bin", "SIM_CONFIG": str(run_dir / "config.txt"), "SIM_REPORT": str(report),
               "SIM_FS_DIR": str(run_dir / "fs")}
        _, err, code, timed_out = self._run([str(outputs["exe"])], timeout or self.timeout_s, run_dir, env)
        records = report.read_text(errors="replace") if report.exists() else ""
        return Execution(records, err, code, timed_out)


class WasmTarget(Target):
    name = "wasm"
    cxx = "em++"
    ar = "emar"
    outputs = {"js": "app.js", "wasm": "app.wasm"}
    hal = ("wasm.cpp", "wasm_main.cpp")
    extra_runtime = ("-msimd128", "-DUTENSOR_WASM_SIMD=1")
    timeout_s = 120.0

    def env(self) -> dict[str, str]:
        return {**super().env(), "NODE_PATH": "/usr/share/nodejs"}  # Debian's emcc needs Debian's acorn

    def app_flags(self, board: boards.Board) -> list[str]:
        return [*super().app_flags(board), *CHARGED]

    def link_flags(self) -> list[str]:
        exported = ["_main", "_sim_start", "_sim_pin_event", "_sim_analog_event", "_sim_press", "_sim_serial_input",
                    "_sim_set_input", "_sim_report_crash", "_sim_hal_now_us", "_malloc", "_free"]
        return ["-O2", "-sMODULARIZE=1", "-sEXPORT_NAME=createMbedModule", "-sENVIRONMENT=web,node", "-sASYNCIFY=1",
                "-sASYNCIFY_STACK_SIZE=65536",
                # The int8 runtime never sleeps: inference stays out of ASYNCIFY's instrumentation
                # (docs/runtime.md, "wasm").
                '-sASYNCIFY_REMOVE=["utensor::*"]', "-sFORCE_FILESYSTEM=1", "-sALLOW_MEMORY_GROWTH=1", "-sEXIT_RUNTIME=0",
                f"-sEXPORTED_FUNCTIONS={','.join(exported)}",
                "-sEXPORTED_RUNTIME_METHODS=FS,ccall,cwrap,callMain", "-sINVOKE_RUN=0",
                "-Wl,--wrap=__wasi_fd_write,--wrap=__wasi_fd_read,--wrap=exit,--wrap=abort",
                f"--js-library={EMSDK_BUILD_DIR / 'mbed_bridge.js'}", f"--post-js={EMSDK_BUILD_DIR / 'post.js'}",
                *C_LIBRARY_WRAPS]

    def execute(self, outputs: dict[str, Path], run_dir: Path, timeout: float | None = None) -> Execution:
        cmd = ["node", "--no-experimental-fetch", str(EMSDK_BUILD_DIR / "node_runner.js"),
               str(outputs["js"]), str(run_dir)]
        out, err, code, timed_out = self._run(cmd, timeout or self.timeout_s, run_dir,
                                              {"PATH": "/usr/bin:/bin", "NODE_PATH": "/usr/share/nodejs"})
        return Execution(out, err, code, timed_out)


class CortexM4Target(Target):
    name = "cortex-m4"
    cxx = "arm-none-eabi-g++"
    ar = "arm-none-eabi-ar"
    outputs = {"elf": "app.elf"}
    hal = ("cortex_m4.cpp",)
    CPU = ("-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16")
    EMBEDDED = ("-ffunction-sections", "-fdata-sections", "-fno-exceptions", "-fno-rtti", "-fno-threadsafe-statics")
    app_opt = ("-O2",)
    runtime_opt = ("-O2",)
    extra_app = (*CPU, *EMBEDDED)
    extra_runtime = (*CPU, *EMBEDDED, "-ffp-contract=off", "-DUTENSOR_ARM_DSP=1")
    timeout_s = 180.0
    # QEMU's -icount shift: one instruction every 2**3 ns, i.e. a 125 MIPS core (the boards
    # run at 96 and 120 MHz). Simulated time is deterministic under -icount.
    ICOUNT_SHIFT = 3
    # stdio output is not reentrant in newlib-nano: these run with thread switches held off.
    STDIO_WRAPS = ("printf", "puts", "putchar", "fputs", "fputc", "fwrite", "fprintf", "vprintf", "vfprintf",
                   "putc", "fflush")

    def extra_lib_sources(self) -> list[Path]:
        return [M4_DIR / "startup.cpp"]

    def link_flags(self) -> list[str]:
        wraps = ["main", "exit", "abort", "fopen", "_write", "_read", "_sbrk", *self.STDIO_WRAPS]
        # The full newlib (not nano): printf has %lld and %f, as Mbed OS 6's minimal-printf has %lld.
        return [*self.CPU, "--specs=rdimon.specs", "-nostartfiles", "-Wl,--gc-sections",
                f"-T{M4_DIR / 'mps2_an386.ld'}", "-Wl," + ",".join(f"--wrap={w}" for w in wraps),
                *C_LIBRARY_WRAPS]

    def bare_link_flags(self) -> list[str]:
        """A program of its own on the MPS2-AN386 without the Mbed layer (bare_startup.cpp calls
        main() and names SysTick_Handler): the runtime's kernel tests and bench/bench_m4.py."""
        return [*self.CPU, "--specs=nano.specs", "--specs=rdimon.specs", "-nostartfiles", "-Wl,--gc-sections",
                f"-T{M4_DIR / 'mps2_an386.ld'}"]

    BARE_STARTUP = M4_DIR / "bare_startup.cpp"

    def sizes(self, work: Path, outputs: dict[str, str]) -> dict[str, int]:
        r = subprocess.run(["arm-none-eabi-size", str(work / outputs["elf"])], capture_output=True, text=True)
        text, data, bss = (int(x) for x in r.stdout.splitlines()[1].split()[:3])
        return {"text": text, "data": data, "bss": bss, "flash": text + data, "static_ram": data + bss}

    def qemu_command(self, elf: Path, shift: int | None = None) -> list[str]:
        shift = self.ICOUNT_SHIFT if shift is None else shift
        return ["qemu-system-arm", "-M", "mps2-an386", "-nographic", "-monitor", "none", "-semihosting-config",
                "enable=on,target=native,arg=app", "-icount", f"shift={shift},sleep=off", "-kernel", str(elf)]

    def execute(self, outputs: dict[str, Path], run_dir: Path, timeout: float | None = None) -> Execution:
        report = run_dir / "sim_report.txt"
        shutil.copy(run_dir / "config.txt", run_dir / "sim_config.txt")
        out, err, code, timed_out = self._run(self.qemu_command(outputs["elf"]), timeout or self.timeout_s, run_dir,
                                              {"PATH": "/usr/bin:/bin"})
        records = report.read_text(errors="replace") if report.exists() else ""
        return Execution(records, err + out, code, timed_out)


_TARGETS: dict[str, Target] = {t.name: t for t in (HostTarget(), WasmTarget(), CortexM4Target())}


def get(name: str) -> Target:
    if name not in _TARGETS:
        raise UserError(f"unknown target {name!r} (choose from {', '.join(TARGETS)})")
    return _TARGETS[name]


def cache_root() -> Path:
    root = Path(os.environ.get("SIM_CACHE_DIR") or EMSDK_BUILD_DIR / "cache")
    root.mkdir(parents=True, exist_ok=True)
    return root
