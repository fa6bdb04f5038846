"""Defaults of every server setting (Flask config keys), overridable by ``create_app(test_config)``
and by ``sim serve`` options. Documented in docs/classroom-server.md."""

from __future__ import annotations

DEFAULTS: dict[str, object] = {
    # builds
    "SIM_BUILD_WORKERS": 2,  # parallel builds
    "SIM_BUILD_QUEUE": 32,  # waiting builds in all, then "busy"
    "SIM_BUILD_BACKEND": None,  # redis://HOST:PORT/DB: builds run on RQ workers
    "SIM_REQUEST_SECONDS": 60.0,  # wall time of one build request (all its compiler runs)
    "SIM_BUDGET_SECONDS": 180.0,  # compile seconds a browser may bank
    "SIM_BUDGET_REFILL": 0.25,  # compile seconds earned per second
    "SIM_BUILD_RATE": 1.0,  # build requests per second per browser (token bucket)...
    "SIM_BUILD_BURST": 5,  # ...with this burst
    # one network address (a classroom behind a NAT shares one: raise these there)
    "SIM_PER_ADDRESS_BUILDS": 16,  # waiting + running builds
    "SIM_PER_ADDRESS_CONNECTIONS": 64,  # open sockets
    # drawings
    "SIM_DIGIT_RATE": 10.0,  # drawings per second per browser...
    "SIM_DIGIT_BURST": 20,  # ...with this burst
    "SIM_DRAWING_CPU_SECONDS": 0.5,  # CPU seconds of rasterizing a browser may bank (a drawing: ~1 ms)...
    "SIM_DRAWING_CPU_REFILL": 0.05,  # ...refilled at this rate per second
    "SIM_DRAWING_WORKERS": 1,  # threads that rasterize (off the socket threads)
    # the wire
    "SIM_MAX_MESSAGE_BYTES": 2 << 20,  # one Socket.IO frame, and a whole message with attachments
    "SIM_MAX_ATTACHMENTS": 1,  # binary attachments per message (a drawing's PNG)
    "SIM_MAX_BACKLOG": 64,
    "SIM_MAX_READ_AHEAD": 16,  # messages read from one socket and not yet handled before it is dropped
    # what one connection may send (past the bursts, faster means disconnected)
    "SIM_INBOUND_BYTES_PER_SECOND": 256 << 10,
    "SIM_INBOUND_BYTE_BURST": 3 << 19,  # 1.5 MiB: the largest build request (512 KiB of sources, escaped)
    "SIM_INBOUND_MESSAGES_PER_SECOND": 20.0,
    "SIM_INBOUND_MESSAGE_BURST": 60,  # replies waiting to be sent to one socket before it is dropped
    "SIM_PING_INTERVAL": 15,
    "SIM_PING_TIMEOUT": 10,
    "SIM_ALLOWED_ORIGINS": None,  # list of origins that may open a socket; None: this server's own
    "SIM_ALLOWED_HOSTS": None,  # Host names a page may use (sim serve on loopback: loopback names only)
    "SIM_MESSAGE_QUEUE": None,  # redis://...: Socket.IO state shared by several web processes
    "SIM_PROXY_HOPS": 0,  # trusted reverse proxies in front (X-Forwarded-For/-Proto/-Host)
    "SIM_ASYNC_MODE": "threading",  # sim serve: "gevent" (gunicorn's gevent worker)
    "SIM_UNBUNDLED": False,  # serve static/js's modules as they are (sim serve --unbundled)
    # tests only: a callable(request, seconds, cancel) -> result instead of real builds
    "SIM_EXECUTOR": None,
}
