"""Validate a build request from an untrusted client before any work is done."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from simulator.errors import UserError

#: Extensions of files the builder compiles, and of headers it only includes. Nothing else is
#: accepted, so every accepted file is used (a ``.cxx`` that is silently ignored is refused).
SOURCE_EXTENSIONS = ("cpp", "cc", "c")
HEADER_EXTENSIONS = ("h", "hpp")
#: A file name a client may use (matched whole, with ``fullmatch``: ``$`` would also match before a
#: final newline): no directories, no leading dot or dash, one of the extensions above.
NAME_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]{0,63}\.(?:cpp|cc|c|h|hpp)")
#: Preprocessor and assembler lines that name files; checked before compiling (the sandbox is
#: the real boundary, this gives a clear message instead of a confusing compiler error).
INCLUDE_RE = re.compile(r'^\s*#\s*(?:include|include_next|import|embed)\s*[<"]([^>"]*)[>"]', re.M)
HAS_INCLUDE_RE = re.compile(r'__has_include(?:_next)?\s*\(\s*[<"]([^>"]*)[>"]')
ASM_FILE_RE = re.compile(r"\.(?:incbin|include)\b", re.I)
PRAGMA_FILE_RE = re.compile(r"^\s*#\s*pragma\s+(?:GCC\s+)?(?:dependency|system_header|poison\s+.*\binclude)", re.M)
#: Allowed build targets for remote clients (the browser runs the wasm build).
REMOTE_TARGETS = ("wasm",)
DEFAULT_BOARD = "lpc1768"


def known_boards() -> tuple[str, ...]:
    """Boards a request may name: the builder's list once it has one (CONTRACTS.md #1)."""
    try:
        from simulator.build.boards import BOARDS  # type: ignore[import-not-found]

        return tuple(BOARDS)
    except ImportError:
        return ("lpc1768", "k64f")


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
    board: str = DEFAULT_BOARD

    def key(self) -> str:
        """Content address of the request (same files, target and board -> same key)."""
        blob = json.dumps({"target": self.target, "board": self.board, "files": sorted(self.files.items())},
                          ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()

    def to_payload(self) -> dict:
        """The JSON form a build worker validates again (see ``parse_request``)."""
        return {"files": self.files, "target": self.target, "board": self.board}


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
    board = payload.get("board", DEFAULT_BOARD)
    boards = known_boards()
    if not isinstance(board, str) or board not in boards:
        raise RequestError(f"board {str(board)[:40]!r} is not known here (choose from {', '.join(boards)})")
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
    seen: dict[str, str] = {}
    objects: dict[str, str] = {}
    for name, text in files.items():
        if not isinstance(name, str) or not NAME_RE.fullmatch(name):
            raise RequestError(
                f"file name {str(name)[:80]!r} is not allowed (letters, digits, _ . -, ending in "
                f".cpp/.cc/.c/.h/.hpp, no folders)"
            )
        folded = name.casefold()
        if folded in seen:
            raise RequestError(f"{name} and {seen[folded]} differ only in case: on many computers they are one file")
        seen[folded] = name
        stem, ext = name.rsplit(".", 1)
        if ext in SOURCE_EXTENSIONS:
            if stem.casefold() in objects:
                raise RequestError(f"{name} and {objects[stem.casefold()]} would both compile to {stem}.o: "
                                   f"rename one of them")
            objects[stem.casefold()] = name
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
    sources = [n for n in clean if n.rsplit(".", 1)[1] in SOURCE_EXTENSIONS]
    if not sources:
        raise RequestError("the request has headers only: add a .cpp file with main()")
    main = "main.cpp" if "main.cpp" in clean else sources[0]
    return BuildRequest(files=clean, target=target, main=main, board=board)
