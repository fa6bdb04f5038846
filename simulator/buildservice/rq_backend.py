"""The distributed backend: builds queued in Redis and run by RQ workers on any number of machines.

Start Redis where every machine reaches it, point every build machine's ``SIM_CACHE_DIR`` at
one shared directory, and run ``rq worker --url redis://HOST:6379/0 sim-builds`` on each;
``sim serve --build-backend redis://HOST:6379/0`` then queues builds there instead of
compiling in-process. Results are small JSON dicts; the compiled files live in the shared
content-addressed cache, written atomically, so any web server can serve them.
"""

from __future__ import annotations

import time
from typing import Any

from simulator.buildservice.backend import Busy
from simulator.buildservice.request import BuildRequest

QUEUE_NAME = "sim-builds"


class RQTicket:
    def __init__(self, job: Any, key: str) -> None:
        self._job = job
        self.key = key

    def position(self) -> int:
        pos = self._job.get_position()
        return 0 if pos is None else pos + 1

    def wait(self, timeout: float | None = None) -> dict[str, Any]:
        deadline = None if timeout is None else time.monotonic() + timeout
        delay = 0.02
        while True:
            status = self._job.get_status(refresh=True)
            if status == "finished":
                return self._job.return_value()
            if status in ("failed", "stopped", "canceled"):
                return {"ok": False, "key": self.key, "diagnostics": [], "log": "",
                        "error": f"the build worker reported the job as {status}"}
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"build {self.key[:12]} not finished after {timeout} s")
            time.sleep(delay)
            delay = min(delay * 1.5, 0.25)


class RQBackend:
    def __init__(self, redis_url: str, max_queue: int = 64, job_timeout: int = 120) -> None:
        from redis import Redis
        from rq import Queue

        self._redis = Redis.from_url(redis_url)
        self._queue = Queue(QUEUE_NAME, connection=self._redis)
        self.max_queue = max_queue
        self.job_timeout = job_timeout

    def submit(self, request: BuildRequest) -> RQTicket:
        waiting = self._queue.count
        if waiting >= self.max_queue:
            raise Busy(waiting, self.max_queue)
        key = request.key()
        job = self._queue.enqueue(
            "simulator.buildservice.job.execute_payload",
            {"files": request.files, "target": request.target, "main": request.main},
            job_timeout=self.job_timeout,
            result_ttl=600,
            failure_ttl=600,
        )
        return RQTicket(job, key)

    def close(self) -> None:
        self._redis.close()
