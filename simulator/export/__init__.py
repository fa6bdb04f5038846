"""`sim export`: turn a simulator app into an Mbed OS 6.17 project for a real board.

The project is laid out like ``mbed-os-example-blinky`` for Mbed OS 6.17.0: ``CMakeLists.txt``,
``mbed-os.lib`` pinned to 6.17.0, ``mbed_app.json`` when the app needs a setting, the app's own
files, and only the portable code it uses, found by following its ``#include``s:

* ``firmware/shield/`` - the application shield's drivers (``C12832.h``, ``LM75B.h``, ...): a
  header and the ``.cpp`` of the same name, and what those include in turn;
* ``firmware/utensor/`` - the inference runtime (all its headers and ``src/*.cpp``) once any of it is used;
* ``firmware/models/NAME/`` - a generated model the app includes.

Headers of the simulator's Mbed layer (``firmware/mbed``: ``mbed.h``, ``PinNames.h``, ``drivers/...``)
are left out: real Mbed OS provides them. Including a simulator-only header (its HAL, its
scheduler) is an error, because no board has it. Then, with Mbed OS in ``DIR/mbed-os``,
``mbed-tools compile -m K64F -t GCC_ARM`` (or ``-m LPC1768``) builds the project.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from simulator import FIRMWARE_DIR
from simulator.errors import UserError

MBED_OS_VERSION = "6.17.0"
MBED_OS_COMMIT = "17dc3dc2e6e2817a8bd3df62f38583319f0e4fed"
MBED_OS_LIB = f"https://github.com/ARMmbed/mbed-os/#{MBED_OS_COMMIT}\n"

SHIELD_DIR = FIRMWARE_DIR / "shield"
UTENSOR_DIR = FIRMWARE_DIR / "utensor"
MODELS_DIR = FIRMWARE_DIR / "models"
MBED_LAYER_DIR = FIRMWARE_DIR / "mbed"
#: Parts of the simulator's Mbed layer that are the simulator itself: never in an export,
#: never included by portable code.
SIM_ONLY = (MBED_LAYER_DIR / "hal", MBED_LAYER_DIR / "src", MBED_LAYER_DIR / "sim", MBED_LAYER_DIR / "boards")

SOURCE_SUFFIXES = (".cpp", ".cc", ".c")
HEADER_SUFFIXES = (".h", ".hpp", ".hh", ".inc")
_INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.MULTILINE)
_EVENTS = re.compile(r"\b(EventQueue|UserAllocatedEvent|mbed_event_queue|mbed_highprio_event_queue)\b|mbed_events\.h")
_FLOAT_FORMAT = re.compile(r'"[^"\n]*%[-+ #0]*(\d+|\*)?(\.(\d+|\*))?[fFeEgG][^"\n]*"')


@dataclass(frozen=True)
class Board:
    name: str          # sim's board name
    mbed_target: str   # mbed-tools -m
    core: str          # for the docs
    dsp: bool          # Cortex-M4 DSP instructions (the runtime's SMLAD path)


BOARDS: dict[str, Board] = {
    "k64f": Board("k64f", "K64F", "Cortex-M4F, 120 MHz, 1 MB flash, 256 KB RAM", dsp=True),
    "lpc1768": Board("lpc1768", "LPC1768", "Cortex-M3, 96 MHz, 512 KB flash, 64 KB RAM", dsp=False),
}


@dataclass
class ExportResult:
    out_dir: Path
    board: Board
    files: list[str] = field(default_factory=list)  # relative to out_dir, sorted
    sources: list[str] = field(default_factory=list)  # what CMake compiles
    uses_events: bool = False
    mbed_app: dict | None = None


def is_sim_only(path: Path) -> bool:
    path = path.resolve()
    return any(path == p.resolve() or p.resolve() in path.parents for p in SIM_ONLY)


def includes(text: str) -> list[tuple[str, str]]:
    """(kind, name) of each #include: kind is '"' or '<'."""
    return [(m.group(1), m.group(2)) for m in _INCLUDE.finditer(_strip_comments(text))]


def _strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.DOTALL)
    return re.sub(r"//[^\n]*", "", text)


