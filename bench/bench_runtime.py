"""Runtime benchmark: time per inference of the generated C++ on this host and in WebAssembly,
next to TensorFlow Lite (XNNPACK) and TensorFlow Lite Micro, in the same run.

    .venv/bin/python bench/bench_runtime.py [--models mlp,kws,vww,resnet8,ad] [--no-browser]

Models: the talk's 784-128-64-10 int8 MNIST MLP (MNIST test images) and, when the shared folder
is there ($SIM_SHARED_DIR or ../shared), the four MLPerf Tiny int8 models (random int8 inputs).
For each, microseconds per inference over 9 passes of about 0.15 s, the builds interleaved
pass by pass so that they share the machine's load: the minimum (the estimator least disturbed by
other processes on a shared machine) and the median, of:

- utensor, native host build with -march=native (this machine: AVX-512 VNNI kernels) and with the
  baseline x86-64 flags the simulator's host target uses (SSE2 kernels);
- utensor in WebAssembly (SIMD128, the simulator's wasm runtime flags) under node and in headless
  Chromium (the same kernels; wasm/native ratios are printed against the -march=native build);
- tf.lite.Interpreter as users get it (XNNPACK delegate, one thread) and TFLite Micro (the
  `tflite-micro` package), both timed from Python around invoke() (set_input included for TFLM).

Every build's outputs are checked equal to TFLite Micro's on the same inputs (double rounding).
For the MLP it also prints instructions per inference (callgrind, baseline x86-64 build), RAM
(arena bytes a run really writes vs TFLM's smallest arena) and flash. The machine is shared and
noisy: compare ratios within one run, and prefer the instruction counts of bench_m4.py.
"""

from __future__ import annotations

import argparse
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
from simulator.model.tflite_reader import read_model  # noqa: E402
from bench_m4 import model_specs, shared_dir  # noqa: E402
import wasm_build  # noqa: E402
from tflm_probe import smallest_arena  # noqa: E402

PASSES = 9
TARGET_SECONDS = 0.15  # per timed pass


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


def mnist_inputs(gen, count: int) -> np.ndarray:
    from simulator.model.data import load

    info = gen.report["input"]
    test = load().test
    x = np.round(test.images[:count].reshape(count, -1) / info["scale"]) + info["zero_point"]
    return np.clip(x, -128, 127).astype(np.int8)


def repeat_for(seconds_one: float, count: int) -> int:
    return max(1, int(TARGET_SECONDS / max(seconds_one * count, 1e-9)))


def tflite_timer(model_path: Path, x: np.ndarray):
    """A pass of tf.lite.Interpreter (XNNPACK, one thread): () -> us per inference."""
    import tensorflow as tf

    interp = tf.lite.Interpreter(model_path=str(model_path), num_threads=1)
    interp.allocate_tensors()
    d = interp.get_input_details()[0]
    xs = [xi.reshape(d["shape"]).astype(d["dtype"]) for xi in x]
    interp.set_tensor(d["index"], xs[0])
    interp.invoke()
    t0 = time.perf_counter()
    interp.invoke()
    reps = repeat_for(time.perf_counter() - t0, 1)

    def once() -> float:
        t = time.perf_counter()
        for i in range(reps):
            interp.set_tensor(d["index"], xs[i % len(xs)])
            interp.invoke()
        return (time.perf_counter() - t) / reps * 1e6

    return once


def tflm_timer(model_path: Path, x: np.ndarray):
    """A pass of TFLite Micro (set_input + invoke), and its outputs for the first inputs."""
    from tflite_micro.python.tflite_micro import runtime

    m = runtime.Interpreter.from_file(str(model_path), arena_size=1 << 21)
    d = m.get_input_details(0)
    outs = []
    for xi in x[:5]:
        m.set_input(xi.reshape(d["shape"]).astype(d["dtype"]), 0)
        m.invoke()
        outs.append(m.get_output(0).copy().reshape(-1))
    t0 = time.perf_counter()
    m.invoke()
    reps = repeat_for(time.perf_counter() - t0, 1)

    def once() -> float:
        t = time.perf_counter()
        for i in range(reps):
            m.set_input(x[i % len(x)].reshape(d["shape"]).astype(d["dtype"]), 0)
            m.invoke()
        return (time.perf_counter() - t) / reps * 1e6

    return once, np.stack(outs)


