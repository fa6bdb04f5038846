"""The build service: request validation, rate limits, and the same build cases on both executors
(threads of this process, and RQ workers through a real Redis) behind the fair scheduler."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest_server import free_port
from simulator.buildservice import FairScheduler, RateLimiter, SchedulerConfig, parse_request
from simulator.buildservice.request import RequestError

GOOD = '#include "mbed.h"\nDigitalOut led(LED1);\nint main() { led = 1; while (true) ThisThread::sleep_for(1s); }\n'
CASES = {
    "builds": (GOOD, True, None),
    "compile error": ('#include "mbed.h"\nint main() { return nope; }\n', False, ("main.cpp", 2)),
    "include outside": ('#define F "/etc/passwd"\n#include F\nint main() {}\n', False, ("main.cpp", 2)),
    "two files": ({"main.cpp": '#include "util.h"\nint main() { return twice(2) - 4; }\n',
                   "util.h": "inline int twice(int x) { return 2 * x; }\n"}, True, None),
}


def check_result(result: dict, ok: bool, where) -> None:
    assert result["ok"] is ok, result
    if ok:
        assert len(result["key"]) == 24 and result["outputs"]["js"] == "app.js"
    else:
        errors = [d for d in result["diagnostics"] if d["severity"] == "error"]
        assert errors and (errors[0]["file"], errors[0]["line"]) == where, errors


def request_for(src):
    return parse_request({"files": src} if isinstance(src, dict) else {"source": src})


@pytest.mark.parametrize("name", list(CASES))
def test_local_executor(name):
    src, ok, where = CASES[name]
    scheduler = FairScheduler(config=SchedulerConfig(workers=2, max_queue=4))
    try:
        check_result(scheduler.submit(request_for(src)).wait(timeout=300), ok, where)
    finally:
        scheduler.close()


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is not installed: ./setup.sh installs it")
    port = free_port()
    data = tmp_path_factory.mktemp("redis")
    redis = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no", "--dir", str(data)], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    worker = None
    try:
        import redis as redis_lib

        client = redis_lib.Redis.from_url(url)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis_lib.ConnectionError:
                time.sleep(0.05)
        rq = Path(sys.executable).with_name("rq")
        worker = subprocess.Popen([str(rq), "worker", "--url", url, "sim-builds"], cwd=Path(__file__).parent.parent,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ))
        yield url
    finally:
        if worker:
            worker.terminate()
            worker.wait(10)
        redis.terminate()
        redis.wait(10)


@pytest.mark.parametrize("name", list(CASES))
def test_rq_executor_passes_the_same_cases(redis_url, name):
    from simulator.buildservice.rq_backend import RQExecutor

    src, ok, where = CASES[name]
    executor = RQExecutor(redis_url)
    scheduler = FairScheduler(executor, SchedulerConfig(workers=2))
    try:
        check_result(scheduler.submit(request_for(src)).wait(timeout=300), ok, where)
    finally:
        scheduler.close()
        executor.close()


def test_rq_build_is_stopped_when_cancelled(redis_url):
    """A cancelled build is stopped on its RQ worker (the compiler spins until killed)."""
    from simulator.buildservice.rq_backend import RQExecutor

    executor = RQExecutor(redis_url)
    scheduler = FairScheduler(executor, SchedulerConfig(workers=1, request_seconds=120))
    try:
        job = scheduler.submit(request_for("#pragma clang __debug overflow_stack\nint main() {}\n// rq cancel\n"),
                               conn="leaver")
        deadline = time.monotonic() + 60
        while job.state != "running" and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(3)  # the worker has started compiling
        t0 = time.monotonic()
        assert scheduler.cancel_connection("leaver") == 1
        result = job.wait(timeout=60)
        assert not result["ok"] and result.get("cancelled"), result
        assert time.monotonic() - t0 < 30
        # the worker is free again: a normal build gets through
        check_result(scheduler.submit(request_for(GOOD + "// after the cancel\n")).wait(timeout=300), True, None)
    finally:
        scheduler.close()
        executor.close()


def test_server_with_the_rq_backend(redis_url):
    from conftest_server import Server
    from sio_client import Client

    srv = Server(["--build-backend", redis_url])
    try:
        srv.wait_ready()
        c = Client(srv.url)
        event, data, _ = c.ask("build", {"id": 1, "source": GOOD + "// via rq\n"})
        assert event == "build_result" and data["ok"] and srv.get(data["js_url"])[:20]
        c.close()
    finally:
        srv.stop()


def test_request_validation():
    assert parse_request({"source": GOOD}).files == {"main.cpp": GOOD}
    assert request_for(CASES["two files"][0]).key() == request_for(dict(CASES["two files"][0])).key()
    with pytest.raises(RequestError, match="not allowed"):
        parse_request({"source": '#include "../secret.h"\n'})
    with pytest.raises(RequestError, match="assembler"):
        parse_request({"source": 'asm(".incbin \\"x\\"");\n'})


def test_rate_limiter_refills():
    now = [0.0]
    limiter = RateLimiter(rate=1.0, burst=2, clock=lambda: now[0])
    assert limiter.allow("a") == 0 and limiter.allow("a") == 0
    assert limiter.allow("a") > 0
    assert limiter.allow("b") == 0  # per client
    now[0] += 1.0
    assert limiter.allow("a") == 0


def test_request_names_are_strict():
    """Issue 13 case 8: names are matched whole; case and object-file clashes and unused
    extensions are refused up front."""
    with pytest.raises(RequestError, match="not allowed"):
        parse_request({"files": {"main.cpp": "int main() {}", "util.h\n": "x"}})
    with pytest.raises(RequestError, match="differ only in case"):
        parse_request({"files": {"main.cpp": "int main() {}", "Main.cpp": "int x;"}})
    with pytest.raises(RequestError, match="both compile to main.o"):
        parse_request({"files": {"main.cpp": "int main() {}", "main.c": "int x;"}})
    with pytest.raises(RequestError, match="not allowed"):
        parse_request({"files": {"main.cpp": "int main() {}", "extra.cxx": "int x;"}})
    # the name a newline-suffixed key would have collided with is a different request
    a = parse_request({"files": {"main.cpp": "int main() {}", "util.h": "\nint t;"}})
    assert a.key() != parse_request({"files": {"main.cpp": "int main() {}", "util.h": "int t;"}}).key()


def test_board_field():
    assert parse_request({"source": GOOD}).board == "lpc1768"
    assert parse_request({"source": GOOD, "board": "k64f"}).board == "k64f"
    assert parse_request({"source": GOOD, "board": "k64f"}).key() != parse_request({"source": GOOD}).key()
    for bad in ("nrf52", 5, None, "LPC1768 "):
        with pytest.raises(RequestError, match="board"):
            parse_request({"source": GOOD, "board": bad})


def test_every_accepted_source_is_compiled():
    """main.cpp + helper.c + more.cc: each is compiled and linked (a file that were ignored would
    leave its function undefined)."""
    scheduler = FairScheduler(config=SchedulerConfig(workers=1))
    try:
        files = {"main.cpp": 'extern "C" int from_c(void);\nint from_cc();\nint main() { return from_c() + from_cc(); }\n',
                 "helper.c": 'extern "C" int from_c(void) { return 0; }\n', "more.cc": "int from_cc() { return 0; }\n"}
        result = scheduler.submit(parse_request({"files": files})).wait(timeout=300)
        assert result["ok"], result
    finally:
        scheduler.close()


def test_two_web_processes_share_socketio_state_through_redis(redis_url):
    """Several `sim serve` processes with one --message-queue: a message published by any of them
    (here a write-only emitter, as another process would) reaches a client of each."""
    import socketio

    from conftest_server import Server
    from sio_client import Client

    queue_url = redis_url.rsplit("/", 1)[0] + "/1"
    servers = [Server(["--message-queue", queue_url]) for _ in range(2)]
    clients = []
    try:
        for srv in servers:
            srv.wait_ready()
            clients.append(Client(srv.url))
        emitter = socketio.RedisManager(queue_url, write_only=True, channel="flask-socketio")  # Flask-SocketIO's
        time.sleep(1)  # the servers' listeners subscribe when their first client connects
        emitter.emit("build_status", {"id": "notice", "state": "notice"}, namespace="/")
        sid = clients[1].sio.get_sid("/")
        emitter.emit("build_status", {"id": "only-you", "state": "notice"}, to=sid, namespace="/")
        got = []
        for c in clients:
            seen = set()
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and len(seen) < (2 if c is clients[1] else 1):
                try:
                    name, data = c.events.get(timeout=0.5)
                    seen.add(data.get("id"))
                except Exception:
                    pass
            got.append(seen)
        assert got[0] == {"notice"} and got[1] == {"notice", "only-you"}, got
    finally:
        for c in clients:
            c.close()
        for srv in servers:
            srv.stop()
