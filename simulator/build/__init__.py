"""`sim build`: compile an Mbed app for wasm, host or cortex-m4.

The runtime and the Mbed layer are compiled once per target into ``libsim.a`` and cached;
generated models an app includes (``#include "models/NAME/NAME.hpp"``) are compiled once
each; an app build compiles only the app and links. Every build is content-addressed:
identical sources and flags return the cached result without compiling. Cache entries are
written in a private folder and renamed into place, so concurrent builds never see half a
result; what is cached, how it is verified and evicted is ``simulator.build.cache``. With
``untrusted=True`` (the web server) every compiler runs in the sandbox, and compiler paths are
neutral (``-ffile-prefix-map``) so no server path reaches an output.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from simulator import EMSDK_BUILD_DIR, FIRMWARE_DIR
from simulator import sandbox
from simulator.build import toolchain
from simulator.build.cache import AppCache, new_work_dir
from simulator.build.diagnostics import Diagnostic, parse
from simulator.errors import UserError

MODEL_INCLUDE = re.compile(r'#\s*include\s*[<"]models/(\w+)/\1\.hpp[>"]')
TRUSTED_LIMITS = sandbox.Limits(wall_seconds=600, cpu_seconds=1200, address_space_bytes=8 << 30,
                                file_size_bytes=512 << 20, open_files=1024, output_bytes=4 << 20)
UNTRUSTED_LIMITS = sandbox.Limits(wall_seconds=60, cpu_seconds=60, address_space_bytes=4 << 30,
                                  file_size_bytes=64 << 20, open_files=256, output_bytes=256 << 10)


@dataclass
class BuildResult:
    ok: bool
    target: str
    key: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    log: str = ""
    outputs: dict[str, Path] = field(default_factory=dict)
    cache_hit: bool = False
    seconds: float = 0.0
    sizes: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"ok": self.ok, "target": self.target, "key": self.key, "log": self.log,
                "diagnostics": [d.to_dict() for d in self.diagnostics],
                "outputs": {k: v.name for k, v in self.outputs.items()}, "cache_hit": self.cache_hit,
                "seconds": round(self.seconds, 3), "sizes": self.sizes}


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode() if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


def _run(argv: list[str], cwd: Path, target: toolchain.Target, untrusted: bool, readonly: list[Path]) -> sandbox.RunResult:
    limits = UNTRUSTED_LIMITS if untrusted else TRUSTED_LIMITS
    return sandbox.run(argv, cwd=cwd, env=target.env(), limits=limits, sandbox=untrusted, readonly=readonly)


def _publish(tmp: Path, final: Path) -> None:
    """Move a finished cache entry into place atomically (first writer wins)."""
    try:
        os.rename(tmp, final)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)


def _compile_cached(target: toolchain.Target, sources: list[Path], name: str, kind: str) -> Path:
    """Compile trusted sources (runtime, Mbed layer, models) into a cached static library."""
    flags = [target.flags_for(s) for s in sources]
    key = _digest(target.name, kind, *[f"{s}\n{' '.join(f)}" for s, f in zip(sources, flags)],
                  *[s.read_bytes() for s in sources],
                  *[p.read_bytes() for p in sorted((FIRMWARE_DIR / "mbed").rglob("*.h"))],
                  *[p.read_bytes() for p in sorted((FIRMWARE_DIR / "utensor").rglob("*.hpp"))],
                  *[p.read_bytes() for p in sorted((FIRMWARE_DIR / "models").rglob("*.hpp"))])[:20]
    root = toolchain.cache_root() / target.name / kind
    final = root / key
    lib = final / name
    if lib.exists():
        return lib
    tmp = new_work_dir(root)

    def compile_one(i_src: tuple[int, Path]) -> sandbox.RunResult:
        i, src = i_src
        return _run([target.cxx, *flags[i], "-c", str(src), "-o", str(tmp / f"{i:03d}_{src.stem}.o")], tmp, target,
                    False, [])

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(compile_one, enumerate(sources)))
    for src, r in zip(sources, results):
        if not r.ok:
            shutil.rmtree(tmp, ignore_errors=True)
            raise UserError(f"{target.name}: {src.relative_to(FIRMWARE_DIR.parent)} did not compile:\n"
                            f"{(r.stderr or r.stdout)[-3000:]}")
    objects = sorted(str(p) for p in tmp.glob("*.o"))
    r = _run([target.ar, "rcs", str(tmp / name), *objects], tmp, target, False, [])
    if not r.ok:
        shutil.rmtree(tmp, ignore_errors=True)
        raise UserError(f"{target.name}: archiving {name} failed: {r.stderr[-2000:]}")
    for o in objects:
        os.unlink(o)
    _publish(tmp, final)
    return lib


def library(target_name: str) -> Path:
    """The precompiled runtime + Mbed layer for a target (built on first use)."""
    target = toolchain.get(target_name)
    target.check()
    return _compile_cached(target, target.lib_sources(), "libsim.a", "lib")


def model_libraries(target: toolchain.Target, texts: list[str]) -> list[Path]:
    libs = []
    for name in sorted({m for t in texts for m in MODEL_INCLUDE.findall(t)}):
        src = FIRMWARE_DIR / "models" / name / f"{name}.cpp"
        if src.exists():
            libs.append(_compile_cached(target, [src], f"lib{name}.a", f"model-{name}"))
    return libs


def build(sources: list[Path] | dict[str, str], target: str = "wasm", out_dir: Path | None = None,
          untrusted: bool = False) -> BuildResult:
    """Build an app. ``sources``: paths, or {file name: text} (the server's uploads)."""
    start = time.monotonic()
    tgt = toolchain.get(target)
    tgt.check()
    if isinstance(sources, dict):
        files = dict(sources)
        shown = {name: name for name in files}
    else:
        files, shown = {}, {}
        for p in sources:
            p = Path(p)
            try:
                files[p.name] = p.read_text()
            except (OSError, UnicodeDecodeError) as exc:
                raise UserError(f"cannot read {p}: {exc}") from None
            shown[p.name] = str(p)
        if len(files) != len(sources):
            raise UserError("two sources have the same file name")
    if not any(n.endswith((".cpp", ".cc", ".c")) for n in files):
        raise UserError("nothing to build: give at least one .cpp file")
    lib = library(target)
    models = model_libraries(tgt, list(files.values()))
    key = _digest(target, " ".join(tgt.app_flags), "-ffile-prefix-map", " ".join(tgt.link_flags), str(lib),
                  *map(str, models), *[f"{n}\n{t}" for n, t in sorted(files.items())])[:24]
    cache = AppCache(toolchain.cache_root() / target / "apps")
    meta = cache.lookup(key)
    if meta is not None:
        result = _load(meta, cache.folder(key), target, key, shown)
        result.cache_hit = True
        result.seconds = time.monotonic() - start
        return _export(result, out_dir)
    work = new_work_dir(cache.root)
    src_dir = work / "src"
    src_dir.mkdir()
    for name, text in files.items():
        (src_dir / name).write_text(text)
    path_map = {str(src_dir) + "/": "", str(src_dir): ".", str(FIRMWARE_DIR): "firmware",
                str(work): "<build>", str(EMSDK_BUILD_DIR): "emsdk_build", str(toolchain.cache_root()): "<cache>",
                str(FIRMWARE_DIR.parent): "<sim>"}
    readonly = [FIRMWARE_DIR, EMSDK_BUILD_DIR / "mbed_bridge.js", EMSDK_BUILD_DIR / "pre.js", lib.parent,
                *[m.parent for m in models]]
    # __FILE__, assert() and debug info name files as the user knows them, never by server path.
    neutral = [f"-ffile-prefix-map={FIRMWARE_DIR}=firmware", f"-ffile-prefix-map={src_dir}/="]
    log_parts: list[str] = []
    ok = deterministic = True
    objects = []
    for name in sorted(files):
        if not name.endswith((".cpp", ".cc", ".c")):
            continue
        obj = work / (name + ".o")  # main.cpp and main.c must not share main.o
        r = _run([tgt.cxx, *tgt.app_flags, *toolchain.INCLUDES, *neutral, f"-I{src_dir}", "-c", str(src_dir / name),
                  "-o", str(obj)], work, tgt, untrusted, readonly)
        log_parts += [r.stdout, r.stderr, *r.notes]
        ok = ok and r.ok
        deterministic = deterministic and r.deterministic
        objects.append(str(obj))
    outputs: dict[str, str] = {}
    if ok:
        out_name = tgt.outputs[0]
        r = _run([tgt.cxx, *objects, *map(str, models), str(lib), *tgt.link_flags, "-o", str(work / out_name)], work,
                 tgt, untrusted, readonly)
        log_parts += [r.stdout, r.stderr, *r.notes]
        ok = r.ok
        deterministic = r.deterministic
        if ok:
            outputs = {"exe" if target == "host" else "elf" if target == "cortex-m4" else "js": out_name}
            if target == "wasm":
                outputs["wasm"] = "app.wasm"
    diags, log = parse("\n".join(p for p in log_parts if p), path_map)
    if not ok and not any(d.severity == "error" for d in diags):
        diags.append(Diagnostic("", 0, 0, "error", (log.strip().splitlines() or ["the build failed"])[-1]))
    sizes = _sizes(tgt, work, outputs) if ok else {}
    for o in objects:
        Path(o).unlink(missing_ok=True)
    shutil.rmtree(src_dir, ignore_errors=True)
    meta = {"ok": ok, "log": log, "diagnostics": [d.to_dict() for d in diags], "outputs": outputs, "sizes": sizes}
    folder = cache.publish(work, key, meta, deterministic)
    result = _load(meta, folder, target, key, shown)
    if folder == work:  # a timeout, cancel or kill: told once, never cached
        cache.discard(work)
    result.seconds = time.monotonic() - start
    return _export(result, out_dir)


def _sizes(tgt: toolchain.Target, work: Path, outputs: dict[str, str]) -> dict[str, int]:
    if tgt.name == "cortex-m4":
        r = subprocess.run(["arm-none-eabi-size", "-A", str(work / "app.elf")], capture_output=True, text=True)
        sec = {}
        for line in r.stdout.splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                sec[parts[0]] = int(parts[1])
        r2 = subprocess.run(["arm-none-eabi-size", str(work / "app.elf")], capture_output=True, text=True)
        text, data, bss = (int(x) for x in r2.stdout.splitlines()[1].split()[:3])
        return {"text": text, "data": data, "bss": bss, "flash": text + data, "static_ram": data + bss}
    return {name: (work / f).stat().st_size for name, f in outputs.items()}


def _load(meta: dict, folder: Path, target: str, key: str, shown: dict[str, str]) -> BuildResult:
    """A cached result, with file names shown as this caller named its files (the cache stores
    bare names: the same sources reached by another path are the same build)."""
    log = meta["log"]
    for name, display in shown.items():
        if display != name:
            log = re.sub(rf"(?m)^{re.escape(name)}:", lambda _m, d=display: d + ":", log)
    diags = [Diagnostic(**d) for d in meta["diagnostics"]]
    for d in diags:
        d.file = shown.get(d.file, d.file)
    return BuildResult(ok=meta["ok"], target=target, key=key, log=log, diagnostics=diags,
                       outputs={k: folder / v for k, v in meta["outputs"].items()}, sizes=meta["sizes"])


def _export(result: BuildResult, out_dir: Path | None) -> BuildResult:
    if out_dir is None or not result.ok:
        return result
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    exported = {}
    for kind, path in result.outputs.items():
        dest = out_dir / path.name
        shutil.copy2(path, dest)
        exported[kind] = dest
    result.outputs = exported
    return result
