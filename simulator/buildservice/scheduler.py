"""Fair build scheduling for a classroom: nobody's builds can make anybody else wait long.

Who is who: a *client* is one browser (the id its page keeps in localStorage and sends when
it connects, so it survives reconnecting), a *connection* is one socket of it, an *address*
is where connections come from (a whole classroom behind a NAT may share one).

Rules, each against one way a student could starve the others:

* **One waiting build per connection.** A new request from a connection replaces the one it
  still has waiting (that one is answered "replaced"); a flood from one socket is one build.
* **One running build per client.** A client's next build waits while its previous one runs
  if anybody else is waiting, so one browser never holds two workers.
* **Least-used first.** When a worker is free it takes the waiting build whose client used
  the fewest compile seconds recently (ties: first come). A newcomer therefore waits at most
  for the builds already running, i.e. one build's time, whatever others queued.
* **A budget of compile seconds per client** (not a count of builds): a bucket of
  ``budget_seconds`` refilled at ``refill_per_second``, charged with each build's wall time.
  A client in debt is told how long to wait. Spinning the compiler until the time limit
  costs 60 s of budget; ordinary builds cost 2-5 s.
* **Per-address caps** on waiting + running builds, configurable for a classroom NAT.
* **Cancel when the client leaves.** ``cancel_connection`` drops its waiting build and kills
  its running one (the compilers' process group, through ``sandbox.request_budget``).
* **One wall-time limit per request**, covering all of its compiler runs.
* **A bounded queue** overall: past ``max_queue`` waiting builds, new ones hear "busy".

Builds run through an *executor*: ``LocalExecutor`` (threads of this process) or
``simulator.buildservice.rq_backend.RQExecutor`` (RQ workers on other machines); the queue
and its fairness live here in front of both.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from simulator.buildservice.backend import Busy
from simulator.buildservice.request import BuildRequest
from simulator.errors import UserError

log = logging.getLogger("sim.scheduler")


class BudgetExceeded(UserError):
    """The client has used its compile seconds; the message says how long to wait."""


class AddressBusy(UserError):
    """Too many builds from one network address."""


@dataclass(frozen=True)
class SchedulerConfig:
    workers: int = 2
    max_queue: int = 32
    per_address: int = 16  # waiting + running builds from one address (raise it for a classroom NAT)
    budget_seconds: float = 180.0
    refill_per_second: float = 0.25
    request_seconds: float = 60.0
    max_clients: int = 10000  # budgets remembered (the stalest are forgotten past this)


class Executor(Protocol):
    def __call__(self, request: BuildRequest, seconds: float, cancel: threading.Event) -> dict[str, Any]: ...


class LocalExecutor:
    """Runs a build in the calling worker thread of this process."""

    def __call__(self, request: BuildRequest, seconds: float, cancel: threading.Event) -> dict[str, Any]:
        from simulator.buildservice.job import execute

        return execute(request, seconds=seconds, cancel=cancel)


_ids = itertools.count(1)


@dataclass(eq=False)
class Job:
    request: BuildRequest
    client: str
    conn: str
    address: str
    enqueued: float
    seq: int = field(default_factory=lambda: next(_ids))
    state: str = "queued"  # queued | running | done
    result: dict[str, Any] | None = None
    cancel: threading.Event = field(default_factory=threading.Event)
    _done: threading.Event = field(default_factory=threading.Event)
    _scheduler: "FairScheduler | None" = None

    @property
    def key(self) -> str:
        return self.request.key()

    def position(self) -> int:
        """Builds that will start before this one (0: running or done)."""
        return self._scheduler._position(self) if self._scheduler else 0

    def wait(self, timeout: float | None = None) -> dict[str, Any]:
        if not self._done.wait(timeout):
            raise TimeoutError(f"build {self.key[:12]} not finished after {timeout} s")
        assert self.result is not None
        return self.result

    def _finish(self, result: dict[str, Any]) -> None:
        self.result = result
        self.state = "done"
        self._done.set()


@dataclass
class _Client:
    tokens: float
    stamp: float
    running: int = 0


class FairScheduler:
    def __init__(self, executor: Executor | None = None, config: SchedulerConfig = SchedulerConfig(),
                 clock: Callable[[], float] = time.monotonic, recent: int = 256,
                 still_valid: Callable[[dict[str, Any]], bool] | None = None) -> None:
        self.config = config
        self._executor = executor or LocalExecutor()
        self._clock = clock
        self._lock = threading.Condition()
        self._queued: list[Job] = []
        self._running: set[Job] = set()
        self._by_conn: dict[str, Job] = {}  # the waiting job of each connection
        self._clients: OrderedDict[str, _Client] = OrderedDict()
        self._recent: OrderedDict[str, dict[str, Any]] = OrderedDict()  # request key -> successful result
        self._recent_size = recent
        self._still_valid = still_valid
        self._closed = False
        self._threads = [threading.Thread(target=self._worker, name=f"build-{i}", daemon=True)
                         for i in range(config.workers)]
        for t in self._threads:
            t.start()

    # --- clients' budgets ------------------------------------------------------------------

    def _client(self, key: str) -> _Client:
        now = self._clock()
        c = self._clients.get(key)
        if c is None:
            if len(self._clients) >= self.config.max_clients:
                for stale, state in list(self._clients.items()):
                    if state.running == 0:
                        del self._clients[stale]
                        break
            c = self._clients[key] = _Client(self.config.budget_seconds, now)
        else:
            self._clients.move_to_end(key)
        c.tokens = min(self.config.budget_seconds, c.tokens + (now - c.stamp) * self.config.refill_per_second)
        c.stamp = now
        return c

    def usage(self, client: str) -> float:
        """Compile seconds the client used recently (its priority: fewer goes first)."""
        with self._lock:
            return self.config.budget_seconds - self._client(client).tokens

    # --- submitting and cancelling --------------------------------------------------------

    def submit(self, request: BuildRequest, client: str = "local", conn: str = "local",
               address: str = "local") -> Job:
        job = Job(request, client, conn, address, self._clock(), _scheduler=self)
        with self._lock:
            if self._closed:
                raise Busy(0, 0)
            recent = self._recent.get(request.key())
            if recent is not None and (self._still_valid is None or self._still_valid(recent)):
                self._recent.move_to_end(request.key())
                job._finish({**recent, "cache_hit": True, "seconds": 0.0})
                return job
            c = self._client(client)
            if c.tokens <= 0:
                wait = -c.tokens / self.config.refill_per_second + 1
                raise BudgetExceeded(f"you have used your compile time for now: try again in {wait:.0f} s")
            replaced = self._by_conn.pop(conn, None)
            if replaced is not None and replaced.state == "queued":
                self._queued.remove(replaced)
                replaced._finish(_answer(replaced, "replaced by your newer build", replaced=True))
            from_address = sum(1 for j in (*self._queued, *self._running) if j.address == address)
            if from_address >= self.config.per_address:
                raise AddressBusy(f"{from_address} builds are already waiting or running from your network "
                                  f"address (limit {self.config.per_address}): try again in a few seconds")
            if len(self._queued) >= self.config.max_queue:
                raise Busy(len(self._queued), self.config.max_queue)
            self._queued.append(job)
            self._by_conn[conn] = job
            self._lock.notify()
        return job

    def cancel_connection(self, conn: str) -> int:
        """The client left: drop its waiting build and stop its running ones. Returns how many."""
        n = 0
        with self._lock:
            job = self._by_conn.pop(conn, None)
            if job is not None and job.state == "queued":
                self._queued.remove(job)
                job._finish(_answer(job, "cancelled: the client left", cancelled=True))
                n += 1
            for job in self._running:
                if job.conn == conn and not job.cancel.is_set():
                    job.cancel.set()
                    n += 1
        return n

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for job in self._queued:
                job._finish(_answer(job, "the server is stopping", cancelled=True))
            self._queued.clear()
            for job in self._running:
                job.cancel.set()
            self._lock.notify_all()

    # --- the queue ----------------------------------------------------------------------------

    def _order(self) -> list[Job]:
        """Waiting jobs in the order they would start (caller holds the lock)."""
        return sorted(self._queued, key=lambda j: (self._client(j.client).running > 0,
                                                   self.config.budget_seconds - self._client(j.client).tokens,
                                                   j.enqueued, j.seq))

    def _position(self, job: Job) -> int:
        with self._lock:
            if job.state != "queued":
                return 0
            order = self._order()
            return order.index(job) + 1 if job in order else 0

    def _next(self) -> Job | None:
        with self._lock:
            while not self._closed:
                if self._queued:
                    job = self._order()[0]
                    self._queued.remove(job)
                    if self._by_conn.get(job.conn) is job:
                        del self._by_conn[job.conn]
                    job.state = "running"
                    self._running.add(job)
                    self._client(job.client).running += 1
                    return job
                self._lock.wait()
            return None

    def _worker(self) -> None:
        while (job := self._next()) is not None:
            start = self._clock()
            try:
                result = self._executor(job.request, self.config.request_seconds, job.cancel)
            except Exception as exc:  # the executor must answer; a bug must not kill the worker
                log.error("build %s: executor failed: %s: %s", job.key[:12], type(exc).__name__, str(exc)[:200])
                result = _answer(job, "the build failed inside the server (not your program); try again later")
            if job.cancel.is_set() and not result.get("ok"):
                result = {**result, "cancelled": True}
            elapsed = self._clock() - start
            with self._lock:
                self._running.discard(job)
                c = self._client(job.client)
                c.running -= 1
                if not result.get("cache_hit"):
                    c.tokens -= elapsed
                if result.get("ok"):
                    self._recent[job.key] = {k: v for k, v in result.items() if k != "cancelled"}
                    self._recent.move_to_end(job.key)
                    while len(self._recent) > self._recent_size:
                        self._recent.popitem(last=False)
                self._lock.notify_all()
            job._finish(result)

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {"queued": len(self._queued), "running": len(self._running), "clients": len(self._clients)}


def _answer(job: Job, message: str, **flags: bool) -> dict[str, Any]:
    return {"ok": False, "key": job.key, "diagnostics": [], "log": "", "error": message, **flags}
