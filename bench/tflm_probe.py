"""Helpers shared by the benchmarks: TFLite Micro's smallest working arena (probed in child
processes, since a too-small arena can crash the interpreter) and its invoke time."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

CHILD = """
import sys, numpy as np
from tflite_micro.python.tflite_micro import runtime
m = runtime.Interpreter.from_file(sys.argv[1], arena_size=int(sys.argv[2]))
d = m.get_input_details(0)
m.set_input(np.zeros(d['shape'], d['dtype']), 0)
m.invoke()
print('ok')
"""


def works(model: Path, arena: int) -> bool:
    r = subprocess.run([sys.executable, "-c", CHILD, str(model), str(arena)], capture_output=True, text=True, timeout=120)
    return r.returncode == 0 and r.stdout.strip().endswith("ok")


def smallest_arena(model: Path, high: int = 1 << 20, step: int = 16) -> int:
    """Binary search over arena sizes (to a multiple of `step`)."""
    while not works(model, high):
        high *= 2
    low = 0
    while high - low > step:
        mid = (low + high) // 2 // step * step
        if works(model, mid):
            high = mid
        else:
            low = mid
    return high


def invoke_us(model: Path, inputs: np.ndarray, repeat: int = 5) -> float:
    """Median microseconds per TFLM invoke over the given inputs."""
    from tflite_micro.python.tflite_micro import runtime

    m = runtime.Interpreter.from_file(str(model), arena_size=1 << 20)
    d = m.get_input_details(0)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for x in inputs:
            m.set_input(x.reshape(d["shape"]).astype(d["dtype"]), 0)
            m.invoke()
        times.append((time.perf_counter() - t0) / len(inputs) * 1e6)
    return statistics.median(times)
