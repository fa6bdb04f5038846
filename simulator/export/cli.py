"""`sim export APP.cpp --board k64f|lpc1768 -o DIR`: an Mbed OS 6.17 project for a real board."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    from simulator.export import BOARDS, MBED_OS_VERSION

    p = sub.add_parser("export", help=f"write an Mbed OS {MBED_OS_VERSION} project of an app for a real board",
                       description="Write an Mbed OS project (CMakeLists.txt, mbed-os.lib, the app and the portable "
                                   "drivers, runtime and model sources it uses) that mbed-tools builds for a board.")
    p.add_argument("sources", type=Path, nargs="+", help="the app's .cpp (and .h) files, or its folder")
    p.add_argument("--board", choices=sorted(BOARDS), default="lpc1768", help="default: lpc1768")
    p.add_argument("-o", "--output", type=Path, required=True, help="the project folder to write")
    p.add_argument("--force", action="store_true", help="write into a folder that already has files")
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from simulator.export import export

    result = export(args.sources, args.board, args.output, force=args.force)
    print(f"exported {len(result.files)} files for the {result.board.mbed_target} to {result.out_dir}:")
    for f in result.files:
        print(f"  {f}")
    print("next: put Mbed OS 6.17.0 in that folder (cd there; mbed-tools deploy), then\n"
          f"  mbed-tools compile -m {result.board.mbed_target} -t GCC_ARM")
    return 0
