"""Read a .tflite flatbuffer into plain Python objects, with clear errors for bad files.

Parsing uses the ``tflite`` package (the TFLite schema compiled by flatc), not TensorFlow,
so reading a model is fast and needs no TensorFlow import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from simulator.errors import UserError

# TFLite TensorType -> numpy dtype (the types the runtime can meet; others are named in errors)
_DTYPES = {0: np.float32, 1: np.float16, 2: np.int32, 3: np.uint8, 4: np.int64, 6: np.bool_, 7: np.int16, 9: np.int8}
_TYPE_NAMES = {0: "FLOAT32", 1: "FLOAT16", 2: "INT32", 3: "UINT8", 4: "INT64", 5: "STRING", 6: "BOOL", 7: "INT16",
               8: "COMPLEX64", 9: "INT8", 10: "FLOAT64"}
_SKIP = ("Init", "GetRootAs")


class ModelError(UserError):
    """The file is not a readable TFLite model."""


@dataclass
class TensorInfo:
    index: int
    name: str
    shape: tuple[int, ...]
    type_name: str
    dtype: Any  # numpy dtype or None for types numpy cannot hold
    scale: np.ndarray  # float32, empty when not quantized
    zero_point: np.ndarray  # int64
    quantized_dimension: int
    data: np.ndarray | None  # constant contents (weights, biases, shapes), None for activations
    is_variable: bool = False  # state that persists across invocations (e.g. an LSTM's hidden and cell state)

    @property
    def is_constant(self) -> bool:
        return self.data is not None

    @property
    def nbytes(self) -> int:
        size = int(np.prod(self.shape, dtype=np.int64)) if self.shape else 1
        return size * (np.dtype(self.dtype).itemsize if self.dtype is not None else 0)

    @property
    def per_channel(self) -> bool:
        return self.scale.size > 1


@dataclass
class OpInfo:
    index: int
    name: str  # e.g. "FULLY_CONNECTED"
    inputs: list[int]  # -1 marks an omitted optional input
    outputs: list[int]
    options: dict[str, Any] = field(default_factory=dict)
    intermediates: list[int] = field(default_factory=list)  # e.g. an LSTM's gate and hidden scales


@dataclass
class ModelInfo:
    tensors: list[TensorInfo]
    ops: list[OpInfo]
    inputs: list[int]
    outputs: list[int]
    description: str
    size_bytes: int

    def tensor(self, index: int) -> TensorInfo:
        return self.tensors[index]


def _options(op: Any) -> dict[str, Any]:
    import tflite

    kind = op.BuiltinOptionsType()
    if kind == 0:
        return {}
    names = {v: k for k, v in vars(tflite.BuiltinOptions).items() if isinstance(v, int)}
    cls = getattr(tflite, names.get(kind, ""), None)
    table = op.BuiltinOptions()
    if cls is None or table is None:
        return {}
    obj = cls()
    obj.Init(table.Bytes, table.Pos)
    result: dict[str, Any] = {}
    for attr in dir(obj):
        if not attr[:1].isupper() or attr.startswith(_SKIP) or attr.endswith(("AsNumpy", "Length", "IsNone")):
            continue
        method = getattr(obj, attr)
        try:
            result[attr] = method()
        except TypeError:
            continue  # getters of vector elements take an index
    return result


def read_model(source: bytes | str | Path, name: str | None = None) -> ModelInfo:
    """Parse a .tflite file (path or bytes)."""
    import tflite

    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or str(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ModelError(f"cannot read {path}: {exc.strerror or exc}") from None
    else:
        data = bytes(source)
        name = name or "model"
    if len(data) < 8 or data[4:8] != b"TFL3":
        raise ModelError(f"{name}: not a TensorFlow Lite model (no 'TFL3' identifier; {len(data)} bytes)")
    try:
        return _parse(tflite, data, name)
    except ModelError:
        raise
    except Exception as exc:  # flatbuffers reports truncation as IndexError/struct.error/...
        raise ModelError(f"{name}: the .tflite file is truncated or corrupt ({type(exc).__name__}: {exc})") from None


def _parse(tflite: Any, data: bytes, name: str) -> ModelInfo:
    model = tflite.Model.GetRootAsModel(data, 0)
    if model.SubgraphsLength() < 1:
        raise ModelError(f"{name}: the model has no subgraph")
    graph = model.Subgraphs(0)
    opcode_names = []
    for i in range(model.OperatorCodesLength()):
        code = model.OperatorCodes(i)
        builtin = max(code.BuiltinCode(), code.DeprecatedBuiltinCode())
        if builtin == tflite.BuiltinOperator.CUSTOM:
            custom = code.CustomCode()
            opcode_names.append(f"CUSTOM({custom.decode() if custom else '?'})")
        else:
            opcode_names.append(tflite.opcode2name(builtin))
    tensors: list[TensorInfo] = []
    for t in range(graph.TensorsLength()):
        tensor = graph.Tensors(t)
        ttype = tensor.Type()
        dtype = _DTYPES.get(ttype)
        shape = tuple(int(d) for d in tensor.ShapeAsNumpy()) if tensor.ShapeLength() else ()
        q = tensor.Quantization()
        scale = np.zeros(0, np.float32)
        zero = np.zeros(0, np.int64)
        qdim = 0
        if q is not None and q.ScaleLength():
            scale = q.ScaleAsNumpy().astype(np.float32)
            zero = q.ZeroPointAsNumpy().astype(np.int64) if q.ZeroPointLength() else np.zeros(scale.size, np.int64)
            qdim = q.QuantizedDimension()
        content = None
        buf_index = tensor.Buffer()
        if buf_index > 0 and buf_index < model.BuffersLength():
            buf = model.Buffers(buf_index)
            raw = None
            if buf.DataLength():
                raw = buf.DataAsNumpy().tobytes()
            elif buf.Offset() > 1:  # large models keep buffers after the flatbuffer
                raw = data[buf.Offset(): buf.Offset() + buf.Size()]
                if len(raw) != buf.Size():
                    raise ModelError(f"{name}: tensor {t} ({tensor.Name().decode()}) points past the end of the file")
            if raw is not None and dtype is not None:
                count = int(np.prod(shape, dtype=np.int64)) if shape else 1
                if len(raw) != count * np.dtype(dtype).itemsize:
                    raise ModelError(f"{name}: tensor {t} has {len(raw)} bytes of data for shape {shape}")
                content = np.frombuffer(raw, dtype=np.dtype(dtype).newbyteorder("<")).reshape(shape).astype(dtype)
        tensors.append(TensorInfo(t, tensor.Name().decode("utf-8", "replace"), shape, _TYPE_NAMES.get(ttype, str(ttype)),
                                  dtype, scale, zero, qdim, content, bool(tensor.IsVariable())))
    ops = []
    for i in range(graph.OperatorsLength()):
        op = graph.Operators(i)
        idx = op.OpcodeIndex()
        if idx >= len(opcode_names):
            raise ModelError(f"{name}: operator {i} uses opcode {idx}, the model defines {len(opcode_names)}")
        ops.append(OpInfo(i, opcode_names[idx], [int(x) for x in op.InputsAsNumpy()] if op.InputsLength() else [],
                          [int(x) for x in op.OutputsAsNumpy()] if op.OutputsLength() else [], _options(op),
                          [int(x) for x in op.IntermediatesAsNumpy()] if op.IntermediatesLength() else []))
    for op in ops:
        for t in op.inputs + op.outputs + op.intermediates:
            if t >= len(tensors):
                raise ModelError(f"{name}: operator {op.index} ({op.name}) names tensor {t}, the model has {len(tensors)}")
    desc = model.Description()
    return ModelInfo(
        tensors=tensors,
        ops=ops,
        inputs=[int(x) for x in graph.InputsAsNumpy()] if graph.InputsLength() else [],
        outputs=[int(x) for x in graph.OutputsAsNumpy()] if graph.OutputsLength() else [],
        description=desc.decode("utf-8", "replace") if desc else "",
        size_bytes=len(data),
    )
