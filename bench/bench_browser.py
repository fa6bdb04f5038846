"""Browser timings of `sim serve` in headless Chromium (medians of 20 runs):

    .venv/bin/python bench/bench_browser.py

- page load to ready: navigation start to the mnist firmware running (status "Running ...")
- BUTTON1 to LCD update: from the press to the LCD showing the prediction (includes the
  harness round trip, the IDX write and the inference in wasm)
- harness round trip: the page's Socket.IO `digit` request to its answer
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest_server import Server  # noqa: E402
from digit_strokes import drawings  # noqa: E402

RUNS = 20


def main() -> None:
    from playwright.sync_api import sync_playwright

    srv = Server()
    try:
        srv.wait_ready()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                              "--disable-component-update", "--no-first-run"])
            loads, presses, trips = [], [], []
            page = None
            for i in range(RUNS):
                page = browser.new_page()
                page.goto(srv.url + "/")
                page.wait_for_function("document.getElementById('status').textContent.startsWith('Running')")
                loads.append(page.evaluate("performance.now()"))
                if i < RUNS - 1:
                    page.close()
            strokes = drawings()[7][1]
            box = page.locator("#draw").bounding_box()
            for s in strokes:
                page.mouse.move(box["x"] + s[0][0], box["y"] + s[0][1])
                page.mouse.down()
                for x, y in s[1:]:
                    page.mouse.move(box["x"] + x, box["y"] + y, steps=4)
                page.mouse.up()
            for _ in range(RUNS):
                page.evaluate("document.getElementById('lcd').setAttribute('aria-label', '')")
                t0 = page.evaluate("performance.now()")
                page.click("#button1")
                page.wait_for_function("document.getElementById('lcd').getAttribute('aria-label').startsWith('Predicted')",
                                       polling="raf")
                presses.append(page.evaluate("performance.now()") - t0)
            import sio_client  # a Python client for the harness alone (no page work)
            import time

            c = sio_client.Client(srv.url)
            for i in range(RUNS):
                t0 = time.perf_counter()
                c.ask("digit", {"id": i, "strokes": strokes, "width": 280, "height": 280, "line_width": 18})
                trips.append((time.perf_counter() - t0) * 1000)
            c.close()
            browser.close()
    finally:
        srv.stop()
    print(f"medians of {RUNS} runs (headless Chromium, loopback, this machine)")
    print(f"  page load to ready      {statistics.median(loads):7.0f} ms")
    print(f"  BUTTON1 to LCD update   {statistics.median(presses):7.0f} ms")
    print(f"  harness round trip      {statistics.median(trips):7.1f} ms")


if __name__ == "__main__":
    main()
