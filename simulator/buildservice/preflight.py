"""Checks run before compiling untrusted code *without* the sandbox (loopback, or the loud flag).

Without bubblewrap the compiler can read any file the server can: ``#define P </etc/passwd>`` then
``#include P`` hides the path from a text check, and ``asm(".incbin ...")`` can be spelled with
escapes and string pasting. So the compiler itself is asked, with every diagnostic thrown away
(an error message could quote a file it read):

1. ``-M -MG``: which files does preprocessing open? Each, with links resolved, must be one of
   the request's files, a firmware header, or a toolchain header under ``/usr``.
2. ``-S -emit-llvm`` (clang) / ``-S`` (gcc): the inline assembly after every macro, escape and
   string concatenation, before any assembler runs: ``.incbin`` or ``.include`` is refused.

Only when both pass is the real build run. This is a second line; the sandbox is the boundary.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import tempfile
from pathlib import Path

from simulator import FIRMWARE_DIR, sandbox
from simulator.buildservice.request import SOURCE_EXTENSIONS, RequestError

ASM_FILE_DIRECTIVE = re.compile(r"\.(?:incbin|include)\b", re.I)
SYSTEM_ROOTS = (Path("/usr"),)
PREFLIGHT_LIMITS = sandbox.Limits(wall_seconds=30, cpu_seconds=30, address_space_bytes=2 << 30,
                                  file_size_bytes=64 << 20, open_files=256, output_bytes=64 << 10)


def _deps(text: str) -> list[str]:
    """File names from a make-style dependency file (``target: dep dep \\`` continuation lines)."""
    body = text.replace("\\\n", " ")
    _, _, deps = body.partition(": ")
    return [d for d in shlex.split(deps.replace("\\ ", "\0"))] if deps else []


def _allowed(path: Path, src_dir: Path) -> bool:
    roots = (src_dir.resolve(), FIRMWARE_DIR.resolve(), *SYSTEM_ROOTS)
    return any(path == root or root in path.parents for root in roots)


def check_unsandboxed(files: dict[str, str], target: str) -> None:
    """Raise RequestError if compiling ``files`` would read a file outside the build."""
    from simulator.build import toolchain

    tgt = toolchain.get(target)
    work = Path(tempfile.mkdtemp(prefix="sim-preflight-"))
    try:
        src_dir = work / "src"
        src_dir.mkdir()
        for name, text in files.items():
            (src_dir / name).write_text(text)
        base = [tgt.cxx, *tgt.app_flags, *toolchain.INCLUDES, f"-I{src_dir}"]
        for name in sorted(files):
            if name.rsplit(".", 1)[1] not in SOURCE_EXTENSIONS:
                continue
            deps_file = work / f"{name}.d"
            sandbox.run([*base, "-M", "-MG", "-MF", str(deps_file), str(src_dir / name)], cwd=work, env=tgt.env(),
                        limits=PREFLIGHT_LIMITS, sandbox=False)
            if not deps_file.exists():  # fail closed: what cannot be checked is not compiled
                raise RequestError(f"{name}: its #includes could not be checked in time, so it is not compiled "
                                   f"(this server has no build sandbox)")
            for dep in _deps(deps_file.read_text(errors="replace")):
                dep = dep.replace("\0", " ")
                path = Path(os.path.realpath(dep if os.path.isabs(dep) else work / dep))
                if not path.exists():
                    continue  # -MG: a missing header; the real build reports it by name
                if not _allowed(path, src_dir):
                    raise RequestError(f"{name}: an #include names a file outside the build; only your own "
                                       f"files and the firmware's headers can be included")
            asm_out = work / f"{name}.s"
            emit = ["-S", "-emit-llvm"] if tgt.cxx.startswith(("em++", "clang")) else ["-S"]
            r = sandbox.run([*base, *emit, "-o", str(asm_out), str(src_dir / name)], cwd=work, env=tgt.env(),
                            limits=PREFLIGHT_LIMITS, sandbox=False)
            if r.ok and asm_out.exists() and ASM_FILE_DIRECTIVE.search(asm_out.read_text(errors="replace")):
                raise RequestError(f"{name}: inline assembly that reads a file (.incbin/.include) is not allowed "
                                   f"in uploaded code")
    finally:
        shutil.rmtree(work, ignore_errors=True)
