"""`sim serve`: the browser simulator on http://HOST:PORT, on a production server (gunicorn + gevent)."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import sys

from simulator.errors import UserError

LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1"]
UNSAFE_FLAG = "--unsafe-no-sandbox"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="start the browser simulator (default http://127.0.0.1:5000)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0 for a classroom)")
    p.add_argument("--port", type=int, default=5000)
    p.add_argument("--workers", type=int, default=2, help="parallel builds (default 2)")
    p.add_argument("--queue", type=int, default=32, help="builds that may wait before clients hear 'busy'")
    p.add_argument("--build-backend", metavar="redis://HOST:PORT/DB",
                   help="run builds on RQ workers through Redis instead of in this process")
    p.add_argument("--message-queue", metavar="redis://HOST:PORT/DB",
                   help="share Socket.IO state with other `sim serve` processes through Redis")
    p.add_argument("--allowed-origin", action="append", metavar="URL",
                   help="origin allowed to open a socket, e.g. https://sim.school.example behind a reverse "
                        "proxy (repeatable; default: this server's own origin)")
    p.add_argument("--proxy-hops", type=int, default=0,
                   help="trusted reverse proxies in front (use their X-Forwarded-For/-Proto/-Host)")
    p.add_argument("--per-address-builds", type=int, default=16,
                   help="waiting + running builds from one address (raise it for a classroom behind one NAT)")
    p.add_argument("--per-address-connections", type=int, default=64,
                   help="open sockets from one address (raise it for a classroom behind one NAT)")
    p.add_argument("--budget-seconds", type=float, default=180.0,
                   help="compile seconds one browser may use at once (refilled at --budget-refill per second)")
    p.add_argument("--budget-refill", type=float, default=0.25)
    p.add_argument("--request-seconds", type=float, default=60.0, help="wall-time limit of one whole build")
    p.add_argument("--cache-max-mb", type=float, help="size cap of cached builds (default 2048, or SIM_CACHE_MAX_MB)")
    p.add_argument("--unbundled", action="store_true",
                   help="serve the page's modules as they are, not bundled (while editing static/js)")
    p.add_argument("--http-timeout", type=float, default=5.0,
                   help="seconds a client has to send a request's head (and idle keep-alive)")
    p.add_argument(UNSAFE_FLAG, dest="unsafe_no_sandbox", action="store_true",
                   help="DANGEROUS: serve a network address even though the build sandbox (bubblewrap) does not "
                        "work here; students' code is then compiled with this server's file access")
    p.set_defaults(func=cmd_serve)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def decide_isolation(host: str, unsafe: bool) -> str:
    """Fail closed: which isolation the builds get, or a UserError if the server must not start."""
    from simulator import sandbox

    status = sandbox.status()
    if status.available:
        return f"build isolation: {status.describe()}"
    if not is_loopback(host) and not unsafe:
        raise UserError(
            f"refusing to serve {host}: the build sandbox does not work here ({status.detail}), so students' "
            f"code would be compiled with this server's access to its files. Fix bubblewrap (see "
            f"docs/classroom-server.md), serve 127.0.0.1 only, or pass {UNSAFE_FLAG} if you accept the risk.")
    sandbox.allow_unsandboxed()
    os.environ["SIM_ALLOW_UNSANDBOXED"] = "1"
    where = "loopback only" if is_loopback(host) else f"{host} WITH {UNSAFE_FLAG}"
    return (f"build isolation: {status.describe()} -- {where}; every build is checked first for includes "
            f"and inline assembly that read files outside it")


def cmd_serve(args: argparse.Namespace) -> int:
    from gevent import monkey

    if not monkey.is_module_patched("socket"):  # simulator.cli patches first; here for a direct call
        monkey.patch_all()

    from simulator.build import toolchain
    from simulator.build.cache import clean_temporary

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    message = decide_isolation(args.host, args.unsafe_no_sandbox)
    level = logging.INFO if "bubblewrap (" in message else logging.WARNING
    logging.getLogger("sim.server").log(level, "%s", message)
    if args.cache_max_mb:
        os.environ["SIM_CACHE_MAX_MB"] = str(args.cache_max_mb)
    try:
        clean_temporary(toolchain.cache_root())
    except OSError as exc:
        raise UserError(f"the build cache is not usable: {exc.strerror or exc}") from None
    config = {
        "SIM_BUILD_WORKERS": args.workers,
        "SIM_BUILD_QUEUE": args.queue,
        "SIM_BUILD_BACKEND": args.build_backend,
        "SIM_MESSAGE_QUEUE": args.message_queue,
        "SIM_ALLOWED_ORIGINS": args.allowed_origin,
        "SIM_ALLOWED_HOSTS": LOOPBACK_HOSTS if is_loopback(args.host) and not args.allowed_origin else None,
        "SIM_PROXY_HOPS": args.proxy_hops,
        "SIM_PER_ADDRESS_BUILDS": args.per_address_builds,
        "SIM_PER_ADDRESS_CONNECTIONS": args.per_address_connections,
        "SIM_BUDGET_SECONDS": args.budget_seconds,
        "SIM_BUDGET_REFILL": args.budget_refill,
        "SIM_REQUEST_SECONDS": args.request_seconds,
        "SIM_ASYNC_MODE": "gevent",
        "SIM_UNBUNDLED": args.unbundled,
    }

    def make_app():  # noqa: ANN202  (runs in the gunicorn worker)
        from simulator.server import create_app

        from simulator.server.wire import start_memory_trimmer

        app = create_app(config)
        app.extensions["sim"].default_build.start(app.extensions["sim"].scheduler)
        start_memory_trimmer()
        return app

    from simulator.server import page_bundle, serving

    if not args.unbundled:
        page_bundle.ensure()  # the page's modules in one file, if they changed since setup.sh bundled them
    print(f"utensor-sim: open http://{args.host}:{args.port}/ (the mnist demo builds in the background)",
          flush=True)
    sys.stdout.flush()
    serving.run(make_app, args.host, args.port, http_timeout=args.http_timeout)
    return 0
