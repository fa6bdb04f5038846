"""The long whole-model conformance run (tests/test_conformance.py runs 200 models by default):
thousands of random models converted by TensorFlow, generated, compiled and run as `sim eval`
does, compared with TFLite Micro (tflm mode) and tf.lite.Interpreter (tflite mode).

    .venv/bin/python bench/conformance.py --models 2000 --start 100000
    .venv/bin/python bench/conformance.py --models 5000 --json out/conformance.json

Seeds [start, start + models) are disjoint from the test suite's (0..) when start is large.
Exits 1 if any model mismatches; a mismatching model is reproduced with
`random_models.draw(seed)` and located op by op with tests/model_surgery.py.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", type=int, default=2000, help="number of random models (default 2000)")
    ap.add_argument("--start", type=int, default=100_000, help="first seed (default 100000)")
    ap.add_argument("--rounds", type=int, default=6, help="inputs per model (default 6; the first is all extremes)")
    ap.add_argument("--batch", type=int, default=64, help="models per executable (default 64)")
    ap.add_argument("--json", type=Path, help="write the report here")
    args = ap.parse_args()

    import conformance

    t0 = time.perf_counter()
    report = conformance.run(list(range(args.start, args.start + args.models)), rounds=args.rounds, batch=args.batch,
                             log=lambda line: print(line, flush=True), isolate=True)
    elapsed = time.perf_counter() - t0
    print(report.summary())
    print(f"seeds {args.start}..{args.start + args.models - 1}, {elapsed / 60:.1f} min")
    print("operators (models containing each): " + ", ".join(f"{k} {v}" for k, v in sorted(report.ops.items())))
    for mode in conformance.MODES:
        for line in report.mismatches[mode]:
            print(f"MISMATCH {mode}: {line}")
    for line in report.crashed:
        print(f"CRASHED: {line}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "models": report.models, "inferences_per_mode": report.inputs, "seeds": [args.start, args.start + args.models],
            "mismatches": report.mismatches, "reference_cannot_run": {m: len(v) for m, v in report.refused.items()},
            "known_not_reproduced": report.known, "crashed": report.crashed,
            "operators": report.ops, "seconds": report.seconds}, indent=2) + "\n")
    return 1 if any(report.mismatches.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
