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
