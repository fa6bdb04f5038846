"""Memory of every model the converter handles: utensor's planned arena (with the fast kernels'
im2col scratch) next to its live-tensor lower bound and TFLite Micro's smallest working arena for
the same .tflite (probed in child processes), and the flash of the generated code.

    .venv/bin/python bench/bench_models.py

The committed MNIST models always; the TFLM example models, the LSTM and the four MLPerf Tiny
int8 models (KWS, VWW, ResNet-8, AD) when the shared folder is there ($SIM_SHARED_DIR or
../shared). Time per inference: bench_runtime.py (host, wasm, tf.lite, TFLM) and bench_m4.py
(Cortex-M4 instructions next to CMSIS-NN).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_m4 import shared_dir  # noqa: E402
from simulator.errors import UserError  # noqa: E402
from simulator.model.codegen import generate  # noqa: E402
from simulator.model.tflite_reader import read_model  # noqa: E402
from tflm_probe import smallest_arena  # noqa: E402


def models() -> list[Path]:
    out = [ROOT / "firmware" / "models" / "mnist_mlp" / "mnist_mlp.tflite",
           ROOT / "firmware" / "models" / "mnist_cnn" / "mnist_cnn.tflite"]
    shared = shared_dir()
    if shared:
        m = shared / "models"
        out += [m / "hello_world_int8.tflite", m / "micro_speech_quantized.tflite", m / "person_detect.tflite",
                m / "trained_lstm_int8.tflite"]
        tiny = m / "mlperf_tiny"
        out += [tiny / "kws_ref_model.tflite", tiny / "vww_96_int8.tflite", tiny / "pretrainedResnet_quant.tflite",
                tiny / "ad01_int8.tflite"]
    return out


def main() -> None:
    if shared_dir() is None:
        print("shared folder not found ($SIM_SHARED_DIR or ../shared): the committed models only")
    print(f"{'model':30} {'utensor RAM':>12} {'scratch':>8} {'lower bound':>12} {'TFLM arena':>11} {'TFLM/ours':>9} "
          f"{'utensor flash':>14} {'.tflite':>9}  in place")
    for path in models():
        if not path.exists():
            print(f"{path.name:30} (not found: {path})")
            continue
        try:
            gen = generate(read_model(path), "m")
        except UserError as exc:
            print(f"{path.name:30} (not converted: {exc})")
            continue
        tflm = smallest_arena(path)
        plan = gen.plan
        scratch = max((b.size for b in plan.buffers if b.scratch_op >= 0), default=0)
        ops = ", ".join(gen.layers[i].op for i in plan.in_place_ops) or "-"
        print(f"{path.name:30} {plan.arena_bytes:12,d} {scratch:8,d} {plan.lower_bound_bytes:12,d} {tflm:11,d} "
              f"{tflm / plan.arena_bytes:8.2f}x {gen.report['flash_bytes']:14,d} {path.stat().st_size:9,d}  {ops}",
              flush=True)


if __name__ == "__main__":
    main()
