"""The ``sim`` console script: one table of verbs, each implemented in its own module.

Modules are imported only when their verb runs, so ``sim serve`` never imports TensorFlow.
Each module exposes ``register(subparsers)`` that adds its parser(s) and sets ``func``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from simulator.errors import UserError

#: verb -> module that registers it
VERBS: dict[str, str] = {
    "train": "simulator.model.cli",
    "convert": "simulator.model.cli",
    "eval": "simulator.model.cli",
    "build": "simulator.build.cli",
    "run": "simulator.build.cli",
    "export": "simulator.export.cli",
    "digit": "simulator.harness.cli",
    "serve": "simulator.server.cli",
}


def build_parser(verb: str | None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sim",
        description="utensor-sim: train, convert, build and simulate deep learning on microcontrollers.",
    )
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    wanted = [VERBS[verb]] if verb in VERBS else list(dict.fromkeys(VERBS.values()))
    for module_name in wanted:
        importlib.import_module(module_name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    verb = next((a for a in argv if not a.startswith("-")), None)
    if verb == "serve":
        # gevent's monkey-patching must come before anything imports ssl, threading or socket, and
        # the server package's imports (Flask-SocketIO, redis) do: so before its parser is loaded.
        from gevent import monkey

        monkey.patch_all()
    parser = build_parser(verb)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"sim: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
