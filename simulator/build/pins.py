"""A board's pin numbers by name (kept for the server's ``/api/pins``; the board profiles in
simulator.build.boards are the source)."""

from __future__ import annotations

from simulator.build import boards


def pin_table(board: str = boards.DEFAULT_BOARD) -> dict[str, int]:
    return dict(sorted(boards.get(board).pins.items()))
