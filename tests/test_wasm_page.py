"""The wasm build as the page runs it (no run configuration: the page's clock, Module hooks),
driven from node the way the page drives it. Contract: docs/DESIGN.md, "Page <-> firmware
bridge"."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from simulator.build import boards, build

PROGRAM = Path(__file__).parent / "mbed_programs" / "page_mode.cpp"

DRIVER = r"""
const create = require(process.argv[2]);
const events = [];
const t0 = Date.now();
let pageTicks = 0;
const tick = setInterval(() => { pageTicks++; }, 5);  // the page's own work must keep running
create({
  onGpioWrite: (pin, value) => events.push(['gpio', Date.now() - t0, pin, value]),
  onSerial: (text) => events.push(['serial', Date.now() - t0, text]),
  onLcdText: (lines) => events.push(['lcd', lines]),
}).then((Module) => {
  Module.callMain([]);
  setTimeout(() => Module.simSerialInput('x'), 100);
  setTimeout(() => Module.simPress(BUTTON1, true), 200);
  setTimeout(() => Module.simPress(BUTTON1, false), 250);
  setTimeout(() => Module.simSerialInput('y'), 300);
  setTimeout(() => Module.simSet('temp', 31.5), 400);
  setTimeout(() => Module.simSerialInput('q'), 500);
  setTimeout(() => {
    clearInterval(tick);
    process.stdout.write(JSON.stringify({events, pageTicks}));
    process.exit(0);
  }, 900);
});
"""


def test_page_clock_hooks_and_input(tmp_path):
    result = build([PROGRAM], "wasm")
    assert result.ok, result.log
    button = boards.get("lpc1768").pins["BUTTON1"]
    driver = tmp_path / "driver.js"
    driver.write_text(DRIVER.replace("BUTTON1", str(button)))
    r = subprocess.run(["node", "--no-experimental-fetch", str(driver), str(result.outputs["js"])],
                       capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    serial = "".join(e[2] for e in data["events"] if e[0] == "serial")
    # The loop waits in fgetc for a key ('x' at 100 ms, 'y' at 300, 'q' at 500): each key runs it
    # once and shows what arrived meanwhile (the press at 200 ms, the temperature set at 400).
    # On the page's clock the exact interleaving depends on the machine's speed, not the set.
    assert serial.startswith("ready\ntemp 25\n"), serial
    assert sorted(serial.splitlines()[2:]) == ["pressed 1", "quit key", "temp 31"], serial
    led1 = boards.get("lpc1768").pins["LED1"]
    times = [e[1] for e in data["events"] if e[0] == "gpio" and e[2] == led1]
    assert len(times) >= 4 and times[-1] > 450  # it kept running on the page's clock
    assert data["pageTicks"] >= 10  # up to ~170 timer ticks in 0.9 s; a frozen page gets none
