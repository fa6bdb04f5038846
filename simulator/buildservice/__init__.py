"""Builds for many untrusted clients: request validation, rate limits, a fair bounded queue, executors.

``simulator.build`` compiles one app; this package decides *whether*, *when* and *in which
order* a client's request is compiled (``scheduler.FairScheduler``), and where (threads of this
process, or build machines through a Redis-backed RQ queue). See docs/classroom-server.md.
"""

from simulator.buildservice.backend import Busy
from simulator.buildservice.ratelimit import RateLimiter
from simulator.buildservice.request import BuildRequest, RequestLimits, parse_request
from simulator.buildservice.scheduler import (AddressBusy, BudgetExceeded, FairScheduler, Job, LocalExecutor,
                                              SchedulerConfig)

__all__ = [
    "AddressBusy",
    "BudgetExceeded",
    "BuildRequest",
    "Busy",
    "FairScheduler",
    "Job",
    "LocalExecutor",
    "RateLimiter",
    "RequestLimits",
    "SchedulerConfig",
    "parse_request",
]