def bench(spec, browser: bool) -> dict:
    model = read_model(spec.path)
    gen = generate(model, spec.key)
    n_in = int(np.prod(gen.report["input"]["shape"]))
    if spec.key == "mlp":
        x = mnist_inputs(gen, 200)
    else:
        x = np.random.default_rng(1).integers(-128, 128, size=(20, n_in), dtype=np.int8)
    timers = {}
    timers["tflm"], want = tflm_timer(spec.path, x)  # reference outputs (double rounding)

    def native_timer(exe):
        out, stats = native.run(exe, gen, x)
        np.testing.assert_array_equal(out[:5].reshape(5, -1), want, err_msg=f"{spec.key} {exe} vs TFLM")
        reps = repeat_for(stats["ns_per_inference"] * 1e-9, len(x))
        return lambda: native.run(exe, gen, x, reps)[1]["ns_per_inference"] / 1000

    timers["native"] = native_timer(native.build(gen, native_arch=True))
    timers["baseline"] = native_timer(native.build(gen, native_arch=False))
    js = wasm_build.build(gen)
    out, stats = wasm_build.run(js, gen, x)
    np.testing.assert_array_equal(out[:5].reshape(5, -1), want, err_msg=f"{spec.key} wasm vs TFLM")
    reps = repeat_for(stats["ns_per_inference"] * 1e-9, len(x))
    timers["node"] = lambda: wasm_build.run(js, gen, x, reps)[1]["ns_per_inference"] / 1000
    timers["tflite"] = tflite_timer(spec.path, x)
    samples: dict[str, list[float]] = {k: [] for k in timers}
    for _ in range(PASSES):
        for k, fn in timers.items():
            samples[k].append(fn())
    if browser:
        page = wasm_build.build_web(gen, x[0])
        n = max(1, int(TARGET_SECONDS / (min(samples["node"]) * 1e-6)))
        samples["chromium"] = wasm_build.chromium_us({spec.key: page}, n, runs=PASSES)[spec.key]
    row: dict = {"title": spec.title, "gen": gen, "x": x}
    for k, v in samples.items():
        row[k] = (min(v), statistics.median(v))
    return row


def mlp_extras(row: dict, path: Path) -> None:
    gen, x = row["gen"], row["x"]
    touched = native.run(native.build(gen), gen, x[:1])[1]["arena_touched"]
    if shutil.which("valgrind"):
        generic = native.build(gen, native_arch=False)  # valgrind does not decode AVX-512
        with tempfile.TemporaryDirectory() as tmp:
            one, many = Path(tmp) / "one.bin", Path(tmp) / "many.bin"
            one.write_bytes(x[:1].tobytes())
            many.write_bytes(np.repeat(x[:1], 201, axis=0).tobytes())
            ours = (callgrind_instructions([str(generic), str(many), "/dev/null"]) -
                    callgrind_instructions([str(generic), str(one), "/dev/null"])) / 200
        tflm = (callgrind_instructions([sys.executable, "-c", TFLM_LOOP, str(path), "201"]) -
                callgrind_instructions([sys.executable, "-c", TFLM_LOOP, str(path), "1"])) / 200
        print(f"  MLP instructions per inference (callgrind, baseline x86-64 build): utensor {ours:,.0f}, "
              f"TFLM {tflm:,.0f} (incl. Python set_input): {tflm / ours:.1f}x")
    t0 = time.monotonic()
    arena = smallest_arena(path)
    print(f"  MLP RAM: utensor {touched} B written (plan {gen.plan.arena_bytes} B); TFLM smallest arena {arena} B "
          f"({time.monotonic() - t0:.0f} s to probe); flash for weights {gen.report['flash_bytes']} B "
          f"(.tflite {path.stat().st_size} B)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", default="", help="comma-separated subset of mlp,kws,vww,resnet8,ad")
    ap.add_argument("--no-browser", action="store_true", help="skip the headless Chromium timings")
    args = ap.parse_args(argv)
    specs = model_specs(shared_dir())
    if args.models:
        specs = [s for s in specs if s.key in args.models.split(",")]
    browser = not args.no_browser and Path("/usr/bin/chromium").exists()
    print(f"Microseconds per inference on this host: minimum / median of {PASSES} interleaved passes "
          "(the machine is shared: the minimum is the least disturbed figure)")
    cols = ["native", "baseline", "node"] + (["chromium"] if browser else []) + ["tflite", "tflm"]
    names = {"native": "utensor native", "baseline": "x86-64 base", "node": "wasm node", "chromium": "wasm Chromium",
             "tflite": "tf.lite XNNPACK", "tflm": "TFLM"}
    print(f"{'model':26}" + "".join(f"{names[c]:>18}" for c in cols))
    rows = []
    for spec in specs:
        row = bench(spec, browser)
        rows.append((spec, row))
        print(f"{row['title'][:26]:26}" + "".join(f"{row[c][0]:>10.1f} /{row[c][1]:>6.0f}" if row[c][0] >= 100
                                                  else f"{row[c][0]:>10.2f} /{row[c][1]:>6.1f}" for c in cols),
              flush=True)
    print("\nRatios of the minima:")
    print(f"{'model':26} {'node/native':>12} {'node/x86-64':>12}" + (f" {'Chromium/native':>16} {'Chromium/x86-64':>16}"
                                                                    if browser else "") +
          f" {'native/XNNPACK':>15} {'TFLM/native':>12}")
    for spec, row in rows:
        line = f"{row['title'][:26]:26} {row['node'][0] / row['native'][0]:>11.2f}x {row['node'][0] / row['baseline'][0]:>11.2f}x"
        if browser:
            line += f" {row['chromium'][0] / row['native'][0]:>15.2f}x {row['chromium'][0] / row['baseline'][0]:>15.2f}x"
        line += f" {row['native'][0] / row['tflite'][0]:>14.2f}x {row['tflm'][0] / row['native'][0]:>11.1f}x"
        print(line)
    print("All builds' outputs identical to TFLite Micro's on the same inputs.")
    for spec, row in rows:
        if spec.key == "mlp":
            mlp_extras(row, spec.path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
