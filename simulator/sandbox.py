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

* **One budget per request** (``request_budget``): every process run while a budget is active
  gets at most what is left of the request's wall time, and is killed at once when the
  request is cancelled (its client left), so a request of eight files cannot hold a worker
  for eight time limits.

Why bubblewrap and not a separate user or a container: it is a Debian package, needs no
daemon or configuration, works for root and for unprivileged users (user namespaces), and
gives a mount namespace in which the forbidden files simply do not exist -- which is what
stops include tricks, rather than permission checks that root would bypass.

**Fail closed.** Where bubblewrap cannot create namespaces (inside Docker, under Ubuntu's
user-namespace restriction, ``SIM_SANDBOX=0``) a sandboxed run raises ``SandboxUnavailable``
instead of quietly running unsandboxed, unless unsandboxed runs were allowed explicitly
(``allow_unsandboxed()``, or ``SIM_ALLOW_UNSANDBOXED=1`` for build workers). ``sim serve``
decides that at start and logs which isolation is active (see ``status()``).
"""

from __future__ import annotations

import contextlib
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
from typing import IO, Iterator, Sequence

from simulator.errors import UserError

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
    cancelled: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out and not self.cancelled

    @property
    def deterministic(self) -> bool:
        """Would the same input give the same outcome again? Not after a timeout, a cancel or a
        signal (CPU limit, kill): those depend on the machine's load, so they must not be cached."""
        return not (self.timed_out or self.cancelled or self.killed_by_signal)

    @property
    def killed_by_signal(self) -> bool:
        # bwrap reports a child killed by signal N as exit status 128 + N, like a shell.
        return self.returncode < 0 or (self.sandboxed and self.returncode - 128 in (signal.SIGXCPU, signal.SIGKILL,
                                                                                    signal.SIGSEGV, signal.SIGBUS))


class SandboxUnavailable(UserError):
    """A sandboxed run was asked for where the sandbox does not work, and unsandboxed runs are not allowed."""


@dataclass(frozen=True)
class Status:
    """Which isolation this process gets for untrusted runs."""

    available: bool
    detail: str  # why not, or what is isolated

    def describe(self) -> str:
        if self.available:
            return "bubblewrap (private mount, network, PID, IPC and UTS namespaces; resource limits)"
        return f"NONE: bubblewrap does not work here ({self.detail}); only resource limits apply"


@functools.lru_cache(maxsize=1)
def status() -> Status:
    """Probe once per process whether ``bwrap`` exists and can create namespaces here."""
    if os.environ.get("SIM_SANDBOX", "").lower() in ("0", "off", "none"):
        return Status(False, "turned off by SIM_SANDBOX=0")
    if not shutil.which("bwrap"):
        return Status(False, "bwrap is not installed (Debian package bubblewrap)")
    try:
        probe = subprocess.run([*_bwrap_prefix([], [], {}), "/bin/true"], capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Status(False, f"bwrap did not run: {type(exc).__name__}")
    if probe.returncode != 0:
        why = probe.stderr.decode("utf-8", "replace").strip().splitlines()
        return Status(False, (why[-1] if why else f"exit status {probe.returncode}")[:200])
    return Status(True, "")


def bubblewrap_available() -> bool:
    """True when ``bwrap`` exists and can create namespaces here (probed once per process)."""
    return status().available


_allow_unsandboxed = os.environ.get("SIM_ALLOW_UNSANDBOXED", "") == "1"


def allow_unsandboxed(allowed: bool = True) -> None:
    """Let sandboxed runs fall back to running without bubblewrap (resource limits only)."""
    global _allow_unsandboxed
    _allow_unsandboxed = allowed


def unsandboxed_allowed() -> bool:
    return _allow_unsandboxed


@dataclass
class Budget:
    """Wall time and cancellation shared by every process one request runs."""

    deadline: float
    cancel: threading.Event = field(default_factory=threading.Event)
    seconds: float = 0.0

    def remaining(self) -> float:
        return self.deadline - time.monotonic()


_local = threading.local()


@contextlib.contextmanager
def request_budget(seconds: float, cancel: threading.Event | None = None) -> Iterator[Budget]:
    """Within this block (in this thread) every ``run`` shares one wall-time budget and one cancel flag."""
    budget = Budget(time.monotonic() + seconds, cancel or threading.Event(), seconds)
    previous = getattr(_local, "budget", None)
    _local.budget = budget
    try:
        yield budget
    finally:
        _local.budget = previous


def current_budget() -> Budget | None:
    return getattr(_local, "budget", None)


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
    """Run ``argv`` in ``cwd`` under the limits; inside bubblewrap when ``sandbox``.

    Paths keep their names inside the sandbox, so command lines need no translation.
    ``cwd`` is always writable. Raises ``SandboxUnavailable`` if ``sandbox`` is asked for, bubblewrap
    does not work here and unsandboxed runs were not allowed.
    """
    env = dict(env or {})
    env.setdefault("PATH", "/usr/bin:/bin")
    env.setdefault("HOME", "/tmp")
    env.setdefault("TMPDIR", "/tmp")
    use_bwrap = sandbox and bubblewrap_available()
    if sandbox and not use_bwrap and not _allow_unsandboxed:
        raise SandboxUnavailable("the build sandbox does not work on this server, so untrusted code is not "
                                 "compiled (the administrator's log says why)")
    budget = current_budget()
    wall = limits.wall_seconds
    if budget is not None:
        if budget.cancel.is_set():
            return RunResult(list(argv), -signal.SIGKILL, "", "", 0.0, cancelled=True, sandboxed=use_bwrap,
                             notes=["cancelled"])
        wall = min(wall, budget.remaining())
        if wall <= 0:
            return RunResult(list(argv), -signal.SIGKILL, "", "", 0.0, timed_out=True, sandboxed=use_bwrap,
                             notes=[f"stopped after {budget.seconds:g} s (time limit for the whole build)"])
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
    timed_out = cancelled = False
    deadline = start + wall
    try:
        while True:  # short waits, so a cancel is noticed within 0.1 s
            try:
                proc.wait(timeout=max(0.0, min(0.1, deadline - time.monotonic())))
                break
            except subprocess.TimeoutExpired:
                if budget is not None and budget.cancel.is_set():
                    cancelled = True
                    break
                if time.monotonic() >= deadline:
                    timed_out = True
                    break
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
        cancelled=cancelled,
    )
    if cancelled:
        result.notes.append("cancelled")
    elif timed_out and budget is not None and wall < limits.wall_seconds:
        result.notes.append(f"stopped after {budget.seconds:g} s (time limit for the whole build)")
    elif timed_out:
        result.notes.append(f"stopped after {limits.wall_seconds:g} s (time limit)")
    if result.killed_by_signal and not (timed_out or cancelled):
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