class _Collector:
    """Follows #includes from the app's files and gathers the files of the export."""

    def __init__(self, app_root: Path):
        self.app_root = app_root
        self.files: dict[str, Path] = {}  # destination (posix, relative) -> source
        self.sources: list[str] = []
        self.include_dirs: list[str] = []
        self.uses_utensor = False
        self.texts: list[str] = []
        self._seen: set[Path] = set()

    def add(self, dest: str, src: Path, compile_it: bool) -> None:
        if dest in self.files:
            if self.files[dest].resolve() != src.resolve():
                raise UserError(f"two files would be exported as {dest}: {self.files[dest]} and {src}")
            return
        self.files[dest] = src
        if compile_it and src.suffix in SOURCE_SUFFIXES:
            self.sources.append(dest)
        self.scan(src)

    def scan(self, src: Path) -> None:
        src = src.resolve()
        if src in self._seen:
            return
        self._seen.add(src)
        try:
            text = src.read_text()
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"cannot read {src}: {exc}") from None
        self.texts.append(text)
        for kind, name in includes(text):
            self.resolve(name, kind, src)

    def resolve(self, name: str, kind: str, includer: Path) -> None:
        candidates = []
        if kind == '"':
            candidates.append(includer.parent / name)
        candidates += [self.app_root / name, SHIELD_DIR / name, FIRMWARE_DIR / name, MBED_LAYER_DIR / name]
        for path in candidates:
            if not path.is_file():
                continue
            path = path.resolve()
            if is_sim_only(path):
                raise UserError(f"{includer.name} includes {name}, which is part of the simulator, not of Mbed OS: "
                                "a board has no such file. Use the Mbed API (mbed.h) instead.")
            if self._within(path, self.app_root):
                self._add_local(path)
            elif self._within(path, SHIELD_DIR):
                self._add_with_source(path, SHIELD_DIR, "shield")
            elif self._within(path, UTENSOR_DIR):
                self._add_utensor()
            elif self._within(path, MODELS_DIR):
                self._add_model(path)
            elif self._within(path, MBED_LAYER_DIR):
                pass  # an Mbed OS header: the real one comes with Mbed OS
            else:
                raise UserError(f"{includer.name} includes {name} ({path}), which is neither the app's, "
                                "a shield driver, the runtime nor a model")
            return
        # Not found here: a toolchain or Mbed OS header (<cstdio>, "platform/mbed_wait_api.h", ...).

    @staticmethod
    def _within(path: Path, root: Path) -> bool:
        return root.resolve() in path.parents

    def _add_local(self, path: Path) -> None:
        rel = path.relative_to(self.app_root.resolve()).as_posix()
        self.add(rel, path, compile_it=True)
        if path.suffix in HEADER_SUFFIXES:
            for suffix in SOURCE_SUFFIXES:
                sibling = path.with_suffix(suffix)
                if sibling.is_file():
                    self.add(sibling.relative_to(self.app_root.resolve()).as_posix(), sibling, compile_it=True)

    def _add_with_source(self, header: Path, root: Path, prefix: str) -> None:
        if prefix not in self.include_dirs:
            self.include_dirs.append(prefix)
        rel = header.relative_to(root.resolve())
        self.add(f"{prefix}/{rel.as_posix()}", header, compile_it=False)
        for suffix in SOURCE_SUFFIXES:
            source = header.with_suffix(suffix)
            if source.is_file():
                self.add(f"{prefix}/{source.relative_to(root.resolve()).as_posix()}", source, compile_it=True)

    def _add_utensor(self) -> None:
        if self.uses_utensor:
            return
        self.uses_utensor = True
        for path in sorted(UTENSOR_DIR.rglob("*")):
            rel = path.relative_to(FIRMWARE_DIR).as_posix()
            if path.suffix in HEADER_SUFFIXES:
                self.add(rel, path, compile_it=False)
            elif path.suffix in SOURCE_SUFFIXES and path.parent == UTENSOR_DIR / "src":
                self.add(rel, path, compile_it=True)

    def _add_model(self, path: Path) -> None:
        folder = path.parent
        for item in sorted(folder.iterdir()):
            if item.suffix in HEADER_SUFFIXES + SOURCE_SUFFIXES:
                self.add(item.relative_to(FIRMWARE_DIR).as_posix(), item, compile_it=True)


def _target_name(app_files: list[Path]) -> str:
    main = app_files[0]
    stem = main.parent.name if main.stem == "main" else main.stem
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or "app"
    return name


