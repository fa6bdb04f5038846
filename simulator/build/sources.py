"""A program's files: from paths (files or whole program folders) or from {name: text}.

A folder brings every source, header and mbed_app.json under it with its relative path kept, so
`#include "Fonts/ArialR12x14.h"` finds the file as on a real Mbed build. Names are checked: a
relative path inside the program, no `..`, no absolute paths.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from simulator.errors import UserError

SOURCE_SUFFIXES = (".cpp", ".cc", ".c")
PROGRAM_SUFFIXES = (*SOURCE_SUFFIXES, ".h", ".hpp", ".hh", ".inc", ".tpp")
CONFIG_FILE = "mbed_app.json"
MAX_FILES = 200


def check_name(name: str) -> str:
    """A safe relative file name, as the program refers to it."""
    p = PurePosixPath(name)
    if not name or "\\" in name or p.is_absolute() or any(part in ("..", ".", "") for part in p.parts) or "\0" in name:
        raise UserError(f"bad file name {name!r}: use a relative path inside the program")
    return p.as_posix()


def collect(sources: list[Path] | dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """-> (files {relative name: text}, shown {relative name: the name to show the user})."""
    files: dict[str, str] = {}
    shown: dict[str, str] = {}
    if isinstance(sources, dict):
        for name, text in sources.items():
            files[check_name(name)] = text
        return files, {n: n for n in files}
    for src in sources:
        src = Path(src)
        if src.is_dir():
            found = sorted(p for p in src.rglob("*") if p.is_file() and not any(
                part.startswith(".") for part in p.relative_to(src).parts) and
                (p.suffix in PROGRAM_SUFFIXES or p.name == CONFIG_FILE))
            entries = [(p.relative_to(src).as_posix(), p) for p in found]
        else:
            entries = [(src.name, src)]
        for name, path in entries:
            if name in files:
                raise UserError(f"two sources are named {name}")
            try:
                files[name] = path.read_text()
            except (OSError, UnicodeDecodeError) as exc:
                raise UserError(f"cannot read {path}: {exc}") from None
            shown[name] = str(path)
    if len(files) > MAX_FILES:
        raise UserError(f"too many files ({len(files)}; at most {MAX_FILES})")
    return files, shown
