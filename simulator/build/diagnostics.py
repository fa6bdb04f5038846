"""Compiler output -> `file:line:col: severity: message` diagnostics about the user's files.

Each diagnostic may carry a ``hint`` (simulator.build.hints): what an Mbed student should do
about it. :func:`render` shows a diagnostic as the compiler would, with the source line and a
caret under the column, followed by the hint.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from simulator.build.hints import hint_for

_LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>fatal error|error|warning|note): (?P<msg>.*)$")
_LINK = re.compile(r"(undefined reference to|wasm-ld: error:|ld: error|error: undefined symbol)")
_IDENT = re.compile(r"[A-Za-z_]\w*")


@dataclass
class Diagnostic:
    file: str
    line: int
    col: int
    severity: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}: " if self.file else ""
        return f"{where}{self.severity}: {self.message}"

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


def add_hints(diags: list[Diagnostic], board: str | None = None) -> list[Diagnostic]:
    """Attach Mbed-aware hints (in place; returns the list). Notes get none: they explain the
    diagnostic before them, which carries the hint."""
    for d in diags:
        d.hint = None if d.severity == "note" else hint_for(d.message, d.severity, board)
    return diags


def render(d: Diagnostic, source: str | None) -> str:
    """The diagnostic as the compiler shows it: the message, the source line with its number and
    a caret (with ``~`` under the rest of an identifier) at the column, then the hint.
    ``source``: the text of ``d.file`` when it is one of the user's files, else None."""
    lines = [str(d)]
    if source is not None and d.line > 0:
        text_lines = source.splitlines()
        if d.line <= len(text_lines):
            raw = text_lines[d.line - 1]
            col = max(d.col, 1) - 1
            prefix = raw[:col].expandtabs(8)
            shown = raw.expandtabs(8)
            m = _IDENT.match(raw, col)
            width = max((m.end() - col) if m else 1, 1)
            gutter = f"{d.line:5d} | "
            lines.append(gutter + shown)
            lines.append(" " * (len(gutter) - 2) + "| " + " " * len(prefix) + "^" + "~" * (width - 1))
    if d.hint:
        lines.append(f"hint: {d.hint}")
    return "\n".join(lines)


# --- What Mbed OS's minimal-printf will do to the program's format strings ----------------------

_PRINTF_CALL = re.compile(r"\b\w*printf\s*\(")
_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_CONVERSION = re.compile(r"%(?P<flags>[-+ #0]*)(?P<width>\d+|\*)?(?:\.(?P<prec>\d+|\*))?"
                         r"(?P<len>hh|h|ll|l|j|z|t|L)?(?P<conv>[diouxXeEfFgGaAcspn%])")
FLOAT_MESSAGE = ("Mbed OS 6 prints with minimal-printf, which has no floating point: {spec} is printed as the "
                 "characters {spec}, not as a number (and its argument is not read)")
FLAGS_MESSAGE = ("Mbed OS 6 prints with minimal-printf, which ignores the flags - + space # (and a * width): "
                 "{spec} prints as {plain}")


def minimal_printf_warnings(files: dict[str, str], float_enabled: bool) -> list[Diagnostic]:
    """Warnings for format strings that minimal-printf prints differently from the standard printf
    (one per format string), so a student sees why the console shows '%.2f'."""
    out: list[Diagnostic] = []
    for name, text in sorted(files.items()):
        if not name.endswith((".cpp", ".cc", ".c", ".h", ".hpp")):
            continue
        for lineno, line in enumerate(text.splitlines(), 1):
            if not _PRINTF_CALL.search(line):
                continue
            for lit in _STRING.finditer(line):
                for m in _CONVERSION.finditer(lit.group(1)):
                    spec, conv = m.group(0), m["conv"]
                    col = lit.start(1) + m.start() + 1
                    if conv in "eEfFgGaA" and not float_enabled:
                        out.append(Diagnostic(name, lineno, col, "warning", FLOAT_MESSAGE.format(spec=spec)))
                        break
                    ignored = set(m["flags"] or "") - {"0"}
                    if conv in "diuxXop" and (ignored or m["width"] == "*"):
                        # Mbed OS 6.17 keeps a field width and zero padding, nothing else
                        zeros = "0" if "0" in (m["flags"] or "") else ""
                        width = m["width"] if m["width"] and m["width"] != "*" else ""
                        plain = "%" + zeros + width + (m["len"] or "") + conv
                        out.append(Diagnostic(name, lineno, col, "warning", FLAGS_MESSAGE.format(spec=spec, plain=plain)))
                        break
    return out
