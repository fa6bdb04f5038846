"""`sim build` and `sim run`: one Mbed app source, three targets, two boards."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from simulator.build.boards import BOARDS, DEFAULT_BOARD
from simulator.build.toolchain import TARGETS
from simulator.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="compile an Mbed app for wasm, host or cortex-m4")
    p.add_argument("sources", type=Path, nargs="+",
                   help="the program's .cpp/.h files and mbed_app.json, or its folder")
    p.add_argument("--target", choices=TARGETS, default="wasm", help="default: wasm (the browser)")
    p.add_argument("--board", choices=sorted(BOARDS), default=DEFAULT_BOARD,
                   help=f"board profile: pin names and parts (default {DEFAULT_BOARD})")
    p.add_argument("--config", action="append", default=[], metavar="LIB.NAME=VALUE",
                   help="override an Mbed configuration parameter, as mbed_app.json's target_overrides would "
                        "(e.g. target.printf_lib=std); repeatable")
    p.add_argument("-o", "--output", type=Path, help="copy the outputs to this folder")
    p.add_argument("--json", action="store_true", help="print the result as JSON (diagnostics as data)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("run", help="build and run an app headless (host, cortex-m4 under QEMU, or wasm under node)")
    p.add_argument("sources", type=Path, nargs="+",
                   help="the program's .cpp/.h files and mbed_app.json, or its folder")
    p.add_argument("--target", choices=TARGETS, default="host")
    p.add_argument("--board", choices=sorted(BOARDS), default=DEFAULT_BOARD)
    p.add_argument("--config", action="append", default=[], metavar="LIB.NAME=VALUE",
                   help="override an Mbed configuration parameter (e.g. target.printf_lib=std); repeatable")
    p.add_argument("--until", default="2s", help="simulated time to run, e.g. 1500ms or 3s (default 2s)")
    p.add_argument("--press", action="append", default=[], metavar="NAME@TIME[:HOLD]",
                   help="press a button or any input pin, e.g. BUTTON1@500ms, SW2@1s:200ms (repeatable)")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE[@TIME]",
                   help="set an input: a device's (temp=31.5), a pot (pot1=0.25@2s) or a pin level 0..1 (A0=0.7)")
    p.add_argument("--stdin", metavar="TEXT[@TIME]", action="append", default=[],
                   help="type TEXT into the serial console (\\n for Enter), at the start or at TIME "
                        "(hello@500ms); repeatable; '-' reads it from standard input")
    p.add_argument("--fs", type=Path, help="folder to serve as the app's /fs")
    p.add_argument("--image", type=Path, help="a drawing: converted to /fs/tmp.idx (and BUTTON1 pressed at 100ms)")
    p.add_argument("--lcd-png", type=Path, help="save the final LCD as a PNG")
    p.add_argument("--report", type=Path, metavar="FILE.json",
                   help="write the run report: status, serial, pins, pin_names, lcd_text, error")
    p.set_defaults(func=cmd_run)


def _overrides(items: list[str]) -> dict:
    from simulator.build.mbed_config import parse_override

    return dict(parse_override(item) for item in items)


def _print_result(result, as_json: bool, sources: list[Path]) -> None:
    """Diagnostics as the compiler shows them (source line, caret), each with its Mbed hint."""
    from simulator.build.diagnostics import render
    from simulator.build.sources import collect

    if as_json:
        print(json.dumps(result.to_dict(), indent=2))
        return
    try:
        files, shown = collect(sources)
        texts = {shown[name]: text for name, text in files.items()}
    except UserError:
        texts = {}
    last = None
    for d in result.diagnostics:
        if d.severity == "note" and d.file not in texts:
            continue  # notes inside the Mbed layer explain its internals, not the student's code
        where = (d.file, d.line, d.col)
        print(render(d, texts.get(d.file) if where != last else None), file=sys.stderr)
        last = where


def cmd_build(args: argparse.Namespace) -> int:
    from simulator.build import build

    result = build(args.sources, args.target, args.output, board=args.board, config=_overrides(args.config))
    _print_result(result, args.json, args.sources)
    if not result.ok:
        if not args.json:
            print(f"sim: build failed ({len([d for d in result.diagnostics if d.severity == 'error'])} error(s))",
                  file=sys.stderr)
        return 1
    if not args.json:
        hit = " (cached)" if result.cache_hit else ""
        print(f"built {args.target} for {args.board} in {result.seconds:.2f} s{hit}: " +
              ", ".join(str(p) for p in result.outputs.values()))
        if result.sizes:
            print("sizes: " + ", ".join(f"{k} {v} B" for k, v in result.sizes.items()))
    return 0


def _stdin_text(value: str | None) -> bytes:
    if value is None:
        return b""
    if value == "-":
        return sys.stdin.buffer.read()
    return value.encode().decode("unicode_escape").encode("latin-1", "replace")


def _typed(values: list[str]) -> list[tuple[float, bytes]]:
    """--stdin values -> [(at_ms, text), ...]: TEXT is typed at the start, TEXT@TIME at TIME."""
    from simulator.build.runner import _ms

    first, later = b"", []
    for value in values:
        text, sep, when = value.rpartition("@")
        at_ms = None
        if sep:
            try:
                at_ms = _ms(when)
            except ValueError:
                at_ms = None
        if at_ms is None:
            first += _stdin_text(value)
        else:
            later.append((at_ms, _stdin_text(text)))
    return ([(0.0, first)] if first else []) + sorted(later, key=lambda item: item[0])


def cmd_run(args: argparse.Namespace) -> int:
    from simulator.build import build
    from simulator.build.runner import Press, RunConfig, SetInput, _ms, run_config

    presses = [Press.parse(p, args.board) for p in args.press]
    sets = [SetInput.parse(s, args.board) for s in args.set]
    try:
        until = _ms(args.until)
    except ValueError:
        raise UserError(f"--until {args.until!r}: expected a time such as 1500ms or 3s") from None
    if args.fs is not None and not args.fs.is_dir():
        raise UserError(f"--fs {args.fs}: not a folder")
    if args.image is not None and not args.image.is_file():
        raise UserError(f"--image {args.image}: no such file")
    stdin = _typed(args.stdin)
    result = build(args.sources, args.target, board=args.board, config=_overrides(args.config))
    if not result.ok:
        _print_result(result, False, args.sources)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        fs_dir = args.fs
        if args.image:
            import shutil

            from simulator.harness import image_to_idx

            fs_dir = Path(tmp) / "fs"
            if args.fs:
                shutil.copytree(args.fs, fs_dir)
            else:
                fs_dir.mkdir()
            (fs_dir / "tmp.idx").write_bytes(image_to_idx(args.image))
            if not presses:
                presses = [Press("BUTTON1", 100.0)]
        config = RunConfig(until_ms=until, presses=presses, sets=sets, stdin=stdin, fs_dir=fs_dir, board=args.board)
        out = run_config(result.outputs, args.target, config)
    sys.stdout.write(out.serial)
    if out.serial and not out.serial.endswith("\n"):
        print()
    if out.lcd_text:
        print("LCD:")
        for line in out.lcd_text:
            print(f"  {line}")
    print(f"[sim] {out.summary()}", file=sys.stderr)
    if args.report:
        args.report.write_text(json.dumps(out.report(), indent=2) + "\n")
    if args.lcd_png and out.lcd_pixels is not None:
        from PIL import Image

        Image.fromarray((1 - out.lcd_pixels) * 255).resize((512, 128), Image.Resampling.NEAREST).save(args.lcd_png)
        print(f"saved the LCD to {args.lcd_png}")
    return 1 if out.status == "crashed" else 0
