"""A bounded classroom load on loopback, under attack: 30 Socket.IO students (5 of them building
distinct programs) while 5 attackers flood builds, drawings, junk frames and attachment bombs and
hold sockets they never read. Correctness is asserted (no lost or crossed replies, server memory
bounded); the timing figures are printed, not asserted (the full run, clean vs hostile, is
bench/load_test.py; figures in docs/classroom-server.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from load_test import run  # noqa: E402


def test_students_under_attack_lose_nothing_and_memory_stays_bounded():
    r = run(students=30, builders=5, attackers=5, seconds=20)
    print(r)
    assert r["lost"] == 0 and r["crossed"] == 0, r["errors"]
    assert r["replies"] == 35
    assert r["rss_peak_mib"] - r["rss_before_mib"] < 150, r
    assert r["rss_after_mib"] - r["rss_before_mib"] < 80, r
