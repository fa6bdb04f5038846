"""Browser timings of `sim serve` in headless Chromium (medians of 20 runs):

    .venv/bin/python bench/bench_browser.py [--compare REF] [--warm] [--cpus LIST] [--unbundled] [--floor]

With `--floor`, minimal pages are timed through Playwright (so compare them with each other,
not with the headline): an empty one, one with a sandboxed frame, and one with a Worker in
that frame (what the isolation costs before any work).
With `--unbundled` this page's modules are served as they are (25 requests), not bundled.
With `--warm` a repeat visit is timed too: the third load of the page in one browser context,
with the HTTP cache and V8's code cache warm (a first visit has neither).
With `--cpus 0` everything runs on one core (`--cpus 0,1` on two): how the load scales.
With `--compare main` (any git ref), the page of that commit is served from a second server
(its tree, `git archive`d to a temporary folder, sharing this checkout's build cache) and its
page load is measured in the same rounds, interleaved, so both see the same machine load.

- page load to ready: navigation start to both the mnist firmware running (status
  "Running ...") and the code editor (CodeMirror) ready; each load in a fresh browser
  context, so nothing comes from the HTTP cache. Read from the page's own marks (the later of
  `sim:running` and `sim:editor`); the two parts are printed too.
  - "nothing attached" (the headline): loaded by bench/quiet_chromium.py, a Chromium of its
    own driven over a raw DevTools socket, detached during the load, as in a user's browser.
  - "with Playwright attached": the same page through Playwright, which receives every
    request and execution context of the load as an event and holds each new frame and
    worker until its driver lets it run. "seen by the harness" is when Playwright heard of
    both marks (a promise the page resolves, no polling, then a round trip for the clock).
  - Before every load the new tab waits until the machine is idle: Chromium 156 starts a
    renderer for its own UI (the omnibox popup) with each new window, about 560 ms of CPU that
    would otherwise overlap the load.
- BUTTON1 to LCD update: from the press (the button's pointerdown event) to the LCD showing
  the prediction (its text, set in the same paint as its pixels). "drawing already
  converted": the page sent the strokes to the harness when the last stroke ended (what a
  user's press meets); "conversion on the press": the page's converted digit is dropped
  first, so the press waits for the harness round trip too. Both include the IDX write into
  the demo's Worker and the inference in wasm.
- harness round trip: a Socket.IO `digit` request to its answer (Python client, no page).
- CPU time used during a Playwright load, by kind of process (from /proc, 10 ms ticks; medians): what
  the page's start-up costs the machine. When it is near the cores' whole capacity, the load
  time is set by that work, not by waiting.

The page marks `sim:running` (first program ready) and `sim:editor` (editor ready) with
`performance.mark`; the bench reads them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest_server import Server, free_port  # noqa: E402
from digit_strokes import drawings  # noqa: E402
from quiet_chromium import QuietChromium  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "20"))
# A new tab settles before it is sent to the page (as a user's window exists before they type
# the address): the browser's work for a new context and window is not the page's load. That
# work is large: Chromium 156 starts a renderer for its own UI (the omnibox popup, a WebUI) with
# every new window, about 560 ms of CPU, still running 0.3 s after the tab opened. So the
# harness waits until the machine is idle, not for a fixed time.
SETTLE_MIN, SETTLE_MAX, IDLE_BELOW = 0.3, 5.0, 0.15


def machine_busy() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs so far (/proc/stat)."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def settle() -> float:
    """Sleeps until the machine has been idle (under IDLE_BELOW of its cores busy) for two
    0.1 s windows in a row, at least SETTLE_MIN and at most SETTLE_MAX; returns the seconds."""
    t0 = time.perf_counter()
    time.sleep(SETTLE_MIN)
    quiet = 0
    while quiet < 2 and time.perf_counter() - t0 < SETTLE_MAX:
        b0, n0 = machine_busy()
        time.sleep(0.1)
        b1, n1 = machine_busy()
        quiet = quiet + 1 if (b1 - b0) < IDLE_BELOW * max(n1 - n0, 1) else 0
    return time.perf_counter() - t0


settles: list[float] = []  # every settle() of this run, in seconds
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
READY = ("document.getElementById('status').textContent.startsWith('Running') "
         "&& document.querySelector('[data-testid=editor]') !== null")
# Waits for both marks without polling: a poll every animation frame is a round trip to the
# harness each time, and on two cores the harness's work would slow the page it measures.
WAIT_READY = """() => new Promise((resolve) => {
  const done = () => ['sim:running', 'sim:editor'].every((n) => performance.getEntriesByName(n).length);
  if (done()) { resolve(); return; }
  new PerformanceObserver((list, observer) => { if (done()) { observer.disconnect(); resolve(); } })
    .observe({ type: 'mark', buffered: true });
})"""
# The same marks, read by the quiet loader (an expression it evaluates once the page is idle).
READ_MARKS = ("(" + WAIT_READY + ")().then(() => ['sim:running', 'sim:editor'].map("
              "(n) => performance.getEntriesByName(n)[0].startTime))")


def draw_seven(page) -> list:
    strokes = drawings()[7][1]
    box = page.locator("#draw").bounding_box()
    for s in strokes:
        page.mouse.move(box["x"] + s[0][0], box["y"] + s[0][1])
        page.mouse.down()
        for x, y in s[1:]:
            page.mouse.move(box["x"] + x, box["y"] + y, steps=4)
        page.mouse.up()
    return strokes


INSTRUMENT = """() => {
  window.__press = {};
  document.addEventListener('pointerdown', () => { window.__press.down = performance.now(); }, true);
  const lcd = document.querySelector('[data-testid=lcd]');
  new MutationObserver(() => {
    if ((lcd.getAttribute('aria-label') || '').startsWith('Predicted') && !window.__press.lcd) {
      window.__press.lcd = performance.now();
    }
  }).observe(lcd, { attributes: true, attributeFilter: ['aria-label'] });
}"""


CLOCK_TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def cpu_by_process(server_pid: int) -> dict[str, float]:
    """CPU time (user + system, ms) used so far by each kind of process on this machine: the
    browser's processes by their --type, `sim serve` (its process tree), the harness (this
    Python and Playwright's driver), and everything else."""
    kids: dict[int, list[int]] = {}
    info: dict[int, tuple[str, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        kids.setdefault(int(fields[1]), []).append(pid)
        info[pid] = (cmd, (int(fields[11]) + int(fields[12])) * CLOCK_TICK_MS)
    server = set()
    todo = [server_pid]
    while todo:
        pid = todo.pop()
        server.add(pid)
        todo += kids.get(pid, [])
    out: dict[str, float] = {}
    for pid, (cmd, ms) in info.items():
        if pid in server:
            kind = "sim serve"
        elif pid == os.getpid() or ("playwright" in cmd and "driver" in cmd) or (cmd.startswith("node") and "cli.js" in cmd):
            kind = "harness"
        elif "chrom" in cmd.split(" ")[0] or "--type=" in cmd and "chrom" in cmd:
            kind = "Chromium " + (cmd.split("--type=")[1].split(" ")[0] if "--type=" in cmd else "browser")
            if "--utility-sub-type=network" in cmd:
                kind = "Chromium network"
            elif kind == "Chromium utility":
                kind = "Chromium other"
        else:
            kind = "other"
        out[kind] = out.get(kind, 0.0) + ms
    return out


def marks(page) -> tuple[float, float]:
    """The page's own marks: the first program running, the editor ready (ms since navigation)."""
    return tuple(page.evaluate("""(() => ['sim:running', 'sim:editor'].map((n) => {
        const m = performance.getEntriesByName(n); return m.length ? m[0].startTime : NaN; }))()"""))


def press_ms(page, drop_conversion: bool | None) -> float:
    """From BUTTON1's pointerdown to the LCD's text changing to the prediction (the page sets
    the LCD's label in the same paint as its pixels). None: a page without a converted drawing
    to keep (the --compare page)."""
    if not page.evaluate("!!window.__press"):
        page.evaluate(INSTRUMENT)
    page.evaluate("() => { document.querySelector('[data-testid=lcd]').setAttribute('aria-label', ''); window.__press = {}; }")
    if drop_conversion:
        page.evaluate("() => { window.simPage.pad.digit = null; }")
    elif drop_conversion is False:
        page.evaluate("() => window.simPage.pad.request().then(() => true)")  # converted after the last stroke
    page.click("[data-testid=button1]")
    page.wait_for_function("window.__press.lcd")
    return page.evaluate("window.__press.lcd - window.__press.down")


class OtherServer:
    """`sim serve` from another commit's tree (for --compare)."""

    def __init__(self, ref: str, folder: Path) -> None:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
        # The npm bundles (CodeMirror, the Socket.IO client) are built by setup.sh, not committed.
        vendor = folder / "static" / "vendor"
        if not vendor.exists() and (ROOT / "static" / "vendor").is_dir():
            shutil.copytree(ROOT / "static" / "vendor", vendor)
        # esbuild, for a tree whose `sim serve` bundles the page's modules (static/vendor/page-*).
        if (ROOT / "node_modules").is_dir() and not (folder / "node_modules").exists():
            (folder / "node_modules").symlink_to(ROOT / "node_modules")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONPATH": str(folder),
               "SIM_CACHE_DIR": os.environ.get("SIM_CACHE_DIR") or str(ROOT / "emsdk_build" / "cache")}
        # Its tree is new to the build cache: the first build compiles the whole Mbed layer, which
        # takes longer than a browser's build may on a busy machine.
        self.proc = subprocess.Popen([sys.executable, "-c", "from simulator.cli import main; main()", "serve",
                                      "--port", str(self.port), "--request-seconds", "900"], cwd=folder, env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self._wait_ready(ref)
        except BaseException:
            self.stop()
            raise

    def _wait_ready(self, ref: str) -> None:
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/api/default", timeout=10) as r:
                    info = json.loads(r.read())
                if info["state"] == "ready":
                    return
                if info["state"] == "failed":
                    raise RuntimeError(f"{ref}: the default demo did not build: {info['result'].get('log', '')[:300]}")
            except OSError:
                pass
            time.sleep(0.3)
        raise TimeoutError(f"{ref}: the default demo did not build in time")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


# Minimal pages, timed through the same harness (--floor): what a page with this isolation
# costs before it does anything (a mark when the last part says it is up).
FLOOR_PAGES = {
    "an empty page": "<!doctype html><title>floor</title><p>hello<script>performance.mark('up')</script>",
    "+ a sandboxed frame (its own process)": (
        "<!doctype html><title>floor</title><p>hello<script>addEventListener('message', () => performance.mark('up'))"
        "</script><iframe sandbox=allow-scripts srcdoc=\"<script>parent.postMessage(1, '*')</script>\"></iframe>"),
    "+ a Worker in the frame": (
        "<!doctype html><title>floor</title><p>hello<script>addEventListener('message', () => performance.mark('up'))"
        "</script><iframe sandbox=allow-scripts srcdoc=\"<script>const w = new Worker(URL.createObjectURL(new Blob("
        "['postMessage(1)']))); w.onmessage = () => parent.postMessage(1, '*')</script>\"></iframe>"),
}
WAIT_UP = """() => new Promise((resolve) => {
  const at = () => (performance.getEntriesByName('up')[0] || {}).startTime;
  if (at() !== undefined) { resolve(at()); return; }
  new PerformanceObserver((list, observer) => { if (at() !== undefined) { observer.disconnect(); resolve(at()); } })
    .observe({ type: 'mark', buffered: true });
})"""


def floor(browser, url: str) -> dict[str, float]:
    """Median time to each minimal page's mark, interleaved rounds, fresh contexts."""
    times: dict[str, list[float]] = {name: [] for name in FLOOR_PAGES}
    for _ in range(RUNS):
        for name, html in FLOOR_PAGES.items():
            page = browser.new_page()
            page.route(url + "/floor", lambda route, _request, html=html: route.fulfill(body=html, content_type="text/html"))
            settles.append(settle())
            page.goto(url + "/floor", wait_until="commit")
            times[name].append(page.evaluate(WAIT_UP))
            page.close()
    return {name: statistics.median(t) for name, t in times.items()}


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", metavar="REF", help="also time the page of this git ref (e.g. main)")
    parser.add_argument("--unbundled", action="store_true",
                        help="serve this page's modules as they are (sim serve --unbundled), not bundled")
    parser.add_argument("--floor", action="store_true",
                        help="also time minimal pages (an empty one, + a sandboxed frame, + a worker in it)")
    parser.add_argument("--warm", action="store_true",
                        help="also time a repeat visit: the third load in one browser context (HTTP cache and V8's "
                        "code cache warm)")
    parser.add_argument("--cpus", metavar="LIST", help="run the server, the browser and the harness on these CPUs "
                        "only (e.g. 0, or 0,1): how the load time scales with cores")
    args = parser.parse_args()
    if args.cpus:  # inherited by every process started from here on
        os.sched_setaffinity(0, {int(c) for c in args.cpus.split(",")})
    srv = Server(["--unbundled"] if args.unbundled else None)
    other = None
    quiet = None
    tmp = tempfile.TemporaryDirectory(prefix="bench-page-")
    try:
        srv.wait_ready()
        if args.compare:
            other = OtherServer(args.compare, Path(tmp.name))
        quiet = QuietChromium(CHROMIUM, CHROMIUM_ARGS)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            loads, runs, editors, pw_loads, seen, warm, cold, trips, others, other_presses = ([] for _ in range(10))
            repeats: list[float] = []
            cpu: list[dict[str, float]] = []
            wall: list[float] = []
            page = None
            for i in range(RUNS):
                # Each round: the --compare page and this one with nothing attached, then this one
                # through Playwright (with the CPU count), so all three see the same machine load.
                if other:
                    others.append(max(quiet.load(other.url + "/", settle, READ_MARKS)))
                running, editor = quiet.load(srv.url + "/", settle, READ_MARKS)
                runs.append(running)
                editors.append(editor)
                loads.append(max(running, editor))
                if args.warm:
                    repeats.append(max(quiet.load(srv.url + "/", settle, READ_MARKS, before=2)))
                page = browser.new_page()  # a new context: a cold HTTP cache
                settles.append(settle())
                cpu0, t0 = cpu_by_process(srv.proc.pid), time.perf_counter()
                page.goto(srv.url + "/", wait_until="commit")
                page.evaluate(WAIT_READY)
                seen.append(page.evaluate("performance.now()"))
                wall.append((time.perf_counter() - t0) * 1000)
                cpu1 = cpu_by_process(srv.proc.pid)
                cpu.append({k: cpu1[k] - cpu0.get(k, 0.0) for k in cpu1})
                page.wait_for_function(READY)
                pw_loads.append(max(marks(page)))
                if i < RUNS - 1:
                    page.close()
            strokes = draw_seven(page)
            other_page = None
            if other:
                other_page = browser.new_page()
                other_page.goto(other.url + "/")
                other_page.wait_for_function("document.getElementById('status').textContent.startsWith('Running')")
                draw_seven(other_page)
            for _ in range(RUNS):
                warm.append(press_ms(page, drop_conversion=False))
                cold.append(press_ms(page, drop_conversion=True))
                if other_page:
                    other_presses.append(press_ms(other_page, drop_conversion=None))
            floors = floor(browser, srv.url) if args.floor else {}
            import sio_client  # a Python client for the harness alone (no page work)

            c = sio_client.Client(srv.url)
            for i in range(RUNS):
                t0 = time.perf_counter()
                c.ask("digit", {"id": i, "strokes": strokes, "width": 280, "height": 280, "line_width": 18})
                trips.append((time.perf_counter() - t0) * 1000)
            c.close()
            browser.close()
    finally:
        if quiet:
            quiet.close()
        srv.stop()
        if other:
            other.stop()
        tmp.cleanup()
    load = os.getloadavg()[0]
    cores = len(os.sched_getaffinity(0))
    print(f"medians of {RUNS} runs (headless Chromium, loopback, this machine; load average {load:.1f}; "
          f"{cores} of its {os.cpu_count()} cores used)")
    print(f"  a new tab settled for {statistics.median(settles):.1f} s before each load (median; until the machine "
          f"was idle)")
    print(f"  page load to ready (firmware + editor), nothing attached {statistics.median(loads):7.0f} ms")
    print(f"    firmware running                                   {statistics.median(runs):7.0f} ms")
    print(f"    editor ready                                       {statistics.median(editors):7.0f} ms")
    if others:
        print(f"  page load to ready, {args.compare:>10} (same rounds)         {statistics.median(others):7.0f} ms "
              f"(this page: {statistics.median(loads) / statistics.median(others):.2f}x; paired rounds: median "
              f"{statistics.median(a / b for a, b in zip(loads, others)):.2f}x)")
    if repeats:
        print(f"  page load to ready, repeat visit (3rd load, warm caches)  {statistics.median(repeats):7.0f} ms")
    print(f"  page load to ready, with Playwright attached           {statistics.median(pw_loads):7.0f} ms "
          f"({statistics.median(a / b for a, b in zip(pw_loads, loads)):.2f}x, paired)")
    print(f"    seen by the harness                                {statistics.median(seen):7.0f} ms")
    kinds = sorted({k for c in cpu for k in c}, key=lambda k: -statistics.median(c.get(k, 0.0) for c in cpu))
    total = statistics.median(sum(c.values()) for c in cpu)
    print(f"  CPU time used during a Playwright load (goto to ready seen, {statistics.median(wall):.0f} ms wall): {total:.0f} ms "
          f"on {cores} core{'s' if cores > 1 else ''} ({total / statistics.median(wall) / cores:.0%} of {'them' if cores > 1 else 'it'})")
    for k in kinds:
        ms = statistics.median(c.get(k, 0.0) for c in cpu)
        if ms >= 5:
            print(f"    {k:40s}   {ms:7.0f} ms")
    print(f"  BUTTON1 to LCD, drawing already converted   {statistics.median(warm):7.0f} ms")
    print(f"  BUTTON1 to LCD, conversion on the press     {statistics.median(cold):7.0f} ms")
    if other_presses:
        print(f"  BUTTON1 to LCD, {args.compare:>10} (same runs)   {statistics.median(other_presses):7.0f} ms "
              f"(it converts on the press)")
    print(f"  harness round trip                          {statistics.median(trips):7.1f} ms")
    if floors:
        print("  minimal pages, navigation start to their mark (the floor of this harness and isolation):")
        for name, ms in floors.items():
            print(f"    {name:40s}   {ms:7.0f} ms")


if __name__ == "__main__":
    main()
