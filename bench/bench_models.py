"""Memory of every model the converter handles: utensor's planned arena next to its live-tensor
lower bound and TFLite Micro's smallest working arena for the same .tflite (probed in child
processes), and the flash of the generated code.

    .venv/bin/python bench/bench_models.py

The reference models come from ../shared/models (skipped, with a note, when absent).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from simulator.errors import UserError  # noqa: E402
from simulator.model.codegen import generate  # noqa: E402
from simulator.model.tflite_reader import read_model  # noqa: E402
from tflm_probe import smallest_arena  # noqa: E402

SHARED = Path(os.environ.get("UTENSOR_SHARED_MODELS", ROOT.parent / "shared" / "models"))
MODELS = [ROOT / "firmware" / "models" / "mnist_mlp" / "mnist_mlp.tflite",
          ROOT / "firmware" / "models" / "mnist_cnn" / "mnist_cnn.tflite",
          SHARED / "hello_world_int8.tflite", SHARED / "micro_speech_quantized.tflite", SHARED / "person_detect.tflite",
          SHARED / "trained_lstm_int8.tflite",
          SHARED / "mlperf_tiny" / "kws_ref_model.tflite", SHARED / "mlperf_tiny" / "vww_96_int8.tflite",
          SHARED / "mlperf_tiny" / "pretrainedResnet_quant.tflite", SHARED / "mlperf_tiny" / "ad01_int8.tflite"]


def main() -> None:
    print(f"{'model':30} {'utensor RAM':>12} {'lower bound':>12} {'TFLM arena':>11} {'TFLM/ours':>9} "
          f"{'utensor flash':>14} {'.tflite':>9}  in place")
    for path in MODELS:
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
        ops = ", ".join(gen.layers[i].op for i in plan.in_place_ops) or "-"
        print(f"{path.name:30} {plan.arena_bytes:12,d} {plan.lower_bound_bytes:12,d} {tflm:11,d} "
              f"{tflm / plan.arena_bytes:8.2f}x {gen.report['flash_bytes']:14,d} {path.stat().st_size:9,d}  {ops}")


if __name__ == "__main__":
    main()
