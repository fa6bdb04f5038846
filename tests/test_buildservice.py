"""The build service: request validation, rate limits, the bounded local queue, and the same
build cases on both backends (in-process pool and RQ workers through a real Redis)."""

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
from simulator.buildservice import Busy, LocalBackend, RateLimiter, parse_request
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
def test_local_backend(name):
    src, ok, where = CASES[name]
    backend = LocalBackend(workers=2, max_queue=4)
    try:
        check_result(backend.submit(request_for(src)).wait(timeout=300), ok, where)
    finally:
        backend.close()


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
def test_rq_backend_passes_the_same_cases(redis_url, name):
    from simulator.buildservice.rq_backend import RQBackend

    src, ok, where = CASES[name]
    backend = RQBackend(redis_url)
    try:
        check_result(backend.submit(request_for(src)).wait(timeout=300), ok, where)
    finally:
        backend.close()


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


def test_local_queue_is_bounded_and_identical_requests_share_a_build():
    gate = threading.Event()
    calls = []

    def slow(req):
        calls.append(req.key())
        gate.wait(10)
        return {"ok": True, "key": req.key()}

    backend = LocalBackend(workers=1, max_queue=2, runner=slow)
    try:
        first = backend.submit(request_for("int main() {}\n// 0\n"))
        again = backend.submit(request_for("int main() {}\n// 0\n"))
        assert again is first  # deduplicated while in flight
        time.sleep(0.2)
        waiting = [backend.submit(request_for(f"int main() {{}}\n// {i}\n")) for i in (1, 2)]
        assert [t.position() for t in waiting] == [1, 2]
        with pytest.raises(Busy, match="busy"):
            backend.submit(request_for("int main() {}\n// 3\n"))
        gate.set()
        assert first.wait(10)["ok"] and all(t.wait(10)["ok"] for t in waiting)
        assert len(calls) == 3
    finally:
        backend.close()
