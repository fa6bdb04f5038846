"""`sim train`: the talk's MNIST MLP (784-128-64-10) or a small CNN, trained with Keras on CPU."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np

ARCHITECTURES = ("mlp", "cnn")
DEFAULT_EPOCHS = {"mlp": 8, "cnn": 8}


def build(arch: str) -> Any:
    import keras
    from keras import layers

    if arch == "mlp":
        return keras.Sequential(
            [
                keras.Input((784,), name="pixels"),
                layers.Dense(128, activation="relu"),
                layers.Dense(64, activation="relu"),
                layers.Dense(10),
                layers.Softmax(),
            ],
            name="mnist_mlp",
        )
    return keras.Sequential(
        [
            keras.Input((28, 28, 1), name="pixels"),
            layers.Conv2D(32, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(64, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(2),
            layers.Flatten(),
            layers.Dropout(0.3),
            layers.Dense(10),
            layers.Softmax(),
        ],
        name="mnist_cnn",
    )


def input_shape(arch: str) -> tuple[int, ...]:
    return (784,) if arch == "mlp" else (28, 28, 1)


def int8_accuracy(tflite_model: bytes, images: np.ndarray, labels: np.ndarray) -> float:
    """Accuracy of the int8 model under tf.lite (batched through a resized input)."""
    import tensorflow as tf

    interp = tf.lite.Interpreter(model_content=tflite_model)
    interp.allocate_tensors()
    inp = interp.get_input_details()[0]
    out_index = interp.get_output_details()[0]["index"]
    scale, zero = inp["quantization"]
    q = np.clip(np.round(images / scale) + zero, -128, 127).astype(np.int8).reshape((len(images), *inp["shape"][1:]))
    correct = 0
    for x, label in zip(q, labels):
        interp.set_tensor(inp["index"], x[None])
        interp.invoke()
        correct += int(np.argmax(interp.get_tensor(out_index)) == label)
    return correct / len(labels)


def train(arch: str, out_dir: Path, epochs: int | None = None, seed: int = 1, limit: int | None = None,
          data_dir: Path | None = None, verbose: int | None = None) -> dict[str, Any]:
    """Train, quantize and save ``NAME.keras``, ``NAME.tflite`` and ``NAME_train.json`` in out_dir."""
    import keras
    import tensorflow as tf

    from simulator.model.data import load
    from simulator.model.quantize import to_int8_tflite

    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    data = load(data_dir)
    shape = input_shape(arch)
    x_train = data.train.images.reshape((-1, *shape))
    y_train = data.train.labels
    if limit:
        x_train, y_train = x_train[:limit], y_train[:limit]
    x_test = data.test.images.reshape((-1, *shape))
    model = build(arch)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    epochs = epochs or DEFAULT_EPOCHS[arch]
    if verbose is None:  # a progress bar on a terminal, one line per epoch in logs
        import sys

        verbose = 1 if sys.stdout.isatty() else 2
    start = time.monotonic()
    model.fit(x_train, y_train, batch_size=128, epochs=epochs, shuffle=True, verbose=verbose)
    seconds = time.monotonic() - start
    float_acc = float(model.evaluate(x_test, data.test.labels, batch_size=1000, verbose=0)[1])
    rng = np.random.default_rng(seed)
    calibration = x_train[rng.choice(len(x_train), size=min(500, len(x_train)), replace=False)]
    tflite_model = to_int8_tflite(model, calibration)
    int8_acc = int8_accuracy(tflite_model, x_test, data.test.labels)
    out_dir.mkdir(parents=True, exist_ok=True)
    name = model.name
    model.save(out_dir / f"{name}.keras")
    (out_dir / f"{name}.tflite").write_bytes(tflite_model)
    report = {
        "model": name,
        "epochs": epochs,
        "seed": seed,
        "train_images": int(len(x_train)),
        "train_seconds": round(seconds, 1),
        "float_test_accuracy": round(float_acc, 4),
        "int8_test_accuracy": round(int8_acc, 4),
        "tflite_bytes": len(tflite_model),
    }
    (out_dir / f"{name}_train.json").write_text(json.dumps(report, indent=2) + "\n")
    return report
