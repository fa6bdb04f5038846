"""Edit .tflite flatbuffers with TensorFlow's own schema object API (for diagnosis and tests).

``with_output(data, tensor)`` makes an intermediate tensor the model's only output and drops
the ops after it, so both references and the generated code can be compared tensor by
tensor: ``first_difference`` names the first op whose output differs.
"""

from __future__ import annotations

from typing import Callable

import numpy as np


def _schema():
    from tensorflow.lite.python import schema_py_generated as schema

    return schema


def pack(model) -> bytes:
    import flatbuffers

    builder = flatbuffers.Builder(1024)
    builder.Finish(model.Pack(builder), file_identifier=b"TFL3")
    return bytes(builder.Output())


def unpack(data: bytes):
    return _schema().ModelT.InitFromPackedBuf(bytearray(data), 0)


def with_output(data: bytes, tensor: int) -> bytes:
    """The model cut after the op that writes `tensor`, which becomes the only output."""
    model = unpack(data)
    graph = model.subgraphs[0]
    last = max(k for k, op in enumerate(graph.operators) if tensor in list(op.outputs))
    graph.operators = graph.operators[: last + 1]
    graph.outputs = [tensor]
    return pack(model)


def first_difference(data: bytes, x: np.ndarray, ours: Callable[[bytes, np.ndarray], np.ndarray],
                     theirs: Callable[[bytes, np.ndarray], np.ndarray]) -> tuple[int, str] | None:
    """(op index, op name) of the first op whose output differs between two executors of a
    model (each maps (model bytes, inputs) to outputs), or None."""
    from simulator.model.tflite_reader import read_model

    model = read_model(data)
    for op in model.ops:
        cut = with_output(data, op.outputs[0])
        if not np.array_equal(np.asarray(ours(cut, x)).reshape(-1), np.asarray(theirs(cut, x)).reshape(-1)):
            return op.index, op.name
    return None
