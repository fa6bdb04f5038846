"""A classroom server must survive its students: hostile C++, malformed events, huge payloads.

Each case gets a clear error (or a disconnect for oversized frames) and the server then still
builds a normal program. The sandbox is checked by looking for the contents of server files in
everything sent back."""

from __future__ import annotations

import json

import pytest

from sio_client import Client
from simulator import REPO_ROOT

SECRET_FILE = REPO_ROOT / "tests" / "hostile_secret.txt"
SECRET = "ZEBRA-CANARY-7731"
GOOD = '#include "mbed.h"\nDigitalOut led(LED1);\nint main() { while (true) { led = !led; ThisThread::sleep_for(100ms); } }\n'


@pytest.fixture(scope="module")
def secret():
    SECRET_FILE.write_text(f"#define LEAK \"{SECRET}\"\nconst char* leak = \"{SECRET}\";\n")
    yield SECRET_FILE
    SECRET_FILE.unlink(missing_ok=True)


@pytest.fixture()
def client(server):
    c = Client(server.url)
    yield c
    c.close()


# Cases where compiling may succeed, as long as nothing is revealed: the probe finds nothing
# inside the sandbox, /dev/zero reads as empty, a 2 GB zero array is only a size.
MAY_BUILD = {"__has_include probe", "__has_include through a macro", "/dev/zero through a macro", "huge static array"}

HOSTILE_SOURCES = {
    "absolute include": '#include "/etc/passwd"\nint main() {}\n',
    "absolute include of a server file": '#include "@SECRET@"\nint main() { return leak[0]; }\n',
    "parent-relative include": '#include "../../../../../../@SECRET@"\nint main() {}\n',
    "angle include of a path": '#include </etc/shadow>\nint main() {}\n',
    "include through a macro": '#define F "@SECRET@"\n#include F\nint main() { return leak[0]; }\n',
    "include_next": '#include_next "/etc/hostname"\nint main() {}\n',
    "__has_include probe": '#if __has_include("@SECRET@")\nint x = 1;\n#endif\nint main() {}\n',
    "__has_include through a macro": '#define P "@SECRET@"\n#if __has_include(P)\n#error found it\n#endif\nint main() {}\n',
    "asm .incbin": 'asm(".incbin \\"@SECRET@\\"");\nint main() {}\n',
    "asm .include": 'asm(".include \\"/etc/passwd\\"");\nint main() {}\n',
    "asm .incbin through a macro": '#define S(x) #x\n#define INC(f) asm(S(.incbin f))\nINC("@SECRET@");\nint main() {}\n',
    "pragma dependency": '#pragma GCC dependency "/etc/passwd"\nint main() {}\n',
    "embed": '#embed "/etc/passwd"\nint main() {}\n',
    "/dev/zero through a macro": '#define Z </dev/zero>\n#include Z\nint main() {}\n',
    "infinite template recursion": 'template <int N> struct F { static const int v = F<N + 1>::v; };\nint main() { return F<0>::v; }\n',
    "constexpr that never ends": 'constexpr int f() { int i = 0; while (true) ++i; return i; }\nint main() { constexpr int x = f(); return x; }\n',
    "huge static array": 'static char big[2000000000] = {1};\nint main() { return big[5]; }\n',
    "line directive spoofing a path": '#line 1 "/etc/passwd"\nint main() { return undefined_thing; }\n',
}

BAD_REQUESTS = {
    "not an object": "just a string",
    "a list": [1, 2, 3],
    "no source": {"id": 1},
    "source is a number": {"id": 2, "source": 12345},
    "source is null": {"id": 3, "source": None},
    "file name with a slash": {"id": 4, "files": {"../main.cpp": GOOD}},
    "file name with a flag": {"id": 5, "files": {"-I.cpp": GOOD}},
    "file name with a space and flag": {"id": 6, "files": {"main.cpp -include/etc/passwd": GOOD}},
    "symlink-like name": {"id": 7, "files": {"main.cpp": GOOD, "link.h -> /etc/passwd": "x"}},
    "too many files": {"id": 8, "files": {f"f{i}.cpp": "int x;\n" for i in range(20)}},
    "binary upload": {"id": 9, "source": "int main() {}\n\x00\x01\x02ELF"},
    "headers only": {"id": 10, "files": {"a.h": "#pragma once\n"}},
    "unknown target": {"id": 11, "source": GOOD, "target": "host"},
    "one megabyte file": {"id": 12, "source": "// " + "x" * (600 << 10) + "\nint main() {}\n"},
}


