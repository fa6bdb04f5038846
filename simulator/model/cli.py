"""`sim train`, `sim convert`, `sim eval`: TensorFlow model in, C++ for a microcontroller out."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import numpy as np

from simulator.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="train the MNIST MLP or CNN with TensorFlow and save .keras + int8 .tflite")
    p.add_argument("--model", choices=("mlp", "cnn"), default="mlp", help="network (default: the talk's 784-128-64-10 MLP)")
    p.add_argument("-o", "--output", type=Path, default=Path("out/models"), help="folder for the files (default: out/models)")
    p.add_argument("--epochs", type=int, help="epochs (default: mlp 8, cnn 8)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1): same seed, same model")
    p.add_argument("--data", type=Path, help="folder with the four MNIST IDX files (default: the bundled copy)")
    p.add_argument("--limit", type=int, help="train on the first N images only (quick runs)")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("convert", help="generate C++ for the utensor runtime from a .tflite or Keras model")
    p.add_argument("model", type=Path, help=".tflite (int8 or float), .keras or a SavedModel folder")
    p.add_argument("-o", "--output", type=Path, required=True, help="folder for NAME.hpp, NAME.cpp, NAME_report.json")
    p.add_argument("--name", help="C identifier prefix (default: from the file name)")
    p.add_argument("--quiet", action="store_true", help="do not print the memory table")
    p.set_defaults(func=cmd_convert)

    p = sub.add_parser("eval", help="build the generated C++ natively and run it on inputs or on MNIST")
    p.add_argument("model", type=Path, help=".tflite, .keras or SavedModel")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--inputs", type=Path, help=".npy of inputs (N x input shape; int8 for int8 models)")
    src.add_argument("--mnist", action="store_true", help="print test accuracy on the 10,000 MNIST test images")
    p.add_argument("--outputs", type=Path, help=".npy to write the outputs to (with --inputs)")
    p.add_argument("--rounding", choices=("tflm", "tflite"), default="tflm",
                   help="tflm: bit-exact with TFLite Micro (default); tflite: bit-exact with tf.lite.Interpreter's "
                        "default configuration (x86-64)")
    p.add_argument("--stateful", action="store_true",
                   help="feed the inputs as one stream: a stateful model (LSTM) keeps its state from one input to "
                        "the next (default: every input starts from the reset state)")
    p.set_defaults(func=cmd_eval)


def default_name(path: Path) -> str:
    stem = path.stem if path.suffix else path.name
    name = "".join(c if c.isalnum() or c == "_" else "_" for c in stem)
    return name if name and not name[0].isdigit() else f"model_{name}"


def load_tflite(path: Path) -> bytes:
    """The int8 .tflite for a model file: read it, or quantize a Keras model on the way."""
    if not path.exists():
        raise UserError(f"{path}: no such file or folder")
    if path.suffix == ".tflite":
        return path.read_bytes()
    if path.suffix in (".keras", ".h5") or path.is_dir():
        from simulator.model.quantize import keras_to_int8

        return keras_to_int8(path)
    raise UserError(f"{path}: unknown model format (expected .tflite, .keras or a SavedModel folder)")


def convert(path: Path, out_dir: Path, name: str | None = None):
    from simulator.model.codegen import generate
    from simulator.model.tflite_reader import read_model

    data = load_tflite(path)
    model = read_model(data, str(path))
    gen = generate(model, name or default_name(path), path.name)
    return gen, data


def write(gen, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{gen.name}.hpp").write_text(gen.header)
    (out_dir / f"{gen.name}.cpp").write_text(gen.source)
    (out_dir / f"{gen.name}_report.json").write_text(json.dumps(gen.report, indent=2) + "\n")


def cmd_train(args: argparse.Namespace) -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    from simulator.model.train import train

    epochs = args.epochs
    print(f"training the {args.model.upper()} on MNIST (seed {args.seed}); TensorFlow loads first, a few seconds")
    report = train(args.model, args.output, epochs=epochs, seed=args.seed, limit=args.limit, data_dir=args.data)
    print(json.dumps(report, indent=2))
    print(f"saved {args.output / (report['model'] + '.keras')} and {args.output / (report['model'] + '.tflite')}")
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    gen, _ = convert(args.model, args.output, args.name)
    write(gen, args.output)
    if not args.quiet:
        from simulator.model.codegen import memory_table

        print(f"Memory usage of {args.model.name} on the utensor runtime:")
        print(memory_table(gen))
    print(f"wrote {args.output / (gen.name + '.hpp')}, {gen.name}.cpp, {gen.name}_report.json "
          f"(RAM {gen.plan.arena_bytes} B, flash {gen.report['flash_bytes']} B)")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from simulator.model import native

    gen, _ = convert(args.model, Path("."), None)
    exe = native.build(gen, single_rounding=args.rounding == "tflite")
    if args.mnist:
        from simulator.model.data import load

        test = load().test
        info = gen.report["input"]
        if info["type"] != "INT8":
            raise UserError("--mnist needs an int8 model (its input quantization maps pixels to int8)")
        q = np.clip(np.round(test.images.reshape(len(test.images), -1) / info["scale"]) + info["zero_point"], -128, 127)
        out, stats = native.run(exe, gen, q.astype(np.int8))
        acc = float(np.mean(np.argmax(out.reshape(len(q), -1), axis=1) == test.labels))
        print(f"int8 accuracy on the {len(q)} MNIST test images (utensor, {args.rounding} rounding): {acc:.4f}")
        keras_path = args.model.with_suffix(".keras")
        if keras_path.exists():
            import keras

            model = keras.models.load_model(keras_path)
            shape = tuple(model.inputs[0].shape[1:])
            probs = model.predict(test.images.reshape((-1, *shape)), batch_size=1000, verbose=0)
            print(f"float accuracy of {keras_path.name}: {float(np.mean(np.argmax(probs, axis=1) == test.labels)):.4f}")
        print(f"{stats['ns_per_inference'] / 1000:.1f} us per inference on this host, arena {stats['arena_touched']} B used")
        return 0
    try:
        x = np.load(args.inputs, allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise UserError(f"{args.inputs}: not a readable .npy file ({exc})") from None
    size = int(np.prod(gen.report["input"]["shape"]))
    if x.size % size:
        raise UserError(f"{args.inputs}: {x.size} values is not a whole number of inputs of {size}")
    out, stats = native.run(exe, gen, x, stream=args.stateful)
    if args.outputs:
        np.save(args.outputs, out)
        print(f"wrote {len(out)} outputs to {args.outputs}")
    else:
        print(out)
    return 0
