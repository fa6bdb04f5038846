"""Compiler output -> `file:line:col: severity: message` diagnostics about the user's files."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

_LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>fatal error|error|warning|note): (?P<msg>.*)$")
_LINK = re.compile(r"(undefined reference to|wasm-ld: error:|ld: error|error: undefined symbol)")


@dataclass
class Diagnostic:
    file: str
    line: int
    col: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"

    def to_dict(self) -> dict:
        return asdict(self)


def parse(output: str, path_map: dict[str, str]) -> tuple[list[Diagnostic], str]:
    """Parse compiler output. ``path_map`` maps private build paths to the names the user knows;
    every occurrence of a private path in the log is replaced, so no server path leaks."""
    cleaned = output
    for private, public in sorted(path_map.items(), key=lambda kv: -len(kv[0])):
        cleaned = cleaned.replace(private, public)
    diags: list[Diagnostic] = []
    for line in cleaned.splitlines():
        m = _LINE.match(line)
        if m:
            sev = "error" if m["sev"] == "fatal error" else m["sev"]
            diags.append(Diagnostic(m["file"], int(m["line"]), int(m["col"]), sev, m["msg"]))
        elif _LINK.search(line):
            diags.append(Diagnostic("", 0, 0, "error", line.strip()))
    return diags, cleaned
