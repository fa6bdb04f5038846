"""The generated models' memory plans, for the page's "network" pictures (``GET /api/models``).

Each entry is the model's ``NAME_report.json`` (written by ``sim convert``: per-layer RAM and
flash) plus its arena layout: which activation tensors share which bytes. When the report
itself carries ``buffers`` (a later codegen may write them), they are used as they are;
otherwise the layout is computed here with the same planner that placed the tensors in the
generated C++ (``simulator.model.planner.plan``), from the model's ``.tflite`` beside the report.
Reading a model needs no TensorFlow; the answer is cached per file modification time. The first
answer costs ~0.2 s of CPU (the ``tflite`` schema package's import, then the planner): under
gevent it runs in gevent's thread pool, so the event loop keeps serving.
"""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path
from typing import Any

from simulator import FIRMWARE_DIR
from simulator.server.drawings import _off_the_event_loop  # the same CPU-off-the-loop rule

log = logging.getLogger("sim.server")


def model_reports() -> list[dict[str, Any]]:
    out = []
    for report in sorted((FIRMWARE_DIR / "models").glob("*/*_report.json")):
        tflite = report.parent / f"{report.parent.name}.tflite"
        stamp = (report.stat().st_mtime_ns, tflite.stat().st_mtime_ns if tflite.exists() else 0)
        try:
            out.append(_off_the_event_loop(_load, report, tflite, stamp))
        except Exception as exc:  # one unreadable model must not hide the others
            log.warning("model report %s: %s", report.parent.name, type(exc).__name__)
    return out


@functools.lru_cache(maxsize=16)
def _load(report: Path, tflite: Path, stamp: tuple[int, int]) -> dict[str, Any]:
    data = json.loads(report.read_text())
    if "buffers" not in data and tflite.exists():
        data["buffers"] = _buffers(tflite)
        data["buffers_from"] = "planner"
    return data


def _buffers(tflite: Path) -> list[dict[str, Any]]:
    from simulator.model.codegen import memory_plan
    from simulator.model.tflite_reader import read_model

    model = read_model(tflite)
    memory = memory_plan(model)  # tensors and the kernels' scratch, as the generated code places them
    n_ops = len(model.ops)
    return [
        {
            "offset": b.offset,
            "size": b.size,
            "first": b.first,  # -1: the model's input, alive before the first layer
            "last": min(b.last, n_ops),  # len(layers): a model output, alive after the last one
            "tensors": [model.tensors[t].name for t in b.tensors],
            "shape": list(model.tensors[b.tensors[0]].shape) if b.tensors else [],
            "scratch": b.scratch_op >= 0,  # a layer's working memory (im2col), alive during that layer only
        }
        for b in sorted(memory.buffers, key=lambda b: (b.offset, b.first))
    ]
