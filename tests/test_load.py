"""A bounded classroom load on loopback: 50 Socket.IO students, 10 of them building distinct
programs at once. Correctness is asserted (no lost or crossed replies); the timing figures are
printed, not asserted (see bench/load_test.py and docs/classroom-server.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from load_test import run  # noqa: E402


def test_fifty_students_ten_builds_no_lost_or_crossed_replies():
    r = run(students=50, builders=10)
    print(r)
    assert r["lost"] == 0 and r["crossed"] == 0, r["errors"]
    assert r["replies"] == 60
