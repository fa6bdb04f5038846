"""`sim digit IMAGE -o tmp.idx`: the canvas harness, offline."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("digit", help="turn a drawing (PNG/JPEG) into a 28x28 MNIST IDX file")
    p.add_argument("image", type=Path, help="the drawing: dark ink on light, light on dark, or transparent")
    p.add_argument("-o", "--output", type=Path, default=Path("tmp.idx"), help="IDX file to write (default tmp.idx)")
    p.add_argument("--preview", type=Path, help="also write the 28x28 image as a PNG")
    p.set_defaults(func=cmd_digit)


def cmd_digit(args: argparse.Namespace) -> int:
    from PIL import Image

    from simulator import idx
    from simulator.harness import load_image, mnistify

    digit = mnistify(load_image(args.image))
    args.output.write_bytes(idx.encode(digit))
    print(f"wrote {args.output} (28x28 unsigned bytes, IDX)")
    if args.preview:
        Image.fromarray(digit).resize((112, 112), Image.Resampling.NEAREST).save(args.preview)
        print(f"wrote {args.preview}")
    return 0
