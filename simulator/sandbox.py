"""Run a compiler (or any tool) on untrusted input with bounded resources and a private view of the disk.

Layers, each independent of the others:

* **Filesystem view** (bubblewrap, when it works on this machine): the process sees the
  system's read-only ``/usr`` (compilers, headers), the directories the caller names as
  read-only (firmware headers, precompiled libraries), the build directory as the only
  writable place, and an empty ``/tmp``.  ``/etc``, ``/root``, ``/home``, the server's code and
  other builds do not exist inside, so ``#include "/etc/passwd"`` or ``.incbin`` of a server
  file finds nothing.  Network, IPC, PID and UTS namespaces are private too.
* **Resource limits** (``setrlimit`` in the child): address space, CPU seconds, largest file
  written, open files, core dumps off.
* **Wall-clock limit**: the child runs in its own session; on timeout the whole process group
  is killed (``SIGKILL``), so a compiler's sub-processes die with it.
* **Output cap**: stdout/stderr are read through a bounded buffer; the rest is dropped and
  counted.

Why bubblewrap and not a separate user or a container: it is a Debian package, needs no
daemon or configuration, works for root and for unprivileged users (user namespaces), and
gives a mount namespace in which the forbidden files simply do not exist -- which is what
stops include tricks, rather than permission checks that root would bypass.
"""

from __future__ import annotations

import functools
import os
import resource
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Sequence

#: System folders the toolchains need, mounted read-only when they exist.
SYSTEM_RO = ("/usr", "/etc/alternatives", "/etc/ld.so.cache", "/etc/ssl/certs")
#: Root-level links Debian uses (merged /usr).
SYSTEM_LINKS = {"/bin": "usr/bin", "/sbin": "usr/sbin", "/lib": "usr/lib", "/lib64": "usr/lib64"}


@dataclass(frozen=True)
class Limits:
    """Resource bounds for one sandboxed process tree."""

    wall_seconds: float = 60.0
    cpu_seconds: int = 120
    address_space_bytes: int = 4 << 30
    file_size_bytes: int = 64 << 20
    open_files: int = 256
    output_bytes: int = 256 << 10


@dataclass
class RunResult:
    argv: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool = False
    output_dropped: int = 0
    sandboxed: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


@functools.lru_cache(maxsize=1)
def bubblewrap_available() -> bool:
    """True when ``bwrap`` exists and can create namespaces here (probed once per process)."""
    if os.environ.get("SIM_SANDBOX", "").lower() in ("0", "off", "none"):
        return False
    bwrap = shutil.which("bwrap")
    if not bwrap:
        return False
    try:
        probe = subprocess.run(
            [*_bwrap_prefix([], [], {}), "/bin/true"], capture_output=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def _bwrap_prefix(readonly: Sequence[Path], writable: Sequence[Path], env: dict[str, str]) -> list[str]:
    argv = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--clearenv"]
    for path in SYSTEM_RO:
        argv += ["--ro-bind-try", path, path]
    for link, target in SYSTEM_LINKS.items():
        if os.path.islink(link):
            argv += ["--symlink", target, link]
    argv += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for path in readonly:
        argv += ["--ro-bind", str(path), str(path)]
    for path in writable:
        argv += ["--bind", str(path), str(path)]
    for key, value in env.items():
        argv += ["--setenv", key, value]
    return argv + ["--"]


def _apply_limits(limits: Limits) -> None:  # runs in the child between fork and exec
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_AS, (limits.address_space_bytes, limits.address_space_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_size_bytes, limits.file_size_bytes))
    resource.setrlimit(resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run(
    argv: Sequence[str],
    *,
    cwd: Path,
    readonly: Sequence[Path] = (),
    writable: Sequence[Path] = (),
    env: dict[str, str] | None = None,
    limits: Limits = Limits(),
    sandbox: bool = True,
) -> RunResult:
    """Run ``argv`` in ``cwd`` under the limits; inside bubblewrap when ``sandbox`` and available.

    Paths keep their names inside the sandbox, so command lines need no translation.
    ``cwd`` is always writable.
    """
    env = dict(env or {})
    env.setdefault("PATH", "/usr/bin:/bin")
    env.setdefault("HOME", "/tmp")
    env.setdefault("TMPDIR", "/tmp")
    use_bwrap = sandbox and bubblewrap_available()
    full = list(argv)
    if use_bwrap:
        writable = [cwd, *[p for p in writable if Path(p) != cwd]]
        full = [*_bwrap_prefix([Path(p) for p in readonly], [Path(p) for p in writable], env), *argv]
    start = time.monotonic()
    proc = subprocess.Popen(
        full,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=lambda: _apply_limits(limits),
    )
    out: list[bytes] = []
    err: list[bytes] = []
    dropped = [0]
    readers = [
        threading.Thread(target=_drain, args=(proc.stdout, limits.output_bytes, out, dropped), daemon=True),
        threading.Thread(target=_drain, args=(proc.stderr, limits.output_bytes, err, dropped), daemon=True),
    ]
    for t in readers:
        t.start()
    timed_out = False
    try:
        proc.wait(timeout=limits.wall_seconds)
    except subprocess.TimeoutExpired:
        timed_out = True
    finally:
        _kill_group(proc)
    for t in readers:
        t.join(timeout=5)
    result = RunResult(
        argv=list(argv),
        returncode=proc.returncode if proc.returncode is not None else -signal.SIGKILL,
        stdout=b"".join(out).decode("utf-8", "replace"),
        stderr=b"".join(err).decode("utf-8", "replace"),
        seconds=time.monotonic() - start,
        timed_out=timed_out,
        output_dropped=dropped[0],
        sandboxed=use_bwrap,
    )
    if timed_out:
        result.notes.append(f"stopped after {limits.wall_seconds:g} s (time limit)")
    if result.returncode in (-signal.SIGXCPU, -signal.SIGKILL) and not timed_out:
        result.notes.append("stopped by a resource limit (CPU time or memory)")
    if dropped[0]:
        result.notes.append(f"output cut at {limits.output_bytes} bytes ({dropped[0]} more dropped)")
    return result


def _drain(stream: IO[bytes], keep: int, sink: list[bytes], dropped: list[int]) -> None:
    kept = 0
    while chunk := stream.read(65536):
        room = max(0, keep - kept)
        if room:
            sink.append(chunk[:room])
            kept += min(room, len(chunk))
        dropped[0] += max(0, len(chunk) - room)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()
