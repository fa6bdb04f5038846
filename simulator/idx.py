"""MNIST IDX files: read and write, with clear errors for malformed input.

Format (http://yann.lecun.com/exdb/mnist/): two zero bytes, a type byte, the number of
dimensions, then each dimension as a big-endian uint32, then the data big-endian.
One module for the model pipeline, the canvas harness and the tests.
"""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np

from simulator.errors import UserError

#: IDX type byte -> numpy dtype (big-endian as stored)
IDX_TYPES: dict[int, np.dtype] = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
_CODE_BY_KIND = {(dt.kind, dt.itemsize): code for code, dt in IDX_TYPES.items()}
MAX_DIMS = 4


class IdxError(UserError):
    """The bytes are not a well-formed IDX file."""


def decode(data: bytes, name: str = "IDX data") -> np.ndarray:
    """Parse IDX bytes into a native-endian numpy array."""
    if len(data) < 4:
        raise IdxError(f"{name}: {len(data)} bytes is too short for an IDX header (need at least 4)")
    zero, type_code, ndim = struct.unpack_from(">HBB", data, 0)
    if zero != 0:
        raise IdxError(f"{name}: not an IDX file (the first two bytes must be zero, got {data[:2].hex()})")
    if type_code not in IDX_TYPES:
        raise IdxError(f"{name}: unknown IDX data type 0x{type_code:02x}")
    if not 1 <= ndim <= MAX_DIMS:
        raise IdxError(f"{name}: {ndim} dimensions (IDX files here have 1 to {MAX_DIMS})")
    header = 4 + 4 * ndim
    if len(data) < header:
        raise IdxError(f"{name}: truncated header ({len(data)} bytes, need {header})")
    dims = struct.unpack_from(f">{ndim}I", data, 4)
    dtype = IDX_TYPES[type_code]
    count = int(np.prod(dims, dtype=np.int64))
    expected = header + count * dtype.itemsize
    if len(data) != expected:
        raise IdxError(
            f"{name}: shape {'x'.join(map(str, dims))} of {dtype.name.lstrip('>')} needs "
            f"{expected} bytes, the file has {len(data)}"
        )
    array = np.frombuffer(data, dtype=dtype, count=count, offset=header).reshape(dims)
    return array.astype(dtype.newbyteorder("="))


def encode(array: np.ndarray) -> bytes:
    """Serialise a numpy array (uint8, int8, int16, int32, float32, float64) as IDX bytes."""
    array = np.asarray(array)
    code = _CODE_BY_KIND.get((array.dtype.kind if array.dtype.kind != "b" else "u", array.dtype.itemsize))
    if code is None or array.dtype.kind not in "uif":
        raise IdxError(f"cannot store dtype {array.dtype} in IDX (use uint8, int8, int16, int32, float32 or float64)")
    if not 1 <= array.ndim <= MAX_DIMS:
        raise IdxError(f"cannot store a {array.ndim}-dimensional array in IDX (1 to {MAX_DIMS})")
    header = struct.pack(f">HBB{array.ndim}I", 0, code, array.ndim, *array.shape)
    return header + np.ascontiguousarray(array, dtype=IDX_TYPES[code]).tobytes()


def read(path: str | Path) -> np.ndarray:
    """Read an IDX file, gzip-compressed or not."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise IdxError(f"{path}: broken gzip stream ({exc})") from None
    return decode(raw, str(path))


def write(path: str | Path, array: np.ndarray) -> None:
    """Write an IDX file (gzip-compressed when the name ends in .gz)."""
    path = Path(path)
    data = encode(array)
    if path.suffix == ".gz":
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)
