"""Build and inference figures for the mnist app, per target, with their peers.

    .venv/bin/python bench/bench_build.py [--repeat 3] [--skip-cold]

Prints (medians of --repeat runs):
- cold `build()` seconds (empty cache: runtime + Mbed layer + model + app), per target;
- warm seconds (libraries cached, the app changed so it compiles and links), next to the peer:
  the same compiler building a hello world straight from the command line;
- cache-hit seconds (identical source);
- wasm/JS bytes, Cortex-M4 flash and static RAM (arm-none-eabi-size);
- per-inference cost of the generated MLP on QEMU (mps2-an386, `-icount shift=0`), in SysTick
  counts (25 MHz) and instructions (1 ns each), next to the same code natively on this host.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator import FIRMWARE_DIR  # noqa: E402

TARGETS = ("wasm", "host", "cortex-m4")
MNIST = FIRMWARE_DIR / "apps" / "mnist" / "main.cpp"
INFER_RUNS = 20

# Times the generated MLP: SysTick (through the HAL's clock) on the Cortex-M4, steady_clock on the host.
BENCH_APP = r"""
#include <chrono>
#include <cstdio>
#include <cstdint>
#include "models/mnist_mlp/mnist_mlp.hpp"
#include "hal/sim_hal.h"

static int8_t input[784], output[10];

int main() {
  for (int i = 0; i < 784; ++i) input[i] = static_cast<int8_t>((i * 37) % 256 - 128);
  mnist_mlp_run(input, output);  // warm-up
#if defined(__arm__)
  const uint64_t t0 = sim_hal_now_us();
  for (int r = 0; r < RUNS; ++r) mnist_mlp_run(input, output);
  const uint64_t t1 = sim_hal_now_us();
  std::printf("systick_per_inference %lu\n", (unsigned long)((t1 - t0) * 25 / RUNS));  // nano printf: no %llu
#else
  const auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < RUNS * 50; ++r) mnist_mlp_run(input, output);
  const auto t1 = std::chrono::steady_clock::now();
  std::printf("ns_per_inference %lld\n",
              (long long)(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count() / (RUNS * 50)));
#endif
  std::printf("out0 %d\n", output[0]);
  return 0;
}
"""


def _timed(fn) -> float:
    t = time.monotonic()
    fn()
    return time.monotonic() - t


def _median(xs: list[float]) -> float:
    return statistics.median(xs)


def _peer_hello(target: str, tmp: Path) -> float:
    src = tmp / "hello.cpp"
    src.write_text('#include <cstdio>\nint main() { std::printf("hi\\n"); }\n')
    env = dict(os.environ, NODE_PATH="/usr/share/nodejs")
    cmd = {"wasm": ["em++", "-O2", str(src), "-o", str(tmp / "hello.js")],
           "host": ["g++", "-O2", str(src), "-o", str(tmp / "hello")],
           "cortex-m4": ["arm-none-eabi-g++", "-O2", "-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard",
                         "-mfpu=fpv4-sp-d16", "--specs=nano.specs", "--specs=rdimon.specs", str(src),
                         "-o", str(tmp / "hello.elf")]}[target]
    return _timed(lambda: subprocess.run(cmd, check=True, env=env, capture_output=True))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-cold", action="store_true")
    args = ap.parse_args()
    from simulator.build import build

    src_text = MNIST.read_text()
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        cold_root = tmp / "cold-cache"
        warm_root = os.environ.get("SIM_CACHE_DIR")
        print(f"{'target':<10} {'cold s':>8} {'warm s':>8} {'hello s (peer)':>15} {'hit s':>8}")
        results = {}
        for target in TARGETS:
            cold = float("nan")
            if not args.skip_cold:
                os.environ["SIM_CACHE_DIR"] = str(cold_root)
                app = tmp / f"cold-{target}" / "main.cpp"
                app.parent.mkdir()
                app.write_text(src_text)
                t = time.monotonic()
                r = build([app], target)
                cold = time.monotonic() - t
                assert r.ok, r.log
            if warm_root is None:
                os.environ.pop("SIM_CACHE_DIR", None)
            else:
                os.environ["SIM_CACHE_DIR"] = warm_root
            build([MNIST], target)  # make sure the libraries are cached
            warm, hits, peers = [], [], []
            for i in range(args.repeat):
                app = tmp / f"warm-{target}-{i}" / "main.cpp"
                app.parent.mkdir()
                app.write_text(src_text + f"\n// bench {time.time_ns()}\n")  # new content: compiles
                t = time.monotonic()
                r = build([app], target)
                warm.append(time.monotonic() - t)
                assert r.ok and not r.cache_hit, r.log
                t = time.monotonic()
                r2 = build([app], target)
                hits.append(time.monotonic() - t)
                assert r2.cache_hit
                peers.append(_peer_hello(target, tmp))
            results[target] = r
            print(f"{target:<10} {cold:>8.2f} {_median(warm):>8.2f} {_median(peers):>15.2f} {_median(hits):>8.4f}")
        print()
        sw = results["wasm"].sizes
        print(f"wasm output: app.js {sw['js']} B, app.wasm {sw['wasm']} B")
        sm = results["cortex-m4"].sizes
        print(f"cortex-m4 mnist: text {sm['text']} B, data {sm['data']} B, bss {sm['bss']} B -> "
              f"flash {sm['flash']} B, static RAM {sm['static_ram']} B (board: 256 KB RAM)")

        # Per-inference cost.
        bench_src = tmp / "infer" / "main.cpp"
        bench_src.parent.mkdir()
        bench_src.write_text(BENCH_APP.replace("RUNS", str(INFER_RUNS)))
        m4 = build([bench_src], "cortex-m4")
        host = build([bench_src], "host")
        assert m4.ok and host.ok, m4.log + host.log
        counts = []
        for _ in range(args.repeat):
            r = subprocess.run(["qemu-system-arm", "-M", "mps2-an386", "-nographic", "-monitor", "none",
                                "-semihosting-config", "enable=on,target=native,arg=app,arg=--until=100000",
                                "-icount", "shift=0,sleep=off", "-kernel", str(m4.outputs["elf"])],
                               capture_output=True, text=True, timeout=120)
            counts.append(int(re.search(r"systick_per_inference (\d+)", r.stdout).group(1)))
        ns = []
        for _ in range(args.repeat):
            r = subprocess.run([str(host.outputs["exe"])], capture_output=True, text=True, timeout=60,
                               env={"SIM_UNTIL_MS": "100000"})
            ns.append(int(re.search(r"ns_per_inference (\d+)", r.stdout).group(1)))
        c = int(_median(counts))
        print(f"mnist_mlp per inference on QEMU (-icount shift=0): {c} SysTick counts at 25 MHz "
              f"(= {c / 25:.0f} us board time, ~{c * 40} instructions) over runs {counts}")
        print(f"peer: the same code natively on this host (g++ -O3): {_median(ns) / 1000:.1f} us per inference")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
