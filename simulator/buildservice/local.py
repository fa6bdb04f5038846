"""The embedded backend: a small pool of worker threads in the server process, with a bounded queue.

Identical requests in flight share one build (and so one result); a full queue answers
``Busy`` at once instead of piling up work.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

from simulator.buildservice.backend import Busy
from simulator.buildservice.request import BuildRequest

Runner = Callable[[BuildRequest], dict[str, Any]]


class LocalTicket:
    def __init__(self, backend: "LocalBackend", key: str, future: Future[dict[str, Any]]) -> None:
        self.key = key
        self._backend = backend
        self._future = future

    def position(self) -> int:
        return self._backend._position(self.key)

    def wait(self, timeout: float | None = None) -> dict[str, Any]:
        try:
            return self._future.result(timeout=timeout)
        except TimeoutError:
            raise
        except Exception as exc:  # a bug in the builder must not kill the server
            return {"ok": False, "key": self.key, "error": f"internal build error: {type(exc).__name__}: {exc}",
                    "diagnostics": [], "log": ""}


class LocalBackend:
    def __init__(self, workers: int = 2, max_queue: int = 32, runner: Runner | None = None,
                 cache_root: Path | None = None) -> None:
        if runner is None:
            from simulator.buildservice.job import execute

            runner = lambda req: execute(req, cache_root=cache_root)  # noqa: E731
        self._runner = runner
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="build")
        self._lock = threading.Lock()
        self._inflight: "OrderedDict[str, LocalTicket]" = OrderedDict()
        self._running: set[str] = set()
        self.max_queue = max_queue

    def submit(self, request: BuildRequest) -> LocalTicket:
        key = request.key()
        with self._lock:
            if key in self._inflight:
                return self._inflight[key]
            waiting = len(self._inflight) - len(self._running)
            if waiting >= self.max_queue:
                raise Busy(waiting, self.max_queue)
            future = self._pool.submit(self._run, key, request)
            ticket = LocalTicket(self, key, future)
            self._inflight[key] = ticket
            return ticket

    def _run(self, key: str, request: BuildRequest) -> dict[str, Any]:
        with self._lock:
            self._running.add(key)
        try:
            return self._runner(request)
        finally:
            with self._lock:
                self._running.discard(key)
                self._inflight.pop(key, None)

    def _position(self, key: str) -> int:
        with self._lock:
            if key in self._running or key not in self._inflight:
                return 0
            waiting = [k for k in self._inflight if k not in self._running]
            return waiting.index(key) + 1

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
