import gzip

import numpy as np
import pytest

from simulator import idx


@pytest.mark.parametrize("dtype", ["uint8", "int8", "int16", "int32", "float32", "float64"])
def test_round_trip_every_type(dtype, tmp_path):
    rng = np.random.default_rng(1)
    a = (rng.standard_normal((3, 5, 7)) * 100).astype(dtype)
    assert np.array_equal(idx.decode(idx.encode(a)), a)
    idx.write(tmp_path / "a.idx.gz", a)
    assert np.array_equal(idx.read(tmp_path / "a.idx.gz"), a)


def test_matches_the_mnist_layout():
    img = np.arange(784, dtype=np.uint8).reshape(28, 28)
    data = idx.encode(img)
    assert data[:4] == b"\x00\x00\x08\x02"
    assert data[4:12] == (28).to_bytes(4, "big") * 2
    assert data[12:] == img.tobytes()


@pytest.mark.parametrize(
    "payload, message",
    [
        (b"", "too short"),
        (b"\x01\x00\x08\x01\x00\x00\x00\x01\x00", "first two bytes"),
        (b"\x00\x00\x07\x01\x00\x00\x00\x01\x00", "unknown IDX data type"),
        (b"\x00\x00\x08\x09", "dimensions"),
        (b"\x00\x00\x08\x02\x00\x00\x00\x1c", "truncated header"),
        (b"\x00\x00\x08\x02\x00\x00\x00\x1c\x00\x00\x00\x1c" + b"\x00" * 700, "needs 796 bytes"),
        (b"\x00\x00\x0d\x01\x00\x00\x03\x10" + b"\x00" * 3, "needs 3144 bytes"),
    ],
)
def test_malformed_input_gets_a_clear_error(payload, message):
    with pytest.raises(idx.IdxError, match=message):
        idx.decode(payload)


def test_broken_gzip(tmp_path):
    p = tmp_path / "x.idx.gz"
    p.write_bytes(gzip.compress(idx.encode(np.zeros(4, np.uint8)))[:-6])
    with pytest.raises(idx.IdxError, match="gzip"):
        idx.read(p)


def test_unsupported_dtype():
    with pytest.raises(idx.IdxError, match="cannot store"):
        idx.encode(np.zeros(3, np.complex64))
