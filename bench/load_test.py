"""Load test of `sim serve` on loopback: a classroom of Socket.IO clients at once.

    .venv/bin/python bench/load_test.py [--students 50] [--builders 10]

Starts a server on a free 127.0.0.1 port, then: every student connects and does a harness
round trip (a drawing -> IDX) and `--builders` of them also build a program of their own
(distinct sources, so nothing is a cache hit), all at the same moment. Prints throughput,
p50/p95 latency, lost and crossed replies (every reply must carry its sender's id and its own
content), and the server's peak memory. Bounded: every wait has a timeout.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from conftest_server import Server  # noqa: E402
from sio_client import Client  # noqa: E402


def peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def student(url: str, n: int, build: bool, out: dict, barrier: threading.Barrier) -> None:
    rec = {"digit_ms": None, "build_ms": None, "errors": []}
    out[n] = rec
    try:
        c = Client(url)
    except Exception as exc:  # noqa: BLE001 - recorded as a lost reply
        rec["errors"].append(f"connect: {exc}")
        barrier.abort()
        return
    try:
        barrier.wait(timeout=60)
        x = 40 + 5 * (n % 30)
        t0 = time.monotonic()
        event, data, _ = c.ask("digit", {"id": f"d{n}", "strokes": [[[x, 50], [x + 20, 230]]], "width": 280, "height": 280},
                               timeout=120)
        rec["digit_ms"] = (time.monotonic() - t0) * 1000
        if event != "digit_result" or data["id"] != f"d{n}" or len(data["idx"]) != 796:
            rec["errors"].append(f"digit reply {event}")
        if build:
            marker = uuid.uuid4().hex
            src = (f'#include "mbed.h"\nint main() {{ printf("{marker}\\n"); while (true) ThisThread::sleep_for(1s); }}\n')
            t0 = time.monotonic()
            event, data, _ = c.ask("build", {"id": f"b{n}", "source": src}, timeout=600)
            rec["build_ms"] = (time.monotonic() - t0) * 1000
            if event != "build_result" or not data.get("ok") or data["id"] != f"b{n}":
                rec["errors"].append(f"build reply {event}: {str(data)[:200]}")
            else:
                rec["key"] = data["key"]
                rec["marker"] = marker
    except Exception as exc:  # noqa: BLE001
        rec["errors"].append(f"{type(exc).__name__}: {exc}")
    finally:
        c.close()


def run(students: int = 50, builders: int = 10) -> dict:
    srv = Server()
    try:
        srv.wait_ready()
        out: dict[int, dict] = {}
        barrier = threading.Barrier(students)
        threads = [threading.Thread(target=student, args=(srv.url, n, n < builders, out, barrier)) for n in range(students)]
        start = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=900)
        wall = time.monotonic() - start
        crossed = 0
        for rec in out.values():  # each build's output must be the program its student sent
            if "key" in rec:
                js = srv.get(f"/builds/{rec['key']}/app.wasm")
                if rec["marker"].encode() not in js:
                    crossed += 1
        digits = [r["digit_ms"] for r in out.values() if r["digit_ms"] is not None]
        builds = [r["build_ms"] for r in out.values() if r["build_ms"] is not None]
        lost = sum(1 for r in out.values() if r["errors"]) + (students - len(out))
        replies = len(digits) + len(builds)
        q = lambda xs, p: statistics.quantiles(xs, n=100)[p - 1] if len(xs) > 1 else (xs[0] if xs else float("nan"))  # noqa: E731
        return {
            "students": students, "builders": builders, "wall_s": wall, "replies": replies,
            "throughput_replies_per_s": replies / wall,
            "digit_p50_ms": q(digits, 50), "digit_p95_ms": q(digits, 95),
            "build_p50_ms": q(builds, 50), "build_p95_ms": q(builds, 95),
            "lost": lost, "crossed": crossed, "server_peak_rss_mib": peak_rss_kib(srv.proc.pid) / 1024,
            "errors": [e for r in out.values() for e in r["errors"]],
        }
    finally:
        srv.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--students", type=int, default=50)
    ap.add_argument("--builders", type=int, default=10)
    args = ap.parse_args()
    r = run(args.students, args.builders)
    print(f"{r['students']} students, {r['builders']} building distinct programs, all at once (loopback, 2 build workers)")
    print(f"  wall time          {r['wall_s']:.1f} s for {r['replies']} replies ({r['throughput_replies_per_s']:.1f} replies/s)")
    print(f"  harness round trip p50 {r['digit_p50_ms']:.0f} ms, p95 {r['digit_p95_ms']:.0f} ms")
    print(f"  build (queued)     p50 {r['build_p50_ms']:.0f} ms, p95 {r['build_p95_ms']:.0f} ms")
    print(f"  lost replies {r['lost']}, crossed replies {r['crossed']}")
    print(f"  server peak RSS    {r['server_peak_rss_mib']:.0f} MiB (the compilers run as child processes)")
    for e in r["errors"][:10]:
        print("  error:", e)


if __name__ == "__main__":
    main()
