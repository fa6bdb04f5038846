"""The distributed executor: builds run by RQ workers on any number of machines, through Redis.

Start Redis where every machine reaches it, point every build machine's ``SIM_CACHE_DIR`` at
one shared directory, and run ``rq worker --url redis://HOST:6379/0 sim-builds`` on each;
``sim serve --build-backend redis://HOST:6379/0`` then sends builds there instead of compiling
in-process. The fair queue stays in the web process (``simulator.buildservice.scheduler``): it
hands RQ at most as many builds at once as it has slots, so Redis never holds a flood. Results
are small JSON dicts; the compiled files live in the shared content-addressed cache, written
atomically, so any web server can serve them. A cancelled build is removed from the queue or
stopped on its worker (RQ's stop-job command kills the work horse).
"""

from __future__ import annotations

import threading
import time
from typing import Any

from simulator.buildservice.request import BuildRequest

QUEUE_NAME = "sim-builds"


class RQExecutor:
    def __init__(self, redis_url: str, grace_seconds: int = 30) -> None:
        from redis import Redis
        from rq import Queue

        self._redis = Redis.from_url(redis_url)
        self._queue = Queue(QUEUE_NAME, connection=self._redis)
        self.grace_seconds = grace_seconds

    def __call__(self, request: BuildRequest, seconds: float, cancel: threading.Event) -> dict[str, Any]:
        key = request.key()
        job = self._queue.enqueue(
            "simulator.buildservice.job.execute_payload",
            request.to_payload(),
            seconds=seconds,
            job_timeout=int(seconds + self.grace_seconds),
            result_ttl=600,
            failure_ttl=600,
        )
        delay = 0.02
        deadline = time.monotonic() + seconds + 2 * self.grace_seconds
        while True:
            status = job.get_status(refresh=True)
            if status == "finished":
                return job.return_value()
            if status in ("failed", "stopped", "canceled"):
                return {"ok": False, "key": key, "diagnostics": [], "log": "", "cancelled": cancel.is_set(),
                        "error": f"the build worker reported the job as {status}"}
            if cancel.is_set() or time.monotonic() > deadline:
                self._stop(job, status)
                return {"ok": False, "key": key, "diagnostics": [], "log": "", "cancelled": cancel.is_set(),
                        "error": "cancelled" if cancel.is_set() else "no build worker answered in time"}
            cancel.wait(delay)
            delay = min(delay * 1.5, 0.25)

    def _stop(self, job: Any, status: Any) -> None:
        from rq.command import send_stop_job_command

        try:
            if status == "started":
                send_stop_job_command(self._redis, job.id)
            else:
                job.cancel()
        except Exception:  # already finished or gone: nothing to stop
            pass

    def close(self) -> None:
        self._redis.close()