def answer_text(seen) -> str:
    return json.dumps(seen, default=lambda o: o.hex() if isinstance(o, bytes) else str(o))


@pytest.mark.parametrize("name", list(HOSTILE_SOURCES))
def test_hostile_source_gets_an_error_and_leaks_nothing(client, secret, name):
    src = HOSTILE_SOURCES[name].replace("@SECRET@", str(secret))
    event, data, seen = client.ask("build", {"id": name, "source": src}, timeout=150)
    text = answer_text(seen)
    assert SECRET not in text and "root:x:0:0" not in text
    text = text.replace(str(secret), "<the path the client sent>")
    assert str(REPO_ROOT) not in text and ".tmp-" not in text
    assert "found it" not in text
    if event == "build_result" and name in MAY_BUILD:
        return
    if event == "build_result":
        assert data["ok"] is False, f"{name} built: {data}"
        assert data["diagnostics"] or data.get("error"), data
    else:
        assert event == "error_message" and data["message"], (event, data)


@pytest.mark.parametrize("name", list(BAD_REQUESTS))
def test_malformed_build_requests_are_refused_clearly(client, name):
    event, data, seen = client.ask("build", BAD_REQUESTS[name], until=("error_message", "build_result"), timeout=30)
    assert event == "error_message", (name, seen)
    assert data["message"] and "Traceback" not in data["message"]


@pytest.mark.parametrize("payload", [None, 42, "x", [], {"id": {"nested": "id"}}, {"strokes": None},
                                     {"png": "AAAA"}, {"strokes": [[[0, 0]]] * 3, "width": 1e9, "height": 1}])
def test_malformed_digit_events(client, payload):
    event, data, _ = client.ask("digit", payload, until=("error_message", "digit_result"), timeout=30)
    assert event == "error_message" and data["message"]


def test_unknown_events_and_oversized_frames_do_not_hurt_the_server(server):
    c = Client(server.url)
    c.sio.emit("no_such_event", {"x": 1})
    c.sio.emit("build")  # no payload at all
    event, data, _ = c.ask("build", {"id": "after", "source": GOOD})
    assert event == "build_result" and data["ok"], data
    c.close()
    big = Client(server.url)
    try:
        big.sio.emit("build", {"id": "huge", "source": "x" * (100 << 20)})  # 100 MB
        assert big.disconnected.wait(30), "the server should drop a frame over its size limit"
    finally:
        try:
            big.close()
        except Exception:
            pass
    c2 = Client(server.url)
    event, data, _ = c2.ask("digit", {"id": "d", "strokes": [[[100, 60], [140, 220]]], "width": 280, "height": 280})
    assert event == "digit_result" and len(data["idx"]) == 12 + 784
    c2.close()


def test_server_still_builds_after_all_that(client):
    event, data, _ = client.ask("build", {"id": "final", "source": GOOD + "// after the hostile suite\n"})
    assert event == "build_result" and data["ok"] and data["js_url"].startswith("/builds/"), data


def test_build_outputs_are_served_with_the_right_types(server, client):
    _, data, _ = client.ask("build", {"id": "types", "source": GOOD})
    import urllib.request

    with urllib.request.urlopen(server.url + data["wasm_url"]) as r:
        assert r.headers["Content-Type"] == "application/wasm"
        assert "immutable" in r.headers["Cache-Control"]
        assert r.read(4) == b"\0asm"
    for bad in ("/builds/../../etc/passwd", "/builds/" + "a" * 24 + "/result.json", "/builds/xyz/app.js"):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(server.url + bad)
        assert err.value.code == 404


