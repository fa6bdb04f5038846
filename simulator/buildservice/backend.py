"""The interface every build backend offers: submit a request, get a ticket, wait for the result."""

from __future__ import annotations

from typing import Any, Protocol

from simulator.buildservice.request import BuildRequest
from simulator.errors import UserError


class Busy(UserError):
    """The queue is full: the client should try again later."""

    def __init__(self, waiting: int, limit: int) -> None:
        super().__init__(f"the build server is busy ({waiting} builds waiting, limit {limit}): try again in a few seconds")
        self.waiting = waiting


class Ticket(Protocol):
    """One submitted build."""

    key: str

    def position(self) -> int:
        """How many builds are ahead of this one (0: running or done)."""

    def wait(self, timeout: float | None = None) -> dict[str, Any]:
        """The result dict (see ``simulator.buildservice.job.execute``); raises TimeoutError."""


class Backend(Protocol):
    """Where builds run: ``LocalBackend`` (threads in this process) or ``RQBackend`` (build machines)."""

    def submit(self, request: BuildRequest) -> Ticket: ...

    def close(self) -> None: ...
