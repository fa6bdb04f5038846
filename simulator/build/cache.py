"""The cache of app builds: content-addressed folders that heal instead of lying.

``build()`` compiles an app in a private ``.tmp-*`` folder, then publishes it under the build's
key with an atomic rename (first writer wins), so concurrent identical builds never see half a
result. What may be published, and what a reader may trust:

* **Deterministic outcomes only.** A successful build or a compile error is a property of the
  sources and is cached. A timeout, a cancel, a compiler killed by a signal (CPU or memory
  limit, OOM killer) or a sandbox failure depends on the machine's load at that moment: it is
  returned to the caller once and never stored, so the next request compiles again.
* **Verified on read.** ``result.json`` records the size and SHA-256 of every output. A
  result that does not parse, or whose outputs are missing, truncated or changed, is removed
  and reported as a miss, so the caller rebuilds it.
* **No leftovers.** Private folders carry their host and process id (``.tmp-HOST-PID-*``);
  ``clean_temporary()`` (run when a server or build worker starts) removes those of dead
  processes on this host and any older than a day (another machine's crash on a shared cache).
* **Bounded.** Finished builds are evicted least recently used first when their total size
  passes a cap (``SIM_CACHE_MAX_MB``, default 2048); a hit refreshes an entry's age.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

log = logging.getLogger("sim.cache")

RESULT = "result.json"
DEFAULT_MAX_MB = 2048
STALE_SECONDS = 24 * 3600
_HOST = socket.gethostname().replace("-", "_")[:32] or "host"


def max_bytes() -> int:
    """The size cap of finished app builds (all targets), from ``SIM_CACHE_MAX_MB``."""
    try:
        mb = float(os.environ.get("SIM_CACHE_MAX_MB", DEFAULT_MAX_MB))
    except ValueError:
        mb = DEFAULT_MAX_MB
    return max(1, int(mb * (1 << 20)))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _remove(folder: Path) -> None:
    """Take a folder out of readers' sight at once (rename), then delete it."""
    trash = folder.with_name(f".tmp-{_HOST}-{os.getpid()}-gone-{folder.name}")
    try:
        os.rename(folder, trash)
    except OSError:
        trash = folder
    shutil.rmtree(trash, ignore_errors=True)


def new_work_dir(parent: Path) -> Path:
    """A private folder for one build, named so ``clean_temporary`` can tell whose it is."""
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".tmp-{_HOST}-{os.getpid()}-", dir=parent))


def _owner_dead(name: str, now: float, mtime: float) -> bool:
    parts = name.split("-")
    if len(parts) >= 3 and parts[1] == _HOST and parts[2].isdigit():
        pid = int(parts[2])
        if pid == os.getpid():
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass
        return now - mtime > STALE_SECONDS
    return now - mtime > STALE_SECONDS


def clean_temporary(root: Path) -> int:
    """Remove private build folders left by crashed processes (students' code must not linger)."""
    removed = 0
    now = time.time()
    if not root.is_dir():
        return 0
    for tmp in [*root.glob("*/*/.tmp-*"), *root.glob("*/.tmp-*"), *root.glob(".tmp-*")]:
        try:
            mtime = tmp.stat().st_mtime
        except OSError:
            continue
        if _owner_dead(tmp.name, now, mtime):
            shutil.rmtree(tmp, ignore_errors=True)
            removed += 1
    if removed:
        log.info("removed %d leftover temporary build folder(s)", removed)
    return removed


