"""Drawings -> 28x28 digits, off the socket threads, within a CPU budget per browser.

The harness bounds one drawing to what a person draws (``simulator.harness``: points, strokes,
pen width, canvas size, rasterized at most 280 px a side), so one costs at most ~60 ms of CPU.
Here: a few rasterizer threads serve connections in turn (round robin, so a connection with
many drawings waits behind everyone else's one), each connection has at most
``max_inflight`` drawings waiting or running, and each browser a bucket of CPU seconds charged
with the CPU time its drawings actually took.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from concurrent.futures import Future
from typing import Any, Callable

from simulator.errors import UserError


class DrawingRefused(UserError):
    pass


def _off_the_event_loop(fn: Callable[..., Any], *args: Any) -> Any:
    """Under gevent (``sim serve``) the workers here are greenlets sharing one OS thread with every
    connection: run the CPU work in gevent's pool of real threads, so the event loop keeps serving
    (Python switches threads every few milliseconds). Without gevent, just call it."""
    try:
        from gevent import monkey

        if monkey.is_module_patched("threading"):
            import gevent

            return gevent.get_hub().threadpool.apply(fn, args)
    except ImportError:
        pass
    return fn(*args)


class DrawingService:
    def __init__(self, workers: int = 1, cpu_seconds: float = 0.5, refill_per_second: float = 0.05,
                 max_inflight: int = 2, clock: Callable[[], float] = time.monotonic, max_clients: int = 10000) -> None:
        self.cpu_seconds = cpu_seconds
        self.refill = refill_per_second
        self.max_inflight = max_inflight
        self._clock = clock
        self._max_clients = max_clients
        self._cond = threading.Condition()
        self._pending: dict[str, deque[tuple[str, Any, Future[Any]]]] = {}
        self._turns: deque[str] = deque()  # connections with pending drawings, in serving order
        self._inflight: dict[str, int] = {}
        self._budget: OrderedDict[str, list[float]] = OrderedDict()  # client -> [tokens, stamp]
        self._closed = False
        self._threads = [threading.Thread(target=self._work, name=f"drawing-{i}", daemon=True) for i in range(workers)]
        for t in self._threads:
            t.start()

    def _tokens(self, client: str) -> list[float]:
        now = self._clock()
        b = self._budget.get(client)
        if b is None:
            if len(self._budget) >= self._max_clients:
                self._budget.popitem(last=False)
            b = self._budget[client] = [self.cpu_seconds, now]
        else:
            self._budget.move_to_end(client)
        b[0] = min(self.cpu_seconds, b[0] + (now - b[1]) * self.refill)
        b[1] = now
        return b

    def submit(self, client: str, conn: str, payload: Any) -> Future[Any]:
        """Queue a drawing; the future gives the 28x28 uint8 digit (or raises the harness's error)."""
        future: Future[Any] = Future()
        with self._cond:
            if self._closed:
                raise DrawingRefused("the server is stopping")
            if self._tokens(client)[0] <= 0:
                raise DrawingRefused("too much drawing work at once: slow down for a few seconds")
            if self._inflight.get(conn, 0) >= self.max_inflight:
                raise DrawingRefused("too many drawings at once: wait for the answer before sending the next")
            self._inflight[conn] = self._inflight.get(conn, 0) + 1
            queue = self._pending.setdefault(conn, deque())
            if not queue:
                self._turns.append(conn)
            queue.append((client, payload, future))
            self._cond.notify()
        return future

    def cancel_connection(self, conn: str) -> None:
        with self._cond:
            for _, _, future in self._pending.pop(conn, ()):
                future.cancel()
            self._inflight.pop(conn, None)
            try:
                self._turns.remove(conn)
            except ValueError:
                pass

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def _take(self) -> tuple[str, str, Any, Future[Any]] | None:
        with self._cond:
            while not self._closed:
                while self._turns:
                    conn = self._turns.popleft()
                    queue = self._pending.get(conn)
                    if not queue:
                        self._pending.pop(conn, None)
                        continue
                    client, payload, future = queue.popleft()
                    if queue:
                        self._turns.append(conn)  # its next drawing waits for everyone else's turn
                    else:
                        del self._pending[conn]
                    return conn, client, payload, future
                self._cond.wait()
            return None

    def _work(self) -> None:
        from simulator.harness import canvas_to_image

        def measured(payload: Any) -> tuple[Any, BaseException | None, float]:
            start = time.thread_time()
            try:
                return canvas_to_image(payload), None, time.thread_time() - start
            except Exception as exc:  # the handler turns it into a message
                return None, exc, time.thread_time() - start

        while (item := self._take()) is not None:
            conn, client, payload, future = item
            if not future.set_running_or_notify_cancel():
                continue
            digit, error, spent = _off_the_event_loop(measured, payload)
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(digit)
            with self._cond:
                self._tokens(client)[0] -= spent
                if conn in self._inflight:
                    self._inflight[conn] -= 1
                    if self._inflight[conn] <= 0:
                        del self._inflight[conn]
