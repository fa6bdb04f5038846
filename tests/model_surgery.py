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


def reshapes_as_squeeze_and_expand_dims(data: bytes) -> bytes:
    """Every RESHAPE that only inserts one dimension of 1 becomes EXPAND_DIMS (with a constant
    axis input), every one that only removes one becomes SQUEEZE (squeeze_dims): the ops other
    converters emit where TensorFlow's writes RESHAPE. tf.lite and TFLite Micro run both."""
    schema = _schema()
    model = unpack(data)
    graph = model.subgraphs[0]
    codes: dict[int, int] = {}

    def opcode(builtin: int) -> int:
        if builtin not in codes:
            code = schema.OperatorCodeT()
            code.builtinCode, code.deprecatedBuiltinCode, code.version = builtin, min(builtin, 127), 1
            model.operatorCodes.append(code)
            codes[builtin] = len(model.operatorCodes) - 1
        return codes[builtin]

    for op in graph.operators:
        code = model.operatorCodes[op.opcodeIndex]
        if max(code.builtinCode, code.deprecatedBuiltinCode) != schema.BuiltinOperator.RESHAPE:
            continue
        src, dst = list(graph.tensors[op.inputs[0]].shape), list(graph.tensors[op.outputs[0]].shape)
        longer, shorter = (dst, src) if len(dst) == len(src) + 1 else (src, dst)
        if len(longer) != len(shorter) + 1:
            continue
        axis = next((k for k in range(len(longer)) if longer[k] == 1 and longer[:k] + longer[k + 1:] == shorter), None)
        if axis is None:
            continue
        if longer is dst:  # EXPAND_DIMS(x, axis)
            buffer = schema.BufferT()
            buffer.data = np.frombuffer(np.array([axis], "<i4").tobytes(), np.uint8)
            model.buffers.append(buffer)
            tensor = schema.TensorT()
            tensor.shape, tensor.type, tensor.buffer = [1], schema.TensorType.INT32, len(model.buffers) - 1
            tensor.name = f"expand_dims_axis_{axis}".encode()
            graph.tensors.append(tensor)
            op.opcodeIndex = opcode(schema.BuiltinOperator.EXPAND_DIMS)
            op.inputs = [op.inputs[0], len(graph.tensors) - 1]
            op.builtinOptionsType, op.builtinOptions = schema.BuiltinOptions.ExpandDimsOptions, schema.ExpandDimsOptionsT()
        else:
            options = schema.SqueezeOptionsT()
            options.squeezeDims = [axis]
            op.opcodeIndex = opcode(schema.BuiltinOperator.SQUEEZE)
            op.inputs = [op.inputs[0]]
            op.builtinOptionsType, op.builtinOptions = schema.BuiltinOptions.SqueezeOptions, options
    return pack(model)
