"""A real `sim serve` on a free loopback port, shared by the browser and server tests."""

from __future__ import annotations

import json
import os
import socket
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`sim serve` in a child process; its output goes to a file (``log()``), never a pipe that could fill."""

    def __init__(self, extra_args: list[str] | None = None, env: dict[str, str] | None = None,
                 host: str = "127.0.0.1") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        exe = Path(sys.executable).with_name("sim")
        self.log_file = tempfile.NamedTemporaryFile(prefix="sim-serve-", suffix=".log", delete=False)
        self.proc = subprocess.Popen([str(exe), "serve", "--host", host, "--port", str(self.port), *(extra_args or [])],
                                     stdout=self.log_file, stderr=subprocess.STDOUT, text=True,
                                     env={**os.environ, **(env or {})})

    def log(self) -> str:
        return Path(self.log_file.name).read_text(errors="replace")

    def worker_pid(self) -> int:
        """The gunicorn worker (the process that holds the connections and builds)."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            kids = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
            if kids:
                return int(kids[0])
            time.sleep(0.1)
        raise RuntimeError("no gunicorn worker")

    def rss_mib(self) -> float:
        for line in Path(f"/proc/{self.worker_pid()}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def descendants(self) -> list[int]:
        """Every process below the worker (compilers, sandboxes)."""
        out, todo = [], [self.worker_pid()]
        while todo:
            pid = todo.pop()
            try:
                for task in Path(f"/proc/{pid}/task").iterdir():
                    kids = [int(k) for k in (task / "children").read_text().split()]
                    out += kids
                    todo += kids
            except OSError:
                continue
        return out

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url + path, timeout=10) as r:
            return r.read()

    def wait_ready(self, timeout: float = 600) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"sim serve exited: {self.log()}")
            try:
                info = json.loads(self.get("/api/default"))
                if info["state"] != "building":
                    assert info["state"] == "ready", info
                    return info
            except OSError:
                pass
            time.sleep(0.3)
        raise TimeoutError("the default demo did not build in time")

    def stop(self) -> str:
        # SIGINT, as Ctrl-C in a terminal: gunicorn's quick shutdown. SIGTERM is its graceful one,
        # which waits up to graceful_timeout (10 s) for open connections, and a page's Socket.IO
        # connection stays open until the page goes.
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        out = self.log()
        Path(self.log_file.name).unlink(missing_ok=True)
        return out


@pytest.fixture(scope="session")
def server():
    srv = Server()
    try:
        srv.wait_ready()
        yield srv
    finally:
        srv.stop()
