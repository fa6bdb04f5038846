"""Builds for many untrusted clients: request validation, rate limits, a bounded queue, backends.

``simulator.build`` compiles one app; this package decides *whether* and *when* a client's
request is compiled, and where (in this process's worker pool, or on build machines through
a Redis-backed RQ queue). See docs/classroom-server.md.
"""

from simulator.buildservice.backend import Backend, Busy, Ticket
from simulator.buildservice.local import LocalBackend
from simulator.buildservice.ratelimit import RateLimiter
from simulator.buildservice.request import BuildRequest, RequestLimits, parse_request

__all__ = [
    "Backend",
    "BuildRequest",
    "Busy",
    "LocalBackend",
    "RateLimiter",
    "RequestLimits",
    "Ticket",
    "parse_request",
]
