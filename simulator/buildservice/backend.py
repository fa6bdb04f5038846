"""What every scheduler refusal shares."""

from __future__ import annotations

from simulator.errors import UserError


class Busy(UserError):
    """The queue is full: the client should try again later."""

    def __init__(self, waiting: int, limit: int) -> None:
        super().__init__(f"the build server is busy ({waiting} builds waiting, limit {limit}): try again in a few seconds")
        self.waiting = waiting
