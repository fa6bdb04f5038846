"""Memory of every model the converter handles: utensor's planned arena and flash next to
TFLite Micro's smallest working arena for the same .tflite (probed in child processes).

    .venv/bin/python bench/bench_models.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from simulator.model.codegen import generate  # noqa: E402
from simulator.model.tflite_reader import read_model  # noqa: E402
from tflm_probe import smallest_arena  # noqa: E402

SHARED = ROOT.parent / "shared" / "models"
MODELS = [ROOT / "firmware" / "models" / "mnist_mlp" / "mnist_mlp.tflite",
          ROOT / "firmware" / "models" / "mnist_cnn" / "mnist_cnn.tflite",
          SHARED / "hello_world_int8.tflite", SHARED / "micro_speech_quantized.tflite", SHARED / "person_detect.tflite"]


def main() -> None:
    print(f"{'model':28} {'utensor RAM':>12} {'TFLM arena':>11} {'ratio':>6} {'utensor flash':>14} {'.tflite':>9}")
    for path in MODELS:
        if not path.exists():
            print(f"{path.name:28} (not found: {path})")
            continue
        gen = generate(read_model(path), "m")
        tflm = smallest_arena(path)
        ram = gen.plan.arena_bytes
        print(f"{path.name:28} {ram:12d} {tflm:11d} {tflm / ram:5.1f}x {gen.report['flash_bytes']:14d} "
              f"{path.stat().st_size:9d}")


if __name__ == "__main__":
    main()
