"""`sim serve` on a production server: gunicorn with its gevent worker (Flask-SocketIO's documented
deployment), WebSockets through simple-websocket.

Why gevent rather than threads: every connection is a greenlet, so 1,000 half-sent requests cost
1,000 small greenlets instead of every thread of a pool (with threads, each open request holds
one, and ``GET /`` waits behind them). The request head has a deadline: gunicorn's gevent worker
reads each request's line and headers inside ``gevent.Timeout(keepalive)``, so a client that
sends half a request is closed after ``http_timeout`` seconds. Compilers are child processes
(cooperative waits), drawings cost at most a few tens of milliseconds each within a per-client
CPU budget.

One gunicorn process serves one set of Socket.IO connections (Socket.IO needs a client's
requests to reach the process holding its session). More processes: run several ``sim serve``
on different ports with the same ``--message-queue redis://...`` behind a proxy with sticky
sessions (docs/classroom-server.md).
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from gunicorn.app.base import BaseApplication

log = logging.getLogger("sim.server")


class SimServer(BaseApplication):  # type: ignore[misc]
    def __init__(self, make_app: Callable[[], Any], options: dict[str, Any]) -> None:
        self._make_app = make_app
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:  # in the worker, after gevent has patched the standard library
        return self._make_app()


def gunicorn_options(host: str, port: int, http_timeout: float, connections: int) -> dict[str, Any]:
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return {
        "bind": [bind],
        "workers": 1,  # one Socket.IO session store per process (more processes: see the docs)
        "worker_class": "gevent",
        "worker_connections": connections,  # open connections this process accepts at once
        "keepalive": max(1, round(http_timeout)),  # deadline for reading a request's head, and idle keep-alive
        "timeout": 120,  # a worker that stops answering the arbiter this long is restarted
        "graceful_timeout": 10,
        "limit_request_line": 4094,
        "limit_request_fields": 64,
        "limit_request_field_size": 8190,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "sim-serve",
    }


def run(make_app: Callable[[], Any], host: str, port: int, http_timeout: float = 5.0,
        connections: int = 2000) -> None:
    SimServer(make_app, gunicorn_options(host, port, http_timeout, connections)).run()