class AppCache:
    """Finished app builds of one target: ``ROOT/KEY/{result.json, outputs}``."""

    _sizes: dict[Path, int] = {}  # per cache root, across instances in this process
    _cleaned: set[Path] = set()  # cache roots whose leftovers this process removed
    _lock = threading.Lock()

    def __init__(self, root: Path) -> None:
        self.root = root
        top = root.parent.parent
        with self._lock:
            first = top not in self._cleaned
            self._cleaned.add(top)
        if first:  # once per process: a server or build worker starting after a crash
            clean_temporary(top)

    def folder(self, key: str) -> Path:
        return self.root / key

    def lookup(self, key: str) -> dict[str, Any] | None:
        """The stored result for ``key``, verified; None (and the entry removed) if missing or damaged."""
        folder = self.folder(key)
        result_file = folder / RESULT
        if not result_file.exists():
            return None
        problem = None
        try:
            meta = json.loads(result_file.read_text())
            if not isinstance(meta, dict) or not isinstance(meta.get("outputs"), dict):
                raise ValueError("not a result object")
            checks = meta.get("checksums")
            if not isinstance(checks, dict) or set(checks) != set(meta["outputs"].values()):
                raise ValueError("no checksums for the outputs")
            for name, want in checks.items():
                path = folder / name
                if not path.is_file() or path.stat().st_size != want["size"] or _sha256(path) != want["sha256"]:
                    raise ValueError(f"output {name} is missing or changed")
        except (OSError, ValueError, KeyError, TypeError) as exc:  # JSONDecodeError is a ValueError
            problem = str(exc)
        if problem is not None:
            log.warning("cache entry %s is damaged (%s): removed, it will be rebuilt", key[:12], problem[:120])
            _remove(folder)
            return None
        try:
            os.utime(result_file)  # least recently used is judged by this stamp
        except OSError:
            pass
        return meta

    def publish(self, work: Path, key: str, meta: dict[str, Any], deterministic: bool) -> Path:
        """Store a finished build (atomically) if its outcome is deterministic; returns where it is.

        A non-deterministic outcome is left in ``work`` for the caller to read once and ``discard``.
        """
        meta = dict(meta)
        meta["checksums"] = {name: {"size": (work / name).stat().st_size, "sha256": _sha256(work / name)}
                             for name in meta.get("outputs", {}).values()}
        (work / RESULT).write_text(json.dumps(meta))
        if not deterministic:
            return work
        final = self.folder(key)
        try:
            os.rename(work, final)
        except OSError:  # another process published the same key first: same content
            shutil.rmtree(work, ignore_errors=True)
            return final
        self._account(final)
        return final

    @staticmethod
    def discard(work: Path) -> None:
        shutil.rmtree(work, ignore_errors=True)

    # --- size cap ------------------------------------------------------------------------

    def _account(self, final: Path) -> None:
        size = _folder_size(final)
        top = self.root.parent.parent  # CACHE/TARGET/apps -> CACHE
        with self._lock:
            if top not in self._sizes:
                self._sizes[top] = total_size(top)
            else:
                self._sizes[top] += size
            over = self._sizes[top] > max_bytes()
        if over:
            with self._lock:
                self._sizes[top] = evict(top, max_bytes())


def _folder_size(folder: Path) -> int:
    total = 0
    for p in folder.iterdir():
        try:
            total += p.stat().st_size
        except OSError:
            pass
    return total


def _entries(root: Path) -> list[tuple[float, int, Path]]:
    out = []
    for result in root.glob("*/apps/*/" + RESULT):
        folder = result.parent
        try:
            out.append((result.stat().st_mtime, _folder_size(folder), folder))
        except OSError:
            continue
    return out


def total_size(root: Path) -> int:
    """Bytes held by finished app builds under a cache root."""
    return sum(size for _, size, _ in _entries(root))


def evict(root: Path, cap: int) -> int:
    """Remove least recently used app builds until they hold at most 90% of ``cap``; returns the size left."""
    entries = sorted(_entries(root))
    total = sum(size for _, size, _ in entries)
    if total <= cap:
        return total
    target = int(cap * 0.9)
    removed = 0
    for _, size, folder in entries:
        if total <= target:
            break
        _remove(folder)
        total -= size
        removed += 1
    log.info("cache over %d MiB: evicted %d least recently used build(s), %d MiB left", cap >> 20, removed,
             total >> 20)
    return total
