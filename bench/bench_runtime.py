"""Runtime benchmark: the talk's 784-128-64-10 int8 MNIST MLP on this host.

    .venv/bin/python bench/bench_runtime.py

Prints, for utensor-sim's generated C++ and for TFLite Micro on the same model in the same run:
microseconds per inference (median of 5 passes over 1,000 MNIST test images), instructions per
inference (valgrind callgrind, x86-64 baseline build: the difference between 201 and 1
inferences, divided by 200),
and RAM: the arena bytes a run really writes vs TFLM's smallest working arena.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from simulator.model import native  # noqa: E402
from simulator.model.codegen import generate  # noqa: E402
from simulator.model.data import load  # noqa: E402
from simulator.model.tflite_reader import read_model  # noqa: E402
from tflm_probe import invoke_us, smallest_arena  # noqa: E402

MODEL = ROOT / "firmware" / "models" / "mnist_mlp" / "mnist_mlp.tflite"


def callgrind_instructions(cmd: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cg.out"
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *cmd],
                       capture_output=True, check=True)
        text = out.read_text()
    return int(re.search(r"^summary: (\d+)", text, re.M).group(1))


TFLM_LOOP = """
import sys, numpy as np
from tflite_micro.python.tflite_micro import runtime
m = runtime.Interpreter.from_file(sys.argv[1], arena_size=1 << 20)
x = np.zeros((1, 784), np.int8)
for _ in range(int(sys.argv[2])):
    m.set_input(x, 0); m.invoke()
"""


def main() -> None:
    gen = generate(read_model(MODEL), "mnist_mlp")
    exe = native.build(gen)
    test = load().test
    info = gen.report["input"]
    x = np.clip(np.round(test.images[:1000].reshape(1000, -1) / info["scale"]) + info["zero_point"], -128, 127)
    x = x.astype(np.int8)
    times = [native.run(exe, gen, x, repeat=1)[1]["ns_per_inference"] / 1000 for _ in range(5)]
    ours_us = statistics.median(times)
    touched = native.run(exe, gen, x[:1])[1]["arena_touched"]
    tflm_us = invoke_us(MODEL, x, repeat=5)
    print("784-128-64-10 int8 MLP (mnist_mlp.tflite), this host")
    print(f"  time per inference     utensor {ours_us:8.2f} us   TFLM {tflm_us:8.2f} us   ratio {tflm_us / ours_us:.1f}x")
    if shutil.which("valgrind"):
        generic = native.build(gen, native_arch=False)  # valgrind does not decode AVX-512
        with tempfile.TemporaryDirectory() as tmp:
            one, many = Path(tmp) / "one.bin", Path(tmp) / "many.bin"
            one.write_bytes(x[:1].tobytes())
            many.write_bytes(np.repeat(x[:1], 201, axis=0).tobytes())
            ours = (callgrind_instructions([str(generic), str(many), "/dev/null"]) -
                    callgrind_instructions([str(generic), str(one), "/dev/null"])) / 200
        tflm = (callgrind_instructions([sys.executable, "-c", TFLM_LOOP, str(MODEL), "201"]) -
                callgrind_instructions([sys.executable, "-c", TFLM_LOOP, str(MODEL), "1"])) / 200
        print(f"  instructions/inference utensor {ours:10.0f}   TFLM {tflm:10.0f} (incl. Python set_input)   ratio {tflm / ours:.1f}x")
    t0 = time.monotonic()
    arena = smallest_arena(MODEL)
    print(f"  RAM                    utensor {touched:6d} B written (plan {gen.plan.arena_bytes} B)   "
          f"TFLM smallest arena {arena} B   ({time.monotonic() - t0:.0f} s to probe)")
    print(f"  flash for weights      utensor {gen.report['flash_bytes']} B   (.tflite file {MODEL.stat().st_size} B)")


if __name__ == "__main__":
    main()
