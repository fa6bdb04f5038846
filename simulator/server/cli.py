"""`sim serve`: the browser simulator on http://HOST:PORT."""

from __future__ import annotations

import argparse
import logging


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="start the browser simulator (default http://127.0.0.1:5000)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0 for a classroom)")
    p.add_argument("--port", type=int, default=5000)
    p.add_argument("--workers", type=int, default=2, help="parallel builds (default 2)")
    p.add_argument("--queue", type=int, default=32, help="builds that may wait before clients hear 'busy'")
    p.add_argument("--build-backend", metavar="redis://HOST:PORT/DB",
                   help="queue builds on RQ workers through Redis instead of building in this process")
    p.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from simulator.buildservice import LocalBackend
    from simulator.server.app import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    if args.build_backend:
        from simulator.buildservice.rq_backend import RQBackend

        backend = RQBackend(args.build_backend, max_queue=args.queue)
    else:
        backend = LocalBackend(workers=args.workers, max_queue=args.queue)
    app, sio = create_app(backend)
    print(f"utensor-sim: open http://{args.host}:{args.port}/ (the mnist demo builds in the background)", flush=True)
    sio.run(app, host=args.host, port=args.port, allow_unsafe_werkzeug=True, log_output=False)
    return 0
