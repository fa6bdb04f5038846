"""Validate a build request from an untrusted client before any work is done."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from simulator.errors import UserError

#: A file name a client may use: no directories, no leading dot or dash, a C/C++ extension.
NAME_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,63}\.(cpp|cc|cxx|c|h|hpp)$")
#: Preprocessor and assembler lines that name files; checked before compiling (the sandbox is
#: the real boundary, this gives a clear message instead of a confusing compiler error).
INCLUDE_RE = re.compile(r'^\s*#\s*(?:include|include_next|import|embed)\s*[<"]([^>"]*)[>"]', re.M)
HAS_INCLUDE_RE = re.compile(r'__has_include(?:_next)?\s*\(\s*[<"]([^>"]*)[>"]')
ASM_FILE_RE = re.compile(r"\.(?:incbin|include)\b", re.I)
PRAGMA_FILE_RE = re.compile(r"^\s*#\s*pragma\s+(?:GCC\s+)?(?:dependency|system_header|poison\s+.*\binclude)", re.M)
#: Allowed build targets for remote clients (the browser runs the wasm build).
REMOTE_TARGETS = ("wasm",)


class RequestError(UserError):
    """The request is malformed or breaks a limit; the message says which."""


@dataclass(frozen=True)
class RequestLimits:
    max_files: int = 8
    max_file_bytes: int = 256 << 10
    max_total_bytes: int = 512 << 10
    targets: tuple[str, ...] = REMOTE_TARGETS


@dataclass(frozen=True)
class BuildRequest:
    files: dict[str, str]
    target: str = "wasm"
    main: str = field(default="main.cpp")

    def key(self) -> str:
        """Content address of the request (same files and target -> same key)."""
        blob = json.dumps({"target": self.target, "files": sorted(self.files.items())}, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()


def _check_path(name: str, what: str, path: str) -> None:
    if path.startswith("/") or path.startswith("\\") or ".." in path.replace("\\", "/").split("/") or "\\" in path:
        raise RequestError(
            f"{name}: {what} \"{path}\" is not allowed: include your own files by name or the "
            f"firmware's headers (mbed.h, C12832.h, models/..., utensor/...)"
        )


def check_source(name: str, text: str) -> None:
    """Reject source that tries to name files outside the build (clear message, line number)."""
    for regex, what in ((INCLUDE_RE, "#include"), (HAS_INCLUDE_RE, "__has_include")):
        for m in regex.finditer(text):
            _check_path(name, what, m.group(1))
    for regex, what in ((ASM_FILE_RE, "assembler file directive"), (PRAGMA_FILE_RE, "#pragma naming a file")):
        m = regex.search(text)
        if m:
            line = text.count("\n", 0, m.start()) + 1
            raise RequestError(f"{name}:{line}: {what} ({m.group(0).strip()}) is not allowed in uploaded code")


def parse_request(payload: object, limits: RequestLimits = RequestLimits()) -> BuildRequest:
    """Turn a client's JSON payload into a BuildRequest, or raise RequestError saying why not.

    Accepted shapes: ``{"source": "..."}`` (one ``main.cpp``) or
    ``{"files": {"main.cpp": "...", "util.h": "..."}}``, with an optional ``"target"``.
    """
    if not isinstance(payload, dict):
        raise RequestError(f"a build request must be a JSON object, got {type(payload).__name__}")
    target = payload.get("target", "wasm")
    if target not in limits.targets:
        raise RequestError(f"target {target!r} is not available here (choose from {', '.join(limits.targets)})")
    if "files" in payload:
        files = payload["files"]
        if not isinstance(files, dict) or not files:
            raise RequestError('"files" must be a non-empty object of file name -> source text')
    elif "source" in payload:
        files = {"main.cpp": payload["source"]}
    else:
        raise RequestError('a build request needs "source" (the text of main.cpp) or "files"')
    if len(files) > limits.max_files:
        raise RequestError(f"{len(files)} files is more than the {limits.max_files} allowed")
    total = 0
    clean: dict[str, str] = {}
    for name, text in files.items():
        if not isinstance(name, str) or not NAME_RE.match(name):
            raise RequestError(
                f"file name {str(name)[:80]!r} is not allowed (letters, digits, _ . -, ending in .cpp/.c/.h/.hpp, no folders)"
            )
        if not isinstance(text, str):
            raise RequestError(f"{name}: the source must be text, got {type(text).__name__}")
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > limits.max_file_bytes:
            raise RequestError(f"{name}: {size} bytes is more than the {limits.max_file_bytes} allowed per file")
        total += size
        if total > limits.max_total_bytes:
            raise RequestError(f"the sources are more than the {limits.max_total_bytes} bytes allowed in all")
        if "\x00" in text:
            raise RequestError(f"{name}: binary data (a NUL byte) is not C++ source")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise RequestError(f"{name}: the source is not valid UTF-8 text") from None
        check_source(name, text)
        clean[name] = text
    sources = [n for n in clean if not n.endswith((".h", ".hpp"))]
    if not sources:
        raise RequestError("the request has headers only: add a .cpp file with main()")
    main = "main.cpp" if "main.cpp" in clean else sources[0]
    return BuildRequest(files=clean, target=target, main=main)
