"""Browser timings of `sim serve` in headless Chromium (medians of 20 runs):

    .venv/bin/python bench/bench_browser.py [--compare REF]

With `--compare main` (any git ref), the page of that commit is served from a second server
(its tree, `git archive`d to a temporary folder, sharing this checkout's build cache) and its
page load is measured in the same runs, interleaved, so both see the same machine load.

- page load to ready: navigation start to both the mnist firmware running (status
  "Running ...") and the code editor (CodeMirror) ready; each load in a fresh browser
  context, so nothing comes from the HTTP cache. Read from the page's own marks (the later of
  `sim:running` and `sim:editor`); "seen by the harness" is when Playwright's poll (every
  animation frame, then a round trip to read the clock) saw both, which adds the harness's
  latency on a loaded machine. The two parts are printed too.
- BUTTON1 to LCD update: from the press (the button's pointerdown event) to the LCD showing
  the prediction (its text, set in the same paint as its pixels). "drawing already
  converted": the page sent the strokes to the harness when the last stroke ended (what a
  user's press meets); "conversion on the press": the page's converted digit is dropped
  first, so the press waits for the harness round trip too. Both include the IDX write into
  the isolated runner (page -> sandboxed frame -> Worker) and the inference in wasm.
- harness round trip: a Socket.IO `digit` request to its answer (Python client, no page).

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

RUNS = int(os.environ.get("BENCH_RUNS", "20"))
READY = ("document.getElementById('status').textContent.startsWith('Running') "
         "&& document.querySelector('[data-testid=editor]') !== null")


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


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", metavar="REF", help="also time the page of this git ref (e.g. main)")
    args = parser.parse_args()
    srv = Server()
    other = None
    tmp = tempfile.TemporaryDirectory(prefix="bench-page-")
    try:
        srv.wait_ready()
        if args.compare:
            other = OtherServer(args.compare, Path(tmp.name))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                              "--disable-component-update", "--no-first-run"])
            loads, seen, runs, editors, warm, cold, trips, others, others_seen, other_presses = ([] for _ in range(10))
            page = None
            for i in range(RUNS):
                if other:  # the other page first, then this one, in every round
                    pg = browser.new_page()
                    pg.goto(other.url + "/")
                    pg.wait_for_function(READY, polling="raf")
                    others_seen.append(pg.evaluate("performance.now()"))
                    others.append(max(marks(pg)))
                    pg.close()
                page = browser.new_page()  # a new context: a cold HTTP cache
                page.goto(srv.url + "/")
                page.wait_for_function(READY, polling="raf")
                seen.append(page.evaluate("performance.now()"))
                running, editor = marks(page)
                runs.append(running)
                editors.append(editor)
                loads.append(max(running, editor))
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
            import sio_client  # a Python client for the harness alone (no page work)

            c = sio_client.Client(srv.url)
            for i in range(RUNS):
                t0 = time.perf_counter()
                c.ask("digit", {"id": i, "strokes": strokes, "width": 280, "height": 280, "line_width": 18})
                trips.append((time.perf_counter() - t0) * 1000)
            c.close()
            browser.close()
    finally:
        srv.stop()
        if other:
            other.stop()
        tmp.cleanup()
    load = os.getloadavg()[0]
    print(f"medians of {RUNS} runs (headless Chromium, loopback, this machine; load average {load:.1f} on {os.cpu_count()} cores)")
    print(f"  page load to ready (firmware + editor)      {statistics.median(loads):7.0f} ms")
    print(f"    firmware running                           {statistics.median(runs):7.0f} ms")
    print(f"    editor ready                               {statistics.median(editors):7.0f} ms")
    print(f"    seen by the harness                        {statistics.median(seen):7.0f} ms")
    if others:
        print(f"  page load to ready, {args.compare:>10} (same runs) {statistics.median(others):7.0f} ms "
              f"(this page: {statistics.median(loads) / statistics.median(others):.2f}x; paired rounds: median "
              f"{statistics.median(a / b for a, b in zip(loads, others)):.2f}x)")
        print(f"    seen by the harness, {args.compare:>10}        {statistics.median(others_seen):7.0f} ms")
    print(f"  BUTTON1 to LCD, drawing already converted   {statistics.median(warm):7.0f} ms")
    print(f"  BUTTON1 to LCD, conversion on the press     {statistics.median(cold):7.0f} ms")
    if other_presses:
        print(f"  BUTTON1 to LCD, {args.compare:>10} (same runs)   {statistics.median(other_presses):7.0f} ms "
              f"(it converts on the press)")
    print(f"  harness round trip                          {statistics.median(trips):7.1f} ms")


if __name__ == "__main__":
    main()
