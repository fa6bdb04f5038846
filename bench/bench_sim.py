"""The simulator's overhead, per target: HAL calls per second, the cost of a context switch,
interrupt events per second.

    .venv/bin/python bench/bench_sim.py [--repeat 3] [--targets host,wasm,cortex-m4]

Each figure comes from a program run twice, with N operations and with none (the same build,
N given as a run-time input); (wall time with N - wall time without) / N is the real time one
operation costs, its inverse the rate. Wall time is the median of --repeat runs (the machine is
shared: read ratios, not absolute values). The Cortex-M4 line also gives instructions per
operation, exact under QEMU -icount (simulated time / 8 ns per instruction at shift=3).

Operations:
- hal: DigitalIn::read (one HAL call; host/wasm also charge the loop's basic blocks);
- switch: two threads of equal priority handing a semaphore back and forth (two switches
  per round: N rounds = 2N switches);
- events: Ticker interrupts every 10 us, each counting (one interrupt delivery and return).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PROGRAMS = {
    "hal": r"""
#include "mbed.h"
DigitalIn button(BUTTON1);
int main() {
  int n = 0;
  scanf("%d", &n);
  Timer t; t.start();
  int pressed = 0;
  for (int i = 0; i < n; ++i) pressed += !button.read();
  printf("sim_ns %lld (%d)\n", (long long)t.elapsed_time().count() * 1000, pressed);
}
""",
    "switch": r"""
#include "mbed.h"
Semaphore ping(0), pong(0);
Thread other;
int rounds = 0;
void body() { for (int i = 0; i < rounds; ++i) { ping.acquire(); pong.release(); } }
int main() {
  scanf("%d", &rounds);
  other.start(body);
  Timer t; t.start();
  for (int i = 0; i < rounds; ++i) { ping.release(); pong.acquire(); }
  printf("sim_ns %lld\n", (long long)t.elapsed_time().count() * 1000);
}
""",
    "events": r"""
#include "mbed.h"
Ticker ticker;
volatile int count = 0;
int n = 0;
EventFlags done;
void tick() { if (++count == n) { ticker.detach(); done.set(1); } }
int main() {
  scanf("%d", &n);
  if (n == 0) { printf("sim_ns 0\n"); return 0; }
  Timer t; t.start();
  ticker.attach(&tick, 10us);
  done.wait_any(1);
  printf("sim_ns %lld\n", (long long)t.elapsed_time().count() * 1000);
}
""",
}
COUNTS = {"hal": 2_000_000, "switch": 100_000, "events": 200_000}
LABELS = {"hal": "HAL calls", "switch": "context switches", "events": "interrupt events"}
PER_OP = {"hal": 1, "switch": 2, "events": 1}  # a switch round is two switches


def timed_run(outputs, target: str, n: int) -> tuple[float, float]:
    from simulator.build.runner import run

    t0 = time.perf_counter()
    out = run(outputs, target, until_ms=3_600_000, stdin=f"{n}\n", timeout=900)
    wall = time.perf_counter() - t0
    if out.status != "finished" or "sim_ns" not in out.serial:
        raise SystemExit(f"{target}: the benchmark program failed: {out.status} {out.error} {out.serial!r}")
    sim_ns = float(out.serial.split("sim_ns ")[1].split()[0])
    return wall, sim_ns


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--targets", default="host,wasm,cortex-m4")
    args = ap.parse_args()
    from simulator.build import build

    targets = args.targets.split(",")
    print(f"command: {' '.join(sys.argv)}")
    print(f"{'target':<10} {'operation':<17} {'N':>9} {'real us/op':>11} {'ops per s':>11} {'sim ns/op':>10} "
          f"{'instr/op':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, source in PROGRAMS.items():
            src = Path(tmp) / f"bench_{name}.cpp"
            src.write_text(source)
            for target in targets:
                result = build([src], target)
                if not result.ok:
                    raise SystemExit(result.log)
                n = COUNTS[name]
                walls0, walls = [], []
                sim_ns = 0.0
                for _ in range(args.repeat):
                    walls0.append(timed_run(result.outputs, target, 0)[0])
                    wall, sim_ns = timed_run(result.outputs, target, n)
                    walls.append(wall)
                ops = n * PER_OP[name]
                real_us = max(statistics.median(walls) - statistics.median(walls0), 1e-9) / ops * 1e6
                sim_per_op = sim_ns / ops
                instr = f"{sim_per_op / 8:.0f}" if target == "cortex-m4" else "-"
                print(f"{target:<10} {LABELS[name]:<17} {ops:>9} {real_us:>11.3f} {1e6 / real_us:>11.0f} "
                      f"{sim_per_op:>10.0f} {instr:>9}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
