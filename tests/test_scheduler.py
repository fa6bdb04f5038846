"""The fair build scheduler's rules (issue 13 case 2), with an executor whose builds take as long as
the test says (the real compiler is exercised by test_buildservice.py and test_server_hostile.py)."""

from __future__ import annotations

import threading
import time

import pytest

from simulator.buildservice import AddressBusy, BudgetExceeded, Busy, FairScheduler, SchedulerConfig, parse_request


class Timed:
    """Builds that take `seconds` (or until cancelled), recording the order they start in."""

    def __init__(self, seconds: float = 0.3) -> None:
        self.seconds = seconds
        self.started: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, request, seconds, cancel):
        with self.lock:
            self.started.append(request.files["main.cpp"])
        cancelled = cancel.wait(min(self.seconds, seconds))
        return {"ok": not cancelled, "key": request.key()[:24], "diagnostics": [], "log": ""}


def req(tag: str):
    return parse_request({"source": tag})


def wait_until(cond, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_a_new_build_replaces_the_waiting_one_of_its_connection():
    ex = Timed(0.5)
    s = FairScheduler(ex, SchedulerConfig(workers=1))
    try:
        running = s.submit(req("r"), client="a", conn="a1")
        wait_until(lambda: ex.started)
        first = s.submit(req("q1"), client="a", conn="a1")
        second = s.submit(req("q2"), client="a", conn="a1")
        assert first.wait(1)["replaced"] and second.position() == 1
        assert running.wait(5)["ok"] and second.wait(5)["ok"]
        assert ex.started == ["r", "q2"]
    finally:
        s.close()


def test_a_newcomer_waits_at_most_for_the_running_builds():
    """8 connections of one attacker flood the queue; a student arriving later starts next."""
    ex = Timed(0.4)
    s = FairScheduler(ex, SchedulerConfig(workers=1, max_queue=32))
    try:
        attacker = [s.submit(req(f"atk{i}"), client="attacker", conn=f"c{i}") for i in range(8)]
        wait_until(lambda: ex.started)
        t0 = time.monotonic()
        student = s.submit(req("student"), client="student", conn="s")
        assert student.position() == 1
        student.wait(10)
        assert time.monotonic() - t0 < 0.4 * 2 + 0.3  # the running build, then the student's
        assert ex.started.index("student") == 1
        for j in attacker:
            j.wait(10)
    finally:
        s.close()


def test_least_used_client_goes_first_and_one_running_build_per_client():
    ex = Timed(0.2)
    s = FairScheduler(ex, SchedulerConfig(workers=2))
    try:
        heavy = [s.submit(req(f"h{i}"), client="heavy", conn=f"h{i}") for i in range(4)]
        for j in heavy:
            j.wait(10)
        assert s.usage("heavy") > 0.7
        gate = [s.submit(req(f"g{i}"), client="gate", conn=f"g{i}") for i in range(2)]  # fill both workers
        wait_until(lambda: len(ex.started) == 6)
        late_heavy = s.submit(req("h-late"), client="heavy", conn="hx")
        light = s.submit(req("light"), client="light", conn="l")
        assert light.position() == 1 and late_heavy.position() == 2
        for j in (*gate, late_heavy, light):
            j.wait(10)
        assert ex.started.index("light") < ex.started.index("h-late")
    finally:
        s.close()


def test_budget_of_compile_seconds():
    now = [0.0]

    def costs_0_3_s(request, seconds, cancel):  # a build that takes 0.3 s of the scheduler's clock
        now[0] += 0.3
        return {"ok": True, "key": request.key()[:24], "diagnostics": [], "log": ""}

    s = FairScheduler(costs_0_3_s, SchedulerConfig(workers=1, budget_seconds=0.5, refill_per_second=0.1),
                      clock=lambda: now[0])
    try:
        assert s.submit(req("b0"), client="a", conn="a").wait(5)["ok"]
        assert s.submit(req("b1"), client="a", conn="a").wait(5)["ok"]  # 0.6 s used of 0.5 (+0.03 refill)
        with pytest.raises(BudgetExceeded, match="compile time"):
            s.submit(req("b2"), client="a", conn="a")
        assert s.submit(req("other"), client="b", conn="b").wait(5)["ok"]  # others are not charged
        now[0] += 10  # refilled
        assert s.submit(req("b3"), client="a", conn="a").wait(5)["ok"]
    finally:
        s.close()


def test_per_address_and_queue_limits():
    ex = Timed(5)
    s = FairScheduler(ex, SchedulerConfig(workers=1, per_address=3, max_queue=4))
    try:
        for i in range(3):
            s.submit(req(f"n{i}"), client=f"k{i}", conn=f"c{i}", address="10.0.0.1")
            wait_until(lambda: ex.started)
        with pytest.raises(AddressBusy, match="network address"):
            s.submit(req("n3"), client="k3", conn="c3", address="10.0.0.1")
        s.submit(req("o1"), client="o1", conn="o1", address="10.0.0.2")
        s.submit(req("o2"), client="o2", conn="o2", address="10.0.0.3")
        with pytest.raises(Busy, match="busy"):
            s.submit(req("o3"), client="o3", conn="o3", address="10.0.0.4")
    finally:
        s.close()


def test_leaving_cancels_waiting_and_running_builds():
    ex = Timed(30)
    s = FairScheduler(ex, SchedulerConfig(workers=1))
    try:
        running = s.submit(req("r"), client="a", conn="a1")
        wait_until(lambda: ex.started)
        waiting = s.submit(req("w"), client="a", conn="a1")
        t0 = time.monotonic()
        assert s.cancel_connection("a1") == 2
        assert waiting.wait(1)["cancelled"]
        r = running.wait(5)
        assert r["cancelled"] and not r["ok"] and time.monotonic() - t0 < 2
        assert ex.started == ["r"]
    finally:
        s.close()


def test_identical_successful_build_is_answered_from_memory():
    ex = Timed(0.05)
    s = FairScheduler(ex, SchedulerConfig(workers=1))
    try:
        assert not s.submit(req("same"), client="a", conn="a").wait(5).get("cache_hit")
        again = s.submit(req("same"), client="b", conn="b").wait(5)
        assert again["cache_hit"] and again["ok"] and ex.started == ["same"]
    finally:
        s.close()