def _cmakelists(name: str, result: ExportResult, include_dirs: list[str], runtime: list[str]) -> str:
    sources = "\n".join(f"    {s}" for s in result.sources)
    lines = [
        "# Generated by `sim export` (utensor-sim) for the " + result.board.mbed_target + " with Mbed OS "
        + MBED_OS_VERSION + ".",
        "# Build: put Mbed OS 6.17.0 in ./mbed-os (`mbed-tools deploy` reads mbed-os.lib), then",
        f"#   mbed-tools compile -m {result.board.mbed_target} -t GCC_ARM",
        "cmake_minimum_required(VERSION 3.19.0)",
        "",
        "# Offline builds: Mbed OS clones greentea-client while configuring; a local copy named by",
        "# the GREENTEA_CLIENT_SOURCE_DIR environment variable is used instead when it is set.",
        "if(DEFINED ENV{GREENTEA_CLIENT_SOURCE_DIR})",
        '    set(FETCHCONTENT_SOURCE_DIR_GREENTEA-CLIENT "$ENV{GREENTEA_CLIENT_SOURCE_DIR}" CACHE PATH "")',
        "endif()",
        "",
        'set(MBED_PATH ${CMAKE_CURRENT_SOURCE_DIR}/mbed-os CACHE INTERNAL "")',
        'set(MBED_CONFIG_PATH ${CMAKE_CURRENT_BINARY_DIR} CACHE INTERNAL "")',
        f"set(APP_TARGET {name})",
        "",
        "include(${MBED_PATH}/tools/cmake/app.cmake)",
        "",
        "project(${APP_TARGET})",
        "",
        "add_subdirectory(${MBED_PATH})",
        "",
        "add_executable(${APP_TARGET}",
        sources,
        ")",
        "",
        "target_include_directories(${APP_TARGET} PRIVATE",
        "    ${CMAKE_CURRENT_SOURCE_DIR}",
        *[f"    ${{CMAKE_CURRENT_SOURCE_DIR}}/{d}" for d in include_dirs],
        ")",
        "# The shield drivers and the runtime are C++17, like the simulator.",
        "target_compile_features(${APP_TARGET} PRIVATE cxx_std_17)",
    ]
    if runtime:
        lines += [
            "",
            "# The runtime's kernels: no fused multiply-add, so float results are the same as on the",
            "# simulator's targets" + ("; the Cortex-M4 DSP instructions (SMLAD) for int8 dot products." if
                                       result.board.dsp else "."),
            "set_source_files_properties(",
            *[f"    {s}" for s in runtime],
            "    PROPERTIES COMPILE_OPTIONS -ffp-contract=off)",
        ]
        if result.board.dsp:
            lines.append("target_compile_definitions(${APP_TARGET} PRIVATE UTENSOR_ARM_DSP=1)")
    libs = "mbed-os mbed-events" if result.uses_events else "mbed-os"
    lines += [
        "",
        f"target_link_libraries(${{APP_TARGET}} {libs})",
        "",
        "mbed_set_post_build(${APP_TARGET})",
        "",
        'option(VERBOSE_BUILD "Have a verbose build process")',
        "if(VERBOSE_BUILD)",
        "    set(CMAKE_VERBOSE_MAKEFILE ON)",
        "endif()",
        "",
    ]
    return "\n".join(lines)


def _mbed_app(texts: list[str]) -> dict | None:
    """Settings the app needs on a board so it behaves as in the simulator."""
    overrides: dict[str, object] = {}
    if any(_FLOAT_FORMAT.search(t) for t in texts):
        # Mbed OS 6's minimal printf drops %f unless told otherwise; the simulator prints floats.
        overrides["platform.minimal-printf-enable-floating-point"] = True
    if not overrides:
        return None
    return {"target_overrides": {"*": overrides}}


def export(app: list[Path] | Path, board: str, out_dir: Path, force: bool = False) -> ExportResult:
    """Write the Mbed OS project for ``app`` (its .cpp/.h files, or a folder of them) to ``out_dir``."""
    if board not in BOARDS:
        raise UserError(f"unknown board {board!r} (choose from {', '.join(BOARDS)})")
    paths = [Path(p) for p in ([app] if isinstance(app, (str, Path)) else app)]
    if len(paths) == 1 and paths[0].is_dir():
        folder = paths[0]
        paths = sorted(p for p in folder.rglob("*") if p.suffix in SOURCE_SUFFIXES + HEADER_SUFFIXES)
        app_root = folder.resolve()
    else:
        for p in paths:
            if not p.is_file():
                raise UserError(f"{p}: no such file")
        app_root = paths[0].resolve().parent
    if not any(p.suffix in SOURCE_SUFFIXES for p in paths):
        raise UserError("nothing to export: give the app's .cpp file (and its headers)")
    for p in paths:
        if app_root not in p.resolve().parents:
            raise UserError(f"{p}: all of the app's files must be in one folder ({app_root})")
    out_dir = Path(out_dir)
    if out_dir.exists() and any(p.name != "mbed-os" for p in out_dir.iterdir()) and not force:
        raise UserError(f"{out_dir} is not empty (use --force to overwrite the exported files)")

    collector = _Collector(app_root)
    for p in paths:
        collector.add(p.resolve().relative_to(app_root).as_posix(), p, compile_it=True)
    result = ExportResult(out_dir=out_dir, board=BOARDS[board])
    result.sources = collector.sources
    result.uses_events = any(_EVENTS.search(t) for t in collector.texts)
    result.mbed_app = _mbed_app(collector.texts)
    runtime = [s for s in collector.sources if s.startswith("utensor/")]

    out_dir.mkdir(parents=True, exist_ok=True)
    for dest, src in sorted(collector.files.items()):
        target = out_dir / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    name = _target_name(paths)
    generated = {"CMakeLists.txt": _cmakelists(name, result, collector.include_dirs, runtime),
                 "mbed-os.lib": MBED_OS_LIB}
    if result.mbed_app is not None:
        generated["mbed_app.json"] = json.dumps(result.mbed_app, indent=4) + "\n"
    for fname, text in generated.items():
        (out_dir / fname).write_text(text)
    result.files = sorted([*collector.files, *generated])
    return result
