"""Keras model -> full-integer int8 .tflite with TensorFlow's converter."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import numpy as np

from simulator.errors import UserError


def representative_mnist(count: int = 500, seed: int = 0) -> np.ndarray:
    from simulator.model.data import load

    train = load().train
    pick = np.random.default_rng(seed).choice(len(train.images), size=count, replace=False)
    return train.images[pick]


def to_int8_tflite(model: Any, samples: np.ndarray) -> bytes:
    """Quantize a Keras model (int8 weights per channel, int8 activations, int8 input and output)."""
    import tensorflow as tf

    shape = tuple(model.inputs[0].shape[1:])

    def representative() -> Iterable[list[np.ndarray]]:
        for x in samples:
            yield [np.asarray(x, np.float32).reshape((1, *shape))]

    import keras

    # A fixed batch of 1, as a microcontroller runs it: shapes are static, so Flatten becomes a
    # single RESHAPE instead of SHAPE/STRIDED_SLICE/PACK arithmetic on a dynamic batch.
    inputs = keras.Input(shape, batch_size=1, name="input")
    fixed = keras.Model(inputs, model(inputs), name=model.name)
    converter = tf.lite.TFLiteConverter.from_keras_model(fixed)
    converter.optimizations = [tf.lite.Optimize.DEFAULT]
    converter.representative_dataset = representative
    converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    converter.inference_input_type = tf.int8
    converter.inference_output_type = tf.int8
    try:
        return converter.convert()
    except Exception as exc:  # the converter raises many types; the user gets one line
        raise UserError(f"TensorFlow could not quantize the model to int8: {type(exc).__name__}: {exc}") from None


def keras_to_int8(path: Path) -> bytes:
    """Load a .keras file or SavedModel folder and quantize it with MNIST as calibration data."""
    import keras

    try:
        model = keras.models.load_model(path)
    except Exception as exc:  # keras raises many types for a bad file
        raise UserError(f"{path}: cannot load the Keras model ({type(exc).__name__}: {exc})") from None
    shape = tuple(model.inputs[0].shape[1:])
    if int(np.prod(shape)) != 784:
        raise UserError(
            f"{path}: input shape {shape} is not MNIST's 784 pixels; quantize it yourself with a "
            "representative dataset and pass the int8 .tflite"
        )
    samples = representative_mnist().reshape((-1, *shape))
    return to_int8_tflite(model, samples)