# --- issue 13: a server that holds against its own students ------------------------------------

import os  # noqa: E402
import socket  # noqa: E402
import stat  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
import uuid  # noqa: E402

from conftest_server import Server  # noqa: E402
from sio_client import RawSocket  # noqa: E402

SPIN = "#pragma clang __debug overflow_stack\nint main() {} // %s\n"


def unique_good() -> str:
    return GOOD + f"// {uuid.uuid4().hex}\n"


def get_seconds(url: str) -> float:
    t0 = time.monotonic()
    with urllib.request.urlopen(url, timeout=30) as r:
        r.read()
    return time.monotonic() - t0


# Case 1: the sandbox fails closed. A `bwrap` that cannot create namespaces, like the real one
# inside Docker or under Ubuntu's user-namespace restriction.
FAKE_BWRAP = """#!/bin/sh
echo "bwrap: Creating new namespace failed: Operation not permitted" >&2
exit 1
"""


@pytest.fixture(scope="module")
def broken_bwrap(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fakebin")
    fake = folder / "bwrap"
    fake.write_text(FAKE_BWRAP)
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return {"PATH": f"{folder}:{os.environ['PATH']}"}


def test_no_sandbox_refuses_a_network_address(broken_bwrap):
    srv = Server(host="0.0.0.0", env=broken_bwrap)
    try:
        assert srv.proc.wait(timeout=60) == 2
        out = srv.log()
        assert "refusing to serve 0.0.0.0" in out and "Creating new namespace failed" in out
        assert "--unsafe-no-sandbox" in out and "Traceback" not in out
    finally:
        srv.stop()


def test_unsafe_flag_serves_with_a_loud_warning(broken_bwrap):
    srv = Server(["--unsafe-no-sandbox"], host="0.0.0.0", env=broken_bwrap)
    try:
        srv.wait_ready()
        assert "WARNING" in srv.log() and "build isolation: NONE" in srv.log() and "--unsafe-no-sandbox" in srv.log()
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def unsandboxed_server(broken_bwrap, secret):
    srv = Server(env=broken_bwrap)
    try:
        srv.wait_ready()
        yield srv
    finally:
        srv.stop()


UNSANDBOXED_LEAKS = {
    "macro include of /etc/passwd": "#define P </etc/passwd>\n#include P\nint main() {}\n",
    "macro include of a server file": '#define P "@SECRET@"\n#include P\nint main() { return leak[0]; }\n',
    "include through a symlink-free relative walk": '#define P "../../../../../../../../@SECRET@"\n#include P\nint main() {}\n',
    "incbin pasted from two strings": 'asm(".section .data.x,\\"\\",@\\n.in" "cbin \\"@SECRET@\\"\\n");\nint main() {}\n',
    "incbin spelled with an escape": 'asm(".section .data.x,\\"\\",@\\n\\x2eincbin \\"@SECRET@\\"\\n");\nint main() {}\n',
    "incbin pasted by the preprocessor": '#define CAT(a, b) a##b\n#define STR(x) #x\n#define S(x) STR(x)\n'
                                          'asm(".section .data.x,\\"\\",@\\n" S(CAT(.inc, bin)) " \\"@SECRET@\\"\\n");\n'
                                          'int main() {}\n',
}


@pytest.mark.parametrize("name", list(UNSANDBOXED_LEAKS))
def test_without_the_sandbox_no_file_leaks_either(unsandboxed_server, secret, name):
    assert "build isolation: NONE" in unsandboxed_server.log() and "loopback only" in unsandboxed_server.log()
    c = Client(unsandboxed_server.url)
    try:
        src = UNSANDBOXED_LEAKS[name].replace("@SECRET@", str(secret))
        event, data, seen = c.ask("build", {"id": name, "source": src}, timeout=150)
        text = answer_text(seen)
        assert SECRET not in text and "root:x:0:0" not in text
        assert event == "error_message" or (event == "build_result" and not data["ok"]), (event, data)
        if event == "build_result" and data.get("key"):  # nothing of the secret in any output either
            with pytest.raises(urllib.error.HTTPError):
                unsandboxed_server.get(f"/builds/{data['key']}/app.wasm")
    finally:
        c.close()


def test_without_the_sandbox_normal_programs_still_build(unsandboxed_server):
    c = Client(unsandboxed_server.url)
    try:
        event, data, _ = c.ask("build", {"id": "ok", "source": unique_good()}, timeout=150)
        assert event == "build_result" and data["ok"], data
    finally:
        c.close()


def test_sandboxed_run_refuses_when_bubblewrap_is_broken(broken_bwrap, tmp_path):
    """In-process: sandbox.run never quietly runs unsandboxed."""
    import subprocess
    import sys

    code = ("from simulator import sandbox\n"
            "from pathlib import Path\n"
            "try:\n"
            "    sandbox.run(['/bin/true'], cwd=Path('.'))\n"
            "except sandbox.SandboxUnavailable as e:\n"
            "    print('refused:', e, '|', sandbox.status().detail)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                       env={**os.environ, **broken_bwrap})
    assert "refused:" in r.stdout and "Creating new namespace failed" in r.stdout, r


def test_no_server_path_in_outputs(server, client):
    src = ('#include "mbed.h"\n#include <cassert>\nint main() { puts(__FILE__); assert(__LINE__ > 0); '
           'printf("%s\\n", __builtin_FILE()); }\n' + f"// {uuid.uuid4().hex}\n")
    event, data, _ = client.ask("build", {"id": "file", "source": src})
    assert event == "build_result" and data["ok"], data
    from simulator.build import toolchain

    for url in (data["js_url"], data["wasm_url"]):
        body = server.get(url)
        assert str(REPO_ROOT).encode() not in body and str(toolchain.cache_root()).encode() not in body
        assert b".tmp-" not in body
    assert b"main.cpp" in server.get(data["wasm_url"])  # __FILE__ is the name the student knows


# Case 2: one student cannot deny builds to everyone.
@pytest.fixture(scope="module")
def fair_server():
    srv = Server(["--request-seconds", "8", "--workers", "2"])
    try:
        srv.wait_ready()
        yield srv
    finally:
        srv.stop()


def test_build_flood_cannot_make_others_wait_more_than_one_build(fair_server):
    attacker_id = uuid.uuid4().hex
    attackers = [Client(fair_server.url, client_id=attacker_id) for _ in range(8)]
    answers: list[tuple[str, dict]] = []
    try:
        for n, a in enumerate(attackers):
            for i in range(5):
                a.sio.emit("build", {"id": f"a{n}-{i}", "source": SPIN % f"{n}-{i}-{uuid.uuid4().hex}"})
        time.sleep(1.0)
        student = Client(fair_server.url)
        t0 = time.monotonic()
        event, data, _ = student.ask("build", {"id": "student", "source": unique_good()}, timeout=120)
        waited = time.monotonic() - t0
        student.close()
        assert event == "build_result" and data["ok"], data
        # at most one running attacker build (8 s limit) before the student's own (a few seconds)
        assert waited < 8 + 20, waited
        for a in attackers:
            while not a.events.empty():
                answers.append(a.events.get())
        refused = [d for e, d in answers if e == "build_status" and d.get("state") in ("busy", "replaced")]
        refused += [d for e, d in answers if e == "error_message"]
        assert len(refused) >= 20, answers[:5]  # 40 requests: most replaced or refused at once
    finally:
        for a in attackers:
            a.close()


def test_whole_request_has_one_time_limit_and_leaving_cancels(fair_server):
    c = Client(fair_server.url)
    files = {f"f{i}.cpp": SPIN % f"{i}-{uuid.uuid4().hex}" for i in range(7)}
    files["main.cpp"] = "int main() {}\n"
    t0 = time.monotonic()
    event, data, _ = c.ask("build", {"id": "eight", "files": files}, timeout=120)
    assert event == "build_result" and not data["ok"], data
    assert time.monotonic() - t0 < 8 + 10  # not 7 x 8 s
    assert "time limit for the whole build" in data["log"]
    # the same request again is compiled again (a timeout is not cached), and leaving kills it
    c.sio.emit("build", {"id": "again", "files": files})
    time.sleep(3)
    assert fair_server.descendants(), "the build should be running"
    c.close()
    deadline = time.monotonic() + 10
    while fair_server.descendants() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not fair_server.descendants(), "the compiler outlived its client"


def test_client_id_keeps_its_budget_across_reconnects():
    from simulator.server import create_app, socketio

    def one_second(request, seconds, cancel):
        time.sleep(1.0)
        return {"ok": False, "key": request.key()[:24], "diagnostics": [], "log": "", "error": "compile error"}

    app = create_app({"SIM_EXECUTOR": one_second, "SIM_BUDGET_SECONDS": 1.5, "SIM_BUDGET_REFILL": 0.01})
    me = {"client": "browser-" + uuid.uuid4().hex[:12]}

    def build(tc, n):
        tc.emit("build", {"id": n, "source": f"int main() {{}} // {n}"})
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            for m in tc.get_received():
                d = m["args"][0]
                if d.get("id") == n and (m["name"] in ("build_result", "error_message") or d.get("state") == "busy"):
                    return m["name"], d
            time.sleep(0.05)
        raise TimeoutError

    tc = socketio.test_client(app, auth=me)
    assert build(tc, 1)[0] == "build_result"
    assert build(tc, 2)[0] == "build_result"
    tc.disconnect()
    tc = socketio.test_client(app, auth=me)  # the same browser, reconnected
    name, data = build(tc, 3)
    assert data.get("state") == "busy" and "compile time" in data["message"], data
    other = socketio.test_client(app, auth={"client": "browser-" + uuid.uuid4().hex[:12]})
    assert build(other, 4)[0] == "build_result"


def test_per_address_connection_limit():
    from simulator.server import create_app, socketio

    app = create_app({"SIM_PER_ADDRESS_CONNECTIONS": 3})
    clients = [socketio.test_client(app, auth={"client": uuid.uuid4().hex}) for _ in range(4)]
    assert [c.is_connected() for c in clients] == [True, True, True, False]
    clients[0].disconnect()
    assert socketio.test_client(app, auth={"client": uuid.uuid4().hex}).is_connected()


# Case 3 (server side): headers the page's isolation relies on.
def test_isolation_headers(server, tmp_path, monkeypatch):
    with urllib.request.urlopen(server.url + "/api/default") as r:
        key = json.loads(r.read())["result"]["key"]
    with urllib.request.urlopen(server.url + f"/builds/{key}/app.wasm") as r:
        assert r.headers["Access-Control-Allow-Origin"] == "*"
        assert r.headers["X-Content-Type-Options"] == "nosniff"
    from simulator.server import create_app, http

    (tmp_path / "runner.html").write_text("<script>parent.postMessage({ready: true}, '*')</script>")
    (tmp_path / "index.html").write_text("page")
    monkeypatch.setattr(http, "STATIC_DIR", tmp_path)
    app = create_app()
    app.static_folder = str(tmp_path)
    resp = app.test_client().get("/static/runner.html")
    assert resp.headers["Content-Security-Policy"].startswith("sandbox allow-scripts")
    assert "allow-same-origin" not in resp.headers["Content-Security-Policy"]
    assert app.test_client().get("/").headers["X-Frame-Options"] == "SAMEORIGIN"


# Case 4: only the server's own origin may open a socket.
def test_origin_check(server):
    import socketio as sio_lib

    with pytest.raises(sio_lib.exceptions.ConnectionError):
        Client(server.url, headers={"Origin": "http://evil.example"})
    import websocket

    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        RawSocket(server.url, origin="http://evil.example")
    assert refused.value.status_code == 400
    # DNS rebinding: the attacker's name resolves to the server, so Host and Origin agree
    with pytest.raises(websocket.WebSocketBadStatusException):
        RawSocket(server.url, origin=f"http://evil.example:{server.port}", host=f"evil.example:{server.port}")
    own = Client(server.url)  # websocket-client sends the server's own origin, as a page on it would
    event, data, _ = own.ask("digit", {"id": "o", "strokes": [[[100, 60], [140, 220]]], "width": 280, "height": 280})
    assert event == "digit_result"
    own.close()


def test_configured_proxy_origin():
    from simulator.server import create_app
    from simulator.server import origin_check

    allowed = origin_check(["https://sim.school.example"], None)
    assert allowed("https://sim.school.example", {"HTTP_HOST": "10.0.0.5:5000", "wsgi.url_scheme": "http"})
    assert not allowed("http://10.0.0.5:5000", {"HTTP_HOST": "10.0.0.5:5000", "wsgi.url_scheme": "http"})
    own = origin_check(None, None)
    assert own("http://10.0.0.5:5000", {"HTTP_HOST": "10.0.0.5:5000", "wsgi.url_scheme": "http"})
    assert not own("http://evil.example", {"HTTP_HOST": "10.0.0.5:5000", "wsgi.url_scheme": "http"})
    assert create_app({"SIM_ALLOWED_ORIGINS": ["https://sim.school.example/"]})


# Case 5: bounded memory per connection.
def test_attachment_bomb_is_cut_off(server):
    before = server.rss_mib()
    for _ in range(3):
        raw = RawSocket(server.url)
        raw.send('45999999999-["digit",{"png":{"_placeholder":true,"num":0}}]')
        assert raw.closed_by_server(10)
        raw.close()
    raw = RawSocket(server.url)
    raw.send('452-["digit",{"png":{"_placeholder":true,"num":0}},{"_placeholder":true,"num":1}]')
    assert raw.closed_by_server(10), "two attachments are over the limit of one"
    raw.close()
    raw = RawSocket(server.url)
    raw.send('451-["digit",{"png":{"_placeholder":true,"num":0}}]')
    try:
        for _ in range(20):
            raw.send(b"\0" * (1 << 20))  # 1 MiB frames after the one attachment announced
    except Exception:
        pass
    assert raw.closed_by_server(10)
    raw.close()
    assert server.rss_mib() - before < 40


def test_clients_that_do_not_read_are_dropped_and_memory_comes_back(server):
    baseline = server.rss_mib()
    readers = []
    for _ in range(20):
        raw = RawSocket(server.url, read_buffer=4096)
        readers.append(raw)
    stroke = {"strokes": [[[100, 60], [140, 220]]], "width": 280, "height": 280}
    for n in range(400):
        for raw in readers:
            try:
                raw.emit("digit", {"id": n, **stroke})
            except Exception:
                pass
    peak = server.rss_mib()
    dropped = sum(1 for raw in readers if raw.closed_by_server(30))
    for raw in readers:
        raw.close()
    time.sleep(2)
    after = server.rss_mib()
    print(f"non-reading clients: RSS {baseline:.0f} -> peak {peak:.0f} -> after {after:.0f} MiB, {dropped}/20 dropped")
    assert peak - baseline < 150 and after - baseline < 60
    assert get_seconds(server.url + "/") < 2


# Case 6: drawings are limited to what a person draws and cannot block the server.
def test_oversized_drawings_are_refused(client):
    huge = {"id": "huge", "strokes": [[[i % 2048, (i * 7) % 2048] for i in range(20000)]], "width": 2048,
            "height": 2048, "line_width": 200}
    event, data, _ = client.ask("digit", huge)
    assert event == "error_message" and "canvas size" in data["message"]
    for bad in ({"width": 1024, "height": 1024, "line_width": 200}, {"width": 280, "height": 280, "line_width": 18,
                                                                      "strokes": [[[1, 1]]] * 100}):
        event, data, _ = client.ask("digit", {"id": "b", "strokes": [[[1, 1], [200, 200]]], **bad})
        assert event == "error_message", data


def test_drawing_flood_does_not_block_others(server):
    """The issue's case: two sockets send 20 drawings of the old limits' worst size each while a
    student draws (before: the student's drawing took 4.2 s and GET / 2 s). Today that drawing is
    refused at once; the largest one allowed (4,000 points, 1024x1024, pen 64) costs ~50 ms."""
    old_worst = {"strokes": [[[(i * 37) % 2048, (i * 91) % 2048] for i in range(20000)]], "width": 2048,
                 "height": 2048, "line_width": 200}
    new_worst = {"strokes": [[[(i * 37) % 1024, (i * 91) % 1024] for i in range(3999)]], "width": 1024,
                 "height": 1024, "line_width": 64}
    import multiprocessing

    student = Client(server.url)
    # Flooders in processes of their own, as on other machines (threads here would slow the
    # student's client with this process's GIL, not the server).
    threads = [multiprocessing.get_context("fork").Process(target=_flood_drawings,
                                                           args=(server.url, old_worst if i < 2 else new_worst))
               for i in range(4)]
    try:
        for t in threads:
            t.start()
        times = []
        for i in range(10):
            t0 = time.monotonic()
            event, _, _ = student.ask("digit", {"id": i, "strokes": [[[100, 60], [140, 220]]], "width": 280,
                                                 "height": 280})
            times.append(time.monotonic() - t0)
            assert event == "digit_result"
        page = get_seconds(server.url + "/")
        print(f"student drawings under a flood: max {max(times) * 1000:.0f} ms; GET / {page * 1000:.0f} ms")
        # were 4.2 s and 2 s; generous bounds: the attackers run on the same 2 cores as the server here
        assert max(times) < 2.0 and page < 1.0
    finally:
        for t in threads:
            t.join(60)
        student.close()


def _flood_drawings(url, drawing):
    raw = RawSocket(url)
    for n in range(20):
        try:
            raw.emit("digit", {"id": n, **drawing})
        except Exception:
            break
    raw.close()


# Case 9: junk costs the sender its connection, not the server its log; no paths to clients.
def test_junk_frames_do_not_flood_the_log(server):
    before = len(server.log())
    junk = "42" + "x" * 4096
    for _ in range(200):
        raw = RawSocket(server.url)
        for _ in range(10):
            try:
                raw.send(junk)
            except Exception:
                break
        raw.close()
    time.sleep(1)
    grown = server.log()[before:]
    assert "Traceback" not in grown
    assert len(grown) < 20_000, grown[-2000:]  # 2,000 junk frames wrote 3.6 MB before
    assert get_seconds(server.url + "/") < 2


def test_unwritable_cache_sends_no_path(tmp_path, monkeypatch, caplog):
    from simulator.buildservice import parse_request
    from simulator.buildservice.job import execute

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache should be")
    monkeypatch.setenv("SIM_CACHE_DIR", str(blocked / "cache"))
    result = execute(parse_request({"source": unique_good()}))
    assert not result["ok"] and str(tmp_path) not in json.dumps(result)
    assert "inside the server" in result["error"]
    assert [r for r in caplog.records if r.name == "sim.build" and "\n" not in r.getMessage()]


# Case 10: production serving with HTTP timeouts.
def test_half_sent_requests_are_closed_and_do_not_stall_the_page(server):
    socks = []
    try:
        for _ in range(1000):
            s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            socks.append(s)
        assert get_seconds(server.url + "/") < 1.0
        time.sleep(8)  # the head deadline is 5 s
        closed = 0
        for s in socks:
            s.settimeout(0.05)
            try:
                closed += s.recv(1024) == b""
            except (socket.timeout, OSError):
                pass
        assert closed == len(socks), f"{len(socks) - closed} half-sent requests still open"
    finally:
        for s in socks:
            s.close()
    assert get_seconds(server.url + "/") < 1.0
    with urllib.request.urlopen(server.url + "/") as r:
        assert r.headers["Server"].startswith("gunicorn")
